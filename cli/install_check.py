"""Start-up check: the five import names are ketenkaart's own.

ketenkaart keeps its folders as top-level import names (``graph``, ``loaders``,
``queries``, ``ui``, ``cli``), so it must be installed in a virtual environment
of its own (README, "Install elsewhere"). This check makes that rule visible:
before any command imports the library, each name must resolve to the folder
beside this ``cli`` package, and in an installed wheel its ``__init__.py`` must
still be the file ketenkaart installed (another distribution of the same name
installed later overwrites it). Otherwise the command stops with one message
naming the other package and how to install ketenkaart apart.

It reads no distribution metadata on the happy path: five module specs, one
directory listing, one RECORD file and five small hashes, about 1 ms in an
installed wheel (measured on 0.2.0); metadata is read only to name the culprit.

>>> import_name_problems()
[]
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
from importlib.machinery import ModuleSpec
from pathlib import Path

__all__ = ["IMPORT_NAMES", "check_import_names", "import_name_problems"]

IMPORT_NAMES = ("graph", "loaders", "queries", "ui", "cli")
DISTRIBUTION = "ketenkaart"
REMEDY = (
    "install ketenkaart in its own virtual environment: `pipx install ketenkaart-<version>-py3-none-any.whl`, "
    "or `make install` in a checkout (README, 'Install elsewhere')"
)

# The folder that holds this cli package: site-packages for a wheel, the checkout otherwise.
_ROOT = Path(__file__).resolve().parent.parent


def import_name_problems(root: Path = _ROOT) -> list[str]:
    """One message per import name that is not ketenkaart's own; empty when all five are."""
    recorded = _recorded_hashes(root)
    problems = []
    for name in IMPORT_NAMES:
        expected = root / name / "__init__.py"
        spec = importlib.util.find_spec(name)
        if spec is None:
            problems.append(f"the import name {name!r} is missing (ketenkaart's {expected} is gone)")
            continue
        origin = Path(spec.origin).resolve() if spec.origin else None
        if origin != expected:
            problems.append(f"the import name {name!r} is provided by {_provider(name, origin, spec)}, "
                            f"not by ketenkaart ({expected})")
        elif recorded is not None and recorded.get(f"{name}/__init__.py") != _sha256(expected):
            problems.append(f"the import name {name!r} is provided by {_provider(name, origin, spec)}, "
                            "which overwrote ketenkaart's")
    return problems


def check_import_names() -> None:
    """Stop with a clear message when another package provides one of the five import names."""
    problems = import_name_problems()
    if problems:
        raise SystemExit("ketenkaart: " + ";\n  ".join(problems) + f";\n{REMEDY}.")


def _recorded_hashes(root: Path) -> dict[str, str] | None:
    """The RECORD hashes of the five ``__init__.py`` files when ketenkaart is an installed wheel in ``root``.

    None for a checkout or an editable install: there the files are the source itself.
    """
    try:
        entries = os.listdir(root)
    except OSError:
        return None
    info = [entry for entry in entries if entry.startswith(f"{DISTRIBUTION}-") and entry.endswith(".dist-info")]
    if len(info) != 1:
        return None
    try:
        lines = (root / info[0] / "RECORD").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    wanted = {f"{name}/__init__.py" for name in IMPORT_NAMES}
    hashes = {}
    for line in lines:
        path, _, rest = line.partition(",")
        if path in wanted:
            hashes[path] = rest.split(",")[0]
    return hashes or None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _provider(name: str, origin: Path | None, spec: ModuleSpec) -> str:
    """Who provides ``name`` at ``origin``: another distribution or a folder (metadata is read only here)."""
    from importlib.metadata import PackageNotFoundError, distribution, packages_distributions

    if origin is None:
        folders = "; ".join(spec.submodule_search_locations or [])
        return f"a folder without __init__.py ({folders})"
    for dist_name in sorted(set(packages_distributions().get(name, []))):
        if dist_name.lower() == DISTRIBUTION:
            continue
        try:
            dist = distribution(dist_name)
        except PackageNotFoundError:
            continue
        if Path(str(dist.locate_file(f"{name}/__init__.py"))).resolve() == origin:
            return f"another installed package ({dist.metadata['Name']} {dist.version} at {origin})"
    return f"a folder on the Python path ({origin}; PYTHONPATH or the current directory)"
