"""Isolation: one Coach writes a data folder at a time, and Coach never uses the network.

The network guard is here, beside the tests that prove it: `tests/conftest.py` installs
it around every test (the `no_network` fixture), so a test in which anything opens a
connection to a non-local address fails, even if the code swallowed the guard's error.
A child process (`python -m coach ...`) gets the same guard from a `sitecustomize.py`
on its PYTHONPATH. The guard sees Python's sockets only: a C++ library opening its own
(QtNetwork) would go unseen, so a test also checks that Coach imports no network module.
PulseAudio, D-Bus and speech-dispatcher talk over AF_UNIX sockets (from C, besides),
which stay open, as do loopback addresses.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import inspect
import os
import pkgutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import coach
from coach.cli import main
from tests.helpers import WallClock

BLOCKED = "network access blocked"


def guard_sockets(report: Callable[[str], None]) -> Callable[[], None]:
    """Refuse Python connections to non-local addresses; return a function that undoes it.

    Each refusal is passed to `report` (so it is seen even if the caller catches the
    error) and raised as a RuntimeError, which no handler for OSError swallows.
    Self-contained (its imports inside): its source is also a child's sitecustomize.
    """
    import ipaddress  # noqa: PLC0415 - self-contained, see above
    import socket  # noqa: PLC0415

    local_names = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}

    def is_local(host: object) -> bool:
        if host is None:  # getaddrinfo(None, port): this machine
            return True
        name = host.decode() if isinstance(host, bytes) else str(host)
        name = name.strip("[]").split("%", 1)[0].lower()  # a bracketed IPv6, a scope id
        if name in local_names or name.endswith(".localhost"):
            return True
        try:
            address = ipaddress.ip_address(name)
        except ValueError:
            return False  # a name that would be looked up: not local
        mapped = getattr(address, "ipv4_mapped", None)
        return address.is_loopback or (mapped is not None and mapped.is_loopback)

    def check(family: object, address: object, what: str) -> None:
        if family not in (socket.AF_INET, socket.AF_INET6):
            return  # AF_UNIX (PulseAudio, D-Bus), AF_NETLINK: not the network
        host = address[0] if isinstance(address, tuple) and address else address
        if not is_local(host):
            report(f"{what} {address!r}")
            raise RuntimeError(f"{BLOCKED}: {what} {address!r} (tests must stay offline)")

    cls = socket.socket
    saved = {name: vars(cls).get(name) for name in ("connect", "connect_ex", "sendto")}
    saved_module = {name: getattr(socket, name) for name in ("create_connection", "getaddrinfo")}
    connect, connect_ex, sendto = cls.connect, cls.connect_ex, cls.sendto
    create_connection, getaddrinfo = socket.create_connection, socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: Any) -> None:
        check(self.family, address, "connect to")
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        check(self.family, address, "connect_ex to")
        return connect_ex(self, address)

    def guarded_sendto(self: socket.socket, data: Any, *args: Any) -> int:
        check(self.family, args[-1], "sendto")
        return sendto(self, data, *args)

    def guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        check(socket.AF_INET, address, "create_connection to")
        return create_connection(address, *args, **kwargs)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        check(socket.AF_INET, (host,), "getaddrinfo for")
        return getaddrinfo(host, *args, **kwargs)

    cls.connect = guarded_connect  # type: ignore[assignment,method-assign] # undone below
    cls.connect_ex = guarded_connect_ex  # type: ignore[assignment,method-assign] # undone below
    cls.sendto = guarded_sendto  # type: ignore[assignment,method-assign] # undone below
    socket.create_connection = guarded_create_connection
    socket.getaddrinfo = guarded_getaddrinfo

    def undo() -> None:
        for name, value in saved.items():
            if value is None:
                delattr(cls, name)  # back to the C method it inherits
            else:
                setattr(cls, name, value)
        for name, value in saved_module.items():
            setattr(socket, name, value)

    return undo


# -- the guard itself ---------------------------------------------------------------
def test_the_guard_refuses_a_connection_to_the_internet(no_network: list[str]) -> None:
    with pytest.raises(RuntimeError, match=BLOCKED):
        socket.create_connection(("192.0.2.1", 9), timeout=0.1)  # TEST-NET-1: nobody there
    attempts: list[tuple[socket.AddressFamily, Callable[[socket.socket], object]]] = [
        (socket.AF_INET, lambda s: s.connect(("192.0.2.1", 9))),
        (socket.AF_INET, lambda s: s.connect_ex(("192.0.2.1", 9))),
        (socket.AF_INET6, lambda s: s.connect(("2001:db8::1", 9))),
        (socket.AF_INET, lambda s: s.sendto(b"x", ("192.0.2.1", 9))),
    ]
    for family, attempt in attempts:
        with socket.socket(family) as s, pytest.raises(RuntimeError, match=BLOCKED):
            attempt(s)
    with pytest.raises(RuntimeError, match=BLOCKED):
        socket.getaddrinfo("example.com", 443)
    assert len(no_network) == 2 + len(attempts)
    assert no_network[0] == "create_connection to ('192.0.2.1', 9)"
    no_network.clear()  # seen: do not fail this test for them


def test_local_sockets_stay_open(tmp_path: Path, no_network: list[str]) -> None:
    with socket.socket(socket.AF_UNIX) as server, socket.socket(socket.AF_UNIX) as client:
        server.bind(str(tmp_path / "s"))
        server.listen()
        client.connect(str(tmp_path / "s"))  # as PulseAudio and D-Bus clients do
    with (
        socket.create_server(("127.0.0.1", 0)) as server,
        socket.create_connection(server.getsockname()[:2], timeout=5),
    ):
        pass
    for host in ("localhost", "127.0.0.2", "::1", "::ffff:127.0.0.1"):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family) as s:
            s.connect_ex((host, 9))  # refused, or no IPv6 here: an answer, not the guard's
    assert socket.getaddrinfo("localhost", 80)
    assert no_network == []


def test_a_connection_swallowed_by_the_code_still_fails_the_test(no_network: list[str]) -> None:
    with contextlib.suppress(Exception):  # what careless app code might do
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    assert no_network == ["create_connection to ('192.0.2.1', 80)"]  # the fixture fails on it
    no_network.clear()


def test_coach_imports_no_network_library() -> None:
    # A C++ library's sockets are out of the guard's reach: so none may be imported.
    forbidden = ("socket", "ssl", "http", "urllib.request", "ftplib", "smtplib", "asyncio",
                 "xmlrpc", "requests", "httpx", "aiohttp", "PySide6.QtNetwork",
                 "PySide6.QtWebEngineCore", "PySide6.QtWebSockets")  # fmt: skip
    found = []
    for info in pkgutil.walk_packages(coach.__path__, "coach."):
        spec = importlib.util.find_spec(info.name)
        assert spec is not None
        assert spec.origin is not None
        for node in ast.walk(ast.parse(Path(spec.origin).read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [
                f"{info.name}: {n}" for n in names
                if any(n == f or n.startswith(f"{f}.") for f in forbidden)
            ]  # fmt: skip
    assert found == []


# -- child processes ---------------------------------------------------------------
SITECUSTOMIZE = '''\
"""Written by tests/test_isolation.py: this Python must not reach the network."""
from __future__ import annotations

import os

BLOCKED = {blocked!r}

{guard}

def _log(line: str) -> None:
    with open(os.environ["COACH_TEST_NETWORK_LOG"], "a", encoding="utf-8") as f:
        f.write(line + "\\n")


guard_sockets(lambda what: _log("blocked " + what))
_log(f"armed {{os.getpid()}}")
'''


@pytest.fixture
def guarded_env(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A child's environment with the guard in its sitecustomize, and the guard's log."""
    site = tmp_path / "site"
    site.mkdir()
    guard = inspect.getsource(guard_sockets)
    (site / "sitecustomize.py").write_text(
        SITECUSTOMIZE.format(blocked=BLOCKED, guard=guard), encoding="utf-8"
    )
    log = tmp_path / "network.log"
    log.touch()
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH")) if p)
    env = {**os.environ, "PYTHONPATH": path, "COACH_TEST_NETWORK_LOG": str(log),
           "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    return env, log


def child(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, env=env, timeout=120,
        check=False,
    )  # fmt: skip


def test_a_child_that_opens_a_socket_fails(guarded_env: tuple[dict[str, str], Path]) -> None:
    env, log = guarded_env
    code = "import socket; socket.create_connection(('192.0.2.1', 9), timeout=5)"
    done = child(env, "-c", code)
    assert done.returncode == 1
    assert f"RuntimeError: {BLOCKED}: create_connection to ('192.0.2.1', 9)" in done.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("armed ")
    assert lines[1:] == ["blocked create_connection to ('192.0.2.1', 9)"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--weeks", "2"],
        ["plan", "--protocol", "alfredson", "--injured", "both"],
        ["export", "--format", "json", "--out", "{tmp}/h.json"],
        ["report", "--out", "{tmp}/r.pdf"],
        ["schedule", "--out", "{tmp}/s.ics", "--timezone", "Europe/London"],
        ["doctor"],
        ["--quit-after-show"],  # the app: its window, history, reminders and tray
    ],
    ids=lambda argv: argv[0].lstrip("-"),
)
def test_no_command_opens_a_network_connection(
    argv: list[str], tmp_path: Path, guarded_env: tuple[dict[str, str], Path]
) -> None:
    env, log = guarded_env
    data = tmp_path / "data"
    env["COACH_DATA_DIR"] = str(data)
    if argv[0] != "demo":
        assert main(["demo", "--weeks", "2", "--data-dir", str(data)]) == 0
    done = child(env, "-m", "coach", *(a.format(tmp=tmp_path) for a in argv))
    # `doctor` exits 1 where it finds a problem (no sound output): it must still report.
    assert done.returncode in ((0, 1) if argv == ["doctor"] else (0,)), done.stderr
    assert "Traceback" not in done.stderr
    lines = log.read_text(encoding="utf-8").splitlines()
    assert [line.split()[0] for line in lines] == ["armed"], lines  # armed, and nothing blocked


