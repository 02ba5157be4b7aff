"""Read pseudonymised case event logs (CSV, Parquet, XES) and the activity mapping.

An event log has one row per event with the columns ``case_id``,
``timestamp``, ``activity`` and (optionally) ``organisation``; other columns
are allowed and ignored by the statistics, but scanned by the privacy gate.

:func:`load_events` reads every file **as text first** and passes it through the one privacy
gate (:func:`loaders.cases.guard.guard`) before any other code touches a value:

- CSV is read with every column VARCHAR (``all_varchar``), nothing cast; a file DuckDB cannot
  read (not UTF-8, broken quoting) is refused naming the file and line, never the text there;
- Parquet is read through a view; the gate reads each column as text;
- XES is parsed in Python (``pyexpat``, no DTD or entities) into a canonical table plus a
  ``(key, value)`` table of *every* attribute of the log, its traces and events.

Only after the gate has passed are timestamps parsed, case ids replaced by a salted hash and
activities turned into ENUMs. The file order of every event is kept (``file_row_number`` for
Parquet, insertion order for CSV and XES), so events with equal timestamps are ordered as in
the file, the same way every run. Errors never carry a value: DuckDB and parser messages can
quote rows, so they are replaced by the project's error naming file, line or row and column.

:func:`connect` gives each connection a private spill folder (mode 0700) that is removed when
the connection is closed with :func:`close` (or :func:`private_connection` ends), when it is
garbage-collected, at exit, or by the next run if the process was killed.

The mapping file (YAML, see ``docs/case-logs.md``) ties log activities and
log organisation names to organisations of the chain model, and pairs of
activities to hand-offs. :func:`load_mapping` validates it against a
:class:`graph.model.ChainModel` and raises :class:`graph.errors.ChainDataError`
with ``file:line: field`` for every problem.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "log.csv").write_text("case_id,timestamp,activity\\nSYN1,2025-03-03 09:00,Melding ontvangen\\n")
>>> with private_connection(memory_limit="256MB") as con:
...     log = load_events(folder / "log.csv", con=con, salt="s")
...     con.execute("SELECT CAST(activity AS VARCHAR), ts FROM events").fetchall()
[('Melding ontvangen', datetime.datetime(2025, 3, 3, 9, 0))]
>>> _ = (folder / "bad.csv").write_text("case_id,timestamp,activity\\nSYN1,111222333,Melding ontvangen\\n")
>>> load_events(folder / "bad.csv", salt="s")
Traceback (most recent call last):
...
loaders.cases.guard.IdentifiersFound: bad.csv: refused, the log contains direct identifiers (values not shown):
  column 'timestamp': bsn in 1 row
Pseudonymise the log (drop these columns or values, hash case ids) before loading it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import yaml

from graph.errors import ChainDataError, ChainError, Problem
from graph.model import ChainModel, HandOff, is_valid_on
from loaders.cases.guard import NameLists, guard
from loaders.cases.privacy import case_salt

__all__ = [
    "LOG_FORMATS",
    "MAX_XES_BYTES",
    "REQUIRED_COLUMNS",
    "SPILL_PREFIX",
    "TIMESTAMP_FORMATS",
    "ActivityMapping",
    "EventLog",
    "HandOffRule",
    "close",
    "connect",
    "load_events",
    "load_mapping",
    "parse_mapping",
    "private_connection",
    "spill_directory",
]

REQUIRED_COLUMNS = ("case_id", "timestamp", "activity")
SYNTHETIC_PREFIX = "SYN"  # case ids of generated logs (loaders.cases.generate)

LOG_FORMATS = {".csv": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xes": "xes"}

# XES is parsed in Python: larger files are refused (use CSV or Parquet for big logs).
MAX_XES_BYTES = 256 * 1024 * 1024
# Besides ISO 8601 (with or without a time, a 'T', seconds, fractions and an offset), the
# day-first spellings of Dutch exports. A value with an offset is converted to Dutch local time.
TIMESTAMP_FORMATS = (*(f"{day}{time}" for day in ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")
                        for time in (" %H:%M:%S", " %H:%M", " %H.%M.%S", " %H.%M", "")),
                     "%Y-%m-%d %H.%M.%S", "%Y-%m-%d %H.%M", "%Y%m%d")

SPILL_PREFIX = "ketenkaart-duckdb-"


# --- the connection and its private spill folder ---------------------------------------------

_SPILL: dict[int, weakref.finalize] = {}


def _remove_folder(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def _remove_stale_folders(parent: Path) -> None:
    """Spill folders left by a killed run of this user (its process is gone) are removed."""
    with contextlib.suppress(OSError):
        for folder in parent.glob(f"{SPILL_PREFIX}*"):
            match = re.fullmatch(rf"{re.escape(SPILL_PREFIX)}(\d+)-.*", folder.name)
            with contextlib.suppress(OSError):
                if (match and folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid()
                        and not _pid_alive(int(match.group(1)))):
                    shutil.rmtree(folder, ignore_errors=True)


def connect(
    *,
    memory_limit: str = "2GB",
    temp_directory: str | os.PathLike[str] | None = None,
    max_temp_directory_size: str = "4GB",
    threads: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with memory capped and a private spill folder.

    Parameters
    ----------
    memory_limit : str
        DuckDB ``memory_limit`` (default ``"2GB"``).
    temp_directory : path or None
        The folder *in which* the private spill folder is created (default: the system's
        temporary folder). The spill folder itself is new for every connection, mode 0700,
        named ``ketenkaart-duckdb-<pid>-…``, and removed by :func:`close`, when the
        connection is garbage-collected, at exit, or (after a kill) by the next run.
    max_temp_directory_size : str
        Cap on the spill files (default ``"4GB"``).
    threads : int or None
        Worker threads; None lets DuckDB use every core.

    Examples
    --------
    >>> con = connect(memory_limit="512MB")
    >>> con.execute("SELECT current_setting('memory_limit')").fetchone()[0].endswith("MiB")
    True
    >>> folder = spill_directory(con)
    >>> oct(folder.stat().st_mode & 0o777), folder.name.startswith(SPILL_PREFIX)
    ('0o700', True)
    >>> close(con)
    >>> folder.exists()
    False
    """
    parent = Path(temp_directory) if temp_directory is not None else Path(tempfile.gettempdir())
    _remove_stale_folders(parent)
    folder = tempfile.mkdtemp(prefix=f"{SPILL_PREFIX}{os.getpid()}-", dir=parent)  # mode 0700
    try:
        con = duckdb.connect(":memory:")
    except BaseException:
        _remove_folder(folder)
        raise
    _SPILL[id(con)] = weakref.finalize(con, _remove_folder, folder)
    try:
        con.execute("SET enable_progress_bar = false")
        # Nothing is fetched from the network: no extension is installed or loaded on demand.
        con.execute("SET autoinstall_known_extensions = false")
        con.execute("SET autoload_known_extensions = false")
        con.execute(f"SET memory_limit = '{_setting(memory_limit)}'")
        con.execute(f"SET temp_directory = '{_setting(folder)}'")
        con.execute(f"SET max_temp_directory_size = '{_setting(max_temp_directory_size)}'")
        # Order is carried by explicit columns (file_row_number / rowid), so DuckDB may reorder freely.
        con.execute("SET preserve_insertion_order = false")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        with contextlib.suppress(duckdb.Error):  # pragma: no cover - DuckDB built without ICU
            # Time-zone-aware timestamps (XES, some Parquet) become Dutch local time, so dates and
            # working days are the ones the partners saw.
            con.execute("SET TimeZone = 'Europe/Amsterdam'")
    except duckdb.Error as exc:
        close(con)
        raise ChainError(f"cannot set up the case-log database ({type(exc).__name__})") from None
    return con


