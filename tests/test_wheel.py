"""The package as a user gets it.

The wheel holds every data file; installed into a fresh virtual environment it
runs ``ketenkaart validate``, ``ketenkaart route`` and ``ketenkaart ui`` from a
temporary directory, importing nothing from this checkout; and another
distribution that provides one of the five import names is refused with a clear
message instead of a traceback (README, "Install elsewhere").

To stay fast and offline the wheel is built without build isolation and
installed without its dependencies; the fresh venv finds those through a
``.pth`` line naming this venv's site-packages (a path in a ``.pth`` file is
only appended to ``sys.path``: the editable install's own ``.pth`` there is not
run, so the checkout stays invisible).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import threading
import time
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.e2e.plugin import free_port, stop

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "loaders", "queries", "ui", "cli")
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
NOT_SHIPPED = {"conftest.py"}  # pytest's, not the app's
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _clean_env(home: Path) -> dict[str, str]:
    """The environment of a user who has only installed the wheel: nothing pointing at this checkout."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTHON", "KETENKAART_", "STREAMLIT_", "NEO4J_", "VIRTUAL_ENV", "PIP_"))}
    env.update({"HOME": str(home), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1",
                "PYTHONDONTWRITEBYTECODE": "1"})
    return env


def _source_files() -> dict[str, Path]:
    """Every file of the five packages in the checkout, by its path in the wheel."""
    files = {}
    for package in PACKAGES:
        for path in (REPO / package).rglob("*"):
            relative = path.relative_to(REPO)
            if path.is_file() and not SKIP_DIRS.intersection(relative.parts) and path.suffix != ".pyc":
                files[relative.as_posix()] = path
    return files


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the checkout (so the build leaves nothing behind in it)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    ignore = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "test-artifacts", "benchmarks",
                                    "tests", *SKIP_DIRS, "*.pyc")
    shutil.copytree(REPO, source, ignore=ignore)
    out = base / "dist"
    result = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                   "--quiet", "--wheel-dir", str(out), str(source)], cwd=base, env=_clean_env(base))
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("ketenkaart-*.whl")
    assert built.name == f"ketenkaart-{VERSION}-py3-none-any.whl"
    return built


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh venv (no system site-packages) with the wheel installed, the dependencies borrowed from this venv."""
    root = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=60)
    python = root / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                     cwd=root, env=_clean_env(root)).stdout.strip())
    borrowed = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "_ketenkaart_test_dependencies.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    result = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                   "--quiet", str(wheel)], cwd=root, env=_clean_env(root))
    assert result.returncode == 0, result.stdout + result.stderr
    return root


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    """A working directory that is not the checkout."""
    directory = tmp_path / "elsewhere"
    directory.mkdir()
    return directory


@pytest.mark.slow
def test_the_wheel_holds_every_file_of_the_five_packages(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    expected = {name for name in _source_files() if Path(name).name not in NOT_SHIPPED}
    assert sorted(expected - names) == []
    for package in PACKAGES:
        assert f"{package}/py.typed" in names
    assert f"ketenkaart-{VERSION}.dist-info/licenses/LICENSE" in names
    assert "ui/.streamlit/config.toml" in names


@pytest.mark.slow
def test_installed_wheel_runs_from_anywhere_without_the_checkout(venv, elsewhere):
    env = _clean_env(elsewhere)
    ketenkaart = str(venv / "bin" / "ketenkaart")

    version = _run([ketenkaart, "--version"], cwd=elsewhere, env=env)
    assert version.returncode == 0, version.stderr
    assert VERSION in version.stdout

    validate = _run([ketenkaart, "validate"], cwd=elsewhere, env=env)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert "valid" in validate.stdout
    assert str(venv) in validate.stdout, "the built-in data should come from the installed package"
    assert str(REPO) not in validate.stdout

    route = _run([ketenkaart, "route", "--from", "politie", "--to", "veilig-thuis-haaglanden"], cwd=elsewhere, env=env)
    assert route.returncode == 0, route.stdout + route.stderr
    assert "Politie (eenheid Den Haag)" in route.stdout
    assert "Veilig Thuis Haaglanden" in route.stdout
    assert "politie-zorgmelding-vt" in route.stdout  # the direct hand-off, the first route

    # Every module the commands load comes from the venv or the borrowed dependencies, none from the checkout.
    probe = (
        "import json, sys\n"
        "from cli.main import cli\n"
        "for args in (['validate'], ['route', '--from', 'politie', '--to', 'veilig-thuis-haaglanden'],\n"
        "             ['ui', '--help']):\n"
        "    try:\n"
        "        cli.main(args=args, prog_name='ketenkaart')\n"
        "    except SystemExit as exc:\n"
        "        assert not exc.code, (args, exc.code)\n"
        "import graph, loaders, queries, ui, ui.mapview  # noqa: E401\n"
        "files = {name: getattr(module, '__file__', None) for name, module in list(sys.modules.items())}\n"
        "print(json.dumps({'files': files, 'path': sys.path}))\n"
    )
    result = _run([str(venv / "bin" / "python"), "-c", probe], cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.splitlines()[-1])
    own_venv = REPO / ".venv"
    from_checkout = sorted(name for name, file in loaded["files"].items()
                           if file and Path(file).resolve().is_relative_to(REPO)
                           and not Path(file).resolve().is_relative_to(own_venv))
    assert from_checkout == [], f"imported from the checkout: {from_checkout}"
    for package in PACKAGES:
        assert Path(loaded["files"][package]).resolve().is_relative_to(venv.resolve()), loaded["files"][package]
    assert str(REPO) not in loaded["path"]


class _ProxyTrap:
    """A local 'proxy' that only counts the connections made to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.server.close()


