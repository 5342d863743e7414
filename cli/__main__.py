"""``python -m cli`` runs the ``rasd`` command."""

from cli.main import main

main()
