"""Read and validate case stories (YAML files or an Excel workbook) against a chain.

Trainers keep stories as YAML files (one story per file, ``loaders/data/stories``)
or in a workbook with two sheets: ``verhalen`` (one row per story) and
``stappen`` (one row per step, with the story's id and the step number).
Stories are validated like the chain data: every problem is collected, each
naming the file and line (or sheet and row) and the field, and an unknown
element id or source suggests the nearest known ones ("did you mean",
:mod:`graph.suggest`). Nothing unreadable raises midway.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.examples import toy_chain
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "melding.yaml").write_text('''
... id: melding
... title: Een melding
... audience: [trainers]
... steps:
...   - title: Politie meldt
...     narrative: De politie meldt bij Veilig Thuis.
...     elements: [ho-politie-vt]
...   - title: Naar de Raad
...     narrative: Veilig Thuis vraagt de Raad om onderzoek.
...     elements: [ho-vt-raadd]
... ''')
>>> load_stories(folder, toy_chain())
Traceback (most recent call last):
...
graph.errors.ChainDataError: 1 problem in the chain data:
.../melding.yaml:11: steps[1].elements[0]: unknown element 'ho-vt-raadd'; did you mean: ho-vt-raad, raad, ho-vt-raad-oud?
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from graph.errors import ChainDataError, Problem
from graph.model import KIND_SINGULAR, ChainModel
from graph.stories import AUDIENCES, Story, StoryStep
from graph.suggest import did_you_mean
from loaders.records import Record

__all__ = [
    "STEP_FIELDS",
    "STEP_KINDS",
    "STORY_FIELDS",
    "build_stories",
    "check_stories",
    "load_stories",
    "read_story_files",
    "read_story_workbook",
    "write_story_workbook",
]

STORY_FIELDS = ("id", "title", "title_en", "audience", "summary", "summary_en", "sources", "overview", "steps")
STEP_FIELDS = ("title", "title_en", "narrative", "narrative_en", "question", "question_en", "elements", "sources")
_REQUIRED_STORY = ("id", "title", "audience", "steps")
_REQUIRED_STEP = ("title", "narrative", "elements")
_LISTS = {"audience", "sources", "elements"}
# What a step may point at; sources may be sources or legal bases.
STEP_KINDS = ("handoffs", "instruments", "organisations", "signals")
SOURCE_KINDS = ("sources", "legal_bases")
STORY_SHEET = "verhalen"
STEP_SHEET = "stappen"
LIST_SEPARATOR = "; "
_MAX_WORKBOOK_BYTES = 20_000_000  # uncompressed; a story workbook is small


# --- YAML ---------------------------------------------------------------------------------------------------------

def _yaml_records(path: Path, problems: list[Problem]) -> list[Record]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Problem(str(path), "(file)", f"cannot read the file: {exc}"))
        return []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problems.append(Problem(where, "(syntax)", f"YAML syntax error: {getattr(exc, 'problem', None) or exc}"))
        return []
    if root is None:
        problems.append(Problem(str(path), "(file)", "the file is empty"))
        return []
    nodes: list[yaml.Node] = [root]
    if isinstance(root, yaml.MappingNode) and any(k.value == "stories" for k, _ in root.value):
        inner = next(v for k, v in root.value if k.value == "stories")
        nodes = list(inner.value) if isinstance(inner, yaml.SequenceNode) else [inner]
    records = []
    for node in nodes:
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(f"{path}:{node.start_mark.line + 1}", "(story)",
                                    "a story is a mapping of fields (id, title, audience, steps…)"))
            continue
        records.append(_record(path, node, problems))
    return records


def _plain(node: yaml.Node, path: Path, field: str, problems: list[Problem]) -> Any:
    try:
        return yaml.SafeLoader("").construct_object(node, deep=True)  # type: ignore[arg-type]
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        problems.append(Problem(f"{path}:{node.start_mark.line + 1}", field, f"unreadable value: {exc}"))
        return None


def _record(path: Path, node: yaml.MappingNode, problems: list[Problem]) -> Record:
    data: dict[str, Any] = {}
    where: dict[str, str] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        at = f"{path}:{key_node.start_mark.line + 1}"
        where[key] = at
        if key in data:
            problems.append(Problem(at, key, f"field {key!r} is given twice in this story"))
            continue
        if key == "steps" and isinstance(value_node, yaml.SequenceNode):
            steps = []
            for i, step_node in enumerate(value_node.value):
                prefix = f"steps[{i}]"
                where[prefix] = f"{path}:{step_node.start_mark.line + 1}"
                if not isinstance(step_node, yaml.MappingNode):
                    problems.append(Problem(where[prefix], prefix, "a step is a mapping (title, narrative, elements…)"))
                    continue
                step: dict[str, Any] = {}
                for k_node, v_node in step_node.value:
                    name = f"{prefix}.{k_node.value}"
                    where[name] = f"{path}:{k_node.start_mark.line + 1}"
                    if isinstance(v_node, yaml.SequenceNode):
                        for j, item in enumerate(v_node.value):
                            where[f"{name}[{j}]"] = f"{path}:{item.start_mark.line + 1}"
                    step[str(k_node.value)] = _plain(v_node, path, name, problems)
                steps.append(step)
            data[key] = steps
        else:
            if isinstance(value_node, yaml.SequenceNode):
                for j, item in enumerate(value_node.value):
                    where[f"{key}[{j}]"] = f"{path}:{item.start_mark.line + 1}"
            data[key] = _plain(value_node, path, key, problems)
    return Record(kind="stories", data=data, location=f"{path}:{node.start_mark.line + 1}", field_locations=where)


def read_story_files(path: Path) -> tuple[list[Record], list[Problem]]:
    """Story records from a YAML file or from every ``*.yaml``/``*.yml`` file in a folder (sorted)."""
    problems: list[Problem] = []
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
    elif path.exists():
        files = [path]
    else:
        return [], [Problem(str(path), "(file)", "no such file or folder")]
    records = [r for f in files for r in _yaml_records(f, problems)]
    return records, problems


# --- the workbook -------------------------------------------------------------------------------------------------

def _cell_text(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _safe_workbook(path: Path) -> str | None:
    """Why this file is not a workbook we should open (None when it is fine)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(i.file_size for i in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        return f"not a readable .xlsx workbook: {exc}"
    if total > _MAX_WORKBOOK_BYTES:
        return f"the workbook unpacks to {total} bytes; a story workbook stays under {_MAX_WORKBOOK_BYTES}"
    return None


def read_story_workbook(path: Path) -> tuple[list[Record], list[Problem]]:
    """Story records from a workbook: sheet ``verhalen`` (stories) and ``stappen`` (steps)."""
    problems: list[Problem] = []
    why = _safe_workbook(path)
    if why:
        return [], [Problem(str(path), "(file)", why)]
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = {name.lower(): book[name] for name in book.sheetnames}
        for needed in (STORY_SHEET, STEP_SHEET):
            if needed not in sheets:
                problems.append(Problem(str(path), "(sheet)", f"missing sheet {needed!r}"
                                        + did_you_mean(needed, list(sheets))))
        if problems:
            return [], problems

        def rows(sheet_name: str, fields: Iterable[str]) -> list[tuple[int, dict[str, Any]]]:
            sheet = sheets[sheet_name]
            found: list[tuple[int, dict[str, Any]]] = []
            header: list[str] = []
            for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if r == 1:
                    header = [str(v).strip() if v is not None else "" for v in values]
                    for h in header:
                        if h and h not in fields:
                            problems.append(Problem(f"{path}[{sheet_name}]:1", h, f"unknown column {h!r}"
                                                    + did_you_mean(h, list(fields))))
                    continue
                row = {h: _cell_text(v) for h, v in zip(header, values) if h in fields}
                if any(v is not None for v in row.values()):
                    found.append((r, row))
            return found

        stories: dict[str, Record] = {}
        for r, row in rows(STORY_SHEET, [f for f in STORY_FIELDS if f != "steps"]):
            at = f"{path}[{STORY_SHEET}]:{r}"
            data = {k: (_split(v) if k in _LISTS else v) for k, v in row.items() if v is not None}
            data["steps"] = []
            story_id = str(data.get("id") or f"(row {r})")
            stories[story_id] = Record("stories", data, at, {k: at for k in data})
        for r, row in rows(STEP_SHEET, ("story", "step", *STEP_FIELDS)):
            at = f"{path}[{STEP_SHEET}]:{r}"
            owner = str(row.get("story") or "")
            if owner not in stories:
                problems.append(Problem(at, "story", f"unknown story {owner!r}" + did_you_mean(owner, list(stories))))
                continue
            record = stories[owner]
            steps = record.data["steps"]
            i = len(steps)
            step = {k: (_split(v) if k in _LISTS else v) for k, v in row.items()
                    if k not in ("story", "step") and v is not None}
            steps.append(step)
            record.field_locations[f"steps[{i}]"] = at
            for k, value in step.items():
                record.field_locations[f"steps[{i}].{k}"] = at
                if k in _LISTS:
                    for j in range(len(value)):
                        record.field_locations[f"steps[{i}].{k}[{j}]"] = at
        return list(stories.values()), problems
    finally:
        book.close()


def _split(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).replace(",", ";").split(";") if part.strip()]


