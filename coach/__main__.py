"""`python -m coach`: the same as the `coach` command."""

import sys

from coach.cli import main

sys.exit(main())
