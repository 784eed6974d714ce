"""Sound: the cue track rendered from the timeline (numpy) and its Qt player.

Only `coach.audio.player` imports Qt; the track is plain numpy, so the exact
sample of every sound can be tested without a sound card.
"""
