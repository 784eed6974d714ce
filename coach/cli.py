"""The `coach` command: opens the app, or runs a subcommand for scripting and support.

Every bad value exits with status 2 and one line naming the option and what it
accepts; a user never sees a traceback for something they typed. Nor for a system
library that Qt needs and that is missing: one line names it and its package, status 1.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from coach import __version__, qt_check
from coach.domain.plan import plan
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured, Limit, SettingError, Settings
from coach.domain.summary import summarize
from coach.domain.timeline import timeline

if TYPE_CHECKING:
    from coach.storage.database import Database


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a single line (no usage block).

    It takes no abbreviations (`--data` for `--data-dir`): only the options as
    documented work, and an option added later cannot change what an old command
    line means. Its commands are _Parsers too (add_subparsers uses the parser's class).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"allow_abbrev": False, **kwargs})

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {_one_line(message)}\n")


def _one_line(message: str) -> str:
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


def _app_parser() -> argparse.ArgumentParser:
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


def opens_the_app(argv: Sequence[str]) -> bool:
    """Whether `argv` holds nothing but the app's own options (and --data-dir's value).

    Then _app_parser reads it exactly as build_parser would, without building the
    parsers of every command (about 5 ms, a tenth of what start-up may add to a bare
    Qt window: `coach bench`). Anything else (a command, --help, a typo) gets the full
    parser, and its messages.
    """
    value_next = False
    for arg in argv:
        if value_next or arg in ("--quit-after-show", "--verbose") or arg.startswith("--data-dir="):
            value_next = False
        elif arg == "--data-dir":
            value_next = True
        else:
            return False
    return True


def build_parser() -> argparse.ArgumentParser:
    parser = _app_parser()
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


def _cmd_export(args: argparse.Namespace) -> int:
    if args.format is None:
        raise UsageError("argument --format: required, one of csv, json")
    if args.out is None:
        raise UsageError("argument --out: required, the file to write")
    folder = _period_and_data(args, "export")
    if folder is None:
        return 1
    # sqlite-utils only when needed
    from coach.storage.database import (  # noqa: PLC0415
        DB_NAME,
        CorruptDatabaseError,
        Database,
        check_file,
    )

    try:
        with Database.reading(folder) as store:
            _export(args, store, None)
    except CorruptDatabaseError as e:
        # A damaged history (a row that breaks a CHECK constraint) still exports what it
        # can. An empty file, or one that is not SQLite, holds nothing: that error stands.
        check_file(folder / DB_NAME)
        if args.format == "csv":
            print(f"coach export: error: {e} A JSON export (--format json) saves what the "
                  "damage spared, and says what it left out.", file=sys.stderr)  # fmt: skip
            return 1
        print(f"coach export: warning: {e}", file=sys.stderr)
        skipped: list[str] = []
        with Database.reading(folder, check=False) as store:
            _export(args, store, skipped)
        more = f"; and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        print(f"coach export: warning: left out what fails the import's checks: "
              f"{'; '.join(skipped[:5])}{more}", file=sys.stderr)  # fmt: skip
    return 0


def _export(args: argparse.Namespace, store: Database, salvage: list[str] | None) -> None:
    from coach.storage import csv_export, json_export  # noqa: PLC0415 - sqlite-utils when needed

    if args.format == "csv":
        rows = csv_export.export_csv(store, args.out, args.first, args.last)
        print(f"Wrote {rows} rows to {args.out}")
    else:
        sessions = json_export.export_json(store, args.out, args.first, args.last, salvage=salvage)
        print(f"Wrote {sessions} sessions to {args.out}")


def _period_and_data(args: argparse.Namespace, command: str) -> Path | None:
    """The data folder for a command that reads `--from`/`--to`; None if it holds no data."""
    if args.first and args.last and args.first > args.last:
        raise UsageError(f"--from {args.first} is after --to {args.last}")
    from coach.storage.database import DB_NAME  # noqa: PLC0415 - sqlite-utils only when needed

    folder = _data_dir(args)
    if not (folder / DB_NAME).exists():
        print(f"coach {command}: error: no Coach data in {folder}", file=sys.stderr)
        return None
    return folder


def _cmd_report(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("argument --out: required, a file name ending in .pdf")
    if args.out.suffix.lower() != ".pdf":
        raise UsageError(f"argument --out: must be a file name ending in .pdf (got {args.out})")
    folder = _period_and_data(args, "report")
    if folder is None:
        return 1
    if problem := qt_check.platform_problem():  # the PDF needs Qt's fonts, and so a display
        print(problem, file=sys.stderr)
        return 1
    from coach.reports import pdf  # noqa: PLC0415 - QtGui only when needed
    from coach.storage.history import History  # noqa: PLC0415 - sqlite-utils only when needed

    with pdf.application(), History.reading(folder) as store:
        summary = pdf.write_report(store, args.out, args.first, args.last)
    pages = f"{summary.pages} page{'s' if summary.pages > 1 else ''}"
    period = "no data yet" if summary.first is None else f"{summary.first} to {summary.last}"
    print(f"Wrote {args.out} ({pages}, {period})")
    return 0


def _cmd_schedule(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("argument --out: required, a file name ending in .ics")
    if args.out.suffix.lower() != ".ics":
        raise UsageError(f"argument --out: must be a file name ending in .ics (got {args.out})")
    from coach.reports import calendar  # noqa: PLC0415 - sqlite-utils only when needed
    from coach.storage.database import DB_NAME  # noqa: PLC0415
    from coach.storage.history import History  # noqa: PLC0415

    folder = _data_dir(args)
    no_program = (
        f"coach schedule: error: no program in {folder}: set up a 12-week program in the "
        "Coach app (on the Today page) first"
    )
    if not (folder / DB_NAME).exists():
        print(no_program, file=sys.stderr)
        return 1
    zone = args.timezone or calendar.local_zone_name()
    with History.reading(folder) as store:
        try:
            summary = calendar.write_schedule(store.programs, args.out, zone)
        except calendar.NoProgramError:
            print(no_program, file=sys.stderr)
            return 1
    print(summary.describe(args.out))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from coach.storage import json_import  # noqa: PLC0415 - sqlite-utils only when needed
    from coach.storage.database import Database  # noqa: PLC0415

    try:
        document = json_import.read_document(args.file)
    except json_import.ImportFileError as e:
        raise UsageError(str(e)) from e
    with _locked(_data_dir(args)) as folder, Database.open(folder) as store:
        result = json_import.import_document(store, document)
    print(result.describe())
    return 0


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _cmd_demo(args: argparse.Namespace) -> int:
    if args.weeks is None:
        raise UsageError("argument --weeks: required, a whole number from 1 to 520")
    from coach.storage import demo  # noqa: PLC0415 - sqlite-utils only when needed
    from coach.storage.database import Database  # noqa: PLC0415

    with _locked(_data_dir(args)) as folder, Database.open(folder) as store:
        try:
            result = demo.fill(store, args.weeks, args.seed)
        except demo.DemoRefusedError as e:
            raise UsageError(str(e)) from e
    print(
        f"Wrote {_count(result.sessions, 'session')} ({_count(result.sets, 'set')}), "
        f"{_count(result.programs, 'program')}, {_count(result.checkins, 'morning check-in')} "
        f"and {_count(result.visa, 'VISA-A result')} to {folder}"
    )
    return 0


def _data_dir(args: argparse.Namespace) -> Path:
    from coach.paths import data_dir  # noqa: PLC0415 - loads QtCore

    return data_dir(args.data_dir)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[Path]:
    """Hold the data folder's lock: a command that writes never races the app."""
    from coach.paths import DataLock  # noqa: PLC0415 - loads QtCore
    from coach.storage.files import private_dir  # noqa: PLC0415

    lock = DataLock(private_dir(folder))
    lock.acquire()
    try:
        yield folder
    finally:
        lock.release()


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:
        # Ctrl-C: one line, never a traceback. What was saved is saved (each write commits
        # whole or not at all), and files are written aside and renamed in.
        print("coach: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except ImportError as e:
        # A system library Qt needs is missing (a fresh machine): one line saying which,
        # and the package to install, rather than a traceback.
        problem = qt_check.import_problem(e)
        if problem is None:
            raise
        print(problem, file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`coach plan | head`): not an error worth a traceback.
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = _app_parser() if opens_the_app(argv) else build_parser()
    args = parser.parse_args(argv)
    commands = {
        "plan": _cmd_plan,
        "cues": _cmd_cues,
        "export": _cmd_export,
        "import": _cmd_import,
        "demo": _cmd_demo,
        "report": _cmd_report,
        "schedule": _cmd_schedule,
        "screenshots": _cmd_screenshots,
        "install-desktop": _cmd_install_desktop,
        "uninstall-desktop": _cmd_uninstall_desktop,
    }
    # The commands that load QtGui or QtMultimedia keep Qt's chatter about sound off the
    # terminal (`--verbose` lets it through); the others load at most QtCore, or no Qt.
    quiet = args.command in (None, "doctor", "bench", "report", "screenshots")
    with qt_check.quiet_qt(verbose=args.verbose) if quiet else contextlib.nullcontext():
        return _dispatch(args, commands)


def _dispatch(
    args: argparse.Namespace, commands: Mapping[str, Callable[[argparse.Namespace], int]]
) -> int:
    if args.command in commands:
        return _run(args.command, commands[args.command], args)
    if args.command == "bench":
        from coach import bench  # noqa: PLC0415 - keeps the benchmark code out of start-up

        return bench.run(runs=args.runs, as_json=args.json)
    if args.command == "doctor":
        from coach import doctor  # noqa: PLC0415 - QtMultimedia only when asked for

        return doctor.run(args.data_dir)
    if problem := qt_check.platform_problem():  # Qt itself would abort, with a core dump
        print(problem, file=sys.stderr)
        return 1
    from coach.ui import app  # noqa: PLC0415 - Qt loads only when a window is wanted

    return app.run(data_dir=args.data_dir, quit_after_show=args.quit_after_show)


def _cmd_screenshots(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("--out DIR is required")
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out must be a folder ({args.out} is a file)")
    from coach import screenshots  # noqa: PLC0415 - Qt and the demo only when asked for

    written = screenshots.render(args.out)
    print(f"Wrote {len(written)} screenshots to {args.out}")
    return 0


def _cmd_install_desktop(args: argparse.Namespace) -> int:  # noqa: ARG001 - no options
    from coach import desktop_entry  # noqa: PLC0415 - only this command needs it

    if not sys.platform.startswith(("linux", "freebsd")):
        raise UsageError("a desktop entry is for Linux desktops (README: Windows and macOS)")
    try:
        installed = desktop_entry.install(desktop_entry.data_home(), desktop_entry.this_coach())
    except desktop_entry.DesktopEntryError as e:
        print(f"coach install-desktop: error: {_one_line(str(e))}", file=sys.stderr)
        return 1
    print(installed.describe())
    return 0


def _cmd_uninstall_desktop(args: argparse.Namespace) -> int:  # noqa: ARG001 - no options
    from coach import desktop_entry  # noqa: PLC0415 - only this command needs it

    home = desktop_entry.data_home()
    try:
        removed = desktop_entry.uninstall(home)
    except desktop_entry.DesktopEntryError as e:
        print(f"coach uninstall-desktop: error: {_one_line(str(e))}", file=sys.stderr)
        return 1
    if removed:
        print(f"Removed Coach's desktop entry and icons from {home} ({len(removed)} files)")
    else:
        print(f"Nothing to remove: Coach's desktop entry is not in {home}")
    return 0


def _run(name: str, command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand: misuse exits 2, a problem with the data or the disk exits 1."""
    try:
        return command(args)
    except UsageError as e:
        print(f"coach {name}: error: {_one_line(str(e))}", file=sys.stderr)
        return 2
    except ImportError:
        raise  # main says which library is missing
    except Exception as e:
        # Imported only on this path: `coach plan` need not load the storage package.
        from coach.paths import AlreadyRunningError  # noqa: PLC0415
        from coach.storage.schema import StorageError  # noqa: PLC0415

        if isinstance(e, StorageError | AlreadyRunningError):
            print(f"coach {name}: error: {_one_line(str(e))}", file=sys.stderr)
            return 1
        if isinstance(e, OSError):  # the data folder cannot be made or used
            message = f"{e.strerror or e}: {e.filename}"
            print(f"coach {name}: error: {_one_line(message)}", file=sys.stderr)
            return 1
        raise
