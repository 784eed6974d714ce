"""Every `coach` option that takes a value, fed out-of-range and garbage values.

Each is refused the same way: exit status 2, nothing on stdout, one line on stderr
that names the option, and no traceback. The table of bad values is checked against
`build_parser()`, so an option added without an entry here fails
`test_every_option_with_a_value_has_bad_values`. Every long option abbreviated
(`--data` for `--data-dir`) is refused too: only the options as documented work.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.cli import main
from coach.cli.parser import build_parser
from coach.domain.protocols import PROTOCOLS
from coach.domain.settings import LIMITS, Injured
from tests.helpers import examples

# The arguments each command needs besides the one under test; {tmp} is the test's
# tmp_path. Where a bad value slipped through, the command would stop on something
# that does not name the option (or print a plan and exit 0): the test still fails.
BASE = {
    "": ["plan"],  # after the option: `coach --data-dir X plan`, never the app's window
    "plan": ["--protocol", "alfredson", "--injured", "right"],
    "cues": ["--protocol", "alfredson", "--injured", "right", "--out", "{tmp}/c.wav"],
    "bench": [],
    "export": ["--format", "csv", "--out", "{tmp}/h.csv"],
    "report": ["--out", "{tmp}/r.pdf"],
    "schedule": ["--out", "{tmp}/s.ics"],
    "doctor": [],
    "screenshots": ["--out", "{tmp}/shots"],
    "import": ["{tmp}/missing.json"],
    "demo": ["--weeks", "1"],
    "install-desktop": [],
    "uninstall-desktop": [],
}

# -- the bad values --------------------------------------------------------------------
NUMBER_GARBAGE = [
    "", " ", "abc", "-1", "1e999", "-1e999", "nan", "NaN", "inf", "-inf", "Infinity",
    "9" * 30, "1" + "0" * 5000, "五", "½", "🦶", "--", "5\n6", "\n", "0x10", "1,5", "1.5.0",
    "3 kg", "None", "true", "--5",
]  # fmt: skip
# Each number option's range, as its help gives it.
RANGES: dict[str, tuple[float, float, bool]] = {
    **{
        "--" + name.replace("_", "-"): (limit.low, limit.high, limit.whole)
        for name, limit in LIMITS.items()
    },
    "--runs": (3, 200, True),
    "--weeks": (1, 520, True),
    "--seed": (0, 2**31 - 1, True),
}


def shown(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def number_values(option: str) -> list[str]:
    """The garbage, and the numbers just outside the option's range (or between two)."""
    low, high, whole = RANGES[option]
    edges = {low - 1, high + 1, high * 10, high + 0.001}
    if whole:
        edges |= {low + 0.5, high - 0.5, 3.5}
    if low > 0:
        edges.add(low - 0.001)
    return [*NUMBER_GARBAGE, *(shown(x) for x in sorted(edges))]


def choice_values(choices: list[str]) -> list[str]:
    garbage = ["", "abc", "-1", "nan", "--", "🦶", "a\nb", "x" * 5000]
    for choice in choices:
        garbage += [choice.upper(), f" {choice}", f"{choice}\n", choice[:-1], choice + "s"]
    return garbage


DATE_VALUES = [
    "", "abc", "today", "2026-02-30", "2026-11-31", "2026-13-01", "2026-00-10", "0000-01-01",
    "10000-01-01", "-2026-01-01", "2026-1-1", "21/11/2026", "2026-11-21T08:00", "2026-11-21 ",
    "2026-11-21\n2026-11-22", "9" * 30, "--", "nan",
    "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0661",  # 2026-11-21 in Arabic-Indic digits
]  # fmt: skip
ZONE_VALUES = [
    "", "abc", "Europe/Nowhere", "../../etc/passwd", "/etc/localtime", "Europe", "UTC\n",
    "+01:00", "GMT+1", "🦶", "x" * 5000, "--", ".",
]  # fmt: skip
DATA_DIR_VALUES = ["", "--"]  # any other text can name a folder
FILE_OUT_VALUES = ["", ".", "{tmp}", "{tmp}/missing/x", "--"]  # refused by every --out


def out_values(suffix: str) -> list[str]:
    return [
        *(v + suffix if "missing" in v else v for v in FILE_OUT_VALUES),
        "x.txt", "a\nb.txt", f"x{suffix}\n", f"x{suffix}.txt", f"{{file}}/x{suffix}",
    ]  # fmt: skip


