"""`coach plan` and `coach cues`: a workout's plan as text or JSON, and its sound track."""

from __future__ import annotations

import argparse
import sys

from coach.cli.parser import INJURED, SETTING_OPTIONS, UsageError
from coach.domain.plan import plan
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import Injured, Settings
from coach.domain.summary import summarize
from coach.domain.timeline import timeline


def _settings_from(args: argparse.Namespace) -> Settings:
    for flag, allowed in (("protocol", list(PROTOCOLS)), ("injured", INJURED)):
        if getattr(args, flag) is None:
            raise UsageError(f"argument --{flag}: required, one of {', '.join(allowed)}")
    values = {name: getattr(args, name) for name in SETTING_OPTIONS}
    return Settings(injured=Injured(args.injured), **values)


def cmd_plan(args: argparse.Namespace) -> int:
    settings = _settings_from(args)
    tl = timeline(plan(PROTOCOLS[args.protocol], settings))
    if args.json:
        import json  # noqa: PLC0415 - only this command needs it

        json.dump(tl.to_document(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summarize(tl).as_text())
    return 0


def cmd_cues(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("argument --out: required, a file name ending in .wav")
    settings = _settings_from(args)
    from coach.audio.track import CueTrack, Voice  # noqa: PLC0415 - numpy only when needed

    voice = Voice.load()
    if voice.missing:
        print(
            f"coach cues: warning: voice clips missing ({', '.join(voice.missing)}); "
            "the track has beats and chimes without those words",
            file=sys.stderr,
        )
    track = CueTrack(timeline(plan(PROTOCOLS[args.protocol], settings)), voice)
    try:
        track.write_wav(args.out)
    except OSError as e:
        print(f"coach cues: error: cannot write {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0
