"""The app opens no outbound connection at start (issue 12, group 8): Streamlit looks up the machine's
external IP address to print it unless ``server.address`` is set, and sends usage statistics unless
they are off. ``ketenkaart ui`` is started under ``strace`` and every ``connect()`` it or its children
make until the health endpoint answers and the page is served must go to the loopback address or a
local socket."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.plugin import free_port

STRACE = shutil.which("strace")


def _can_trace() -> bool:
    """strace works here (a container may forbid ptrace)."""
    if STRACE is None:
        return False
    probe = subprocess.run([STRACE, "-qq", "-e", "trace=none", "-o", os.devnull, sys.executable, "-c", "pass"],
                           capture_output=True, check=False, timeout=60)
    return probe.returncode == 0

INET = re.compile(r"sa_family=AF_INET6?,.*?(?:sin_addr=inet_addr\(\"([^\"]+)\"\)|inet_pton\(AF_INET6, \"([^\"]+)\")")
LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


def _wait_for(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bytes(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.skipif(not _can_trace(), reason="strace is missing or may not trace here (ptrace forbidden)")
def test_the_ui_starts_without_an_outbound_connection(tmp_path: Path) -> None:
    assert STRACE is not None
    port = free_port()
    trace = tmp_path / "connect.trace"
    command = [STRACE, "-f", "-qq", "-e", "trace=connect", "-o", str(trace),
               sys.executable, "-c", "from cli.main import cli; cli()", "ui", "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=Path(__file__).resolve().parent.parent, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        assert _wait_for(base + "/_stcore/health", time.monotonic() + 60) == b"ok"
        assert b"<html" in _wait_for(base + "/", time.monotonic() + 10).lower()
        time.sleep(1.0)  # anything started in the background at start has had its moment
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # strace, the CLI and the Streamlit server it started
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    calls = [line for line in trace.read_text(encoding="utf-8").splitlines() if "connect(" in line]
    remote = [address for line in calls for found in INET.findall(line) for address in found
              if address and address not in LOOPBACK]
    assert remote == [], remote
