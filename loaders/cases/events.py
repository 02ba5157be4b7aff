"""Read pseudonymised case event logs (CSV, Parquet, XES) and the activity mapping.

An event log has one row per event with the columns ``case_id``,
``timestamp``, ``activity`` and (optionally) ``organisation``; other columns
are allowed and ignored by the statistics, but scanned by the privacy guard.
:func:`load_events` reads it into an embedded DuckDB, refuses it when the
guard finds direct identifiers (:mod:`loaders.cases.privacy`), replaces case ids by
a salted hash and keeps the file order of every event (``file_row_number``
for Parquet, insertion order for CSV and XES), so events with equal
timestamps are ordered as in the file, the same way every run.

The mapping file (YAML, see ``docs/case-logs.md``) ties log activities and
log organisation names to organisations of the chain model, and pairs of
activities to hand-offs. :func:`load_mapping` validates it against a
:class:`graph.model.ChainModel` and raises :class:`graph.errors.ChainDataError`
with ``file:line: field`` for every problem.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from graph.errors import ChainDataError, ChainError, Problem
from graph.model import ChainModel, HandOff, is_valid_on
from loaders.cases.privacy import case_salt, guard

__all__ = [
    "connect",
    "EventLog",
    "load_events",
    "HandOffRule",
    "ActivityMapping",
    "load_mapping",
    "parse_mapping",
    "REQUIRED_COLUMNS",
    "LOG_FORMATS",
]

REQUIRED_COLUMNS = ("case_id", "timestamp", "activity")
SYNTHETIC_PREFIX = "SYN"  # case ids of generated logs (loaders.cases.generate)

LOG_FORMATS = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xes": "xes"}


def connect(
    *,
    memory_limit: str = "2GB",
    temp_directory: str | os.PathLike | None = None,
    max_temp_directory_size: str = "4GB",
    threads: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with memory and spill space capped explicitly.

    Parameters
    ----------
    memory_limit : str
        DuckDB ``memory_limit`` (default ``"2GB"``).
    temp_directory : path or None
        Where DuckDB may spill; default a ``ketenkaart-duckdb`` folder in the
        system temporary directory.
    max_temp_directory_size : str
        Cap on the spill files (default ``"4GB"``).
    threads : int or None
        Worker threads; None lets DuckDB use every core.

    Examples
    --------
    >>> con = connect(memory_limit="512MB")
    >>> con.execute("SELECT current_setting('memory_limit')").fetchone()[0].endswith("MiB")
    True
    """
    if temp_directory is None:
        temp_directory = Path(tempfile.gettempdir()) / "ketenkaart-duckdb"
    con = duckdb.connect(":memory:")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = '{_setting(memory_limit)}'")
    con.execute(f"SET temp_directory = '{_setting(str(temp_directory))}'")
    con.execute(f"SET max_temp_directory_size = '{_setting(max_temp_directory_size)}'")
    # Order is carried by explicit columns (file_row_number / rowid), so DuckDB may reorder freely.
    con.execute("SET preserve_insertion_order = false")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    # Time-zone-aware timestamps (XES, some Parquet) become Dutch local time, so dates and
    # working days are the ones the partners saw. (duckdb.Error: DuckDB built without ICU.)
    with contextlib.suppress(duckdb.Error):
        con.execute("SET TimeZone = 'Europe/Amsterdam'")
    return con


def _setting(value: str) -> str:
    if "'" in value:
        raise ChainError(f"invalid DuckDB setting value {value!r}")
    return value


@dataclass(frozen=True)
class EventLog:
    """An event log loaded into ``con`` as the temporary table (Parquet: view) ``table``.

    The table has the columns ``case_key`` (salted SHA-256 of the case id,
    folded to 64 bits),
    ``ts`` (TIMESTAMP), ``activity``, ``organisation`` (the log's own name,
    may be NULL) and ``rn`` (position in the file). ``skipped_rows`` counts
    rows without case id, timestamp or activity (not used). ``synthetic``
    is true when every case id starts with ``SYN``, the prefix of
    :mod:`loaders.cases.generate`; outputs then carry a synthetic-data label.
    """

    con: duckdb.DuckDBPyConnection
    table: str
    source: str
    skipped_rows: int
    synthetic: bool = False  # every case id carries the generator's prefix (SYN…)

    def quoted(self) -> str:
        return '"' + self.table.replace('"', '""') + '"'


