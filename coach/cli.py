"""The `coach` command: opens the app, or runs a subcommand for scripting and support.

Every bad value exits with status 2 and one line naming the option and what it
accepts; a user never sees a traceback for something they typed.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from coach import __version__
from coach.domain.plan import plan
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured, Limit, SettingError, Settings
from coach.domain.summary import summarize
from coach.domain.timeline import timeline


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line (no usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _number(limit: Limit) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if limit.whole and math.isfinite(value) and value.is_integer():
            value = int(value)
        try:
            limit.check(value)
        except SettingError as e:
            raise argparse.ArgumentTypeError(f"must be {limit.describe()} (got {text!r})") from e
        return value

    return parse


def _choice(names: Sequence[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in names:
            raise argparse.ArgumentTypeError(f"must be one of {', '.join(names)} (got {text!r})")
        return text

    return parse


_SETTING_OPTIONS = {
    "lower_seconds": ("--lower-seconds", "S", "seconds to lower the heel"),
    "rest_seconds": ("--rest-seconds", "S", "rest between sets"),
    "reps": ("--reps", "N", "reps per set"),
    "sets": ("--sets", "N", "sets of each exercise"),
    "load_kg": ("--load-kg", "K", "added load, e.g. a backpack"),
    "get_ready_seconds": ("--get-ready-seconds", "S", "countdown before the first set"),
}
_INJURED = [i.value for i in Injured]


def _add_workout_options(p: argparse.ArgumentParser) -> None:
    defaults = Settings()
    p.add_argument(
        "--protocol",
        type=_choice(list(PROTOCOLS)),
        metavar="{" + ",".join(PROTOCOLS) + "}",
        help="alfredson: midportion pain (off a step); jonsson: insertional pain (flat floor)",
    )
    p.add_argument(
        "--injured",
        type=_choice(_INJURED),
        metavar="{" + ",".join(_INJURED) + "}",
        help="which Achilles tendon hurts",
    )
    for name, (flag, metavar, what) in _SETTING_OPTIONS.items():
        limit = LIMITS[name]
        p.add_argument(
            flag,
            dest=name,
            type=_number(limit),
            default=getattr(defaults, name),
            metavar=metavar,
            help=f"{what}: {limit.describe()} (default {getattr(defaults, name)})",
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="coach",
        description="Coach: eccentric heel-drop rehab for Achilles tendinopathy. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="open the window, wait until it is painted, then exit (a smoke test)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    plan_cmd = commands.add_parser(
        "plan", help="print a session plan (or its full timeline with --json)"
    )
    _add_workout_options(plan_cmd)
    plan_cmd.add_argument(
        "--json", action="store_true", help="print every cue with its time, as JSON"
    )

    cues_cmd = commands.add_parser(
        "cues", help="write the exact sound track a workout plays, as a WAV file"
    )
    _add_workout_options(cues_cmd)
    cues_cmd.add_argument(
        "--out", type=_wav_path, metavar="FILE.wav", help="where to write the track (required)"
    )

    bench_cmd = commands.add_parser("bench", help="measure Coach's speed (medians and ratios)")
    bench_cmd.add_argument(
        "--runs",
        type=_number(Limit("runs", 3, 200, "", whole=True)),
        default=11,
        metavar="N",
        help="runs of each measurement: a whole number from 3 to 200 (default 11)",
    )
    bench_cmd.add_argument("--json", action="store_true", help="print the results as JSON")
    return parser


def _wav_path(text: str) -> Path:
    path = Path(text).expanduser()
    if path.suffix.lower() != ".wav":
        raise argparse.ArgumentTypeError(f"must be a file name ending in .wav (got {text!r})")
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(path.parent)!r} does not exist")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder")
    return path


class UsageError(Exception):
    """A command line that parsed but cannot run; `str()` is the one-line message."""


def _settings_from(args: argparse.Namespace) -> Settings:
    for flag, allowed in (("protocol", list(PROTOCOLS)), ("injured", _INJURED)):
        if getattr(args, flag) is None:
            raise UsageError(f"argument --{flag}: required, one of {', '.join(allowed)}")
    values = {name: getattr(args, name) for name in _SETTING_OPTIONS}
    return Settings(injured=Injured(args.injured), **values)


def _cmd_plan(args: argparse.Namespace) -> int:
    settings = _settings_from(args)
    tl = timeline(plan(PROTOCOLS[args.protocol], settings))
    if args.json:
        import json  # noqa: PLC0415 - only this command needs it

        json.dump(tl.to_document(), sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summarize(tl).as_text())
    return 0


def _cmd_cues(args: argparse.Namespace) -> int:
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


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # The reader went away (`coach plan | head`): not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "plan":
            return _cmd_plan(args)
        if args.command == "cues":
            return _cmd_cues(args)
    except UsageError as e:
        print(f"coach {args.command}: error: {e}", file=sys.stderr)
        return 2
    if args.command == "bench":
        from coach import bench  # noqa: PLC0415 - keeps the benchmark code out of start-up

        return bench.run(runs=args.runs, as_json=args.json)
    from coach.ui import app  # noqa: PLC0415 - Qt loads only when a window is wanted

    return app.run(quit_after_show=args.quit_after_show)
