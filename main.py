"""Start Atelier: the studio window by default, or a headless subcommand."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
