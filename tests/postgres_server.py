"""A real PostgreSQL for the register tests, started by the test session itself.

Debian's server package (``/usr/lib/postgresql/<version>/bin``) runs in a
temporary directory on 127.0.0.1 and a free port, with ``fsync`` off. initdb
refuses to run as root, so as root the server runs as the ``postgres`` system
user (or ``nobody``), which gets the temporary directory. Each test gets a new
empty database; the server stops (fast shutdown) when the session ends.

``register_url`` is parametrised over ``sqlite`` and ``postgresql``, so every
register test runs on both. Registered in tests/conftest.py.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

__all__ = ["PostgresServer", "find_bin", "postgres_server", "register_url"]

_BIN_GLOB = "/usr/lib/postgresql/*/bin"


def find_bin() -> Path | None:
    """The newest installed PostgreSQL server's bin folder (or ``KETENKAART_PG_BIN``)."""
    if os.environ.get("KETENKAART_PG_BIN"):
        return Path(os.environ["KETENKAART_PG_BIN"])
    found = sorted(glob.glob(_BIN_GLOB), key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0)
    return Path(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """A throw-away PostgreSQL server; :meth:`new_database` hands out empty databases."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="ketenkaart-pg-"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            for candidate in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(candidate)
                    break
                except KeyError:
                    continue
            if self.user is None:
                raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists for initdb")
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        self.proc: subprocess.Popen | None = None
        self._names = itertools.count(1)

    def _run_as(self) -> dict:
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}

    def start(self) -> PostgresServer:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        subprocess.run([str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                        "--locale=C", "--no-sync"], check=True, capture_output=True, cwd=self.dir, env=env,
                       **self._run_as())
        self.log = (self.dir / "server.log").open("wb")
        self.proc = subprocess.Popen(
            [str(self.bin / "postgres"), "-D", str(self.data), "-h", "127.0.0.1", "-p", str(self.port),
             "-k", str(self.dir), "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=50"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=self.dir, env=env, **self._run_as())
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("postgres exited: " + (self.dir / "server.log").read_text(errors="replace")[-2000:])
            try:
                self._execute("SELECT 1")
                return self
            except Exception:  # noqa: BLE001 - not accepting connections yet
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("postgres did not accept connections within 30 s")

    def _execute(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname="postgres",
                             autocommit=True, connect_timeout=2) as conn:
            conn.execute(statement)

    def new_database(self) -> str:
        """A new, empty database; its SQLAlchemy URL."""
        name = f"register_{next(self._names)}"
        self._execute(f'CREATE DATABASE "{name}"')  # name is generated here, never user input
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None) is not None:
            self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "register: a Doorbraakteam register test (runs on SQLite and PostgreSQL)")
    config.addinivalue_line("markers", "postgres: runs on the session's PostgreSQL server (left out of `make check`; "
                                       "the SQLite twin of the same test stays in)")


def pytest_collection_modifyitems(items) -> None:
    """Mark the PostgreSQL half of every register test, so the quick loop can leave the server out."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("register_url") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server for this test session (Debian's package; fails when it is not installed)."""
    bin_dir = find_bin()
    if bin_dir is None or not (bin_dir / "initdb").exists():
        pytest.fail("PostgreSQL is not installed: apt-get install postgresql (tools/install-system-deps.sh)")
    server = PostgresServer(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request, tmp_path) -> str:
    """An empty register database URL, once on SQLite (a file, WAL) and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite'}"
    return request.getfixturevalue("postgres_server").new_database()
