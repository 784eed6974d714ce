"""The `coach` command: opens the app, or runs a subcommand for scripting and support.

Every bad value exits with status 2 and one line naming the option and what it
accepts; a user never sees a traceback for something they typed. Nor for a system
library that Qt needs and that is missing: one line names it and its package, status 1.

The parser is `coach.cli.parser`; the commands are in `workouts` (plan, cues),
`history` (export, report, schedule, import, demo) and `desktop` (screenshots,
install-desktop, uninstall-desktop); `bench` and `doctor` have their own modules.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Mapping, Sequence

from coach import qt_check
from coach.cli.desktop import cmd_install_desktop, cmd_screenshots, cmd_uninstall_desktop
from coach.cli.history import cmd_demo, cmd_export, cmd_import, cmd_report, cmd_schedule
from coach.cli.parser import UsageError, app_parser, build_parser, one_line, opens_the_app
from coach.cli.workouts import cmd_cues, cmd_plan


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
    app = app_parser()
    parser = app if opens_the_app(argv, app) else build_parser()
    args = parser.parse_args(argv)
    commands = {
        "plan": cmd_plan,
        "cues": cmd_cues,
        "export": cmd_export,
        "import": cmd_import,
        "demo": cmd_demo,
        "report": cmd_report,
        "schedule": cmd_schedule,
        "screenshots": cmd_screenshots,
        "install-desktop": cmd_install_desktop,
        "uninstall-desktop": cmd_uninstall_desktop,
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


def _run(name: str, command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a subcommand: misuse exits 2, a problem with the data or the disk exits 1."""
    try:
        return command(args)
    except UsageError as e:
        print(f"coach {name}: error: {one_line(str(e))}", file=sys.stderr)
        return 2
    except ImportError:
        raise  # main says which library is missing
    except Exception as e:
        # Imported only on this path: `coach plan` need not load the storage package.
        from coach.paths import AlreadyRunningError  # noqa: PLC0415
        from coach.storage.schema import StorageError  # noqa: PLC0415

        if isinstance(e, StorageError | AlreadyRunningError):
            print(f"coach {name}: error: {one_line(str(e))}", file=sys.stderr)
            return 1
        if isinstance(e, OSError):  # the data folder cannot be made or used
            message = f"{e.strerror or e}: {e.filename}"
            print(f"coach {name}: error: {one_line(message)}", file=sys.stderr)
            return 1
        raise
