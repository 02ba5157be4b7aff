"""The shared store: the chain in Neo4j, pushed by a team and read back by the map.

:class:`Neo4jStore` pushes a model to the server (:meth:`Neo4jStore.push`) and
reads it back (:meth:`Neo4jStore.read_model`) into the same immutable
:class:`~graph.model.ChainModel`; queries then run in memory. Every statement
comes from :mod:`queries.cypher`.

A push is batched (``UNWIND $rows … MERGE``), idempotent and runs in one
transaction function: it reads what the database holds, then writes only
the nodes and relationships that are new or changed and deletes the ones
the model no longer has. A second push of the same model writes nothing.
On Neo4j the transaction is all-or-nothing; the FalkorDB test server
acknowledges transactions but cannot roll them back (see ``docs/neo4j.md``).

The driver is only imported here, so the embedded default never needs it.
Only chain structure (organisations, hand-offs, legal bases…) is written:
never case data.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.cypher_rows import CypherRows, model_from_properties, to_cypher_rows
from graph.errors import ChainError
from graph.model import ChainModel
from graph.vocab import Label, Rel
from queries import cypher
from queries.cypher import Dialect

__all__ = ["Neo4jStore", "PushResult", "ServerError", "DEFAULT_BATCH_SIZE"]

DEFAULT_BATCH_SIZE = 1000


class ServerError(ChainError):
    """The Bolt server could not be reached or refused a statement."""


@dataclass(frozen=True)
class PushResult:
    """What a push changed, per kind of change, plus how long it took."""

    nodes_created: int = 0
    nodes_updated: int = 0
    nodes_deleted: int = 0
    nodes_unchanged: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    relationships_unchanged: int = 0
    seconds: float = 0.0
    statements: int = 0

    @property
    def changed(self) -> bool:
        return bool(
            self.nodes_created
            or self.nodes_updated
            or self.nodes_deleted
            or self.relationships_created
            or self.relationships_deleted
        )

    def lines(self) -> list[str]:
        """Human-readable summary lines (English, for the CLI)."""
        return [
            f"nodes: {self.nodes_created} created, {self.nodes_updated} updated, "
            f"{self.nodes_deleted} deleted, {self.nodes_unchanged} unchanged",
            f"relationships: {self.relationships_created} created, {self.relationships_deleted} deleted, "
            f"{self.relationships_unchanged} unchanged",
        ]


def _escape_for_falkordb(value: Any) -> Any:
    """FalkorDB v4.18's Bolt layer pastes string parameters into single quotes
    without escaping them; escaping ``\\`` and ``'`` makes them arrive literally."""
    if isinstance(value, str):
        return value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, list):
        return [_escape_for_falkordb(item) for item in value]
    if isinstance(value, dict):
        return {key: _escape_for_falkordb(item) for key, item in value.items()}
    return value


def _drop_connections(driver: Any) -> None:
    """Close the driver's pooled sockets without the Bolt GOODBYE message:
    after a GOODBYE, FalkorDB v4.18 stops answering new connections' handshakes."""
    pool = getattr(driver, "_pool", None)
    for connections in list(getattr(pool, "connections", {}).values()):
        for connection in list(connections):
            connection.kill()


def _batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@dataclass
class _Plan:
    """The writes a push needs, computed from what the server holds."""

    nodes: list[tuple[Label, list[dict]]] = field(default_factory=list)
    deleted_nodes: list[tuple[Label, list[str]]] = field(default_factory=list)
    rels: list[tuple[Rel, Label, Label, list[dict]]] = field(default_factory=list)
    deleted_rels: list[tuple[Rel, Label, Label, list[dict]]] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rels_unchanged: int = 0

    @property
    def size(self) -> int:
        return (
            sum(len(rows) for _, rows in self.nodes)
            + sum(len(ids) for _, ids in self.deleted_nodes)
            + sum(len(rows) for *_, rows in self.rels)
            + sum(len(rows) for *_, rows in self.deleted_rels)
        )


