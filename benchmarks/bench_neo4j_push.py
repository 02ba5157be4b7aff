"""Push a generated chain to a Bolt server: batched UNWIND vs one statement per row.

Generates a seeded synthetic chain of ``--elements`` model elements (default
10 000: organisations, hand-offs, legal bases, sources, phases, signals)
and writes it to an empty database twice, once batched
(:meth:`Neo4jStore.push`) and once row by row
(:meth:`Neo4jStore.push_row_by_row`, one auto-committed statement per node
and relationship), then a second batched push of the same model (which must
write nothing). Prints the figures side by side.

Server: ``NEO4J_URI`` (+ ``NEO4J_USER``/``NEO4J_PASSWORD``) when set; the
database is emptied of ketenkaart's labels first, so use a throw-away one.
Otherwise it starts the local FalkorDB test server from ``.cache/bolt-server``
(``make bolt-server``), which must run in a private network namespace::

    bash tools/run-tests.sh .venv/bin/python benchmarks/bench_neo4j_push.py [--elements 10000] [--batch-size 1000]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from graph.cypher_rows import to_cypher_rows
from graph.examples import toy_chain
from graph.model import (
    ChainModel,
    HandOff,
    LegalBasis,
    Norm,
    NormUnit,
    Organisation,
    Passes,
    Signal,
    Source,
    SourceKind,
)
from graph.settings import Settings
from loaders.neo4j import Neo4jStore

REPO = Path(__file__).resolve().parent.parent
SERVER_DIR = REPO / ".cache" / "bolt-server"


def generated_chain(elements: int = 10_000, seed: int = 1) -> ChainModel:
    """A synthetic chain with about ``elements`` elements (70 % hand-offs)."""
    rng = random.Random(seed)
    base = toy_chain()
    n_sources = max(2, elements // 50)
    n_bases = max(2, elements // 25)
    n_orgs = max(3, elements // 5)
    n_signals = max(1, elements // 100)
    n_handoffs = max(1, elements - n_sources - n_bases - n_orgs - n_signals - len(base.phases))
    phases = [p.id for p in base.phases]
    sources = tuple(
        Source(id=f"bron-{i}", kind=SourceKind.REPORT, title=f"Rapport {i}", date="2024") for i in range(n_sources)
    )
    src = lambda: (f"bron-{rng.randrange(n_sources)}",)  # noqa: E731
    bases = tuple(
        LegalBasis(
            id=f"grondslag-{i}", law_name=f"Wet {i}", bwb_id=f"BWBR{i:07d}", article=str(i % 90 + 1), sources=src()
        )
        for i in range(n_bases)
    )
    template = base.organisations[0]
    orgs = tuple(
        Organisation(id=f"org-{i}", name=f"Organisatie {i}", kind=template.kind, domain=template.domain,
                     region="synthetisch", sources=src(), phases=(rng.choice(phases),))
        for i in range(n_orgs)
    )
    handoffs = []
    for i in range(n_handoffs):
        a = rng.randrange(n_orgs)
        b = (a + rng.randrange(1, n_orgs)) % n_orgs
        handoffs.append(HandOff(
            id=f"overdracht-{i}", from_org=f"org-{a}", to_org=f"org-{b}", trigger=f"Aanleiding {i}",
            passes=(Passes.CASE,), phase=rng.choice(phases), sources=src(),
            legal_bases=(f"grondslag-{rng.randrange(n_bases)}",) if rng.random() < 0.7 else (),
            norm=Norm(description="binnen 5 werkdagen", amount=5, unit=NormUnit.WORKING_DAYS, sources=src())
            if rng.random() < 0.4 else None,
            regie_after=f"org-{b}" if rng.random() < 0.6 else None,
            feedback_required=rng.choice([True, False, None]),
        ))
    signals = tuple(
        Signal(id=f"signaal-{i}", name=f"Signaal {i}", enters_at=f"org-{rng.randrange(n_orgs)}",
               phase=phases[0], sources=src())
        for i in range(n_signals)
    )
    return ChainModel(region="synthetisch", title="Gegenereerde keten", sources=sources, phases=base.phases,
                      organisations=orgs, legal_bases=bases, handoffs=tuple(handoffs), signals=signals)


@contextlib.contextmanager
def local_server():
    redis, module = SERVER_DIR / "redis-server", SERVER_DIR / "falkordb.so"
    if not (redis.is_file() and module.is_file()):
        raise SystemExit("the Bolt test server is not built: run `make bolt-server`, or set NEO4J_URI")
    ports = []
    for port in random.sample(range(20000, 32768), 50):  # FalkorDB reads BOLT_PORT as a signed 16-bit number
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.bind(("127.0.0.1", port))
            ports.append(port)
        if len(ports) == 2:
            break
    with tempfile.TemporaryDirectory() as workdir:
        process = subprocess.Popen(
            [str(redis), "--port", str(ports[0]), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", workdir, "--loadmodule", str(module), "BOLT_PORT", str(ports[1])],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 20
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", ports[1]), timeout=0.2):
                    break
                if time.monotonic() > deadline:
                    raise SystemExit("the Bolt test server did not start")
                time.sleep(0.05)
            yield f"bolt://127.0.0.1:{ports[1]}", "falkordb", ""
        finally:
            process.terminate()
            process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    args = parser.parse_args()

    model = generated_chain(args.elements)
    rows = to_cypher_rows(model)
    settings = Settings.from_env()
    server = (
        contextlib.nullcontext((settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password))
        if os.environ.get("NEO4J_URI") else local_server()
    )
    with server as (uri, user, password), Neo4jStore.connect(uri, user, password, settings.neo4j_database) as store:
        print(f"server: {uri} ({store.dialect.value})")
        print(f"chain: {sum(model.counts().values())} elements -> {rows.node_count} nodes, "
              f"{rows.relationship_count} relationships")
        store.clear()
        store.ensure_schema()
        batched = store.push(model, batch_size=args.batch_size)
        again = store.push(model, batch_size=args.batch_size)
        assert not again.changed, "second push changed the graph"
        store.clear()
        naive = store.push_row_by_row(model)
        assert store.read_model() == model
        store.clear()
    print(f"{'method':<28}{'statements':>12}{'seconds':>10}{'rows/s':>10}")
    total = rows.node_count + rows.relationship_count
    for name, result in [(f"batched (UNWIND, {args.batch_size}/batch)", batched),
                         ("row by row (auto-commit)", naive),
                         ("second batched push", again)]:
        print(f"{name:<28}{result.statements:>12}{result.seconds:>10.2f}{total / result.seconds:>10.0f}")
    print(f"speed-up batched vs row by row: {naive.seconds / batched.seconds:.1f}x")


if __name__ == "__main__":
    main()
