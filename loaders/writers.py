"""Write the model in the export formats: json, ttl, jsonld, graphml, gexf, xlsx.

:func:`export_text` gives the text formats as a string (for stdout);
:func:`write_export` writes any format to a file atomically (a temporary
file in the same folder, then ``os.replace``), so an error never leaves a
half-written file behind.

The JSON form has top-level lists ``organisations``, ``instruments``,
``legal_bases``, ``handoffs``, ``sources``, ``phases``, ``signals``,
``observations`` plus ``region`` and ``title``; every element in its one shape
(:func:`graph.encode.element_json`, documented in ``docs/json.md``): ``id``,
``kind``, ``name``, every field, references as ``{"id", "name"}``.

>>> import json
>>> from graph.examples import toy_chain
>>> doc = json.loads(export_text(toy_chain(), "json"))
>>> ho = next(h for h in doc["handoffs"] if h["id"] == "ho-raad-kinderrechter")
>>> ho["from"]["id"], ho["to"]["name"], ho["name"], ho["sources"]
('raad', 'Kinderrechter', 'Verzoek OTS', ['toy-source'])
>>> lb = next(b for b in doc["legal_bases"] if b["id"] == "bw1-255")
>>> lb["juriconnect"], lb["url"]
('jci1.3:c:BWBR0002656&artikel=255', 'https://wetten.overheid.nl/jci1.3:c:BWBR0002656&artikel=255')
>>> sorted(FORMATS)
['gexf', 'graphml', 'json', 'jsonld', 'ttl', 'xlsx']
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from graph.encode import element_json, plain
from graph.errors import ChainError
from graph.model import ChainModel, HandOff
from graph.networkx import to_networkx
from graph.vocab import Rel
from loaders.build import model_to_records

__all__ = [
    "FORMATS",
    "TEXT_FORMATS",
    "export_text",
    "model_to_records",
    "scalar_graph",
    "to_json_document",
    "write_export",
    "write_yaml_folder",
]


def to_json_document(model: ChainModel) -> dict[str, Any]:
    """The JSON export as a dict: ``region``, ``title`` and one list per element
    kind, each element in its one shape (:func:`graph.encode.element_json`)."""
    doc: dict[str, Any] = {"region": model.region, "title": model.title}
    for kind in ("organisations", "instruments", "legal_bases", "handoffs", "sources", "phases", "signals",
                 "observations"):
        doc[kind] = [element_json(model, element) for element in getattr(model, kind)]
    return doc


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None or value == ():
        return None
    if isinstance(value, (Enum, str, int, float, bool, dt.date, dt.datetime)):
        encoded: str | int | float | bool = plain(value)
        return encoded
    if isinstance(value, tuple) and all(isinstance(v, (str, Enum)) for v in value):
        return "; ".join(plain(v) for v in value)
    return None


def scalar_graph(model: ChainModel) -> nx.MultiDiGraph:
    """The networkx projection with scalar attributes only (for GraphML/GEXF).

    Node attributes: ``label``, ``name`` and each scalar field of the element
    (lists joined with ``"; "``); a hand-off's norm is flattened into
    ``norm_*`` and its failure-mode ids joined in ``failure_modes``. Edge
    attribute: ``rel``.

    >>> from graph.examples import toy_chain
    >>> G = scalar_graph(toy_chain())
    >>> G.nodes["ho-politie-vt"]["norm_unit"], G.nodes["ho-politie-vt"]["passes"]
    ('working-days', 'information; case')
    """
    full = to_networkx(model)
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph(region=model.region, title=model.title)
    for node, data in full.nodes(data=True):
        element = data["element"]
        attrs: dict[str, Any] = {"label": data["label"].value, "name": data["name"]}
        for field in getattr(element, "__dataclass_fields__", {}):
            value = _scalar(getattr(element, field))
            if value is not None and field not in attrs:
                attrs[field] = value
        if isinstance(element, HandOff):
            if element.norm is not None:
                for field in element.norm.__dataclass_fields__:
                    value = _scalar(getattr(element.norm, field))
                    if value is not None:
                        attrs[f"norm_{field}"] = value
            if element.failure_modes:
                attrs["failure_modes"] = "; ".join(m.id for m in element.failure_modes)
        G.add_node(node, **attrs)
    rel: Rel  # to_networkx gives every edge its Rel
    for u, v, key, rel in full.edges(keys=True, data="rel"):
        G.add_edge(u, v, key=key, rel=rel.value)
    return G


def _json(model: ChainModel) -> str:
    return json.dumps(to_json_document(model), ensure_ascii=False, indent=2) + "\n"


def _ttl(model: ChainModel) -> str:
    from graph.rdf import to_turtle

    return to_turtle(model)


def _jsonld(model: ChainModel) -> str:
    from graph.rdf import to_jsonld

    return to_jsonld(model)


def _graphml(model: ChainModel) -> str:
    return "\n".join(nx.generate_graphml(scalar_graph(model))) + "\n"


def _gexf(model: ChainModel) -> str:
    return "\n".join(nx.generate_gexf(scalar_graph(model))) + "\n"


# format -> text writer; xlsx is binary and only goes to a file.
TEXT_FORMATS: dict[str, Callable[[ChainModel], str]] = {
    "json": _json,
    "ttl": _ttl,
    "jsonld": _jsonld,
    "graphml": _graphml,
    "gexf": _gexf,
}
FORMATS: tuple[str, ...] = (*TEXT_FORMATS, "xlsx")


def export_text(model: ChainModel, fmt: str) -> str:
    """The model in a text format (``json``, ``ttl``, ``jsonld``, ``graphml``, ``gexf``).

    Raises
    ------
    ChainError
        For ``xlsx`` (binary: use :func:`write_export`) or an unknown format.
    """
    if fmt == "xlsx":
        raise ChainError("the xlsx export is a binary workbook: give a file to write it to")
    if fmt not in TEXT_FORMATS:
        raise ChainError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")
    return TEXT_FORMATS[fmt](model)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_export(model: ChainModel, fmt: str, out: Path) -> None:
    """Write the model in ``fmt`` to ``out`` atomically.

    The content is written to a temporary file in the same folder and moved
    into place with :func:`os.replace`; on any error the temporary file is
    removed and ``out`` is left as it was.

    >>> import tempfile, pathlib
    >>> from graph.examples import toy_chain
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "keten.graphml"
    >>> write_export(toy_chain(), "graphml", out)
    >>> nx.read_graphml(out).nodes["politie"]["label"]
    'Organisation'
    """
    if fmt not in FORMATS:
        raise ChainError(f"unknown export format {fmt!r}; valid: {', '.join(FORMATS)}")
    out = Path(out)
    if not out.parent.is_dir():
        raise ChainError(f"cannot write '{out}': the folder '{out.parent}' does not exist")
    try:
        handle, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    except OSError as exc:
        raise ChainError(f"cannot write '{out}': {exc.strerror or exc}") from exc
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        if fmt == "xlsx":
            from loaders.readers.xlsx import write_workbook

            write_workbook(model, tmp)
        else:
            tmp.write_text(export_text(model, fmt), encoding="utf-8")
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ChainError(f"cannot write '{out}': {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_yaml_folder(model: ChainModel, folder: Path) -> None:
    """Write ``model`` as a data folder in the ``docs/data-format.md`` layout.

    One file per kind plus ``region.yaml``; each file is written atomically.
    Comments and key order of hand-written files are not kept, so this is for
    generated data (benchmarks, conversions), not for editing the shipped data.

    >>> import tempfile, pathlib
    >>> from graph.examples import toy_chain
    >>> from loaders.load import load_model
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_yaml_folder(toy_chain(), folder)
    >>> load_model(folder) == toy_chain()
    True
    """
    import yaml

    from loaders.readers.yaml import KIND_FILES, REGION_FILE

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, dict[str, Any]] = {REGION_FILE: {"region": model.region, "title": model.title}}
    for kind, records in model_to_records(model).items():
        files[KIND_FILES[kind]] = {kind: records}
    for name, content in files.items():
        text = yaml.dump(content, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                         sort_keys=False, width=100)
        _atomic_text(folder / name, text)


def _atomic_text(out: Path, text: str) -> None:
    handle, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ChainError(f"cannot write '{out}': {exc.strerror or exc}") from exc