def spill_directory(con: duckdb.DuckDBPyConnection) -> Path:
    """The private spill folder of a connection made by :func:`connect`."""
    return Path(str(con.execute("SELECT current_setting('temp_directory')").fetchone()[0]))  # type: ignore[index]


def close(con: duckdb.DuckDBPyConnection) -> None:
    """Close a connection made by :func:`connect` and remove its spill folder (with whatever spilled)."""
    try:
        con.close()
    finally:
        finalizer = _SPILL.pop(id(con), None)
        if finalizer is not None:
            finalizer()


@contextlib.contextmanager
def private_connection(**settings: Any) -> Iterator[duckdb.DuckDBPyConnection]:
    """:func:`connect` for a ``with`` block; the spill folder is gone when the block ends, error or not."""
    con = connect(**settings)
    try:
        yield con
    finally:
        close(con)


def _setting(value: str) -> str:
    if "'" in value:
        raise ChainError("invalid DuckDB setting value (a quote)")
    return value


@dataclass(frozen=True)
class EventLog:
    """An event log loaded into ``con`` as the temporary table (Parquet: view) ``table``.

    The table has the columns ``case_key`` (salted SHA-256 of the case id,
    folded to 64 bits),
    ``ts`` (TIMESTAMP), ``activity``, ``organisation`` (the log's own name,
    may be NULL) and ``rn`` (position in the file). ``skipped_rows`` counts
    rows without case id, timestamp or activity (not used; exact, so it is only
    shown rounded). ``synthetic`` is true when every case id starts with ``SYN``,
    the prefix of :mod:`loaders.cases.generate`; outputs then carry a synthetic-data label.
    """

    con: duckdb.DuckDBPyConnection
    table: str
    source: str
    skipped_rows: int
    synthetic: bool = False  # every case id carries the generator's prefix (SYN…)
    total_rows: int = 0

    def quoted(self) -> str:
        return '"' + self.table.replace('"', '""') + '"'


