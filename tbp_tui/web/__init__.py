"""`tbp serve`: the course in a browser tab for participants without an SSH client.

Optional (`pip install tbp-tui[web]`): Textualize's textual-serve is the engine; this package
adds tbp's own page, a session cap, an idle limit and the per-tab entry point (`tab`).
"""