class Neo4jStore:
    """A chain held by a Bolt server.

    Parameters
    ----------
    driver : neo4j.Driver
        An open driver; closed by :meth:`close` only when ``owns_driver``.
    database : str, optional
        The Neo4j database name (ignored by FalkorDB).
    owns_driver : bool
        Whether :meth:`close` closes the driver.
    """

    def __init__(self, driver: Any, database: str | None = None, *, owns_driver: bool = False):
        self._driver = driver
        self._database = database
        self._owns_driver = owns_driver
        self._closed = False
        self._dialect: Dialect | None = None

    # --- connection --------------------------------------------------------
    @classmethod
    def connect(cls, uri: str, user: str = "neo4j", password: str = "", database: str | None = None) -> Neo4jStore:
        """Open a driver to ``uri`` and check the server answers."""
        import neo4j

        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
            driver.verify_connectivity()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, ValueError, OSError) as exc:
            raise ServerError(f"cannot connect to the Neo4j server at {uri}: {exc}") from exc
        return cls(driver, database, owns_driver=True)

    @classmethod
    def from_settings(cls, settings: Any) -> Neo4jStore:
        """The store at ``settings.neo4j_uri`` (``NEO4J_URI``) and its credentials."""
        if not settings.neo4j_uri:
            raise ChainError("no Neo4j server configured: set NEO4J_URI (e.g. bolt://localhost:7687)")
        return cls.connect(settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password, settings.neo4j_database)

    def close(self) -> None:
        """Close the driver when this store opened it (idempotent)."""
        if not self._owns_driver or self._closed:
            return
        self._closed = True
        if self._dialect is Dialect.FALKORDB:
            _drop_connections(self._driver)
        self._driver.close()

    def __del__(self) -> None:
        # A store dropped without close()
        # would otherwise have its connections say GOODBYE when collected.
        with contextlib.suppress(Exception):  # nothing can be reported from a finaliser
            self.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> Dialect:
        """Which server family answers (decides schema statements and parameter encoding)."""
        if self._dialect is None:
            import neo4j

            try:
                with self._session() as session:
                    names = [record["name"] for record in session.run(cypher.SERVER_COMPONENTS)]
                self._dialect = Dialect.NEO4J if any("Neo4j" in name for name in names) else Dialect.FALKORDB
            except neo4j.exceptions.DatabaseError:
                # FalkorDB has no dbms.components() and answers with a generic DatabaseError
                self._dialect = Dialect.FALKORDB
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
                raise ServerError(f"the Neo4j server did not answer: {exc}") from exc
        return self._dialect

    def _session(self) -> Any:
        kwargs = {"database": self._database} if self._database else {}
        return self._driver.session(**kwargs)

    def _in_transaction(self, session: Any, work: Callable[[Any], Any], *, write: bool) -> Any:
        """Run ``work(tx)`` in a managed transaction on Neo4j (all-or-nothing,
        retried on transient errors). FalkorDB cannot roll back, and after an
        explicit transaction its Bolt layer stops accepting new connections
        until the old one sends again, so there ``work`` gets the session and
        each statement commits on its own."""
        if self.dialect is Dialect.FALKORDB:
            return work(session)
        return session.execute_write(work) if write else session.execute_read(work)

    def _params(self, params: dict[str, Any]) -> dict[str, Any]:
        if self.dialect is Dialect.FALKORDB:
            return _escape_for_falkordb(params)
        return params

    def _read(self, query: str, **params: Any) -> list[dict[str, Any]]:
        import neo4j

        encoded = self._params(params)

        def work(tx: Any) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(query, encoded)]

        try:
            with self._session() as session:
                return self._in_transaction(session, work, write=False)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise ServerError(f"the Neo4j server refused a query: {exc}") from exc

    # --- the model -------------------------------------------------------
    def read_model(self) -> ChainModel:
        """Read every node back and rebuild the :class:`~graph.model.ChainModel`."""
        labels = [label.value for label in Label]
        names = self._read(cypher.CHAIN_NAME, labels=labels)
        if not names:
            raise ChainError("the Neo4j database holds no chain yet: run `ketenkaart neo4j push` first")
        if len({row["region"] for row in names}) > 1:
            regions = ", ".join(sorted({row["region"] for row in names}))
            raise ChainError(f"the Neo4j database holds more than one chain ({regions}); push one region per database")
        props = {label: [row["props"] for row in self._read(cypher.NODE_PROPERTIES[label])] for label in Label}
        return model_from_properties(names[0]["region"], names[0]["title"] or "", props)

    # --- writing ---------------------------------------------------------
    def ensure_schema(self) -> list[str]:
        """Create the uniqueness constraints (Neo4j) or indexes (FalkorDB) on
        ``id`` that are missing; returns the statements run."""
        import neo4j

        labels = tuple(Label)
        if self.dialect is Dialect.FALKORDB:
            indexed = {row["label"] for row in self._read(cypher.EXISTING_INDEXES) if "id" in (row["properties"] or [])}
            labels = tuple(label for label in labels if label.value not in indexed)
        statements = cypher.schema_statements(self.dialect, labels)
        try:
            with self._session() as session:
                for statement in statements:
                    session.run(statement).consume()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise ServerError(f"the Neo4j server refused a schema statement: {exc}") from exc
        return statements

    def _comparable(self, props: dict[str, Any]) -> dict[str, Any]:
        """Properties as the server will return them: FalkorDB v4.18 sends
        float parameters with six decimals (exact values are kept in JSON
        properties, see graph.cypher_rows)."""
        if self.dialect is not Dialect.FALKORDB:
            return props
        return {key: float(f"{value:f}") if isinstance(value, float) else value for key, value in props.items()}

    def _plan(self, tx: Any, rows: CypherRows) -> _Plan:
        plan = _Plan()
        for group in rows.nodes:
            existing = {
                record["props"]["id"]: record["props"]
                for record in tx.run(cypher.NODE_PROPERTIES[group.label], self._params({}))
            }
            wanted = {row["id"] for row in group.rows}
            writes = []
            for row in group.rows:
                old = existing.get(row["id"])
                if old is None:
                    plan.created += 1
                    writes.append(row)
                elif self._comparable(old) != self._comparable(row["props"]):
                    plan.updated += 1
                    writes.append(row)
                else:
                    plan.unchanged += 1
            plan.nodes.append((group.label, writes))
            stale = sorted(set(existing) - wanted)
            if stale:
                plan.deleted_nodes.append((group.label, stale))
        existing_rels: set[tuple[str, str, str, str, str]] = set()
        result = tx.run(cypher.RELATIONSHIPS, self._params({"types": [rel.value for rel in Rel]}))
        for record in result:
            for a in record["from_labels"]:
                for b in record["to_labels"]:
                    existing_rels.add((record["rel"], a, b, record["from"], record["to"]))
        wanted_rels = set()
        for rgroup in rows.relationships:
            new = []
            for row in rgroup.rows:
                key = (rgroup.rel.value, rgroup.from_label.value, rgroup.to_label.value, row["from"], row["to"])
                wanted_rels.add(key)
                if key in existing_rels:
                    plan.rels_unchanged += 1
                else:
                    new.append(row)
            if new:
                plan.rels.append((rgroup.rel, rgroup.from_label, rgroup.to_label, new))
        stale_rels: dict[tuple[str, str, str], list[dict]] = {}
        label_values = {label.value for label in Label}
        # relationships of deleted nodes go with them (DETACH DELETE)
        gone = {(label.value, node_id) for label, ids in plan.deleted_nodes for node_id in ids}
        for rel, a, b, u, v in sorted(existing_rels - wanted_rels):
            if (a, u) in gone or (b, v) in gone:
                continue
            if a in label_values and b in label_values:
                stale_rels.setdefault((rel, a, b), []).append({"from": u, "to": v})
        for (rel, a, b), stale in stale_rels.items():
            plan.deleted_rels.append((Rel(rel), Label(a), Label(b), stale))
        return plan

    def push(
        self,
        model: ChainModel,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        progress: Callable[[int, int], None] | None = None,
    ) -> PushResult:
        """Write ``model`` to the server: batched, idempotent, one transaction.

        Parameters
        ----------
        model : ChainModel
        batch_size : int
            Rows per ``UNWIND`` statement.
        progress : callable, optional
            Called as ``progress(rows_done, rows_total)`` after each batch.

        Returns
        -------
        PushResult
            What changed; a second push of the same model changes nothing.
        """
        import neo4j

        if batch_size < 1:
            raise ChainError(f"batch size must be at least 1, got {batch_size}")
        rows = to_cypher_rows(model)
        self.ensure_schema()
        began = time.perf_counter()

        def work(tx: Any) -> PushResult:
            plan = self._plan(tx, rows)
            total, done, statements = plan.size, 0, 0

            def run(query: str, **params: Any) -> None:
                nonlocal done, statements
                tx.run(query, self._params(params)).consume()
                statements += 1
                size = len(next(iter(params.values())))
                done += size
                if progress is not None:
                    progress(done, total)

            for label, ids in plan.deleted_nodes:
                for batch in _batches(ids, batch_size):
                    run(cypher.delete_nodes(label), ids=list(batch))
            for rel, a, b, stale in plan.deleted_rels:
                for batch in _batches(stale, batch_size):
                    run(cypher.delete_relationships(rel, a, b), rows=list(batch))
            for label, writes in plan.nodes:
                for batch in _batches(writes, batch_size):
                    run(cypher.merge_nodes(label), rows=list(batch))
            for rel, a, b, new in plan.rels:
                for batch in _batches(new, batch_size):
                    run(cypher.merge_relationships(rel, a, b), rows=list(batch))
            return PushResult(
                nodes_created=plan.created,
                nodes_updated=plan.updated,
                nodes_deleted=sum(len(ids) for _, ids in plan.deleted_nodes),
                nodes_unchanged=plan.unchanged,
                relationships_created=sum(len(new) for *_, new in plan.rels),
                relationships_deleted=sum(len(stale) for *_, stale in plan.deleted_rels),
                relationships_unchanged=plan.rels_unchanged,
                statements=statements,
            )

        try:
            with self._session() as session:
                result = self._in_transaction(session, work, write=True)
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise ServerError(f"the push to the Neo4j server failed: {exc}") from exc
        return PushResult(**{**result.__dict__, "seconds": time.perf_counter() - began})

    def push_row_by_row(self, model: ChainModel) -> PushResult:
        """The naive way, for the benchmark only: one auto-committed
        statement per node and per relationship, no diffing."""
        rows = to_cypher_rows(model)
        began = time.perf_counter()
        statements = 0
        with self._session() as session:
            for group in rows.nodes:
                query = cypher.merge_node(group.label)
                for row in group.rows:
                    session.run(query, self._params({"id": row["id"], "props": row["props"]})).consume()
                    statements += 1
            for rgroup in rows.relationships:
                query = cypher.merge_relationship(rgroup.rel, rgroup.from_label, rgroup.to_label)
                for row in rgroup.rows:
                    session.run(query, self._params({"from": row["from"], "to": row["to"]})).consume()
                    statements += 1
        return PushResult(
            nodes_created=rows.node_count,
            relationships_created=rows.relationship_count,
            seconds=time.perf_counter() - began,
            statements=statements,
        )

    def count_nodes(self) -> int:
        """How many nodes with ketenkaart's labels the database holds."""
        return self._read(cypher.COUNT_NODES, labels=[label.value for label in Label])[0]["n"]

    def clear(self) -> None:
        """Delete every node with ketenkaart's labels (and their relationships)."""
        import neo4j

        try:
            with self._session() as session:
                session.run(cypher.DELETE_ALL, self._params({"labels": [label.value for label in Label]})).consume()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
            raise ServerError(f"the Neo4j server refused to clear the chain: {exc}") from exc
