"""``python -m kgbuild`` runs the command line."""

from .cli import main

main()
