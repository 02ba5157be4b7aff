"""The shared store: the chain in Neo4j, pushed by a team and read back by the map.

:func:`push` writes a model to the server; :func:`read_model` reads it back
into the same immutable :class:`~graph.model.ChainModel` (queries then run in
memory); :func:`read_stamp` tells cheaply which version the server holds.
:class:`Neo4jStore` opens and closes the driver around them. Every statement
comes from :mod:`queries.cypher`, every value is a parameter.

A push is one managed transaction, so it is all-or-nothing: a failure, or a
killed client, leaves the previous graph as it was. Inside it the push first
locks the stamp node (concurrent pushes run one after the other), reads what
the database holds, writes only the nodes and relationships that are new or
changed in ``UNWIND … MERGE`` batches, deletes what the model no longer
has, and stamps the result (data version, serial number, time, who pushed).
A second push of the same model writes nothing.

Only chain structure (organisations, hand-offs, legal bases…) is written:
never case data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

import neo4j
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from graph.cypher_rows import (
    CHAIN_LABELS,
    KEY_PROPERTY,
    CypherRows,
    data_version,
    model_from_properties,
    to_cypher_rows,
)
from graph.errors import ChainError
from graph.model import ChainModel
from graph.vocab import Label, Rel
from queries import cypher

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "STORE_FORMAT",
    "Neo4jStore",
    "PushResult",
    "ServerError",
    "Stamp",
    "clear",
    "connect",
    "count_nodes",
    "ensure_schema",
    "push",
    "read_chain",
    "read_model",
    "read_stamp",
    "server_version",
]

DEFAULT_BATCH_SIZE = 1000
# The shape of the graph (graph/cypher_rows.py); a reader refuses another.
STORE_FORMAT = 2
_STAMP_ID = "ketenkaart"
_READ_ATTEMPTS = 3


class ServerError(ChainError):
    """The Neo4j server could not be reached, is not Neo4j 5, or refused a statement."""


@dataclass(frozen=True)
class Stamp:
    """Which chain the store holds: written by every push that changed something.

    ``version`` is a fingerprint of the content (equal chains, equal version);
    ``serial`` counts the pushes that changed the store; ``pushed_by`` is the
    OS user or the ``--by`` name (never a credential).
    """

    region: str
    title: str
    version: str
    serial: int
    pushed_at: dt.datetime
    pushed_by: str
    nodes: int = 0
    relationships: int = 0

    @property
    def key(self) -> tuple[int, str]:
        """What tells two states of the store apart (for caches)."""
        return (self.serial, self.version)

    def props(self) -> dict[str, Any]:
        return {"id": _STAMP_ID, "format": STORE_FORMAT, **dataclasses.asdict(self)}

    @classmethod
    def from_props(cls, props: dict[str, Any]) -> Stamp:
        if props.get("format") != STORE_FORMAT:
            raise ChainError(
                f"the chain in Neo4j was pushed in store format {props.get('format')!r}, this ketenkaart "
                f"reads format {STORE_FORMAT}: push it again with this version (`ketenkaart neo4j push`)"
            )
        pushed_at = props["pushed_at"]
        if hasattr(pushed_at, "to_native"):
            pushed_at = pushed_at.to_native()
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{**{k: v for k, v in props.items() if k in names}, "pushed_at": pushed_at})


@dataclass(frozen=True)
class PushResult:
    """What a push changed, per kind of change, the stamp afterwards and how long it took."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    nodes_unchanged: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    relationships_unchanged: int = 0
    stamp: Stamp | None = None
    changed: bool = False
    seconds: float = 0.0
    statements: int = 0

    def lines(self) -> list[str]:
        """Human-readable summary lines (English, for the CLI).

        >>> PushResult(nodes_created=3, relationships_deleted=2).lines()[:2]
        ['nodes: 3 created, 0 updated, 0 deleted, 0 unchanged', 'relationships: 0 created, 2 deleted, 0 unchanged']
        """
        nodes = (
            f"nodes: {self.nodes_created} created, {self.nodes_updated} updated, "
            f"{self.nodes_deleted} deleted, {self.nodes_unchanged} unchanged"
        )
        rels = (
            f"relationships: {self.relationships_created} created, {self.relationships_deleted} deleted, "
            f"{self.relationships_unchanged} unchanged"
        )
        lines = [nodes, rels]
        if self.stamp is not None:
            state = "new" if self.changed else "unchanged"
            lines.append(
                f"version {self.stamp.serial} ({self.stamp.version}, {state}), pushed "
                f"{self.stamp.pushed_at.isoformat(timespec='seconds')} by {self.stamp.pushed_by}"
            )
        return lines


