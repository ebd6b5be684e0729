"""tbp-tui: a terminal course runner for traumebevisst praksis."""

__version__ = "0.1.0"
