"""The workout page: the session drawn large, its pain panel, metronome and summary."""