def _drop_relation(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a temporary table or view called ``name``, whichever it is."""
    for kind, catalog in (("VIEW", "duckdb_views()"), ("TABLE", "duckdb_tables()")):
        found = con.execute(f"SELECT count(*) FROM {catalog} WHERE {kind.lower()}_name = ? AND temporary",
                            [name]).fetchall()
        if found and found[0][0]:
            con.execute(f"DROP {kind} {_quote(name)}")


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _format_of(path: Path) -> str:
    fmt = LOG_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ChainError(f"{path.name}: unknown event log format; use one of: {', '.join(sorted(LOG_FORMATS))}")
    return fmt


# --- reading as text, errors without data --------------------------------------------------------


def _unreadable(path: Path, exc: BaseException, what: str) -> ChainDataError:
    """The project's error for a file DuckDB could not read: file, line if DuckDB gave one, no text."""
    message = str(exc)
    line = re.search(r"\bLine: ([0-9]+)", message)
    where = f"{path.name}:{line.group(1)}" if line else path.name
    if "unicode" in message.lower() or "utf-8" in message.lower() or "utf8" in message.lower():
        reason = "not UTF-8 text; save the file as UTF-8 (the text is not shown)"
    else:
        reason = f"cannot be read as {what} ({type(exc).__name__}; details withheld, they may quote data)"
    return ChainDataError([Problem(where, "(file)", reason)])


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, raw: str) -> None:
    failure: ChainDataError | None = None
    # CREATE TABLE with insertion order preserved: rowid is then the position in the file.
    con.execute("SET preserve_insertion_order = true")
    try:
        con.execute(f"CREATE TEMP TABLE {raw} AS SELECT * FROM read_csv(?, header = true, all_varchar = true, "
                    "encoding = 'utf-8')", [str(path)])
    except duckdb.Error as exc:  # the message can hold a raw line ("Original Line: …")
        failure = _unreadable(path, exc, "CSV")
    finally:
        con.execute("SET preserve_insertion_order = false")
    if failure is not None:  # raised outside the except block: not even chained
        raise failure


def _read_parquet(con: duckdb.DuckDBPyConnection, path: Path, raw: str) -> None:
    failure: ChainDataError | None = None
    try:
        # A view cannot take parameters: the path as a literal, quotes doubled.
        con.execute(f"CREATE TEMP VIEW {raw} AS SELECT * FROM read_parquet({_literal(str(path))}, "
                    "file_row_number = true)")
        con.execute(f"DESCRIBE {raw}").fetchall()
    except duckdb.Error as exc:
        failure = _unreadable(path, exc, "Parquet")
    if failure is not None:
        raise failure


# XES attribute elements: each has a key and (except containers) a value.
_XES_ATTRIBUTES = frozenset({"string", "date", "int", "float", "boolean", "id", "list", "container"})
_XES_HEADER_KEY = "(XES header)"  # how values of <extension>, <classifier> and the like are scanned


class _XesRefused(Exception):
    """Raised inside the expat handlers; carries the reason, never text of the file."""


