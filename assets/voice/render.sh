#!/usr/bin/env bash
# Renders Coach's voice prompts into WAV clips with espeak-ng and sox, so that the
# app never depends on a text-to-speech engine being installed. Run it after
# changing a phrase: `bash assets/voice/render.sh`, then commit the WAV files.
# Output: 48 kHz, 16-bit, mono (the cue track's format), silence trimmed at both
# ends so each clip starts exactly on its cue and ends well before the next one.
set -euo pipefail
cd "$(dirname "$0")"

voice="en-gb"
speed=175   # words per minute: brisk, so a prompt fits the 1 s phases

# clip name | what is said   (the names are the ones coach.audio.track asks for)
phrases=(
    "up_left|up on the left"
    "up_right|up on the right"
    "step_up|step up"
    "pull_up|pull up"
    "onto_left|onto the left"
    "onto_right|onto the right"
    "lower_left|lower on the left"
    "lower_right|lower on the right"
    "back|and back"
    "rest|rest"
    "get_ready|get ready"
    "done|session done"
    "count_2|two"
    "count_3|three"
    "count_4|four"
    "count_5|five"
    "count_6|six"
    "count_7|seven"
    "count_8|eight"
    "count_9|nine"
    "count_10|ten"
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for entry in "${phrases[@]}"; do
    name=${entry%%|*}
    text=${entry#*|}
    espeak-ng -v "$voice" -s "$speed" -w "$tmp/raw.wav" "$text"
    # Trim silence at the start, then (reversed) at the end; resample to 48 kHz.
    sox "$tmp/raw.wav" -r 48000 -b 16 -c 1 "$name.wav" \
        silence 1 0.005 0.5% reverse silence 1 0.005 0.5% reverse
    printf '%-12s %s s  "%s"\n' "$name" "$(soxi -D "$name.wav")" "$text"
done
