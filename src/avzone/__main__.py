"""Run the command line as ``python -m avzone``."""

from avzone.cli import run

run()
