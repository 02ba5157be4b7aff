"""Load a chain model from a folder, a workbook or a Turtle file.

The reader is chosen by what the path is (registry :data:`READERS`); every
reader yields a :class:`~loaders.records.RecordSet` and
:func:`loaders.build.build_model` makes the model, so all formats are
validated the same way.

>>> sorted(READERS)
['folder', 'ttl', 'xlsx']
>>> load_model(Path("chain.csv"))
Traceback (most recent call last):
...
graph.errors.ChainError: cannot read 'chain.csv': unknown format; valid: a folder of YAML files, .xlsx, .ttl
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.errors import ChainError
from graph.model import ChainModel
from graph.settings import Settings, default_data_dir
from loaders.build import build_model
from loaders.records import RecordSet

__all__ = ["load_model", "load_chain", "read_records", "READERS", "reader_for", "SOURCES"]


def _read_folder(path: Path) -> RecordSet:
    from loaders.readers.yaml import read_yaml_folder

    return read_yaml_folder(path)


def _read_xlsx(path: Path) -> RecordSet:
    from loaders.readers.xlsx import read_workbook

    return read_workbook(path)


def _read_ttl(path: Path) -> RecordSet:
    from loaders.readers.turtle import read_turtle

    return read_turtle(path)


# format name -> reader; "folder" is a directory of YAML files, others go by suffix.
READERS: dict[str, Callable[[Path], RecordSet]] = {
    "folder": _read_folder,
    "xlsx": _read_xlsx,
    "ttl": _read_ttl,
}
_VALID = "a folder of YAML files, .xlsx, .ttl"


def reader_for(path: Path) -> Callable[[Path], RecordSet]:
    """The reader for ``path``; :class:`ChainError` naming the valid formats otherwise."""
    if path.is_dir():
        return READERS["folder"]
    suffix = path.suffix.lower().lstrip(".")
    if suffix in READERS and suffix != "folder":
        if not path.exists():
            raise ChainError(f"cannot read '{path}': no such file")
        return READERS[suffix]
    if not path.exists() and not path.suffix:
        raise ChainError(f"cannot read '{path}': no such folder")
    if suffix in ("yaml", "yml"):
        raise ChainError(
            f"cannot read '{path}' on its own: give the folder that holds the chain files ('{path.parent}')"
        )
    raise ChainError(f"cannot read '{path}': unknown format; valid: {_VALID}")


def read_records(path: Path | None = None) -> RecordSet:
    """The records of ``path`` (default: the built-in Haaglanden data), unvalidated."""
    path = default_data_dir() if path is None else Path(path)
    return reader_for(path)(path)


def load_model(path: Path | None = None) -> ChainModel:
    """Load and validate the chain at ``path``.

    Parameters
    ----------
    path : Path, optional
        A folder of YAML files, an ``.xlsx`` workbook or a ``.ttl`` file;
        default the built-in Haaglanden data
        (:func:`graph.settings.default_data_dir`).

    Returns
    -------
    ChainModel

    Raises
    ------
    ChainDataError
        Listing every problem in the data.
    ChainError
        When the path does not exist or has an unknown format.
    """
    return build_model(read_records(path))


# Where a chain can be read from: the data files (default) or the shared Neo4j store.
SOURCES = ("files", "neo4j")


def load_chain(source: str, settings: Settings, data_path: Path | None = None) -> ChainModel:
    """The chain from ``source``: ``"files"`` loads ``data_path`` (default
    ``settings.data_dir``); ``"neo4j"`` reads the chain the team pushed to the
    shared store in ``settings`` (connection opened and closed here).
    Unknown sources raise :class:`ChainError`.
    """
    if source == "files":
        return load_model(data_path or settings.data_dir)
    if source == "neo4j":
        from loaders.neo4j import Neo4jStore

        with Neo4jStore.from_settings(settings) as store:
            return store.read_model()
    raise ChainError(f"unknown source {source!r}; valid: {', '.join(SOURCES)}")
