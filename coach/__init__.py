"""Coach: a desktop coach for eccentric heel-drop rehab of Achilles tendinopathy.

The package is layered (see README "How it is built"): `coach.domain` holds the
pure workout model, `coach.ui` the Qt windows, `coach.cli` the command line.
"""

__version__ = "0.1.0"