def write_story_workbook(stories: Iterable[Story], path: Path) -> None:
    """Write stories to a workbook that :func:`read_story_workbook` reads back (for trainers to edit)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = STORY_SHEET
    story_cols = [f for f in STORY_FIELDS if f != "steps"]
    sheet.append(story_cols)
    steps_sheet = book.create_sheet(STEP_SHEET)
    steps_sheet.append(["story", "step", *STEP_FIELDS])
    for story in stories:
        sheet.append([LIST_SEPARATOR.join(getattr(story, c)) if c in _LISTS else getattr(story, c)
                      for c in story_cols])
        for n, step in enumerate(story.steps, start=1):
            steps_sheet.append([story.id, n, *(LIST_SEPARATOR.join(getattr(step, c)) if c in _LISTS
                                               else getattr(step, c) for c in STEP_FIELDS)])
    book.save(path)


# --- validation -----------------------------------------------------------------------------------------------------

def _ids(model: ChainModel, kinds: Iterable[str]) -> list[str]:
    return [e.id for kind in kinds for e in getattr(model, kind)]


def _text(record: Record, data: dict, field: str, name: str, problems: list[Problem], required: bool) -> str | None:
    value = data.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(Problem(record.where(name) if name in record.field_locations else record.location, name,
                                    "required field is missing"))
        return None
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        problems.append(Problem(record.where(name), name, "must be text"))
        return None
    return str(value).strip()


def _list(record: Record, data: dict, field: str, name: str, problems: list[Problem], required: bool) -> list[str]:
    value = data.get(field)
    if value is None:
        if required:
            problems.append(Problem(record.location if name not in record.field_locations else record.where(name),
                                    name, "required field is missing"))
        return []
    if isinstance(value, str):
        value = _split(value)
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        problems.append(Problem(record.where(name), name, "must be a list of ids"))
        return []
    if required and not value:
        problems.append(Problem(record.where(name), name, "must name at least one"))
    return [str(v) for v in value]


def build_stories(records: Iterable[Record], model: ChainModel, problems: Iterable[Problem] = ()) -> tuple[Story, ...]:
    """Validate story records against ``model``; raise :class:`ChainDataError` with every problem."""
    stories, found = _build(records, model, list(problems))
    if found:
        raise ChainDataError(found)
    return stories


def _build(records: Iterable[Record], model: ChainModel, problems: list[Problem]) -> tuple[tuple[Story, ...], list[Problem]]:
    step_ids = _ids(model, STEP_KINDS)
    step_set = set(step_ids)
    source_ids = _ids(model, SOURCE_KINDS)
    source_set = set(source_ids)
    stories: list[Story] = []
    seen: dict[str, str] = {}
    for record in records:
        data = record.data
        before = len(problems)
        for field in data:
            if field not in STORY_FIELDS:
                problems.append(Problem(record.where(field), field, f"unknown field {field!r}"
                                        + did_you_mean(field, STORY_FIELDS)))
        story_id = _text(record, data, "id", "id", problems, True)
        title = _text(record, data, "title", "title", problems, True)
        audience = _list(record, data, "audience", "audience", problems, True)
        for i, who in enumerate(audience):
            if who not in AUDIENCES:
                problems.append(Problem(record.where(f"audience[{i}]"), f"audience[{i}]", f"unknown audience {who!r}"
                                        + (did_you_mean(who, AUDIENCES) or f"; known: {', '.join(AUDIENCES)}")))
        sources = _list(record, data, "sources", "sources", problems, False)
        _check_sources(record, sources, "sources", source_ids, source_set, problems)
        overview = data.get("overview", False)
        if not isinstance(overview, bool):
            problems.append(Problem(record.where("overview"), "overview", "must be true or false"))
            overview = False
        if story_id and story_id in seen:
            problems.append(Problem(record.where("id"), "id", f"duplicate story id {story_id!r} (also {seen[story_id]})"))
        elif story_id:
            seen[story_id] = record.where("id")
        raw_steps = data.get("steps")
        steps: list[StoryStep] = []
        if not isinstance(raw_steps, list) or not raw_steps:
            if "steps" in data or not any(p.field == "steps" for p in problems[before:]):
                problems.append(Problem(record.where("steps"), "steps", "a story needs at least one step"))
            raw_steps = []
        for i, raw in enumerate(raw_steps):
            prefix = f"steps[{i}]"
            if not isinstance(raw, dict):
                continue
            for field in raw:
                if field not in STEP_FIELDS:
                    problems.append(Problem(record.where(f"{prefix}.{field}"), f"{prefix}.{field}",
                                            f"unknown field {field!r}" + did_you_mean(field, STEP_FIELDS)))
            step_title = _text(record, raw, "title", f"{prefix}.title", problems, True)
            narrative = _text(record, raw, "narrative", f"{prefix}.narrative", problems, True)
            elements = _list(record, raw, "elements", f"{prefix}.elements", problems, True)
            for j, element in enumerate(elements):
                if element not in step_set:
                    name = f"{prefix}.elements[{j}]"
                    kind = model.kind_of(element) if element in model.index else None
                    why = (f"a {KIND_SINGULAR.get(kind, kind)} cannot be shown on the map; name it under sources"
                           if kind else f"unknown element {element!r}" + did_you_mean(element, step_ids))
                    problems.append(Problem(record.where(name), name, why))
            step_sources = _list(record, raw, "sources", f"{prefix}.sources", problems, False)
            _check_sources(record, step_sources, f"{prefix}.sources", source_ids, source_set, problems)
            steps.append(StoryStep(
                title=step_title or "", narrative=narrative or "", elements=tuple(elements),
                question=_text(record, raw, "question", f"{prefix}.question", problems, False),
                sources=tuple(step_sources),
                title_en=_text(record, raw, "title_en", f"{prefix}.title_en", problems, False),
                narrative_en=_text(record, raw, "narrative_en", f"{prefix}.narrative_en", problems, False),
                question_en=_text(record, raw, "question_en", f"{prefix}.question_en", problems, False)))
        if len(problems) == before and story_id and title:
            stories.append(Story(
                id=story_id, title=title, audience=tuple(audience), steps=tuple(steps),
                summary=_text(record, data, "summary", "summary", problems, False) or "",
                sources=tuple(sources), title_en=_text(record, data, "title_en", "title_en", problems, False),
                summary_en=_text(record, data, "summary_en", "summary_en", problems, False),
                overview=overview, location=record.location.rsplit(":", 1)[0]))
    overviews = [s for s in stories if s.overview]
    if len(overviews) > 1:
        problems.append(Problem(overviews[1].location, "overview",
                                f"only one story can be the overview; also {overviews[0].id!r}"))
    return tuple(stories), problems


def _check_sources(record: Record, sources: list[str], name: str, known: list[str], known_set: set[str],
                   problems: list[Problem]) -> None:
    for j, source in enumerate(sources):
        if source not in known_set:
            field = f"{name}[{j}]"
            problems.append(Problem(record.where(field), field, f"unknown source {source!r}" + did_you_mean(source, known)))


def _read(path: Path) -> tuple[list[Record], list[Problem]]:
    if path.suffix.lower() == ".xlsx":
        return read_story_workbook(path)
    return read_story_files(path)


def check_stories(path: Path, model: ChainModel) -> tuple[tuple[Story, ...], list[Problem]]:
    """The valid stories and the problems of the others (never raises for bad data)."""
    records, problems = _read(path)
    stories, problems = _build(records, model, problems)
    bad = {p.location.split(":")[0].split("[")[0] for p in problems}
    return tuple(s for s in stories if s.location.split("[")[0] not in bad), problems


def load_stories(path: Path, model: ChainModel) -> tuple[Story, ...]:
    """Read stories from a folder, a YAML file or a workbook, validated against ``model`` (all or nothing)."""
    records, problems = _read(path)
    return build_stories(records, model, problems)
