"""The commands about this desktop: `screenshots`, `install-desktop` and `uninstall-desktop`."""

from __future__ import annotations

import argparse
import sys

from coach.cli.parser import UsageError, one_line


def cmd_screenshots(args: argparse.Namespace) -> int:
    if args.out is None:
        raise UsageError("--out DIR is required")
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out must be a folder ({args.out} is a file)")
    from coach import screenshots  # noqa: PLC0415 - Qt and the demo only when asked for

    written = screenshots.render(args.out)
    print(f"Wrote {len(written)} screenshots to {args.out}")
    return 0


def cmd_install_desktop(args: argparse.Namespace) -> int:  # noqa: ARG001 - no options
    from coach import desktop_entry  # noqa: PLC0415 - only this command needs it

    if not sys.platform.startswith(("linux", "freebsd")):
        raise UsageError("a desktop entry is for Linux desktops (README: Windows and macOS)")
    try:
        installed = desktop_entry.install(desktop_entry.data_home(), desktop_entry.this_coach())
    except desktop_entry.DesktopEntryError as e:
        print(f"coach install-desktop: error: {one_line(str(e))}", file=sys.stderr)
        return 1
    print(installed.describe())
    return 0


def cmd_uninstall_desktop(args: argparse.Namespace) -> int:  # noqa: ARG001 - no options
    from coach import desktop_entry  # noqa: PLC0415 - only this command needs it

    home = desktop_entry.data_home()
    try:
        removed = desktop_entry.uninstall(home)
    except desktop_entry.DesktopEntryError as e:
        print(f"coach uninstall-desktop: error: {one_line(str(e))}", file=sys.stderr)
        return 1
    if removed:
        print(f"Removed Coach's desktop entry and icons from {home} ({len(removed)} files)")
    else:
        print(f"Nothing to remove: Coach's desktop entry is not in {home}")
    return 0
