"""Widgets that render course objects; they never read files or touch the store directly."""
