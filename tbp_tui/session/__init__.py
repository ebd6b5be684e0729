"""The learner's session, for both front-ends (the full app and plain mode).

The one place that answers: what is the approach, which steps does this learner see, what was
answered, what counts as seen or skipped, and what may be stored. Front-ends ask here and never
reach into the progress store; plain Python, no Textual.
"""