def _read_xes(con: duckdb.DuckDBPyConnection, path: Path, raw: str, attributes: str) -> None:
    """XES (IEEE 1849) into ``raw`` (case_id, timestamp, activity, organisation as text, ``_rn``,
    ``_line``) and *every* attribute, at any level, into ``attributes`` (``key``, ``value``).

    The trace's ``concept:name`` is the case id; an event's ``concept:name`` its activity, its
    ``time:timestamp`` its time and the first ``org:group`` or ``org:resource`` its organisation.
    Parsed with pyexpat: a document type declaration or entity is refused (XES needs neither),
    so no entity can expand or point outside the file.
    """
    from xml.parsers import expat

    import pyarrow as pa

    if path.stat().st_size > MAX_XES_BYTES:
        raise ChainDataError([Problem(path.name, "(file)", f"an XES log is parsed in memory and may be at most "
                                      f"{MAX_XES_BYTES // 2**20} MB; convert larger logs to CSV or Parquet")])
    cols: dict[str, list[Any]] = {"case_id": [], "timestamp": [], "activity": [], "organisation": [], "_line": []}
    keys: list[str] = []
    values: list[str] = []
    state: dict[str, Any] = {"trace": None, "case": None, "event": None, "event_line": 0, "depth": 0,
                             "attr_depth": 0}
    parser = expat.ParserCreate()

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        depth = state["depth"]
        state["depth"] = depth + 1
        if tag == "trace":
            state["trace"], state["case"] = True, None
        elif tag == "event":
            state["event"], state["event_line"] = {}, parser.CurrentLineNumber
        elif tag in _XES_ATTRIBUTES and "key" in attrs:
            key, value = attrs["key"], attrs.get("value")
            keys.append(key)
            values.append(value if value is not None else "")
            top = state["attr_depth"] == 0
            state["attr_depth"] += 1
            event = state["event"]
            if top and value is not None:
                if event is not None:
                    if key == "concept:name":
                        event["activity"] = value
                    elif key == "time:timestamp":
                        event["timestamp"] = value
                    elif key in ("org:group", "org:resource") and "organisation" not in event:
                        event["organisation"] = value
                elif state["trace"] and key == "concept:name" and state["case"] is None:
                    state["case"] = value
            return
        # Anything else (log, extension, classifier, global…): its XML attributes are scanned too.
        for attr_name, attr_value in attrs.items():
            if attr_name not in ("key",):
                keys.append(_XES_HEADER_KEY)
                values.append(attr_value)

    def end(name: str) -> None:
        tag = name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]
        state["depth"] -= 1
        if tag in _XES_ATTRIBUTES and state["attr_depth"] > 0:
            state["attr_depth"] -= 1
        elif tag == "event" and state["event"] is not None:
            event = state["event"]
            cols["case_id"].append(state["case"])
            for column in ("timestamp", "activity", "organisation"):
                cols[column].append(event.get(column))
            cols["_line"].append(state["event_line"])
            state["event"] = None
        elif tag == "trace":
            state["trace"], state["case"] = None, None

    def text(data: str) -> None:
        if data.strip():  # XES keeps values in attributes; stray text is scanned all the same
            keys.append(_XES_HEADER_KEY)
            values.append(data)

    def refuse_doctype(*_: Any) -> None:
        raise _XesRefused("a document type declaration (DTD) is not allowed in an XES log")

    def refuse_entity(*_: Any) -> None:
        raise _XesRefused("entity declarations are not allowed in an XES log")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_entity  # type: ignore[assignment]
    problem: Problem | None = None
    try:
        with path.open("rb") as stream:
            parser.ParseFile(stream)
    except expat.ExpatError as exc:
        reason = expat.errors.messages.get(exc.code, "not well-formed XML")
        problem = Problem(f"{path.name}:{exc.lineno}:{exc.offset + 1}", "(file)", f"not well-formed XML ({reason})")
    except _XesRefused as exc:
        problem = Problem(f"{path.name}:{parser.CurrentLineNumber}", "(file)", str(exc))
    except (UnicodeError, ValueError, RecursionError, MemoryError) as exc:
        problem = Problem(f"{path.name}:{parser.CurrentLineNumber}", "(file)",
                          f"cannot be read as XES ({type(exc).__name__}; details withheld)")
    if problem is not None:  # raised outside the except block: the parser's error is not chained
        raise ChainDataError([problem])
    n = len(cols["case_id"])
    arrow = pa.table({k: pa.array(v, type=pa.int64() if k == "_line" else pa.string()) for k, v in cols.items()}
                     | {"_rn": pa.array(range(n), type=pa.int64())})
    attrs = pa.table({"key": pa.array(keys, type=pa.string()), "value": pa.array(values, type=pa.string())})
    con.register("_xes_arrow", arrow)
    con.register("_xes_attrs", attrs)
    try:
        con.execute(f"CREATE TEMP TABLE {raw} AS SELECT * FROM _xes_arrow")
        con.execute(f"CREATE TEMP TABLE {attributes} AS SELECT * FROM _xes_attrs")
    finally:
        con.unregister("_xes_arrow")
        con.unregister("_xes_attrs")


