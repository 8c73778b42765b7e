"""The exit statuses of `voces`: 0 done, 1 findings or a failed build, 2 a usage
error, 3 a bug in voces. Apart from cli.py so that what reports a build's end
(build_report.py) says the same without importing the command line."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3
