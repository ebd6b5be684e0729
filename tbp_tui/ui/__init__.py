"""The learner app: Textual screens and widgets over the course model and the progress store."""
