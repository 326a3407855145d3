"""``python -m tactful``: the same CLI as the ``tactful`` command."""

from tactful.cli import main

main()