_OFFSET_RE = r"[0-9]:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?\s*(?:[zZ]|[+-][0-9]{2}(?::?[0-9]{2})?)$"


def _timestamp_sql(column: str, column_type: str) -> str:
    """SQL turning the raw timestamp column into a TIMESTAMP in Dutch local time (NULL: unreadable)."""
    upper = column_type.upper()
    if upper.startswith(("TIMESTAMP", "DATE")):
        return f"CAST({column} AS TIMESTAMP)"  # TIMESTAMP WITH TIME ZONE: to the session's Europe/Amsterdam
    text = f"nullif(trim(CAST({column} AS VARCHAR)), '')"
    formats = "[" + ", ".join(f"'{f}'" for f in TIMESTAMP_FORMATS) + "]"
    return (f"(CASE WHEN regexp_matches({text}, '{_OFFSET_RE}') "
            f"THEN CAST(TRY_CAST({text} AS TIMESTAMPTZ) AS TIMESTAMP) "
            f"ELSE coalesce(TRY_CAST({text} AS TIMESTAMP), try_strptime({text}, {formats})) END)")


def _text_sql(column: str) -> str:
    return f"nullif(trim(CAST({column} AS VARCHAR)), '')"


def load_events(
    path: str | os.PathLike[str],
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    salt: str | None = None,
    table: str = "events",
    names: NameLists | None = None,
) -> EventLog:
    """Load an event log through the privacy gate, parse its timestamps, hash the case ids.

    Parameters
    ----------
    path : path
        A ``.csv``/``.tsv``, ``.parquet`` or ``.xes`` file.
    con : DuckDB connection, optional
        Default: a new :func:`connect` connection (its spill folder goes when it is
        garbage-collected; pass your own from :func:`private_connection` to decide when).
    salt : str, optional
        Salt for the case-id hash; default :func:`loaders.cases.privacy.case_salt`.
    table : str
        Name of the temporary table to create.
    names : NameLists, optional
        The person-name lists of the gate; default the built-in ones
        (:meth:`loaders.cases.guard.NameLists.builtin`), whatever else is installed.

    Returns
    -------
    EventLog

    Raises
    ------
    loaders.cases.guard.IdentifiersFound
        The file holds direct identifiers (column or attribute, kind and row count reported, no values).
    loaders.cases.guard.PrivacyScanFailed
        The scan itself failed (no details: they could quote data).
    graph.errors.ChainDataError
        The file cannot be read (file and line, never its text), a required column is missing,
        or timestamps cannot be read (column, count and first row, never a value).
    """
    path = Path(path)
    if not path.is_file():
        raise ChainError(f"{path.name}: no such event log")
    fmt = _format_of(path)
    con = con if con is not None else connect()
    salt = salt if salt is not None else case_salt()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", table):
        raise ChainError("the table name must be a plain SQL identifier")
    raw, attrs = f"_raw_{table}", f"_attrs_{table}"
    for name in (raw, attrs):
        _drop_relation(con, name)
    hidden: tuple[str, ...]
    if fmt == "csv":
        _read_csv(con, path, raw)
        rn, hidden = "rowid", ()
    elif fmt == "parquet":
        _read_parquet(con, path, raw)
        rn, hidden = "file_row_number", ("file_row_number",)
    else:
        _read_xes(con, path, raw, attrs)
        rn, hidden = "_rn", ("_rn", "_line")
    ids, keys = f"_ids_{table}", f"_keys_{table}"
    try:
        types = {str(row[0]): str(row[1]) for row in con.execute(f"DESCRIBE {raw}").fetchall()}
        columns = [c for c in types if c not in hidden]
        # The gate: every column (case id and timestamp included) and every XES attribute, as text.
        guard(con, raw, path.name, columns, timestamp_column="timestamp" if "timestamp" in columns else None,
              attributes=attrs if fmt == "xes" else None, names=names or NameLists.builtin())
        _drop_relation(con, attrs)
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            raise ChainDataError([Problem(path.name, column, "required column missing") for column in missing])
        return _build(con, path, fmt, raw, table, types, rn, salt, ids, keys)
    except duckdb.Error as exc:
        failure = type(exc).__name__
    except BaseException:
        with contextlib.suppress(duckdb.Error):
            _drop_relation(con, keys)
        raise
    finally:
        for name in (ids, attrs, raw):
            with contextlib.suppress(duckdb.Error):
                _drop_relation(con, name)
    # After the gate: still no DuckDB message, in case one quotes a value.
    with contextlib.suppress(duckdb.Error):
        _drop_relation(con, keys)
    raise ChainError(f"{path.name}: the log could not be loaded ({failure}; details withheld, they may quote data)")


