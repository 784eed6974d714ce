"""The `coach` command line's one definition: the app's options, every command's, and
the types that check their values.

Every bad value exits with status 2 and one line naming the option and what it
accepts. `build_parser` is the whole command line; `app_parser` is its first part, the
options of `coach` itself, which opens the app; `opens_the_app` reads off that same
parser whether a command line needs no more than it.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from coach import __version__, qt_check
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured, Limit, SettingError, Settings


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line (no usage block).

    It takes no abbreviations (`--data` for `--data-dir`): only the options as
    documented work, and an option added later cannot change what an old command
    line means. Its commands are _Parsers too (add_subparsers uses the parser's class).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"allow_abbrev": False, **kwargs})

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {one_line(message)}\n")


def one_line(message: str) -> str:
    """`message` with its line breaks escaped: a file name holding one cannot split it."""
    return "".join(repr(c)[1:-1] if c in _LINE_BREAKS else c for c in message)


_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")  # str.splitlines()'s


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


SETTING_OPTIONS = {
    "lower_seconds": ("--lower-seconds", "S", "seconds to lower the heel"),
    "rest_seconds": ("--rest-seconds", "S", "rest between sets"),
    "reps": ("--reps", "N", "reps per set"),
    "sets": ("--sets", "N", "sets of each exercise"),
    "load_kg": ("--load-kg", "K", "added load, e.g. a backpack"),
    "get_ready_seconds": ("--get-ready-seconds", "S", "countdown before the first set"),
}
INJURED = [i.value for i in Injured]


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
        type=_choice(INJURED),
        metavar="{" + ",".join(INJURED) + "}",
        help="which Achilles tendon hurts",
    )
    for name, (flag, metavar, what) in SETTING_OPTIONS.items():
        limit = LIMITS[name]
        p.add_argument(
            flag,
            dest=name,
            type=_number(limit),
            default=getattr(defaults, name),
            metavar=metavar,
            help=f"{what}: {limit.describe()} (default {getattr(defaults, name)})",
        )


_DATA_DIR_HELP = (
    "the folder holding Coach's data (default: $COACH_DATA_DIR, else the platform's "
    "app-data folder, ~/.local/share/coach on Linux)"
)


def _add_data_dir(p: argparse.ArgumentParser, default: object) -> None:
    p.add_argument(
        "--data-dir", type=_folder_name, metavar="DIR", default=default, help=_DATA_DIR_HELP
    )


def _add_verbose(p: argparse.ArgumentParser, default: object) -> None:
    p.add_argument(
        "--verbose", action="store_true", default=default,
        help=f"let Qt print its own messages too (as does {qt_check.DEBUG_VAR}=1)",
    )  # fmt: skip


def _folder_name(text: str) -> str:
    # "" would mean the default folder (or, as a Path, this one): `--data-dir "$UNSET"`.
    if not text:
        raise argparse.ArgumentTypeError("must be a folder name (got '')")
    return text


def _folder_path(text: str) -> Path:
    return Path(_folder_name(text))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date as YYYY-MM-DD (got {text!r})") from None


def app_parser() -> argparse.ArgumentParser:
    """The options of `coach` itself, which opens the app: build_parser adds the commands."""
    parser = _Parser(
        prog="coach",
        description="Coach: eccentric heel-drop rehab for Achilles tendinopathy. "
        "Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"coach {__version__}")
    _add_data_dir(parser, None)
    _add_verbose(parser, default=False)
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="open the window, wait until it is painted, then exit (a smoke test)",
    )
    parser.set_defaults(command=None)
    return parser


def opens_the_app(argv: Sequence[str], app: argparse.ArgumentParser | None = None) -> bool:
    """Whether `argv` holds nothing but the app's own options (and their values).

    Then `app_parser` reads it exactly as build_parser would (it is build_parser's first
    part), without building the parsers of every command (about 5 ms, a tenth of what
    start-up may add to a bare Qt window: `coach bench`). The options are read off the
    app parser itself (`app`, or a new one), so they cannot drift from it. Anything else
    (a command, --help, --version, a typo) gets the full parser, and its messages.
    """
    takes_value = _app_options(app or app_parser())
    value_next = False
    for arg in argv:
        if value_next:
            value_next = False
        elif arg.partition("=")[1] and takes_value.get(arg.partition("=")[0]):
            continue  # --data-dir=DIR
        elif arg in takes_value:
            value_next = takes_value[arg]
        else:
            return False
    return True


def _app_options(parser: argparse.ArgumentParser) -> dict[str, bool]:
    """Each option of `coach` that opens the app, and whether it takes a value.

    --help and --version are left out: what they print names the commands too.
    """
    return {
        flag: action.nargs != 0
        for action in parser._actions  # argparse lists its options nowhere public
        if action.dest not in ("help", "version")
        for flag in action.option_strings
    }


def build_parser() -> argparse.ArgumentParser:
    parser = app_parser()
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

    export_cmd = commands.add_parser(
        "export", help="write the history as CSV (one row per set) or JSON (everything)"
    )
    export_cmd.add_argument(
        "--format", type=_choice(["csv", "json"]), metavar="{csv,json}", help="required"
    )
    export_cmd.add_argument("--out", type=_out_path, metavar="FILE", help="required")
    export_cmd.add_argument(
        "--from", dest="first", type=_day, metavar="YYYY-MM-DD", help="first day to include"
    )
    export_cmd.add_argument(
        "--to", dest="last", type=_day, metavar="YYYY-MM-DD", help="last day to include"
    )

    report_cmd = commands.add_parser(
        "report", help="write a PDF report for a clinician: program, adherence, pain, VISA-A"
    )
    report_cmd.add_argument(
        "--out", type=_out_path, metavar="FILE.pdf", help="where to write the report (required)"
    )
    report_cmd.add_argument(
        "--from", dest="first", type=_day, metavar="YYYY-MM-DD",
        help="first day to report on (default: the first day with data)",
    )  # fmt: skip
    report_cmd.add_argument(
        "--to", dest="last", type=_day, metavar="YYYY-MM-DD",
        help="last day to report on (default: today, or the last day with data)",
    )  # fmt: skip

    schedule_cmd = commands.add_parser(
        "schedule", help="write the program's sessions as a calendar file (iCalendar, .ics)"
    )
    schedule_cmd.add_argument(
        "--out", type=_out_path, metavar="FILE.ics", help="where to write the calendar (required)"
    )
    schedule_cmd.add_argument(
        "--timezone", type=_zone_name, metavar="NAME",
        help="the time zone of the session times, e.g. Europe/London (default: this "
        "computer's; without one, plain local times)",
    )  # fmt: skip

    commands.add_parser(
        "doctor", help="check Coach's data, sound and files, and print what support needs"
    )

    shots_cmd = commands.add_parser(
        "screenshots", help="render every main page from made-up data into PNG files"
    )
    shots_cmd.add_argument(
        "--out",
        type=_folder_path,
        metavar="DIR",
        help="the folder for the PNG files (required)",
    )

    import_cmd = commands.add_parser("import", help="add the sessions of a JSON export")
    import_cmd.add_argument("file", type=Path, metavar="FILE", help="a file from coach export")

    demo_cmd = commands.add_parser(
        "demo", help="fill an empty data folder with a made-up program history, to try Coach"
    )
    demo_cmd.add_argument(
        "--weeks",
        type=_number(Limit("weeks", 1, 520, "", whole=True)),
        metavar="N",
        help="weeks of history: a whole number from 1 to 520 (required)",
    )
    demo_cmd.add_argument(
        "--seed",
        type=_number(Limit("seed", 0, 2**31 - 1, "", whole=True)),
        default=1,
        metavar="S",
        help="the same seed makes the same history (default 1)",
    )

    commands.add_parser(
        "install-desktop",
        help="put Coach in your applications menu, with its icon (this user only; "
        "in $XDG_DATA_HOME, default ~/.local/share)",
    )
    commands.add_parser(
        "uninstall-desktop",
        help="remove what install-desktop put in place, and nothing else",
    )
    for command in commands.choices.values():
        _add_data_dir(command, argparse.SUPPRESS)  # given after the command, it wins
        _add_verbose(command, default=argparse.SUPPRESS)
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


def _out_path(text: str) -> Path:
    path = Path(text).expanduser()
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"folder {str(path.parent)!r} does not exist")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"{text!r} is a folder")
    return path


def _zone_name(text: str) -> str:
    from coach.reports.calendar import zone_named  # noqa: PLC0415 - storage only when needed

    if zone_named(text) is None:
        raise argparse.ArgumentTypeError(
            f"must be a time zone name such as Europe/London or America/New_York (got {text!r})"
        )
    return text


class UsageError(Exception):
    """A command line that parsed but cannot run; `str()` is the one-line message."""
