"""Pytest plugin: a real Neo4j 5 for the test session.

``neo4j_server`` (session) starts the embedded Neo4j of ``tools/neo4j-launcher`` on a free
port of 127.0.0.1 with a random password and stops it at the end of the session;
``neo4j_driver`` (function) yields a driver on a database emptied of nodes, constraints and
indexes. The launcher must have been built by ``tools/build-neo4j-launcher.sh``.
Standalone on purpose: imports nothing from the project's packages.
"""

from __future__ import annotations

import collections
import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import neo4j
import pytest
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

REPO_ROOT = Path(__file__).resolve().parent.parent
CLASSPATH_FILE = REPO_ROOT / ".cache" / "neo4j-launcher" / "classpath.txt"
BUILD_COMMAND = "tools/build-neo4j-launcher.sh"
MAIN_CLASS = "nl.ketenkaart.testserver.Neo4jLauncher"
USER = "neo4j"
DATABASE = "neo4j"
# For a shared 2-core machine (the page cache, 32 MiB, is the launcher's default): a small
# heap, one GC thread (Serial), and C1 only (TieredStopAtLevel=1: about a third less CPU to
# start and faster on test-sized work; long benchmarks may want C2 back). The --add-opens are
# those of Neo4j's own start script; without them the page cache and file access fall back to
# slower paths (and warn in debug.log).
JVM_OPTIONS = (
    "-Xms64m",
    "-Xmx512m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:-OmitStackTraceInFastThrow",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
PORT_ATTEMPTS = 3


@dataclass(frozen=True)
class Neo4jServer:
    """How to reach the session's Neo4j: Bolt URI, credentials and the server's version."""

    uri: str
    user: str
    password: str = field(repr=False)
    version: str


class _Launcher:
    """One launcher process; its stdout and stderr are drained by background threads."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.ready = threading.Event()
        self.stdout_other: list[str] = []
        self._stderr: collections.deque[str] = collections.deque(maxlen=80)
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,  # the launcher exits when this closes, e.g. if pytest is killed
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            errors="replace",
            start_new_session=True,  # Ctrl-C reaches pytest only; the teardown stops the server
        )
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self._threads = [
            threading.Thread(target=self._read_stdout, args=(self.proc.stdout,), daemon=True),
            threading.Thread(target=self._read_stderr, args=(self.proc.stderr,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def _read_stdout(self, stream: IO[str]) -> None:
        for line in stream:
            if line.rstrip("\n") == "ready" and not self.ready.is_set():
                self.ready.set()
            else:
                self.stdout_other.append(line.rstrip("\n"))

    def _read_stderr(self, stream: IO[str]) -> None:
        for line in stream:
            self._stderr.append(line.rstrip("\n"))

    def wait_ready(self, deadline: float) -> bool:
        """True once the launcher printed ``ready``; False if it exited or the deadline passed."""
        while not self.ready.wait(0.1):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                return self.ready.is_set()
        return True

    def stderr_tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of the launcher's stderr (complete once it has exited)."""
        if self.proc.poll() is not None:
            for thread in self._threads:
                thread.join(timeout=2)
        return "\n".join(list(self._stderr)[-lines:]) or "(nothing on stderr)"

    def stop(self) -> int:
        """SIGTERM, then wait; kills and raises if the launcher does not exit in time."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise RuntimeError(
                f"Neo4j launcher did not exit within {STOP_TIMEOUT_S:.0f} s of SIGTERM (killed)"
            ) from None
        finally:
            self.close()
        return code

    def close(self) -> None:
        """Closes the pipes once the process has exited and the readers have seen EOF."""
        for thread in self._threads:
            thread.join(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


def read_classpath(classpath_file: Path = CLASSPATH_FILE) -> str:
    """The launcher's cached classpath; fails with build instructions when it is missing."""
    hint = f"build the Neo4j test server first: run `{BUILD_COMMAND}` (or `make test`)"
    if not classpath_file.is_file():
        pytest.fail(f"Neo4j launcher not built ({classpath_file} is missing): {hint}")
    classpath = classpath_file.read_text(encoding="utf-8").strip()
    missing = [entry for entry in classpath.split(os.pathsep) if not Path(entry).exists()]
    if not classpath or missing:
        pytest.fail(f"Neo4j launcher build is incomplete ({len(missing)} missing entries): {hint}")
    return classpath


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def reset_database(driver: neo4j.Driver) -> None:
    """Deletes every node and relationship and drops every constraint and index.

    The two token lookup indexes every new database has are kept, so the result looks like a
    freshly created database.
    """
    with driver.session(database=DATABASE) as session:  # CALL IN TRANSACTIONS needs autocommit
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
    for kind, query in (
        ("CONSTRAINT", "SHOW CONSTRAINTS YIELD name"),
        ("INDEX", "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"),
    ):
        for record in driver.execute_query(query, database_=DATABASE).records:
            name = str(record["name"]).replace("`", "``")
            driver.execute_query(f"DROP {kind} `{name}` IF EXISTS", database_=DATABASE)


def _connect(uri: str, password: str, deadline: float) -> str:
    """Waits until Bolt serves a session; returns the version from the server's agent string."""
    with neo4j.GraphDatabase.driver(uri, auth=(USER, password)) as driver:
        while True:
            try:
                driver.verify_connectivity()
                agent = driver.get_server_info().agent
                break
            except (ServiceUnavailable, SessionExpired):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    product, _, version = agent.partition("/")
    if product != "Neo4j" or not version:
        pytest.fail(f"the Bolt server on {uri} is not Neo4j: it says {agent!r}")
    return version


def _start(
    classpath: str, data_parent: Path, jvm_options: Sequence[str]
) -> tuple[_Launcher, Neo4jServer]:
    java = shutil.which("java")
    if java is None:
        pytest.fail("`java` (17 or newer) is not on PATH; the Neo4j test server needs it")
    password = secrets.token_urlsafe(24)
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEO4J_")}
    env["NEO4J_LAUNCHER_PASSWORD"] = password  # never on the command line
    for _attempt in range(PORT_ATTEMPTS):
        port = free_port()
        command = [java, *jvm_options, "-cp", classpath, MAIN_CLASS, str(port)]
        command += ["--data-parent", str(data_parent), "--exit-on-stdin-eof"]
        launcher = _Launcher(command, env)
        deadline = time.monotonic() + START_TIMEOUT_S
        if launcher.wait_ready(deadline):
            break
        running = launcher.proc.poll() is None
        if running:
            launcher.proc.kill()
            launcher.proc.wait()
        tail = launcher.stderr_tail()
        launcher.close()
        if not running and "Address already in use" in tail:
            continue  # someone took the port between free_port() and the launcher's bind
        reason = "was not ready" if running else f"exited with {launcher.proc.returncode}"
        pytest.fail(f"Neo4j launcher {reason} within {START_TIMEOUT_S:.0f} s. Its stderr:\n{tail}")
    else:
        pytest.fail(f"Neo4j launcher found no free port in {PORT_ATTEMPTS} attempts")
    uri = f"bolt://127.0.0.1:{port}"
    try:
        version = _connect(uri, password, deadline)
    except (DriverError, Neo4jError) as error:
        launcher.stop()
        pytest.fail(
            f"Neo4j launcher said ready but Bolt failed: {error!r}. Its stderr:\n"
            f"{launcher.stderr_tail()}"
        )
    except BaseException:
        launcher.stop()
        raise
    return launcher, Neo4jServer(uri=uri, user=USER, password=password, version=version)


def _stop(launcher: _Launcher, data_parent: Path) -> None:
    try:
        code = launcher.stop()
    except RuntimeError as error:
        pytest.fail(f"{error}. Its stderr:\n{launcher.stderr_tail()}")
    if code != 0:
        pytest.fail(f"Neo4j launcher exited with {code}. Its stderr:\n{launcher.stderr_tail()}")
    if launcher.stdout_other:
        pytest.fail(f"Neo4j launcher wrote more than `ready` on stdout: {launcher.stdout_other}")
    left = sorted(path.name for path in data_parent.iterdir())
    if left:
        pytest.fail(f"Neo4j launcher left its data behind in {data_parent}: {left}")


@contextlib.contextmanager
def running_neo4j(
    data_parent: Path, jvm_options: Sequence[str] = JVM_OPTIONS
) -> Iterator[Neo4jServer]:
    """Starts a Neo4j (data in a new directory under ``data_parent``), stops it on exit.

    Raises pytest's ``Failed`` when the build is missing, the start times out, or the stop is
    not clean (exit code, data left behind). Also usable outside pytest, e.g. by benchmarks.
    """
    launcher, server = _start(read_classpath(), data_parent, jvm_options)
    try:
        yield server
    finally:
        _stop(launcher, data_parent)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "neo4j: runs on the session's real Neo4j server (left out of `make check`)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs the Neo4j server, so the quick loop can leave it out."""
    for item in items:
        if "neo4j_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A real Neo4j 5 with Bolt on 127.0.0.1, auth on, for the whole session."""
    with running_neo4j(tmp_path_factory.mktemp("neo4j")) as server:
        yield server


@pytest.fixture
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[neo4j.Driver]:
    """A driver on the session's Neo4j, on an empty database (no nodes, constraints, indexes)."""
    driver = neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    )
    try:
        reset_database(driver)
        yield driver
    finally:
        driver.close()
