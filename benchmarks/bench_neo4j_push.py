"""Push to a real Neo4j: batched ``UNWIND`` vs one statement per row, read-back, and the national chain.

Starts the Neo4j 5 test server of ``tests/neo4j_server.py`` (``running_neo4j``:
127.0.0.1, a random password, data in a temporary directory, stopped at the
end; build it first with ``tools/build-neo4j-launcher.sh`` or ``make test``).
With ``NEO4J_URI`` (+ ``NEO4J_USER``/``NEO4J_PASSWORD``) set it uses that
server instead: its ketenkaart nodes are deleted, so give it a throw-away database.

Each measurement starts from a database without ketenkaart nodes:

- a seeded synthetic chain of ``--elements`` elements (default 10 000), pushed
  batched (:func:`loaders.neo4j.push`, one transaction), pushed again (nothing
  to write), read back (:func:`loaders.neo4j.read_model`), and pushed row by
  row (the baseline below: one auto-committed ``MERGE`` per node and per
  relationship, as a naive client would);
- the synthetic national chain (``--regions`` regions, ``benchmarks/generate_national.py``):
  push, second push, read.

Prints the figures side by side; asserts nothing about time::

    .venv/bin/python benchmarks/bench_neo4j_push.py [--elements 10000] [--batch-size 1000] [--regions 25]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import neo4j
from generate_national import national_model  # type: ignore[import-not-found]  # benchmarks/ is the script's folder

from graph.cypher_rows import to_cypher_rows
from graph.examples import toy_chain
from graph.model import (
    ChainModel,
    FailureMode,
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
from loaders.neo4j import clear, connect, count_nodes, push, read_model, server_version
from queries import cypher

REPO = Path(__file__).resolve().parent.parent
MAIN_CLASS = "nl.ketenkaart.testserver.Neo4jLauncher"  # the test server's Java class (tests/neo4j_server.py)

# The fixture's JVM options, but with the C2 compiler back (long runs gain from it) and a larger heap.
BENCH_JVM_OPTIONS = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:+UseSerialGC",
    "-XX:-OmitStackTraceInFastThrow",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)


def generated_chain(elements: int = 10_000, seed: int = 1) -> ChainModel:
    """A synthetic chain with about ``elements`` elements (70 % hand-offs, some with a norm and a failure mode)."""
    rng = random.Random(seed)
    base = toy_chain()
    n_sources = max(2, elements // 50)
    n_bases = max(2, elements // 25)
    n_orgs = max(3, elements // 5)
    n_signals = max(1, elements // 100)
    n_handoffs = max(1, elements - n_sources - n_bases - n_orgs - n_signals - len(base.phases))
    phases = [p.id for p in base.phases]
    sources = tuple(Source(id=f"bron-{i}", kind=SourceKind.REPORT, title=f"Rapport {i}", date="2024")
                    for i in range(n_sources))

    def src() -> tuple[str, ...]:
        return (f"bron-{rng.randrange(n_sources)}",)

    bases = tuple(
        LegalBasis(id=f"grondslag-{i}", law_name=f"Wet {i}", bwb_id=f"BWBR{i:07d}", article=str(i % 90 + 1),
                   sources=src())
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
            failure_modes=(FailureMode(id="geen-terugkoppeling", description="Geen terugkoppeling", sources=src()),)
            if rng.random() < 0.2 else (),
        ))
    signals = tuple(
        Signal(id=f"signaal-{i}", name=f"Signaal {i}", enters_at=f"org-{rng.randrange(n_orgs)}",
               phase=phases[0], sources=src())
        for i in range(n_signals)
    )
    return ChainModel(region="synthetisch", title="Gegenereerde keten", sources=sources, phases=base.phases,
                      organisations=orgs, legal_bases=bases, handoffs=tuple(handoffs), signals=signals)


def push_row_by_row(driver: neo4j.Driver, model: ChainModel) -> int:
    """The naive baseline: one auto-committed statement per node and per relationship, no diff,
    no single transaction. Returns the number of statements."""
    rows = to_cypher_rows(model)
    statements = 0
    with driver.session() as session:
        for group in rows.nodes:
            query = cypher.merge_node(group.label)
            for row in group.rows:
                session.run(query, key=row["key"], props=row["props"]).consume()
                statements += 1
        for rgroup in rows.relationships:
            query = cypher.merge_relationship(rgroup.rel, rgroup.from_label, rgroup.to_label)
            for rrow in rgroup.rows:
                session.run(query, {"from": rrow["from"], "to": rrow["to"]}).consume()
                statements += 1
    return statements


@contextlib.contextmanager
def server(jvm: str = "bench") -> Iterator[tuple[str, str, str]]:
    """``(uri, user, password)`` of NEO4J_URI's server, or of a Neo4j started for the run."""
    settings = Settings.from_env()
    if os.environ.get("NEO4J_URI") and settings.neo4j_uri:
        yield settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password
        return
    sys.path.insert(0, str(REPO))  # tests/ is not an installed package
    from tests.neo4j_server import JVM_OPTIONS, running_neo4j

    with tempfile.TemporaryDirectory(prefix="ketenkaart-bench-") as parent:
        began = time.perf_counter()
        with running_neo4j(Path(parent), BENCH_JVM_OPTIONS if jvm == "bench" else JVM_OPTIONS) as started:
            seconds = time.perf_counter() - began
            print(f"started Neo4j {started.version} on {started.uri} in {seconds:.1f} s", flush=True)
            yield started.uri, started.user, started.password