def _build(con: duckdb.DuckDBPyConnection, path: Path, fmt: str, raw: str, table: str, types: dict[str, str],
           rn: str, salt: str, ids: str, keys: str) -> EventLog:
    """The typed event table from the raw text (after the gate has passed)."""
    ts_sql = _timestamp_sql("r.timestamp", types["timestamp"])
    typed = ts_sql.startswith("CAST(")  # a TIMESTAMP or DATE column (Parquet): nothing to parse
    ts_given = "r.timestamp IS NOT NULL" if typed else f"{_text_sql('r.timestamp')} IS NOT NULL"
    case_sql, act_sql = _text_sql("r.case_id"), _text_sql("r.activity")
    # Timestamps that are given but unreadable are an error (count and first position, no value).
    line = "_line" if fmt == "xes" else rn
    bad = None if typed else con.execute(f"SELECT count(*), min({line}) FROM {raw} r "
                                         f"WHERE {ts_given} AND {ts_sql} IS NULL").fetchone()
    if bad and bad[0]:
        first = int(bad[1]) + (0 if fmt == "xes" else 1)
        where = f"{path.name}:{first}" if fmt == "xes" else f"{path.name}: row {first}"
        noun = "value is" if bad[0] == 1 else "values are"
        raise ChainDataError([Problem(where, "timestamp", f"{bad[0]} {noun} not a date or time we can read (first "
                                      f"{'at line' if fmt == 'xes' else 'in data row'} {first}; values not shown); "
                                      "use ISO 8601 (2025-03-03 09:00) or day-month-year")])
    # The distinct case ids, grouped once; each is hashed once.
    con.execute(f"CREATE TEMP TABLE {ids} AS SELECT {case_sql} AS v, count(*) AS n, "
                f"count(*) FILTER (WHERE {ts_given} AND {act_sql} IS NOT NULL) AS usable "
                f"FROM {raw} r GROUP BY ALL")
    _drop_relation(con, table)
    # Activities and organisation names become ENUMs: one byte per event instead of a string.
    act_type, org_type = f"{table}_activity_t", f"{table}_organisation_t"
    for type_name, column in ((act_type, "activity"), (org_type, "organisation")):
        con.execute(f"DROP TYPE IF EXISTS {type_name}")
        if column in types:
            con.execute(f"CREATE TYPE {type_name} AS ENUM (SELECT DISTINCT {_text_sql('r.' + column)} FROM {raw} r "
                        f"WHERE {_text_sql('r.' + column)} IS NOT NULL)")
    organisation = (f"CAST({_text_sql('r.organisation')} AS {org_type})" if "organisation" in types
                    else "CAST(NULL AS VARCHAR)")
    counts = con.execute(
        f"SELECT coalesce(sum(n), 0), coalesce(sum(usable) FILTER (WHERE v IS NOT NULL), 0), "
        f"coalesce(bool_and(starts_with(v, '{SYNTHETIC_PREFIX}')), false) FROM {ids}").fetchone()
    total, kept, synthetic = counts if counts else (0, 0, False)
    # Case ids are replaced by a salted SHA-256, folded to a 64-bit key for fast partitioning, computed
    # once per distinct id (not per event) and joined back; the events keep only that key, never the id.
    salt_sql = "'" + salt.replace("'", "''") + "'"
    con.execute(f"DROP TABLE IF EXISTS {keys}")
    con.execute(f"CREATE TEMP TABLE {keys} AS SELECT v AS case_id, hash(sha256({salt_sql} || v)) AS case_key "
                f"FROM {ids} WHERE v IS NOT NULL AND usable > 0")
    con.execute(f"DROP TABLE {ids}")
    # A Parquet file is read in place through a view (nothing is copied; the id -> key lookup stays in
    # this connection's memory while the view is used, and is never returned or written); CSV and XES
    # are materialised and the raw ids dropped with the raw and lookup tables.
    source = (f"read_parquet({_literal(str(path))}, file_row_number = true)"
              if fmt == "parquet" else raw)
    body = f"""
        SELECT k.case_key, {ts_sql} AS ts, CAST({act_sql} AS {act_type}) AS activity,
               {organisation} AS organisation, CAST(r.{rn} AS BIGINT) AS rn
        FROM {source} r JOIN {keys} k ON k.case_id = {case_sql}
        WHERE {ts_sql} IS NOT NULL AND {act_sql} IS NOT NULL
        """
    con.execute(f"CREATE TEMP {'VIEW' if fmt == 'parquet' else 'TABLE'} {table} AS {body}")
    if fmt != "parquet":
        con.execute(f"DROP TABLE {keys}")
    return EventLog(con=con, table=table, source=path.name, skipped_rows=int(total - kept),
                    synthetic=bool(synthetic), total_rows=int(total))


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
    root = _compose_mapping(text, source)
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
            problems.append(Problem(f"{source}:{_line(node)}", "end_activities",
                                    f"activity {name!r} is not under activities:"))
    if problems:
        raise ChainDataError(problems)
    return ActivityMapping(end_activities=tuple(name for name, _ in end_nodes), source=source,
                           activities=tuple(sorted(activities.items())),
                           organisations=tuple(sorted(log_orgs.items())), handoffs=tuple(rules),
                           infer_by_organisation=infer, synthetic=synthetic, title=title)


