"""A push is all-or-nothing even when its process is killed, and pushes at the same
time end in one consistent graph, against the session's real Neo4j."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from graph.cypher_rows import data_version, to_cypher_rows
from graph.examples import toy_chain
from graph.settings import default_data_dir
from loaders.load import load_model
from loaders.neo4j import Neo4jStore, PushResult, push, read_chain

REPO = Path(__file__).resolve().parent.parent

# Pushes Haaglanden in small batches, says how far it got, and waits (mid-transaction) to be killed.
CHILD = """
import sys, time
from graph.settings import Settings
from loaders.load import load_model
from loaders.neo4j import Neo4jStore

def progress(done, total):
    print(f"progress {done} {total}", flush=True)
    if done >= 200:
        print("waiting", flush=True)
        time.sleep(120)

with Neo4jStore.from_settings(Settings.from_env()) as store:
    store.push(load_model(), batch_size=20, progress=progress, pushed_by="killed")
print("finished", flush=True)
"""


def test_a_killed_push_leaves_the_previous_graph(neo4j_env, neo4j_store):
    previous = toy_chain()
    neo4j_store.push(previous, pushed_by="before")
    stamp = neo4j_store.read_stamp()
    child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    try:
        lines = []
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == "waiting":
                break
        assert lines[-1] == "waiting", (lines, child.stderr.read())
        done = int(lines[-2].split()[1])
        assert 200 <= done < int(lines[-2].split()[2])  # mid-way: 200 rows written, more to come
        # uncommitted writes are invisible to others
        assert neo4j_store.read_chain() == (previous, stamp)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert neo4j_store.read_chain() == (previous, stamp)
    # the server rolled the dead transaction back and released its locks: the next push goes through
    haaglanden = load_model(default_data_dir())
    result = neo4j_store.push(haaglanden, pushed_by="after")
    assert stamp is not None and result.stamp is not None
    assert result.stamp.serial == stamp.serial + 1 and result.nodes_deleted > 0
    assert neo4j_store.read_model() == haaglanden


def test_a_push_waits_for_the_one_in_progress_and_builds_on_its_result(neo4j_server, neo4j_store):
    """B starts while A is half-way: B waits for A's commit, then diffs against A's graph."""
    first, second = toy_chain(), load_model(default_data_dir())
    a_writing, outcome = threading.Event(), dict[str, PushResult]()

    def slow(done, total):
        if not a_writing.is_set():
            a_writing.set()
            threading.Event().wait(1.5)  # hold the transaction open while B starts

    def run(name, model, **options):
        with Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as store:
            outcome[name] = store.push(model, pushed_by=name, **options)

    a = threading.Thread(target=run, args=("A", first), kwargs={"batch_size": 5, "progress": slow})
    a.start()
    assert a_writing.wait(60)
    b = threading.Thread(target=run, args=("B", second))
    b.start()
    a.join(120)
    b.join(120)
    assert set(outcome) == {"A", "B"}
    stamps = {name: result.stamp for name, result in outcome.items()}
    assert stamps["A"] is not None and stamps["B"] is not None
    assert stamps["A"].serial == 1 and stamps["B"].serial == 2
    # B saw A's committed graph: it deleted and updated the toy chain's nodes rather than writing into nothing
    assert outcome["B"].nodes_deleted > 0 and outcome["B"].nodes_updated > 0
    model, stamp = neo4j_store.read_chain()
    assert model == second and stamp == outcome["B"].stamp and stamp.pushed_by == "B"


def test_pushes_at_the_same_moment_end_in_one_consistent_graph(neo4j_server, neo4j_driver):
    """On a fresh database (no constraints yet) several pushes start together, three times over:
    each time the store holds exactly one of the chains, with its own stamp."""
    toy = toy_chain()
    chains = {"toy": toy, "haaglanden": load_model(default_data_dir()),
              "toy-renamed": dataclasses.replace(toy, title="Hernoemd", handoffs=toy.handoffs[:4])}
    serial = 0
    for _round in range(3):
        barrier = threading.Barrier(len(chains))
        errors: list[str] = []

        def run(name, model, barrier=barrier, errors=errors):
            try:
                with Neo4jStore.connect(neo4j_server.uri, neo4j_server.user, neo4j_server.password) as store:
                    barrier.wait(30)
                    push(store.driver, model, pushed_by=name)
            except Exception as exc:  # noqa: BLE001 - reported by the assertion below
                errors.append(repr(exc))

        threads = [threading.Thread(target=run, args=item) for item in chains.items()]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        assert not errors
        model, stamp = read_chain(neo4j_driver)
        assert model == chains[stamp.pushed_by]
        assert stamp.version == data_version(to_cypher_rows(model))
        assert stamp.serial > serial  # every changing push counted, none lost
        serial = stamp.serial
        with Neo4jStore(neo4j_driver) as store:
            assert store.count_nodes() == to_cypher_rows(model).node_count
