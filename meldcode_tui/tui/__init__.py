"""The Textual front end: the app, its screens and its widgets."""