def _drop_relation(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a temporary table or view called ``name``, whichever it is."""
    for kind, catalog in (("VIEW", "duckdb_views()"), ("TABLE", "duckdb_tables()")):
        row = con.execute(
            f"SELECT count(*) FROM {catalog} WHERE {kind.lower()}_name = ? AND temporary", [name]
        ).fetchone()
        assert row is not None  # count(*) returns one row
        if row[0]:
            con.execute(f"DROP {kind} {name}")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _format_of(path: Path) -> str:
    fmt = LOG_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ChainError(
            f"{path.name}: unknown event log format {path.suffix!r}; use one of: {', '.join(sorted(LOG_FORMATS))}"
        )
    return fmt


def _read_xes(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> None:
    """XES (IEEE 1849) into ``table``: concept:name of trace and event, time:timestamp, org:resource/org:group."""
    import xml.etree.ElementTree as ET

    import pyarrow as pa

    cols: dict[str, list[Any]] = {"case_id": [], "timestamp": [], "activity": [], "organisation": []}

    case_id = None
    event: dict[str, Any] | None = None
    depth_trace = False
    for action, elem in ET.iterparse(path, events=("start", "end")):
        tag = elem.tag.rsplit("}", 1)[-1]
        if action == "start":
            if tag == "trace":
                depth_trace, case_id = True, None
            elif tag == "event":
                event = {}
            continue
        key, value = elem.get("key"), elem.get("value")
        if event is not None and tag != "event":
            if key == "concept:name":
                event["activity"] = value
            elif key == "time:timestamp":
                event["timestamp"] = value
            elif key in ("org:group", "org:resource") and "organisation" not in event:
                event["organisation"] = value
        elif tag == "event" and event is not None:
            cols["case_id"].append(case_id)
            for name in ("timestamp", "activity", "organisation"):
                cols[name].append(event.get(name))
            event = None
            elem.clear()
        elif depth_trace and event is None and key == "concept:name" and tag == "string" and case_id is None:
            case_id = value
        elif tag == "trace":
            depth_trace = False
            elem.clear()
    arrow = pa.table({k: pa.array(v, type=pa.string()) for k, v in cols.items()}
                     | {"_rn": pa.array(range(len(cols["case_id"])), type=pa.int64())})
    con.register("_xes_arrow", arrow)
    con.execute(f"CREATE TEMP TABLE {table} AS SELECT case_id, CAST(timestamp AS TIMESTAMPTZ) AS timestamp, "
                "activity, organisation, _rn FROM _xes_arrow")
    con.unregister("_xes_arrow")


def load_events(
    path: str | os.PathLike,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    salt: str | None = None,
    table: str = "events",
) -> EventLog:
    """Load an event log, refuse it if it holds direct identifiers, hash the case ids.

    Parameters
    ----------
    path : path
        A ``.csv``/``.tsv``, ``.parquet`` or ``.xes`` file.
    con : DuckDB connection, optional
        Default: a new :func:`connect` connection.
    salt : str, optional
        Salt for the case-id hash; default :func:`loaders.cases.privacy.case_salt`.
    table : str
        Name of the temporary table to create.

    Returns
    -------
    EventLog

    Raises
    ------
    loaders.cases.privacy.IdentifiersFound
        The file holds BSNs, e-mail addresses, phone numbers, postcodes or
        name/address columns (column and row count reported, no values).
    graph.errors.ChainDataError
        A required column is missing.
    """
    path = Path(path)
    if not path.is_file():
        raise ChainError(f"{path}: no such event log")
    fmt = _format_of(path)
    con = con if con is not None else connect()
    salt = salt if salt is not None else case_salt()
    raw = f"_raw_{table}"
    con.execute(f"DROP VIEW IF EXISTS {raw}")
    con.execute(f"DROP TABLE IF EXISTS {raw}")
    if fmt == "csv":
        # CREATE TABLE with insertion order preserved: rowid is then the position in the file.
        con.execute("SET preserve_insertion_order = true")
        try:
            con.execute(f"CREATE TEMP TABLE {raw} AS SELECT * FROM read_csv(?, header = true)", [str(path)])
        finally:
            con.execute("SET preserve_insertion_order = false")
        rn, kind = "rowid", "TABLE"
    elif fmt == "parquet":
        con.execute(
            f"CREATE TEMP VIEW {raw} AS SELECT * FROM read_parquet('{_sql_path(path)}', file_row_number = true)"
        )
        rn, kind = "file_row_number", "VIEW"
    else:
        _read_xes(con, path, raw)
        rn, kind = "_rn", "TABLE"
    columns = [row[0] for row in con.execute(f"DESCRIBE {raw}").fetchall()]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    ids, keys = f"_ids_{table}", f"_keys_{table}"
    try:
        if missing:
            raise ChainDataError([Problem(path.name, column, "required column missing") for column in missing])
        # The distinct case ids, grouped once: the guard scans them from here, and each is hashed once.
        con.execute(f"DROP TABLE IF EXISTS {ids}")
        con.execute(f"CREATE TEMP TABLE {ids} AS SELECT case_id AS v, count(*) AS n, "
                    f"count(*) FILTER (WHERE timestamp IS NOT NULL AND activity IS NOT NULL) AS usable "
                    f"FROM {raw} GROUP BY ALL")
        guard(con, raw, path.name, skip=("timestamp", "file_row_number", "_rn"), distinct={"case_id": ids})
        _drop_relation(con, table)
        # Activities and organisation names become ENUMs: one byte per event instead of a string.
        act_type, org_type = f"{table}_activity_t", f"{table}_organisation_t"
        for type_name, column in ((act_type, "activity"), (org_type, "organisation")):
            con.execute(f"DROP TYPE IF EXISTS {type_name}")
            if column in columns:
                con.execute(f"CREATE TYPE {type_name} AS ENUM "
                            f"(SELECT DISTINCT CAST({column} AS VARCHAR) FROM {raw} WHERE {column} IS NOT NULL)")
        organisation = f"CAST(CAST(r.organisation AS VARCHAR) AS {org_type})" if "organisation" in columns \
            else "CAST(NULL AS VARCHAR)"
        totals = con.execute(
            f"SELECT coalesce(sum(n), 0), coalesce(sum(usable) FILTER (WHERE v IS NOT NULL), 0), "
            f"coalesce(bool_and(starts_with(CAST(v AS VARCHAR), '{SYNTHETIC_PREFIX}')), false) FROM {ids}").fetchone()
        assert totals is not None  # an aggregate without GROUP BY returns one row
        total, kept, synthetic = totals
        # Case ids are replaced by a salted SHA-256, folded to a 64-bit key for fast partitioning, computed
        # once per distinct id (not per event) and joined back; the events keep only that key, never the id.
        salt_sql = "'" + salt.replace("'", "''") + "'"
        con.execute(f"DROP TABLE IF EXISTS {keys}")
        con.execute(f"CREATE TEMP TABLE {keys} AS SELECT v AS case_id, hash(sha256({salt_sql} || CAST(v AS VARCHAR))) "
                    f"AS case_key FROM {ids} WHERE v IS NOT NULL AND usable > 0")
        con.execute(f"DROP TABLE {ids}")
        # A Parquet file is read in place through a view (nothing is copied; the id -> key lookup stays in
        # this connection's memory while the view is used, and is never returned or written); CSV and XES
        # are materialised and the raw ids dropped with the raw and lookup tables.
        source = f"read_parquet('{_sql_path(path)}', file_row_number = true)" if fmt == "parquet" else raw
        body = f"""
            SELECT k.case_key, CAST(r.timestamp AS TIMESTAMP) AS ts,
                   CAST(CAST(r.activity AS VARCHAR) AS {act_type}) AS activity,
                   {organisation} AS organisation, CAST(r.{rn} AS BIGINT) AS rn
            FROM {source} r JOIN {keys} k ON k.case_id = r.case_id
            WHERE r.timestamp IS NOT NULL AND r.activity IS NOT NULL
            """
        con.execute(f"CREATE TEMP {'VIEW' if fmt == 'parquet' else 'TABLE'} {table} AS {body}")
        if fmt != "parquet":
            con.execute(f"DROP TABLE {keys}")
    except BaseException:
        con.execute(f"DROP TABLE IF EXISTS {keys}")
        raise
    finally:
        con.execute(f"DROP TABLE IF EXISTS {ids}")
        con.execute(f"DROP {kind} IF EXISTS {raw}")
    return EventLog(con=con, table=table, source=path.name, skipped_rows=int(total - kept), synthetic=bool(synthetic))


# --- the mapping file --------------------------------------------------------------------------


@dataclass(frozen=True)
class HandOffRule:
    """Transitions from one of ``from_activities`` directly to one of ``to_activities`` are ``handoff_id``."""

    handoff_id: str
    from_activities: tuple[str, ...]
    to_activities: tuple[str, ...]
    location: str = ""


@dataclass(frozen=True)
class ActivityMapping:
    """What the log's words mean in the chain model.

    ``activities`` maps a log activity to an organisation id; ``organisations``
    maps a log organisation name to one (the activity wins). ``handoffs`` pair
    activities with hand-offs explicitly; with ``infer_by_organisation`` a
    transition between two organisations that the model links by exactly
    one current hand-off is attributed to that hand-off.
    """

    source: str
    activities: tuple[tuple[str, str], ...] = ()
    organisations: tuple[tuple[str, str], ...] = ()
    handoffs: tuple[HandOffRule, ...] = ()
    infer_by_organisation: bool = True
    synthetic: bool = False
    title: str = ""
    end_activities: tuple[str, ...] = ()  # a case ending here closed properly: not a drop-off

    def organisation_of_activity(self) -> dict[str, str]:
        return dict(self.activities)

    def organisation_of_log_name(self) -> dict[str, str]:
        return dict(self.organisations)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node) -> str | None:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


def _scalars(node: yaml.Node) -> list[tuple[str | None, yaml.Node]]:
    if isinstance(node, yaml.SequenceNode):
        return [(_scalar(item), item) for item in node.value]
    return [(_scalar(node), node)]


def parse_mapping(text: str, model: ChainModel, *, source: str = "mapping.yaml") -> ActivityMapping:
    """Parse and validate a mapping document against ``model``.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> text = '''
    ... activities:
    ...   Zorgmelding: politie
    ...   Melding ontvangen: veilig-thuis
    ... handoffs:
    ...   - handoff: ho-politie-vt
    ...     from: Zorgmelding
    ...     to: Melding ontvangen
    ... '''
    >>> parse_mapping(text, toy_chain()).handoffs[0].to_activities
    ('Melding ontvangen',)
    >>> parse_mapping(text.replace("ho-politie-vt", "ho-x"), toy_chain(), source="m.yaml")
    Traceback (most recent call last):
    ...
    graph.errors.ChainDataError: 1 problem in the chain data:
    m.yaml:6: handoff: unknown hand-off 'ho-x'
    """
    problems: list[Problem] = []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise ChainDataError([Problem(where, "yaml", str(getattr(exc, "problem", exc)))]) from exc
    if root is None:
        root = yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(root, yaml.MappingNode):
        raise ChainDataError([Problem(f"{source}:{_line(root)}", "mapping", "the file must be a mapping")])
    org_ids = {o.id for o in model.organisations}
    handoffs = {h.id: h for h in model.handoffs}
    activities: dict[str, str] = {}
    log_orgs: dict[str, str] = {}
    rules: list[HandOffRule] = []
    synthetic, infer, title = False, True, ""
    rule_nodes: list[yaml.Node] = []
    end_nodes: list[tuple[str, yaml.Node]] = []
    for key_node, value_node in root.value:
        key = _scalar(key_node)
        where = f"{source}:{_line(key_node)}"
        if key in ("activities", "organisations"):
            target = activities if key == "activities" else log_orgs
            if not isinstance(value_node, yaml.MappingNode):
                problems.append(Problem(where, key, "must map names to organisation ids"))
                continue
            for name_node, org_node in value_node.value:
                name, org = _scalar(name_node), _scalar(org_node)
                at = f"{source}:{_line(name_node)}"
                if name is None or org is None:
                    problems.append(Problem(at, key, "expected 'name: organisation-id'"))
                elif org not in org_ids:
                    problems.append(Problem(at, key, f"unknown organisation {org!r} for {name!r}"))
                elif name in target:
                    problems.append(Problem(at, key, f"{name!r} is mapped twice"))
                else:
                    target[name] = org
        elif key == "handoffs":
            if not isinstance(value_node, yaml.SequenceNode):
                problems.append(Problem(where, key, "must be a list of {handoff, from, to}"))
                continue
            rule_nodes = list(value_node.value)
        elif key == "end_activities":
            for name, node in _scalars(value_node):
                if name is None:
                    problems.append(Problem(f"{source}:{_line(node)}", key, "expected an activity name"))
                else:
                    end_nodes.append((name, node))
        elif key == "synthetic":
            synthetic = _scalar(value_node) in ("true", "True", "yes")
        elif key == "infer_by_organisation":
            infer = _scalar(value_node) not in ("false", "False", "no")
        elif key in ("title", "description", "note"):
            title = _scalar(value_node) or "" if key == "title" else title
        else:
            problems.append(Problem(where, str(key), "unknown key; expected activities, organisations, handoffs, "
                                    "end_activities, infer_by_organisation, synthetic, title, description"))
    for item in rule_nodes:
        at = f"{source}:{_line(item)}"
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(at, "handoffs", "each entry needs handoff, from and to"))
            continue
        fields = {_scalar(k): (k, v) for k, v in item.value}
        if set(fields) - {"handoff", "from", "to"}:
            extra = sorted(str(k) for k in set(fields) - {"handoff", "from", "to"})
            problems.append(Problem(at, "handoffs", f"unknown field(s) {', '.join(extra)}"))
        if not {"handoff", "from", "to"} <= set(fields):
            problems.append(Problem(at, "handoffs", "each entry needs handoff, from and to"))
            continue
        hid_node = fields["handoff"][1]
        hid = _scalar(hid_node)
        handoff = handoffs.get(hid or "")
        if handoff is None:
            problems.append(Problem(f"{source}:{_line(hid_node)}", "handoff", f"unknown hand-off {hid!r}"))
        sides: dict[str, tuple[str, ...]] = {}
        for side in ("from", "to"):
            names = []
            for name, node in _scalars(fields[side][1]):
                where = f"{source}:{_line(node)}"
                if name is None:
                    problems.append(Problem(where, side, "expected an activity name or a list of them"))
                    continue
                names.append(name)
                if name not in activities:
                    problems.append(Problem(where, side, f"activity {name!r} is not under activities:"))
                elif handoff is not None:
                    expected = handoff.from_org if side == "from" else handoff.to_org
                    if activities[name] != expected:
                        problems.append(Problem(where, side, f"activity {name!r} belongs to {activities[name]!r}, "
                                                             f"but hand-off {hid!r} goes {side} {expected!r}"))
            sides[side] = tuple(names)
        rules.append(HandOffRule(hid or "", sides["from"], sides["to"], at))
    for name, node in end_nodes:
        if name not in activities:
            problems.append(
                Problem(f"{source}:{_line(node)}", "end_activities", f"activity {name!r} is not under activities:")
            )
    if problems:
        raise ChainDataError(problems)
    return ActivityMapping(
        end_activities=tuple(name for name, _ in end_nodes),
        source=source,
        activities=tuple(sorted(activities.items())),
        organisations=tuple(sorted(log_orgs.items())),
        handoffs=tuple(rules),
        infer_by_organisation=infer,
        synthetic=synthetic,
        title=title,
    )


def load_mapping(path: str | os.PathLike, model: ChainModel) -> ActivityMapping:
    """Read and validate a mapping file (see :func:`parse_mapping`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ChainError(f"{path}: cannot read the mapping file ({exc.strerror})") from exc
    return parse_mapping(text, model, source=path.name)


def current_handoffs(model: ChainModel, on: dt.date | None = None) -> tuple[HandOff, ...]:
    """Hand-offs valid on ``on`` (default today); see :func:`graph.model.is_valid_on`."""
    day = on or dt.date.today()
    return tuple(h for h in model.handoffs if is_valid_on(h, day))
