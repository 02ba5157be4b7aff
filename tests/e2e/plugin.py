"""Fixtures for the browser tests: a real Streamlit server on 127.0.0.1 and a
headless Debian Chromium driven by Playwright. Registered in tests/conftest.py.

Every page fixture fails the test on a browser console error or on any
request to a host other than localhost / 127.0.0.1.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("KETENKAART_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
ARTIFACTS = REPO / "test-artifacts"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def follow_nav_link(page, title: str, section: str = "Doorbraakteam") -> None:
    """Click the top-navigation link ``title``; a page of ``section`` sits in that section's drop-down."""
    link = page.get_by_role("link", name=title, exact=True)
    if link.count() and link.first.is_visible():
        link.first.click()
        return
    page.locator('[data-testid="stTopNav"]').get_by_text(section, exact=True).first.click()
    page.get_by_role("menuitem", name=title, exact=True).first.click()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(port: int, env: dict[str, str] | None = None, log_path: Path | None = None) -> subprocess.Popen:
    """Start ``streamlit run ui/streamlit_app.py`` on 127.0.0.1:port and wait until healthy."""
    environment = dict(os.environ)
    environment.update({"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "STREAMLIT_SERVER_HEADLESS": "true"})
    environment.update(env or {})
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - the server writes to it while it runs
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "ui/streamlit_app.py", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--server.fileWatcherType", "none", "--server.runOnSave", "false"],
        cwd=REPO, env=environment, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def ui_server():
    """Base URL of a Streamlit server running the app on the built-in data."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    proc = start_streamlit(port, log_path=ARTIFACTS / "streamlit-server.log")
    yield f"http://127.0.0.1:{port}"
    stop(proc)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install the Debian packages chromium and chromium-driver "
                    "(tools/install-system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageGuard:
    """Collects console errors and non-local requests of one page."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.watch(page)

    def watch(self, page) -> None:
        """Guard another page (e.g. a downloaded file opened in the same context) too."""
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        page.on("request", self._request)

    def _console(self, message) -> None:
        if message.type != "error":
            return
        where = (message.location or {}).get("url", "")
        # Opened at a page's own address (/verhalen?...), Streamlit first looks for its server one
        # level down (/verhalen/_stcore/health) and then finds it at the root: not an app error.
        if "/_stcore/" in where and "404" in message.text:
            return
        self.console_errors.append(message.text)

    def _request(self, request) -> None:
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob", "about", "file"):
            return
        if parsed.hostname not in LOCAL_HOSTS:
            self.foreign_requests.append(request.url)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _guarded_page(chromium, width: int, height: int) -> tuple[object, PageGuard]:
    context = chromium.new_context(viewport={"width": width, "height": height}, locale="nl-NL", accept_downloads=True)
    # Anything that is not local is blocked (and recorded by the guard).
    context.route(lambda url: urlparse(url).hostname not in LOCAL_HOSTS and urlparse(url).scheme in ("http", "https", "ws", "wss"),
                  lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, PageGuard(page)


def _check(context, guard: PageGuard, request, name: str) -> None:
    failed = request.node.rep_call.failed if hasattr(request.node, "rep_call") else False
    if failed:
        guard.screenshot(f"FAILED-{name}")
    exceptions = guard.page.locator('[data-testid="stException"]').all_inner_texts()
    context.close()
    assert not exceptions, f"the app showed an exception: {exceptions}"
    assert not guard.foreign_requests, f"requests to non-local hosts: {guard.foreign_requests}"
    assert not guard.console_errors, f"browser console errors: {guard.console_errors}"


@pytest.fixture
def ui_page(chromium, request):
    """A fresh browser page (1440x1000, Dutch locale) guarded against console errors and foreign requests."""
    context, guard = _guarded_page(chromium, 1440, 1000)
    yield guard
    _check(context, guard, request, request.node.name)


@pytest.fixture
def ui_pages(chromium, request):
    """A factory of fresh guarded pages at a given window size: ``ui_pages(1280, 800)``."""
    opened = []

    def make(width: int = 1440, height: int = 1000) -> PageGuard:
        context, guard = _guarded_page(chromium, width, height)
        opened.append((context, guard))
        return guard

    yield make
    for i, (context, guard) in enumerate(opened):
        _check(context, guard, request, f"{request.node.name}-{i}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
