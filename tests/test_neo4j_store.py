"""The Neo4j store against the real Neo4j of the test session: push, read-back,
idempotence, Neo4j's own types, constraints, the stamp, rollback and
injection-shaped values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from typing import Any, cast

import neo4j
import pytest

from graph.cypher_rows import CHAIN_LABELS, KEY_PROPERTY
from graph.errors import ChainError
from graph.examples import toy_chain
from graph.model import (
    ChainModel,
    Duration,
    FailureMode,
    HandOff,
    Instrument,
    Norm,
    NormUnit,
    Organisation,
    Passes,
)
from graph.vocab import Category, Label
from loaders.neo4j import Neo4jStore, ServerError, server_version

TOY_NODES = 26  # 23 elements (one an observation) and 3 nested parts (norms, failure modes)
TOY_RELS = 65  # with the observation's ABOUT and SOURCED_FROM


def _one(store: Neo4jStore, query: str, **params: Any) -> Any:
    """Test-only Browser-style look-ups (the production code never runs text built here)."""
    records, _, _ = store.driver.execute_query(query, params)
    return records


def test_push_then_read_back_gives_the_same_model(neo4j_store):
    model = toy_chain()
    result = neo4j_store.push(model)
    elements = sum(model.counts().values())
    nested = sum(1 for h in model.handoffs if h.norm) + sum(len(h.failure_modes) for h in model.handoffs)
    nested += sum(len(i.durations) for i in model.instruments)
    assert result.nodes_created == elements + nested == TOY_NODES
    assert result.relationships_created == TOY_RELS
    assert result.changed and result.stamp is not None and result.stamp.serial == 1
    assert neo4j_store.read_model() == model
    assert neo4j_store.count_nodes() == TOY_NODES


def test_second_push_changes_nothing(neo4j_store):
    model = toy_chain()
    first = neo4j_store.push(model)
    again = neo4j_store.push(model)
    assert not again.changed and again.statements == 0
    assert (again.nodes_unchanged, again.relationships_unchanged) == (TOY_NODES, TOY_RELS)
    assert again.stamp == first.stamp  # a push that changes nothing leaves the stamp alone
    assert neo4j_store.count_nodes() == TOY_NODES


def test_push_removes_what_the_model_no_longer_has(neo4j_store):
    model = toy_chain()
    neo4j_store.push(model)
    kept = tuple(ho for ho in model.handoffs if ho.id != "ho-vt-raad-oud")
    moved = tuple(dataclasses.replace(ho, regie_after="politie") if ho.id == "ho-politie-vt" else ho for ho in kept)
    smaller = dataclasses.replace(model, handoffs=moved)
    result = neo4j_store.push(smaller)
    assert result.nodes_deleted == 1 and result.nodes_updated == 1
    assert result.relationships_deleted == 1  # REGIE_AFTER veilig-thuis -> politie
    assert result.stamp is not None and result.stamp.serial == 2
    assert neo4j_store.read_model() == smaller
    assert neo4j_store.push(smaller).changed is False


def test_nested_parts_are_nodes_that_follow_their_element(neo4j_store):
    model = toy_chain()
    neo4j_store.push(model)
    with_modes = next(ho for ho in model.handoffs if ho.failure_modes)
    records = _one(neo4j_store, "MATCH (h:HandOff {id: $id})-[:HAS_FAILURE_MODE]->(f:FailureMode)"
                   "-[:SOURCED_FROM]->(s:Source) RETURN f.id AS id, f.owner AS owner, s.id AS source",
                   id=with_modes.id)
    assert {(r["id"], r["owner"]) for r in records} == {(m.id, with_modes.id) for m in with_modes.failure_modes}
    # dropping a failure mode deletes its node; changing a norm updates its node in place
    changed = tuple(
        dataclasses.replace(ho, failure_modes=()) if ho.id == with_modes.id
        else dataclasses.replace(ho, norm=dataclasses.replace(ho.norm, amount=9)) if ho.norm else ho
        for ho in model.handoffs
    )
    smaller = dataclasses.replace(model, handoffs=changed)
    result = neo4j_store.push(smaller)
    assert result.nodes_deleted == len(with_modes.failure_modes)
    assert result.nodes_updated == sum(1 for ho in model.handoffs if ho.norm)
    assert neo4j_store.read_model() == smaller


def test_small_batches_give_the_same_graph_and_report_progress(neo4j_store):
    seen = []
    result = neo4j_store.push(toy_chain(), batch_size=2, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (TOY_NODES + TOY_RELS, TOY_NODES + TOY_RELS)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert result.statements > (TOY_NODES + TOY_RELS) // 2
    assert neo4j_store.read_model() == toy_chain()


def test_empty_database_says_to_push_first(neo4j_store):
    with pytest.raises(ChainError, match="neo4j push"):
        neo4j_store.read_model()
    assert neo4j_store.read_stamp() is None


def test_values_have_neo4j_types(neo4j_store):
    """Dates are DATE, amounts numbers, lists LIST; Neo4j durations where a norm has a calendar unit."""
    day = dt.date(2019, 1, 1)
    model = toy_chain()
    instrument = Instrument(id="huisverbod", name="Huisverbod", sources=("toy-source",), valid_from=day,
                            durations=(Duration("duur", 10, NormUnit.CALENDAR_DAYS, ("toy-source",)),
                                       Duration("verlenging tot", 4, NormUnit.WEEKS, ("toy-source",)),
                                       Duration("halve dag", 0.5, NormUnit.CALENDAR_DAYS, ("toy-source",))))
    model = dataclasses.replace(model, instruments=(*model.instruments, instrument))
    neo4j_store.push(model)
    record = _one(neo4j_store, "MATCH (i:Instrument {id: 'huisverbod'}) RETURN valueType(i.valid_from) AS since, "
                  "valueType(i.sources) AS sources, i.valid_from < date('2020-01-01') AS before_2020")[0]
    assert (record["since"], record["sources"], record["before_2020"]) == (
        "DATE NOT NULL", "LIST<STRING NOT NULL> NOT NULL", True)
    durations = _one(neo4j_store, "MATCH (:Instrument {id: 'huisverbod'})-[:HAS_DURATION]->(d:Duration) "
                     "RETURN d.position AS position, d.label AS label, d.duration AS duration, "
                     "date('2024-01-01') + d.duration AS until ORDER BY position")
    assert [(r["label"], str(r["duration"]) if r["duration"] else None) for r in durations] == [
        ("duur", "P10D"), ("verlenging tot", "P28D"), ("halve dag", None)]
    assert durations[0]["until"].to_native() == dt.date(2024, 1, 11)
    assert neo4j_store.read_model() == model


def test_every_label_has_a_uniqueness_constraint(neo4j_store):
    neo4j_store.push(toy_chain())
    records = _one(neo4j_store, "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties")
    unique = {(r["labelsOrTypes"][0], r["properties"][0]) for r in records if r["type"] == "UNIQUENESS"}
    expected = {(label.value, KEY_PROPERTY[label]) for label in (*CHAIN_LABELS, Label.CHAIN_STAMP)}
    assert expected <= unique
    assert neo4j_store.ensure_schema() == []  # only missing constraints are created
    with pytest.raises(neo4j.exceptions.ConstraintError):
        _one(neo4j_store, "CREATE (:Organisation {id: 'politie'})")


def test_a_failed_push_leaves_the_previous_graph(neo4j_store):
    """The push is one transaction: an error half-way rolls every write back."""
    model = toy_chain()
    neo4j_store.push(model)
    before = neo4j_store.read_stamp()
    other = dataclasses.replace(model, handoffs=model.handoffs[:2], title="Half")
    calls = []

    def fail_halfway(done, total):
        calls.append(done)
        if len(calls) == 2:
            raise RuntimeError("stop mid-push")

    with pytest.raises(RuntimeError):
        neo4j_store.push(other, batch_size=1, progress=fail_halfway)
    assert neo4j_store.read_model() == model
    assert neo4j_store.read_stamp() == before


def test_stamp_says_who_pushed_what_and_when(neo4j_store):
    model = toy_chain()
    before = dt.datetime.now(dt.UTC)
    first = neo4j_store.push(model)
    stamp = neo4j_store.read_stamp()
    assert stamp == first.stamp
    assert stamp.pushed_by == getpass.getuser() and stamp.region == model.region
    assert before <= stamp.pushed_at <= dt.datetime.now(dt.UTC)
    assert stamp.pushed_at.tzinfo is not None
    renamed = dataclasses.replace(model, title="Andere titel")
    second = neo4j_store.push(renamed, pushed_by="Team Haaglanden")
    assert second.changed and second.stamp.serial == 2 and second.stamp.pushed_by == "Team Haaglanden"
    assert second.stamp.version != first.stamp.version
    assert neo4j_store.read_chain() == (renamed, second.stamp)


def test_server_is_identified_by_its_agent_string(neo4j_store, neo4j_server):
    assert server_version(neo4j_store.driver) == neo4j_server.version

    class OtherServer:  # the one part of a driver server_version reads
        def get_server_info(self):
            return type("Info", (), {"agent": "OtherGraph/4.18.3"})()

    with pytest.raises(ServerError, match=r"not Neo4j 5 or newer: it says 'OtherGraph/4\.18\.3'"):
        server_version(cast(neo4j.Driver, OtherServer()))


def test_connect_checks_the_password_and_closes_on_failure(neo4j_server):
    with pytest.raises(ServerError, match="cannot connect"):
        Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password + "-wrong")
    with Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as store:
        assert store.count_nodes() >= 0  # a good login also resets the failed-login count


NASTY = [
    "quote'in-id",
    'double"quote',
    "brace}{id",
    "slash//comment",
    "back\\slash\\'mix",
    "x' RETURN 1 //",
    "MATCH (n) DETACH DELETE n",
    "}) DETACH DELETE n",
    "`) MATCH (m) DETACH DELETE m //",
    "`backtick` {id: 1}",
    "$rows",
]


def _nasty_model() -> ChainModel:
    base = toy_chain()
    orgs = list(base.organisations)
    handoffs = list(base.handoffs)
    for i, text in enumerate(NASTY):
        org_id = f"org-{i}-{text}"
        orgs.append(Organisation(id=org_id, name=text, kind=orgs[0].kind, domain=orgs[0].domain,
                                 region="toy", sources=("toy-source",), description=f"{text}\n{text}"))
        handoffs.append(HandOff(
            id=f"ho-{i}-{text}", from_org="politie", to_org=org_id, trigger=text, passes=(Passes.CASE,),
            phase="signalering", sources=("toy-source",), name=text,
            norm=Norm(description=text, amount=1.5, unit=NormUnit.HOURS, sources=("toy-source",)),
            failure_modes=(FailureMode(id=f"fm-{text}", description=text, sources=("toy-source",),
                                       category=Category.INFORMATION),),
        ))
    return dataclasses.replace(base, organisations=tuple(orgs), handoffs=tuple(handoffs), title="'; DROP ` //")


def test_injection_shaped_ids_and_names_are_stored_and_found_literally(neo4j_store):
    model = _nasty_model()
    neo4j_store.push(model)
    assert neo4j_store.read_model() == model
    assert neo4j_store.count_nodes() == TOY_NODES + 4 * len(NASTY)  # organisation, hand-off, norm, failure mode
    for i, text in enumerate(NASTY):
        found = _one(neo4j_store, "MATCH (o:Organisation {name: $name})<-[:TO]-(h:HandOff)-[:HAS_FAILURE_MODE]->(f) "
                     "RETURN o.id AS org, h.trigger AS trigger, f.description AS fm", name=text)
        assert [(r["org"], r["trigger"], r["fm"]) for r in found] == [(f"org-{i}-{text}", text, text)]
    assert neo4j_store.push(model).changed is False
