"""Start Atelier with ``python -m app``, the same as ``python main.py``."""

import sys

from app.cli import main

# Spawning the geometry and export processes imports this module again
# under another name, so only a command run by hand starts Atelier.
if __name__ == "__main__":
    # Without it, Python 3.11's argparse takes the name from sys.argv[0]
    # and prints "usage: __main__.py".
    sys.exit(main(prog="python -m app"))
