"""Where the user's history lives: one SQLite file, written so that nothing is lost.

Imports the domain and sqlite-utils, never Qt. sqlite-utils costs about 0.3 s to
import (it brings numpy, click and dateutil), so the app loads this package only
after its window is on screen.
"""