WORKOUT_NUMBERS = ("--lower-seconds", "--rest-seconds", "--reps", "--sets", "--load-kg",
                   "--get-ready-seconds")  # fmt: skip
# (command, option) -> the values it must refuse. "" is the command line before any
# command; "FILE" is the import's file.
BAD_VALUES: dict[tuple[str, str], list[str]] = {
    ("", "--data-dir"): DATA_DIR_VALUES,
    **{
        (command, option): number_values(option)
        for command in ("plan", "cues")
        for option in WORKOUT_NUMBERS
    },
    **{(command, "--protocol"): choice_values(list(PROTOCOLS)) for command in ("plan", "cues")},
    **{
        (command, "--injured"): choice_values([i.value for i in Injured])
        for command in ("plan", "cues")
    },
    ("cues", "--out"): out_values(".wav"),
    ("bench", "--runs"): number_values("--runs"),
    ("export", "--format"): choice_values(["csv", "json"]),
    ("export", "--out"): [*FILE_OUT_VALUES, "{file}/h.csv"],
    ("report", "--out"): out_values(".pdf"),
    ("schedule", "--out"): out_values(".ics"),
    ("schedule", "--timezone"): ZONE_VALUES,
    ("screenshots", "--out"): ["", "--", "{file}"],
    ("import", "FILE"): ["", ".", "{tmp}", "{tmp}/missing.json", "a\nb.json", "{tmp}/🦶.json"],
    ("demo", "--weeks"): number_values("--weeks"),
    ("demo", "--seed"): number_values("--seed"),
    **{(command, "--from"): DATE_VALUES for command in ("export", "report")},
    **{(command, "--to"): DATE_VALUES for command in ("export", "report")},
    **{(command, "--data-dir"): DATA_DIR_VALUES for command in BASE if command},
}


def options_with_values(
    parser: argparse.ArgumentParser, command: str = ""
) -> Iterator[tuple[str, str]]:
    """Every (command, option) of `parser` that takes a value, positionals by metavar."""
    for action in parser._actions:  # argparse lists them only in private attributes
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from options_with_values(sub, name)
        elif action.nargs != 0 and not isinstance(action, argparse._VersionAction):
            yield (
                command,
                action.option_strings[0] if action.option_strings else str(action.metavar),
            )


OPTIONS = sorted(options_with_values(build_parser()))
# One test per command, each trying every bad value of its options: the test count
# follows the commands, not the length of the table.
COMMANDS = sorted({command for command, _ in BAD_VALUES})


def test_every_option_with_a_value_has_bad_values() -> None:
    assert sorted(BAD_VALUES) == OPTIONS
    assert sum(len(values) for values in BAD_VALUES.values()) >= 500


# -- running `coach` in this process -------------------------------------------------
@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths land in tmp_path, whatever slips through."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a-file").write_text("not a folder")


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    try:
        status = main(argv)
    except SystemExit as e:  # argparse exits on its own
        status = int(e.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def filled(text: str, tmp_path: Path) -> str:
    return text.replace("{tmp}", str(tmp_path)).replace("{file}", str(tmp_path / "a-file"))


def command_line(command: str, option: str, value: str, tmp_path: Path) -> list[str]:
    base = [filled(a, tmp_path) for a in BASE[command]]
    if command == "":
        return [option, value, *base]
    if option == "FILE":
        return [command, value]
    return [command, *base, option, value]


def assert_refused(status: int, out: str, err: str, names: str) -> None:
    assert (status, out) == (2, ""), err
    assert err.startswith("coach")
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert names in err
    assert "Traceback" not in err


def refusal(capsys: pytest.CaptureFixture[str], folder: Path, command: str, option: str,
            value: str) -> str:  # fmt: skip
    """What is wrong with how `coach` took the bad value (run in `folder`); "" if refused."""
    (folder / "a-file").write_text("not a folder")
    value = filled(value, folder)
    status, out, err = run(capsys, command_line(command, option, value, folder))
    if option == "FILE":  # the file's name (line breaks escaped), or "." for ""
        named = str(Path(value)).replace("\n", "\\n")
        names = f"coach import: error: {named} cannot be imported: "
    else:
        names = option
    try:
        assert_refused(status, out, err, names)
        assert sorted(p.name for p in folder.iterdir()) == ["a-file"]  # nothing written
    except AssertionError as e:
        return f"{option} {value!r}: status {status}, stdout {out[:200]!r}: {e}"
    return ""


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c or "coach")
def test_every_bad_value_exits_2_with_one_line_naming_the_option(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
) -> None:
    """Each bad value of each of the command's options, in a folder of its own.

    Every value is tried, and the test fails listing each one that got through.
    """
    cases = [(o, v) for (c, o), values in BAD_VALUES.items() if c == command for v in values]
    assert cases
    problems = []
    for n, (option, value) in enumerate(cases):
        folder = tmp_path / f"case-{n}"
        folder.mkdir()
        monkeypatch.chdir(folder)  # relative paths land here, whatever slips through
        if problem := refusal(capsys, folder, command, option, value):
            problems.append(problem)
    assert not problems, f"{len(problems)} of {len(cases)} bad values taken:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize(("command", "option"), [o for o in OPTIONS if o[1] != "FILE"])
