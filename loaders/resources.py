"""The built-in data shipped inside the package, found in one place.

Everything the package ships as data (the Haaglanden chain, the synthetic
sample case log and its mapping, the glossary) lives in ``loaders/data/`` and
is found through :mod:`importlib.resources`, so an installed wheel finds it
wherever it was installed.

>>> builtin_path("haaglanden").is_dir()
True
>>> builtin_path("no-such-thing")
Traceback (most recent call last):
...
graph.errors.ChainError: the built-in data has no 'no-such-thing'
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from graph.errors import ChainError

__all__ = ["HAAGLANDEN", "GLOSSARY", "SAMPLE_LOG", "SAMPLE_MAPPING", "builtin_path"]

HAAGLANDEN = "haaglanden"
GLOSSARY = "glossary.yaml"
SAMPLE_LOG = "synthetic/sample-events.csv"
SAMPLE_MAPPING = "synthetic/mapping.yaml"


def builtin_path(name: str) -> Path:
    """The path of ``name`` (a file or folder, ``/``-separated) in the built-in data.

    The package is installed as plain files (never zipped), so the resource
    is a real path that DuckDB, openpyxl and friends can open.
    """
    resource = files("loaders.data").joinpath(*name.split("/"))
    path = Path(str(resource))
    if not path.exists():
        raise ChainError(f"the built-in data has no {name!r}")
    return path
