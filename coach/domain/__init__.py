"""The workout model: protocols, settings, plan, timeline, engine.

Pure Python on the standard library only (an import-linter contract enforces
it), so every rule here is testable without a window, a sound card or a disk.
"""