def load_mapping(path: str | os.PathLike[str], model: ChainModel) -> ActivityMapping:
    """Read and validate a mapping file (see :func:`parse_mapping`).

    A file that is not UTF-8 is refused naming its line (never its text); so is one larger than
    :data:`MAX_MAPPING_BYTES`.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MAPPING_BYTES:
            raise ChainDataError([Problem(path.name, "(file)", f"a mapping file may be at most "
                                          f"{MAX_MAPPING_BYTES // 1024} kB")])
        data = path.read_bytes()
    except OSError as exc:
        raise ChainError(f"{path.name}: cannot read the mapping file ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problem = Problem(f"{path.name}:{line}", "(file)", "not UTF-8 text; save the mapping as UTF-8")
    else:
        return parse_mapping(text, model, source=path.name)
    raise ChainDataError([problem])


# A mapping is a flat document: activities, organisations and a list of rules.
MAX_MAPPING_BYTES = 1024 * 1024
MAX_MAPPING_DEPTH = 8


def _compose_mapping(text: str, source: str) -> yaml.Node | None:
    """The YAML node tree of a mapping, refused when nested deeper than :data:`MAX_MAPPING_DEPTH`
    or using anchors and aliases, checked on the event stream before any tree is built (a
    deeply nested file would otherwise end in a RecursionError)."""
    problem: Problem | None = None

    def at(event: yaml.Event) -> str:
        mark = event.start_mark
        return f"{source}:{mark.line + 1}" if mark is not None else source

    try:
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                problem = Problem(at(event), "yaml",
                                  "anchors and aliases (& and *) are not allowed in a mapping")
                break
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_MAPPING_DEPTH:
                    problem = Problem(at(event), "yaml",
                                      f"nested deeper than {MAX_MAPPING_DEPTH} levels; a mapping is a flat list")
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        if problem is None:
            return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = str(getattr(exc, "problem", None) or "not valid YAML")
        problem = Problem(f"{source}:{mark.line + 1}" if mark else source, "yaml", reason)
    except RecursionError:
        problem = Problem(source, "yaml", "nested too deeply")
    raise ChainDataError([problem])


def current_handoffs(model: ChainModel, on: dt.date | None = None) -> tuple[HandOff, ...]:
    """Hand-offs valid on ``on`` (default today); see :func:`graph.model.is_valid_on`."""
    day = on or dt.date.today()
    return tuple(h for h in model.handoffs if is_valid_on(h, day))
