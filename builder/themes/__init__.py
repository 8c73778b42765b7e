"""Themes: the default theme's files (`default/`) and the code that reads a theme's measurements
without writing anything, so checks and formats read the same numbers."""
