"""Where the user's history lives: one SQLite file, written so that nothing is lost.

Imports the domain and sqlite-utils, never Qt. The app loads this package after its
window is on screen; the repositories read through the standard library's sqlite3,
and sqlite-utils (about 0.2 s to import, numpy included) loads at the first write,
after the Today page is usable (`coach.storage.database.Database.sql`).
"""
