"""`python -m leaflet` runs the command-line interface."""

from leaflet.cli import main

main()