def test_an_option_without_its_value_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, option: str
) -> None:
    if command == "":
        argv = [option]
    else:
        argv = [command, *(filled(a, tmp_path) for a in BASE[command]), option]
    status, out, err = run(capsys, argv)
    assert_refused(status, out, err, f"argument {option}: expected one argument")


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["plan"], "argument --protocol: required, one of alfredson, jonsson"),
        (["plan", "--protocol", "jonsson"], "argument --injured: required, one of left, right"),
        (["cues", "--protocol", "jonsson", "--injured", "left"], "argument --out: required"),
        (["export", "--out", "h.csv"], "argument --format: required, one of csv, json"),
        (["export", "--format", "json"], "argument --out: required"),
        (["report"], "argument --out: required"),
        (["schedule"], "argument --out: required"),
        (["screenshots"], "--out DIR is required"),
        (["demo"], "argument --weeks: required"),
        (["demo", "--seed", "3"], "argument --weeks: required"),
        (["import"], "the following arguments are required: FILE"),
        (["import", "--"], "the following arguments are required: FILE"),
    ],
)
def test_a_missing_required_option_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], argv: list[str], names: str
) -> None:
    assert_refused(*run(capsys, argv), names)


UNKNOWN = ["--nonsense", "-x", "--nonsense=5", "--x\ny", "--🦶", "extra"]
# Options of another command, given to a command that has none of them.
FOREIGN = {"": "--reps", "plan": "--out", "bench": "--weeks", "export": "--reps",
           "report": "--format", "schedule": "--from", "doctor": "--out", "screenshots": "--to",
           "import": "--seed", "demo": "--timezone", "cues": "--runs",
           "install-desktop": "--out", "uninstall-desktop": "--weeks"}  # fmt: skip


@pytest.mark.parametrize("command", list(BASE))
@pytest.mark.parametrize("unknown", [*UNKNOWN, "foreign"])
def test_an_unknown_option_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, unknown: str
) -> None:
    unknown = f"{FOREIGN[command]}=1" if unknown == "foreign" else unknown
    base = [filled(a, tmp_path) for a in BASE[command]]
    argv = [unknown, *base] if command == "" else [command, *base, unknown]
    if command == "" and unknown == "extra":
        names = "argument COMMAND: invalid choice: 'extra'"
    else:
        names = "unrecognized arguments: " + unknown.replace("\n", "\\n")
    assert_refused(*run(capsys, argv), names)


def long_options(parser: argparse.ArgumentParser, command: str = "") -> Iterator[tuple[str, str]]:
    """Every (command, option) of `parser` and its commands spelled with "--", help too."""
    for action in parser._actions:  # argparse lists them only in private attributes
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from long_options(sub, name)
        for option in action.option_strings:
            if option.startswith("--"):
                yield command, option


def abbreviations(option: str, others: list[str]) -> list[str]:
    """Prefixes of `option` that argparse, allowed to, would take for it (or call ambiguous).

    The shortest that no other option shares, its first word (`--data` of `--data-dir`)
    and the option less its last letter; none that is an option itself.
    """
    prefixes = [option[:n] for n in range(3, len(option))]
    unique = [p for p in prefixes if not any(o.startswith(p) for o in others)]
    word = "--" + option[2:].split("-", maxsplit=1)[0]
    words = [word] if word != option else []
    return sorted({*unique[:1], *words, *prefixes[-1:]} - set(others), key=len)


LONG = sorted(long_options(build_parser()))
ABBREVIATED = [
    (command, abbreviation)
    for command, option in LONG
    for abbreviation in abbreviations(option, [o for c, o in LONG if c == command and o != option])
]