# -- two Coaches, one folder --------------------------------------------------------
def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a data folder (but the lock) and its bytes."""
    from coach.paths import LOCK_NAME  # noqa: PLC0415 - loads QtCore: only these tests

    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*")) if p.is_file() and p.name != LOCK_NAME
    }  # fmt: skip


def test_while_a_coach_holds_the_folder_no_other_start_or_command_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.paths import DataLock  # noqa: PLC0415 - loads QtCore: only these tests

    folder, other = tmp_path / "data", tmp_path / "other"
    new_sessions = tmp_path / "other.json"
    assert main(["demo", "--weeks", "1", "--data-dir", str(folder)]) == 0
    assert main(["demo", "--weeks", "1", "--seed", "7", "--data-dir", str(other)]) == 0
    assert main(["export", "--format", "json", "--out", str(new_sessions),
                 "--data-dir", str(other)]) == 0  # fmt: skip
    capsys.readouterr()
    before = snapshot(folder)
    running = DataLock(folder)  # as the app holds it while its window is open
    running.acquire()
    try:
        held = (
            f"Coach is already running with the data folder {folder} (process {os.getpid()}). "
            "Switch to that window, or close it first."
        )
        app = child({**os.environ, "QT_QPA_PLATFORM": "offscreen"}, "-m", "coach",
                    "--data-dir", str(folder))  # fmt: skip
        assert app.returncode == 1
        assert f"coach: {held}\n" in app.stderr
        for argv in (["import", str(new_sessions)], ["demo", "--weeks", "1", "--seed", "3"]):
            assert main([*argv, "--data-dir", str(folder)]) == 1
            assert capsys.readouterr().err == f"coach {argv[0]}: error: {held}\n"
        assert snapshot(folder) == before
    finally:
        running.release()
    # The same import goes through once the folder is free: the lock alone refused it.
    assert main(["import", str(new_sessions), "--data-dir", str(folder)]) == 0
    assert capsys.readouterr().out.startswith("Added ")
    assert snapshot(folder) != before


def test_two_stores_in_one_process_both_keep_every_set(tmp_path: Path) -> None:
    # The lock is per folder and per holder, taken by the app and the writing commands,
    # not by History: a process may open a folder twice (doctor reads beside the app).
    # Then SQLite serialises the writes (WAL, a 5 s busy timeout) and nothing is lost.
    from coach.domain.plan import plan  # noqa: PLC0415 - storage tests only
    from coach.domain.protocols import ALFREDSON  # noqa: PLC0415
    from coach.domain.record import SessionRecord  # noqa: PLC0415
    from coach.domain.settings import Injured, Settings  # noqa: PLC0415
    from coach.domain.timeline import timeline  # noqa: PLC0415
    from coach.storage.history import History  # noqa: PLC0415

    tl = timeline(plan(ALFREDSON, Settings(injured=Injured.BOTH, reps=2, sets=2)))
    wall = WallClock()
    with History.open(tmp_path, now=wall) as first, History.open(tmp_path, now=wall) as second:
        journals = [first.sessions.journal(tl), second.sessions.journal(tl)]
        records = [SessionRecord(tl), SessionRecord(tl)]
        for journal in journals:
            journal.begin()
        for span in tl.spans:  # interleaved, set by set
            for journal, record in zip(journals, records, strict=True):
                journal.add(record.add_completed(span))
        every = list(range(len(tl.spans)))
        for store in (first, second):
            for journal in journals:
                assert [s.position for s in store.sessions.sets(journal.session_id)] == every