def server_cpu(port: int) -> Callable[[], float | None]:
    """A reader of the CPU seconds used so far by the local Neo4j listening on ``port`` (Linux,
    found by its command line), or of None when there is none to read."""
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = stat.read_bytes().split(b"\0")
        except OSError:
            continue
        if MAIN_CLASS.encode() in args and str(port).encode() in args:
            return functools.partial(_cpu_seconds, stat.with_name("stat"), tick)
    return lambda: None


def _cpu_seconds(pid_stat: Path, tick: int) -> float:
    fields = pid_stat.read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime


Figure = tuple[str, str, int | str, float, float, float | None]


def best_of(repeat: int, prepare: Callable[[], Any], work: Callable[[], Any],
            server_seconds: Callable[[], float | None]) -> tuple[float, float, float | None, Any]:
    """Wall time, client CPU and server CPU of the fastest of ``repeat`` runs of ``work``
    (each after ``prepare``, not timed), and its value."""
    best: tuple[float, float, float | None, Any] | None = None
    for _ in range(repeat):
        prepare()
        server_before, client_before, began = server_seconds(), time.process_time(), time.perf_counter()
        value = work()
        wall, client = time.perf_counter() - began, time.process_time() - client_before
        server_after = server_seconds()
        server = None if server_before is None or server_after is None else server_after - server_before
        if best is None or wall < best[0]:
            best = (wall, client, server, value)
    assert best is not None
    return best


def measure_chain(driver: neo4j.Driver, name: str, model: ChainModel, args: argparse.Namespace,
                  row_by_row: bool, server_seconds: Callable[[], float | None]) -> list[Figure]:
    """Push (from empty), second push, read, and optionally the row-by-row baseline, for one chain."""
    def fresh() -> None:
        clear(driver)

    def nothing() -> None:
        pass

    def batched() -> Any:
        return push(driver, model, batch_size=args.batch_size, pushed_by="bench")

    figures: list[Figure] = []
    wall, client, server, result = best_of(args.repeat, fresh, batched, server_seconds)
    figures.append((name, f"batched push ({args.batch_size} rows/statement, 1 tx)", result.statements,
                    wall, client, server))
    wall, client, server, again = best_of(args.repeat, nothing, batched, server_seconds)
    assert not again.changed, "the second push changed the graph"
    figures.append(("", "second push (nothing to write)", again.statements, wall, client, server))
    wall, client, server, back = best_of(args.repeat, nothing, lambda: read_model(driver), server_seconds)
    assert back == model
    figures.append(("", "read_model", "-", wall, client, server))
    if row_by_row:
        wall, client, server, statements = best_of(1, fresh, lambda: push_row_by_row(driver, model), server_seconds)
        assert count_nodes(driver) == to_cypher_rows(model).node_count
        figures.append(("", "row by row (one auto-commit per row)", statements, wall, client, server))
    clear(driver)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--elements", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--regions", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (not the row-by-row baseline)")
    parser.add_argument("--skip-row-by-row", action="store_true", help="leave out the (slow) baseline")
    parser.add_argument("--jvm", choices=["bench", "test"], default="bench",
                        help="the started server's JVM options: C2 and a 1 GiB heap (bench), or the test fixture's")
    args = parser.parse_args()

    model = generated_chain(args.elements)
    rows = to_cypher_rows(model)
    national = national_model(args.regions)
    national_rows = to_cypher_rows(national)
    load_before = os.getloadavg()
    with server(args.jvm) as (uri, user, password):
        driver = connect(uri, user, password)
        server_seconds = server_cpu(urlsplit(uri).port or 7687)
        try:
            print(f"server: Neo4j {server_version(driver)}, {os.cpu_count()} cores", flush=True)
            # warm-up (schema, query plans, the JIT): a 2 000-element chain, pushed twice and read
            warm_up = argparse.Namespace(**{**vars(args), "repeat": 1})
            measure_chain(driver, "warm-up", generated_chain(2_000, seed=2), warm_up, False, server_seconds)
            figures = measure_chain(driver, f"{args.elements} elements", model, args, not args.skip_row_by_row,
                                    server_seconds)
            national_figures = measure_chain(driver, f"national ({args.regions} regions)", national, args, False,
                                             server_seconds)
        finally:
            driver.close()
    load_after = os.getloadavg()

    print(f"\ngenerated chain: {rows.node_count} nodes, {rows.relationship_count} relationships; "
          f"national chain: {national_rows.node_count} nodes, {national_rows.relationship_count} relationships")
    print(f"load average (1 min) before {load_before[0]:.1f}, after {load_after[0]:.1f}; best of {args.repeat}; "
          "CPU: seconds of processor time used by this client and by the Neo4j server during the run")
    print(f"{'chain':<24}{'method':<46}{'statements':>11}{'seconds':>9}{'client CPU':>12}{'server CPU':>12}")
    for chain, method, statements, wall, client, used in figures + national_figures:
        server_text = "n/a" if used is None else f"{used:.2f}"
        print(f"{chain:<24}{method:<46}{statements!s:>11}{wall:>9.2f}{client:>12.2f}{server_text:>12}")
    if not args.skip_row_by_row:
        print(f"\nbatched is {figures[3][3] / figures[0][3]:.1f}x faster than row by row (goal: at least 10x)")
    print(f"national chain: push {national_figures[0][3]:.2f} s, read {national_figures[2][3]:.2f} s "
          "(goal: each under 5 s on 2 cores)")


if __name__ == "__main__":
    main()