# --- connection ------------------------------------------------------------


def server_version(driver: neo4j.Driver) -> str:
    """The Neo4j version of the server behind ``driver``, identified from its agent string.

    Raises :class:`ServerError` unless the server says it is Neo4j 5 or newer
    (the calendar versions 2025.x included).
    """
    try:
        agent = driver.get_server_info().agent
    except (Neo4jError, DriverError, OSError) as exc:
        raise ServerError(f"the Neo4j server did not answer: {exc}") from exc
    product, _, version = agent.partition("/")
    major = version.split(".", 1)[0]
    if product != "Neo4j" or not major.isdigit() or int(major) < 5:
        raise ServerError(f"the Bolt server is not Neo4j 5 or newer: it says {agent!r}")
    return version


def connect(uri: str, user: str, password: str) -> neo4j.Driver:
    """An open driver to the Neo4j at ``uri``, checked to answer and to be Neo4j 5.

    The caller closes it (or use :class:`Neo4jStore`).
    """
    try:
        driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
    except (Neo4jError, DriverError, ValueError) as exc:
        raise ServerError(f"cannot connect to the Neo4j server at {uri}: {exc}") from exc
    try:
        driver.verify_connectivity()
        server_version(driver)
    except (Neo4jError, DriverError, OSError) as exc:
        driver.close()
        raise ServerError(f"cannot connect to the Neo4j server at {uri}: {exc}") from exc
    except ServerError:
        driver.close()
        raise
    return driver


# An empty database does not know ketenkaart's labels and types yet; the server's
# "does not exist" notices about them would only alarm whoever pushes first.
_QUIET = [neo4j.NotificationDisabledClassification.UNRECOGNIZED]


def _session(driver: neo4j.Driver, database: str | None) -> neo4j.Session:
    return driver.session(database=database, notifications_disabled_classifications=_QUIET)


def _run_read(driver: neo4j.Driver, database: str | None, work: Callable[[neo4j.ManagedTransaction], Any]) -> Any:
    try:
        with _session(driver, database) as session:
            return session.execute_read(work)
    except (Neo4jError, DriverError) as exc:
        raise ServerError(f"the Neo4j server refused a query: {exc}") from exc


# --- schema ----------------------------------------------------------------


def ensure_schema(driver: neo4j.Driver, database: str | None = None) -> list[str]:
    """Create the missing uniqueness constraints on every label's key; returns the statements run.

    Each runs in a managed transaction: schema changes of pushes started at the
    same moment can deadlock, and the driver retries those. A constraint that a
    concurrent push created first is fine.
    """
    labels = (*CHAIN_LABELS, Label.CHAIN_STAMP)

    def create(statement: str) -> Callable[[neo4j.ManagedTransaction], None]:
        def work(tx: neo4j.ManagedTransaction) -> None:
            tx.run(statement).consume()

        return work

    try:
        with _session(driver, database) as session:
            existing = set(session.execute_read(lambda tx: [r["name"] for r in tx.run(cypher.CONSTRAINT_NAMES)]))
            missing = tuple(label for label in labels if cypher.constraint_name(label) not in existing)
            statements = cypher.schema_statements(missing)
            for statement in statements:
                try:
                    session.execute_write(create(statement))
                except ClientError as exc:
                    if exc.code not in cypher.EQUIVALENT_SCHEMA_CODES:
                        raise
    except (Neo4jError, DriverError) as exc:
        raise ServerError(f"the Neo4j server refused a schema statement: {exc}") from exc
    return statements


# --- writing ---------------------------------------------------------------


