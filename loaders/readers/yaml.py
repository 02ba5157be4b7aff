"""Read a data folder of YAML files (``docs/data-format.md``) into a RecordSet.

Only safe YAML is read (the composer of ``yaml.SafeLoader``, or its libyaml
twin ``CSafeLoader`` when installed; no Python objects). Every record keeps the line of its first key and of each field,
nested ones included (``norm.amount``, ``failure_modes[1].id``), so the
builder's problems name ``file:line``. What cannot be read at all (a syntax
error, bytes that are not UTF-8, a list where the file's mapping belongs)
becomes a :class:`~graph.errors.Problem` on the record set; nothing raises.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "region.yaml").write_text("region: toy\\n")
>>> _ = (folder / "sources.yaml").write_text("sources:\\n  - id: s1\\n    kind: seed\\n    title: Brief\\n")
>>> _ = (folder / "organisations.yaml").write_text("organisations: []\\n")
>>> _ = (folder / "handoffs.yaml").write_text("handoffs: [\\n")
>>> rs = read_yaml_folder(folder)
>>> [(r.kind, r.data["id"], r.where("title").rsplit("/", 1)[1]) for r in rs.records]
[('sources', 's1', 'sources.yaml:4')]
>>> print(str(rs.problems[0]).rsplit("/", 1)[1])
handoffs.yaml:2: (syntax): YAML syntax error: ...
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graph.errors import Problem
from graph.suggest import did_you_mean
from loaders.records import Record, RecordSet

__all__ = ["KIND_FILES", "REQUIRED_FILES", "read_yaml_folder"]

# kind -> file name; region.yaml holds `region` and `title`.
KIND_FILES: dict[str, str] = {
    "sources": "sources.yaml",
    "phases": "phases.yaml",
    "organisations": "organisations.yaml",
    "legal_bases": "legal_bases.yaml",
    "instruments": "instruments.yaml",
    "handoffs": "handoffs.yaml",
    "signals": "signals.yaml",
    "observations": "observations.yaml",
}
REGION_FILE = "region.yaml"
REQUIRED_FILES = (REGION_FILE, "sources.yaml", "organisations.yaml", "handoffs.yaml")
_NESTED_LISTS = {"failure_modes", "durations"}
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NESTED_MAPS = {"norm"}


class _Reader:
    def __init__(self, path: Path, text: str):
        self.path = path
        # libyaml reads bytes; positions in its errors are then byte offsets.
        self.loader = _LOADER(text.encode("utf-8"))
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node) -> str:
        return f"{self.path}:{node.start_mark.line + 1}"

    def value(self, node: yaml.Node, field: str) -> Any:
        """The Python value of a node; a Problem (and None) when it cannot be built."""
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
            message = getattr(exc, "problem", None) or str(exc)
            self.problems.append(Problem(self.at(node), field, f"unreadable value: {message}"))
            return _UNREADABLE

    def mapping(self, node: yaml.MappingNode, prefix: str, locations: dict[str, str]) -> dict[Any, Any]:
        """A mapping node's dict, recording each key's line under ``prefix``."""
        data: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.value(key_node, prefix or "(key)")
            if key is _UNREADABLE:
                continue
            try:
                hash(key)
            except TypeError:
                self.problems.append(Problem(self.at(key_node), prefix or "(key)", "a field name must be text"))
                continue
            name = f"{prefix}.{key}" if prefix else str(key)
            if key in data:
                self.problems.append(Problem(self.at(key_node), name, f"field {key!r} is given twice in this entry"))
                continue
            locations[name] = self.at(key_node)
            if key in _NESTED_MAPS and not prefix and isinstance(value_node, yaml.MappingNode):
                data[key] = self.mapping(value_node, name, locations)
            elif key in _NESTED_LISTS and not prefix and isinstance(value_node, yaml.SequenceNode):
                items = []
                for i, item in enumerate(value_node.value):
                    sub = f"{name}[{i}]"
                    locations[sub] = self.at(item)
                    if isinstance(item, yaml.MappingNode):
                        items.append(self.mapping(item, sub, locations))
                    else:
                        items.append(self.value(item, sub))
                data[key] = items
            else:
                if isinstance(value_node, yaml.SequenceNode):
                    for i, item in enumerate(value_node.value):
                        locations[f"{name}[{i}]"] = self.at(item)
                data[key] = self.value(value_node, name)
            if data.get(key) is _UNREADABLE:
                del data[key]
        return data


_UNREADABLE = object()


def _read_text(path: Path, problems: list[Problem]) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(str(path), "(file)", f"cannot read the file: {exc.strerror or exc}"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(f"{path}:{line}", "(file)", "the file is not UTF-8 text"))
        return None


def _compose(path: Path, problems: list[Problem]) -> tuple[_Reader, yaml.Node | None] | None:
    text = _read_text(path, problems)
    if text is None:
        return None
    try:
        reader = _Reader(path, text)
        node = reader.loader.get_single_node()
    except yaml.reader.ReaderError as exc:  # a control character, before any parsing
        line = text.encode("utf-8")[: exc.position].count(b"\n") + 1
        problems.append(Problem(f"{path}:{line}", "(syntax)",
                                f"character #x{exc.character:04x} is not allowed in YAML"))
        return None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at_line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.append(Problem(f"{path}{at_line}", "(syntax)", f"YAML syntax error: {problem}"))
        return None
    return reader, node


def _read_kind_file(path: Path, kind: str, problems: list[Problem]) -> list[Record]:
    composed = _compose(path, problems)
    if composed is None:
        return []
    reader, node = composed
    records: list[Record] = []
    if node is None:
        problems.append(Problem(f"{path}:1", kind, f"the file is empty; expected '{kind}:' with a list"))
        return records
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(reader.at(node), kind, f"expected a mapping with the key '{kind}:'"))
        return records
    seen = False
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key != kind:
            extra = did_you_mean(str(key), [kind]) or f"; this file holds only '{kind}'"
            problems.append(Problem(reader.at(key_node), str(key), f"unexpected top-level key {key!r}{extra}"))
            continue
        if seen:
            problems.append(Problem(reader.at(key_node), kind, f"the key '{kind}:' appears twice; use one list"))
            continue
        seen = True
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:null":
            continue  # `handoffs:` with nothing yet
        if not isinstance(value_node, yaml.SequenceNode):
            problems.append(Problem(reader.at(value_node), kind, f"'{kind}' must be a list of entries"))
            continue
        for item in value_node.value:
            where = reader.at(item)
            if not isinstance(item, yaml.MappingNode):
                problems.append(Problem(where, kind, "each entry must be a mapping of field: value"))
                continue
            locations: dict[str, str] = {}
            data = reader.mapping(item, "", locations)
            records.append(Record(kind=kind, data=data, location=where, field_locations=locations))
    if not seen:
        problems.append(Problem(f"{path}:1", kind, f"the key '{kind}:' is missing"))
    problems.extend(reader.problems)
    return records


def _read_region(path: Path, problems: list[Problem]) -> tuple[Any, Any]:
    composed = _compose(path, problems)
    if composed is None:
        return "", ""
    reader, node = composed
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(f"{path}:1", "region", "expected a mapping with 'region:' and 'title:'"))
        return "", ""
    locations: dict[str, str] = {}
    data = reader.mapping(node, "", locations)
    problems.extend(reader.problems)
    problems.extend(Problem(locations.get(str(key), f"{path}:1"), str(key),
                            f"unknown field {key!r}; region.yaml holds 'region' and 'title'")
                    for key in data if key not in ("region", "title"))
    region, title = data.get("region"), data.get("title", "")
    if not isinstance(region, str) or not region.strip():
        problems.append(Problem(locations.get("region", f"{path}:1"), "region", "the region must be given as text"))
        region = ""
    if title is None:
        title = ""
    if not isinstance(title, str):
        problems.append(Problem(locations.get("title", f"{path}:1"), "title", "the title must be text"))
        title = ""
    return region, title


def read_yaml_folder(folder: Path) -> RecordSet:
    """Read every chain file in ``folder``; problems instead of exceptions.

    Parameters
    ----------
    folder : Path
        A folder holding ``region.yaml`` and the per-kind files of
        ``docs/data-format.md``; optional kinds may be left out.

    Returns
    -------
    RecordSet
        Records with ``file:line`` locations, plus the problems met reading.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    records: list[Record] = []
    region: Any = ""
    title: Any = ""
    region_path = folder / REGION_FILE
    if region_path.is_file():
        region, title = _read_region(region_path, problems)
    known = {REGION_FILE, *KIND_FILES.values()}
    problems.extend(Problem(str(folder / name), "(file)", "required file is missing")
                    for name in REQUIRED_FILES if not (folder / name).is_file())
    for kind, name in KIND_FILES.items():
        path = folder / name
        if path.is_file():
            records += _read_kind_file(path, kind, problems)
    for path in sorted(folder.glob("*.y*ml")):
        if path.name not in known and not path.name.startswith("."):
            extra = did_you_mean(path.name, known, n=1) or f"; known files: {', '.join(sorted(known))}"
            problems.append(Problem(str(path), "(file)", f"unknown chain data file{extra}"))
    return RecordSet(records=records, region=region, title=title, problems=problems)
