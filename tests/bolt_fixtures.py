"""Pytest plugin: the local Bolt test server (FalkorDB v4.18 on Redis), started once per session.

``make bolt-server`` (``tools/build-bolt-server.sh``) builds it into
``.cache/bolt-server/``. The session fixture :func:`bolt_server` starts it on
free loopback ports and stops it at the end. FalkorDB's Bolt socket listens
on every interface whatever ``--bind`` says, so the fixture refuses to start
outside a private network namespace (``tools/run-tests.sh`` provides one)
unless ``KETENKAART_BOLT_HOST_NETWORK=1`` is set.

A missing server binary is a failure with instructions, not a skip; set
``KETENKAART_SKIP_BOLT=1`` to skip the Bolt tests explicitly.

Fixtures
--------
bolt_server
    session: the running server (``uri``, ``auth``).
bolt_driver
    session: a ``neo4j`` driver connected to it.
neo4j_store
    function: a :class:`loaders.neo4j.Neo4jStore` on an emptied database.
real_neo4j
    function: a store on the real Neo4j at ``NEO4J_URI`` (tests marked
    ``neo4j_only`` are skipped without it).
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SERVER_DIR = REPO / ".cache" / "bolt-server"
REDIS = SERVER_DIR / "redis-server"
MODULE = SERVER_DIR / "falkordb.so"


@dataclass(frozen=True)
class BoltServer:
    uri: str
    auth: tuple[str, str]
    pid: int


def _free_port(taken: tuple[int, ...] = ()) -> int:
    """A free port below 32768 (FalkorDB reads BOLT_PORT as a 16-bit signed number)."""
    for port in random.sample(range(20000, 32768), 200):
        if port in taken:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port between 20000 and 32767 for the Bolt test server")


def _private_network() -> bool:
    """True inside a network namespace with loopback only."""
    # /proc/net/dev lists the interfaces of this process's namespace
    # (/sys/class/net may still show the host's).
    try:
        lines = Path("/proc/net/dev").read_text().splitlines()[2:]
    except OSError:
        return False
    interfaces = {line.split(":", 1)[0].strip() for line in lines if ":" in line}
    return interfaces <= {"lo"}


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Bolt test server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"the Bolt test server did not open port {port} within {timeout:.0f} s")


def pytest_collection_modifyitems(config, items):
    if not os.environ.get("NEO4J_URI"):
        skip = pytest.mark.skip(reason="needs a real Neo4j server: set NEO4J_URI (e.g. the docker-compose one)")
        for item in items:
            if "neo4j_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def bolt_server():
    if os.environ.get("KETENKAART_SKIP_BOLT") == "1":
        pytest.skip("Bolt tests skipped on request (KETENKAART_SKIP_BOLT=1)")
    if not (REDIS.is_file() and MODULE.is_file()):
        pytest.fail(
            f"the Bolt test server is not built ({SERVER_DIR} is missing redis-server or falkordb.so): "
            "run `make bolt-server` (or set KETENKAART_SKIP_BOLT=1 to skip the Bolt tests)",
            pytrace=False,
        )
    if not _private_network() and os.environ.get("KETENKAART_BOLT_HOST_NETWORK") != "1":
        pytest.fail(
            "the Bolt test server listens on every network interface, so it only starts in a private "
            "network namespace: run the tests through `make test` or "
            "`bash tools/run-tests.sh .venv/bin/python -m pytest ...` "
            "(or set KETENKAART_BOLT_HOST_NETWORK=1 to accept the exposure)",
            pytrace=False,
        )
    redis_port = _free_port()
    bolt_port = _free_port((redis_port,))
    with (
        tempfile.TemporaryDirectory(prefix="ketenkaart-bolt-") as workdir,
        open(Path(workdir) / "server.log", "wb") as log,
    ):
        process = subprocess.Popen(
            [
                str(REDIS),
                "--port", str(redis_port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", workdir,
                "--loadmodule", str(MODULE),
                "BOLT_PORT", str(bolt_port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_port(bolt_port, process)
            yield BoltServer(uri=f"bolt://127.0.0.1:{bolt_port}", auth=("falkordb", ""), pid=process.pid)
        except RuntimeError as exc:
            log.flush()
            tail = (Path(workdir) / "server.log").read_text(errors="replace")[-2000:]
            pytest.fail(f"{exc}\n{tail}", pytrace=False)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="session")
def bolt_driver(bolt_server):
    import neo4j

    driver = neo4j.GraphDatabase.driver(bolt_server.uri, auth=bolt_server.auth)
    driver.verify_connectivity()
    yield driver
    driver.close()


@pytest.fixture
def neo4j_store(bolt_driver):
    """A store on the Bolt test server, with ketenkaart's nodes removed first."""
    from loaders.neo4j import Neo4jStore

    store = Neo4jStore(bolt_driver)
    store.clear()
    return store


@pytest.fixture
def real_neo4j():
    """A store on the real Neo4j at NEO4J_URI, emptied first (use a throw-away database)."""
    from graph.settings import Settings
    from loaders.neo4j import Neo4jStore

    settings = Settings.from_env()
    if not settings.neo4j_uri:
        pytest.skip("needs a real Neo4j server: set NEO4J_URI")
    store = Neo4jStore.from_settings(settings)
    store.clear()
    yield store
    store.close()