def _batches(rows: Sequence[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield list(rows[start : start + size])


def _native(value: Any) -> Any:
    """A server value as the rows hold it (Neo4j dates become ``datetime.date``)."""
    if isinstance(value, neo4j.time.Date):
        return value.to_native()
    if isinstance(value, list):
        return [_native(item) for item in value]
    return value


@dataclass
class _Plan:
    """The writes a push needs, computed from what the server holds."""

    nodes: list[tuple[Label, list[dict[str, Any]]]] = field(default_factory=list)
    deleted_nodes: list[tuple[Label, list[str]]] = field(default_factory=list)
    rels: list[tuple[Rel, Label, Label, list[dict[str, str]]]] = field(default_factory=list)
    deleted_rels: list[tuple[Rel, Label, Label, list[dict[str, str]]]] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rels_unchanged: int = 0

    @property
    def size(self) -> int:
        return (
            sum(len(rows) for _, rows in self.nodes)
            + sum(len(keys) for _, keys in self.deleted_nodes)
            + sum(len(rows) for *_, rows in self.rels)
            + sum(len(rows) for *_, rows in self.deleted_rels)
        )


def _plan(tx: neo4j.ManagedTransaction, rows: CypherRows) -> _Plan:
    plan = _Plan()
    for group in rows.nodes:
        key = KEY_PROPERTY[group.label]
        existing: dict[str, dict[str, Any]] = {}
        for props in tx.run(cypher.NODE_PROPERTIES[group.label]).single(strict=True)["props"]:
            if props.get(key) is not None:
                existing[props[key]] = {name: _native(value) for name, value in props.items()}
        writes = []
        for row in group.rows:
            old = existing.get(row["key"])
            if old is None:
                plan.created += 1
                writes.append(row)
            elif old != row["props"]:
                plan.updated += 1
                writes.append(row)
            else:
                plan.unchanged += 1
        plan.nodes.append((group.label, writes))
        stale = sorted(set(existing) - {row["key"] for row in group.rows})
        if stale:
            plan.deleted_nodes.append((group.label, stale))

    chain_labels = {label.value for label in CHAIN_LABELS}
    existing_rels: set[tuple[str, str, str, str, str]] = set()
    for record in tx.run(cypher.RELATIONSHIPS, labels=sorted(chain_labels)):
        rel, ends = record["rel"], list(zip(record["froms"], record["tos"], strict=True))
        for a in record["from_labels"]:
            for b in record["to_labels"]:
                existing_rels.update((rel, a, b, u, v) for u, v in ends)
    wanted_rels = set()
    for rgroup in rows.relationships:
        new = []
        for rrow in rgroup.rows:
            rkey = (rgroup.rel.value, rgroup.from_label.value, rgroup.to_label.value, rrow["from"], rrow["to"])
            wanted_rels.add(rkey)
            if rkey in existing_rels:
                plan.rels_unchanged += 1
            else:
                new.append(rrow)
        if new:
            plan.rels.append((rgroup.rel, rgroup.from_label, rgroup.to_label, new))
    # relationships of deleted nodes go with them (DETACH DELETE)
    gone = {(label.value, key) for label, keys in plan.deleted_nodes for key in keys}
    stale_rels: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for rel, a, b, u, v in sorted(existing_rels - wanted_rels, key=lambda item: tuple(map(str, item))):
        if (a, u) not in gone and (b, v) not in gone and u is not None and v is not None:
            stale_rels.setdefault((rel, a, b), []).append({"from": u, "to": v})
    for (rel, a, b), pairs in stale_rels.items():
        plan.deleted_rels.append((Rel(rel), Label(a), Label(b), pairs))
    return plan


def _default_pusher() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "unknown"


def push(
    driver: neo4j.Driver,
    model: ChainModel,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
    pushed_by: str | None = None,
) -> PushResult:
    """Make the store hold ``model``: batched, idempotent, in one managed transaction.

    Parameters
    ----------
    driver : neo4j.Driver
    model : ChainModel
    database : str, optional
        The Neo4j database (default: the server's default database).
    batch_size : int
        Rows per ``UNWIND`` statement.
    progress : callable, optional
        Called as ``progress(rows_done, rows_total)`` after each batch; if it
        raises, the transaction is rolled back and the store keeps its graph.
    pushed_by : str, optional
        Who pushes, for the stamp (default: the OS user). Never a credential.

    Returns
    -------
    PushResult
        What changed and the stamp; a second push of the same model changes nothing.

    Raises
    ------
    ServerError
        When the server refuses; nothing was written.
    """
    if batch_size < 1:
        raise ChainError(f"batch size must be at least 1, got {batch_size}")
    rows = to_cypher_rows(model)
    version = data_version(rows)
    who = pushed_by or _default_pusher()
    ensure_schema(driver, database)
    began = time.perf_counter()

    def work(tx: neo4j.ManagedTransaction) -> PushResult:
        previous = tx.run(cypher.LOCK_STAMP, id=_STAMP_ID).single(strict=True)["props"]
        plan = _plan(tx, rows)
        total, done, statements = plan.size, 0, 0

        # deletions first, then nodes before the relationships that join them
        steps: list[tuple[str, str, list[Any]]] = [
            (cypher.delete_nodes(label), "keys", keys) for label, keys in plan.deleted_nodes
        ]
        steps += [(cypher.delete_relationships(rel, a, b), "rows", pairs) for rel, a, b, pairs in plan.deleted_rels]
        steps += [(cypher.merge_nodes(label), "rows", writes) for label, writes in plan.nodes]
        steps += [(cypher.merge_relationships(rel, a, b), "rows", pairs) for rel, a, b, pairs in plan.rels]
        for query, name, items in steps:
            for batch in _batches(items, batch_size):
                tx.run(query, {name: batch}).consume()
                statements += 1
                done += len(batch)
                if progress is not None:
                    progress(done, total)

        changed = statements > 0 or previous.get("version") != version or previous.get("format") != STORE_FORMAT
        if changed:
            stamp = Stamp(
                region=rows.region, title=rows.title, version=version, serial=int(previous.get("serial") or 0) + 1,
                pushed_at=dt.datetime.now(dt.UTC), pushed_by=who,
                nodes=rows.node_count, relationships=rows.relationship_count,
            )
            tx.run(cypher.WRITE_STAMP, id=_STAMP_ID, props=stamp.props()).consume()
            statements += 1
        else:
            stamp = Stamp.from_props(previous)
        if progress is not None and total == 0:
            progress(0, 0)
        return PushResult(
            nodes_created=plan.created,
            nodes_updated=plan.updated,
            nodes_deleted=sum(len(keys) for _, keys in plan.deleted_nodes),
            nodes_unchanged=plan.unchanged,
            relationships_created=sum(len(created) for *_, created in plan.rels),
            relationships_deleted=sum(len(stale) for *_, stale in plan.deleted_rels),
            relationships_unchanged=plan.rels_unchanged,
            stamp=stamp,
            changed=changed,
            statements=statements,
        )

    try:
        with _session(driver, database) as session:
            result: PushResult = session.execute_write(work)
    except (Neo4jError, DriverError) as exc:
        raise ServerError(f"the push to the Neo4j server failed (nothing was written): {exc}") from exc
    return dataclasses.replace(result, seconds=time.perf_counter() - began)


def clear(driver: neo4j.Driver, database: str | None = None) -> None:
    """Delete every node with ketenkaart's labels (and their relationships), stamp included."""
    labels = [label.value for label in (*CHAIN_LABELS, Label.CHAIN_STAMP)]
    try:
        with _session(driver, database) as session:
            session.execute_write(lambda tx: tx.run(cypher.DELETE_ALL, labels=labels).consume())
    except (Neo4jError, DriverError) as exc:
        raise ServerError(f"the Neo4j server refused to clear the chain: {exc}") from exc


# --- reading ---------------------------------------------------------------


def _stamp_props(tx: neo4j.ManagedTransaction) -> dict[str, Any] | None:
    record = tx.run(cypher.READ_STAMP, id=_STAMP_ID).single()
    return None if record is None else dict(record["props"])


def read_stamp(driver: neo4j.Driver, *, database: str | None = None) -> Stamp | None:
    """The stamp of the last push that changed the store (None when nothing was pushed).

    One small query: the UI calls it on every run to see whether to reload.
    """
    props = _run_read(driver, database, _stamp_props)
    return None if props is None or props.get("serial") is None else Stamp.from_props(props)


def read_chain(driver: neo4j.Driver, *, database: str | None = None) -> tuple[ChainModel, Stamp]:
    """The chain the store holds and its stamp, read consistently.

    Neo4j reads see each committed push as it lands, so the stamp is read
    before and after the nodes; when a push came between, the read is repeated.
    """

    def work(tx: neo4j.ManagedTransaction) -> tuple[dict[str, Any] | None, dict[Label, list[dict[str, Any]]], Any]:
        before = _stamp_props(tx)
        props = {label: tx.run(cypher.NODE_PROPERTIES[label]).single(strict=True)["props"] for label in CHAIN_LABELS}
        return before, props, _stamp_props(tx)

    for _attempt in range(_READ_ATTEMPTS):
        before, props, after = _run_read(driver, database, work)
        if before is None or before.get("serial") is None:
            raise ChainError("the Neo4j database holds no chain yet: run `ketenkaart neo4j push` first")
        stamp = Stamp.from_props(before)
        if after == before:
            return model_from_properties(stamp.region, stamp.title, props), stamp
    raise ServerError(f"the chain in Neo4j changed while it was read, {_READ_ATTEMPTS} times: try again")


def read_model(driver: neo4j.Driver, *, database: str | None = None) -> ChainModel:
    """Read the chain back into the :class:`~graph.model.ChainModel` that was pushed.

    Raises :class:`ChainError` when nothing was pushed yet.
    """
    return read_chain(driver, database=database)[0]


def count_nodes(driver: neo4j.Driver, *, database: str | None = None) -> int:
    """How many nodes with ketenkaart's chain labels the database holds (the stamp not counted)."""
    labels = [label.value for label in CHAIN_LABELS]

    def work(tx: neo4j.ManagedTransaction) -> int:
        count: int = tx.run(cypher.COUNT_NODES, labels=labels).single(strict=True)["n"]
        return count

    counted: int = _run_read(driver, database, work)
    return counted


# --- the store -------------------------------------------------------------


class Neo4jStore:
    """A Neo4j database holding a chain, with the driver it opened; close it (or use ``with``).

    >>> from graph.settings import Settings
    >>> Neo4jStore.from_settings(Settings(neo4j_uri=None))
    Traceback (most recent call last):
    ...
    graph.errors.ChainError: no Neo4j server configured: set NEO4J_URI (e.g. bolt://localhost:7687)
    """

    def __init__(self, driver: neo4j.Driver, database: str | None = None, *, owns_driver: bool = False) -> None:
        self.driver = driver
        self.database = database
        self._owns_driver = owns_driver

    @classmethod
    def connect(cls, uri: str, user: str, password: str, database: str | None = None) -> Neo4jStore:
        """Open and check a driver to ``uri`` (see :func:`connect`)."""
        return cls(connect(uri, user, password), database, owns_driver=True)

    @classmethod
    def from_settings(cls, settings: Any) -> Neo4jStore:
        """The store at ``settings.neo4j_uri`` (``NEO4J_URI``) with its credentials."""
        if not settings.neo4j_uri:
            raise ChainError("no Neo4j server configured: set NEO4J_URI (e.g. bolt://localhost:7687)")
        return cls.connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)

    def close(self) -> None:
        """Close the driver when this store opened it (idempotent)."""
        if self._owns_driver:
            self.driver.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def push(self, model: ChainModel, **options: Any) -> PushResult:
        """:func:`push` to this store."""
        return push(self.driver, model, database=self.database, **options)

    def read_model(self) -> ChainModel:
        """:func:`read_model` from this store."""
        return read_model(self.driver, database=self.database)

    def read_chain(self) -> tuple[ChainModel, Stamp]:
        """:func:`read_chain` from this store."""
        return read_chain(self.driver, database=self.database)

    def read_stamp(self) -> Stamp | None:
        """:func:`read_stamp` from this store."""
        return read_stamp(self.driver, database=self.database)

    def ensure_schema(self) -> list[str]:
        """:func:`ensure_schema` on this store."""
        return ensure_schema(self.driver, self.database)

    def count_nodes(self) -> int:
        """:func:`count_nodes` of this store."""
        return count_nodes(self.driver, database=self.database)

    def clear(self) -> None:
        """:func:`clear` this store."""
        clear(self.driver, self.database)