def test_every_long_option_has_abbreviations_to_refuse() -> None:
    assert {("", "--data"), ("", "--data-di"), ("plan", "--p"), ("plan", "--lower"),
            ("export", "--fr"), ("", "--vers"), ("", "--quit")} <= set(ABBREVIATED)  # fmt: skip
    assert {c for c, _ in ABBREVIATED} == set(BASE)
    assert len(ABBREVIATED) >= 100


@pytest.mark.parametrize(("command", "abbreviation"), ABBREVIATED)
def test_an_abbreviated_option_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str, abbreviation: str
) -> None:
    """Only the options as documented: `--data` is not `--data-dir`, `--he` is not `--help`.

    A second unknown option follows, so that a parser that took the abbreviation still
    stops before running anything (the app, the benchmark, a demo written somewhere).
    """
    base = [filled(a, tmp_path) for a in BASE[command]]
    unknown = [abbreviation, "--not-an-option"]
    argv = [*unknown, *base] if command == "" else [command, *base, *unknown]
    status, out, err = run(capsys, argv)
    assert (status, out, err) == (
        2, "", f"coach: error: unrecognized arguments: {abbreviation} --not-an-option\n",
    )  # fmt: skip


@pytest.mark.parametrize("command", ["fly", "PLAN", "", "pla", "plan\n", "🦶"])
def test_an_unknown_command_exits_2_in_one_line(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    assert_refused(*run(capsys, [command]), f"argument COMMAND: invalid choice: {command!r}")


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--weeks", "1"],
        ["export", "--format", "csv", "--out", "h.csv"],
        ["report", "--out", "r.pdf"],
        ["schedule", "--out", "s.ics"],
    ],
)
def test_a_data_folder_that_is_a_file_exits_1_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    """Not misuse but a folder that cannot be used: status 1, as for a full disk."""
    status, out, err = run(capsys, [*argv, "--data-dir", str(tmp_path / "a-file" / "data")])
    assert (status, out, err.count("\n")) == (1, "", 1), err
    assert err.startswith(f"coach {argv[0]}: error: ")
    assert "a-file" in err


# -- random text for every number ------------------------------------------------------
NUMBERS = [(c, o) for c, o in OPTIONS if o in RANGES]
# Enough to run, and nothing else to refuse: no file names for a text to upset.
NUMBER_BASE = {"plan": BASE["plan"], "cues": BASE["plan"], "bench": [], "demo": BASE["demo"]}


def accepts(text: str, option: str) -> bool:
    """What the option's help promises: a number in its range (whole if it says so)."""
    low, high, whole = RANGES[option]
    try:
        value = float(text)
    except ValueError:
        return False
    return math.isfinite(value) and low <= value <= high and (value.is_integer() or not whole)


@pytest.mark.parametrize(("command", "option"), NUMBERS)
@settings(max_examples=examples(100), deadline=None)
@given(
    text=st.text(max_size=12) | st.from_regex(r"\A-?[0-9]{0,4}(\.[0-9]{0,3})?(e-?[0-9]{1,3})?\Z")
)
def test_random_text_for_a_number_is_taken_only_if_in_range(
    command: str, option: str, text: str
) -> None:
    # `--option=TEXT`: argparse takes TEXT whole, even when it starts with "-".
    argv = [command, *NUMBER_BASE[command], f"{option}={text}"]
    if accepts(text, option):
        namespace = build_parser().parse_args(argv)
        dest = option.removeprefix("--").replace("-", "_")
        assert getattr(namespace, dest) == float(text)
        return
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            status = main(argv)
        except SystemExit as e:
            status = int(e.code or 0)
    assert_refused(status, out.getvalue(), err.getvalue(), f"argument {option}: must be ")


# -- a real process ------------------------------------------------------------------
def test_bytes_that_are_not_utf8_and_a_line_break_are_one_line_not_a_traceback(
    tmp_path: Path,
) -> None:
    """A file name from the shell can hold any bytes but NUL: Python escapes the rest."""
    name = bytes(tmp_path) + b"/caf\xe9\nx.json"
    done = subprocess.run(
        [sys.executable, "-m", "coach", "import", name], capture_output=True, timeout=60,
        check=False,
    )  # fmt: skip
    err = done.stderr.decode("utf-8", "backslashreplace")
    assert (done.returncode, done.stdout) == (2, b"")
    assert err == (
        f"coach import: error: {tmp_path}/caf\\udce9\\nx.json cannot be imported: "
        "No such file or directory\n"
    )
