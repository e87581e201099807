"""The command line from a source checkout: ``python cli.py extract …`` (see ``pipeline/cli.py``).

Installed, the same command is ``newsie …`` or ``python -m pipeline …``.
"""

from pipeline.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
