"""One module per screen; each screen reads strings from the catalog and styles from a .tcss file."""
