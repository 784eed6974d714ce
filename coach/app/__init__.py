"""The application layer: what the app decides, between the data and the widgets.

`WorkoutSession` runs one workout (engine, sound, record, journal); `AppModel` owns the
history, the preferences and every write, and says what changed. Nothing here draws:
QtCore's signals at most, never a widget.
"""