@pytest.mark.slow
def test_installed_ui_starts_headless_on_localhost_without_going_online(venv, elsewhere):
    trap = _ProxyTrap()
    env = _clean_env(elsewhere)
    # Anything Streamlit fetches with requests/urllib (its external-IP lookup, telemetry) would reach the trap.
    proxy = f"http://127.0.0.1:{trap.port}"
    env.update({"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy, "http_proxy": proxy, "https_proxy": proxy,
                "NO_PROXY": "", "no_proxy": ""})
    port = free_port()
    log = elsewhere / "ui.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen([str(venv / "bin" / "ketenkaart"), "ui", "--port", str(port)], cwd=elsewhere, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        health = None
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the test itself goes direct
        while time.monotonic() < deadline and health is None:
            assert proc.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            try:
                with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=1) as response:
                    health = response.read().decode()
            except OSError:
                time.sleep(0.2)
        assert health == "ok", log.read_text(encoding="utf-8", errors="replace")
        time.sleep(1)  # the start-up message (where an external-IP lookup would happen) comes after health
    finally:
        stop(proc)
        trap.close()
    output = log.read_text(encoding="utf-8", errors="replace")
    assert f"http://127.0.0.1:{port}" in output
    assert "External URL" not in output and "external IP" not in output and "Network URL" not in output
    assert trap.connections == 0, "Streamlit tried to reach the internet at start"


def _dummy_wheel(directory: Path, name: str) -> Path:
    """A minimal wheel of a distribution called ``name`` whose one package is also called ``name``."""
    files = {
        f"{name}/__init__.py": b'"""Some other project that also chose a generic name."""\n',
        f"{name}-0.0.1.dist-info/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0.1\n".encode(),
        f"{name}-0.0.1.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\n"
                                         b"Tag: py3-none-any\n",
        f"{name}-0.0.1.dist-info/top_level.txt": f"{name}\n".encode(),
    }
    record = [f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
              f"{len(data)}" for path, data in files.items()]
    record.append(f"{name}-0.0.1.dist-info/RECORD,,")
    files[f"{name}-0.0.1.dist-info/RECORD"] = ("\n".join(record) + "\n").encode()
    path = directory / f"{name}-0.0.1-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    return path


@pytest.mark.slow
def test_another_distribution_named_ui_is_refused_with_a_clear_message(venv, elsewhere):
    """Runs last on the module's venv: installing the other ``ui`` overwrites ketenkaart's ``ui/__init__.py``."""
    env = _clean_env(elsewhere)
    other = _dummy_wheel(elsewhere, "ui")
    result = _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "--no-deps",
                   "--no-index", "--quiet", str(other)], cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    for command in (["validate"], ["ui", "--port", str(free_port())]):
        refused = _run([str(venv / "bin" / "ketenkaart"), *command], cwd=elsewhere, env=env, timeout=60)
        assert refused.returncode == 1, refused.stdout + refused.stderr
        assert "Traceback" not in refused.stderr
        assert "the import name 'ui' is provided by another installed package (ui 0.0.1" in refused.stderr
        assert "install ketenkaart in its own virtual environment" in refused.stderr


def test_a_folder_named_like_a_package_on_the_python_path_is_refused(tmp_path):
    """Fast: a ``graph`` package earlier on the path than ketenkaart's stops the CLI before any command."""
    shadow = tmp_path / "shadow" / "graph"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text('"""Somebody else\'s graph package."""\n', encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(shadow.parent), str(REPO)]))
    result = _run([sys.executable, "-c", "from cli.main import cli; cli()", "validate"], cwd=tmp_path, env=env,
                  timeout=60)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"the import name 'graph' is provided by a folder on the Python path ({shadow / '__init__.py'}" \
        in result.stderr
    assert "install ketenkaart in its own virtual environment" in result.stderr
