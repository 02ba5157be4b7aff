"""Timings of the queries on Haaglanden and on the synthetic national chain, side by side.

Goals (from the queries issue): route queries on Haaglanden < 50 ms; on the
national chain a bounded route query < 1 s and the full gap scan < 5 s.

Usage::

    .venv/bin/python benchmarks/bench_queries.py [--repeat 5] [--regions 25] [--seed 1]

Prints the median wall-clock time of ``--repeat`` runs per query (the graph
is projected once beforehand, as the UI and CLI do).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_national import base_model, national_model

from queries.bottlenecks import bottlenecks
from queries.explain import explain_handoff
from queries.routes import routes
from queries.whatif import what_if


def timed(func, repeat: int, models=()) -> tuple[float, object]:
    """Median time of ``func()``; each run starts cold (the models' derived views are dropped)."""
    times, result = [], None
    for _ in range(repeat):
        for model in models:
            model.__dict__.pop("view", None)
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:9.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--regions", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    base = base_model()
    t0 = time.perf_counter()
    national = national_model(args.regions, args.seed, base)
    build_national = time.perf_counter() - t0
    G_base, G_nat = base, national
    haaglanden = base.region == "haaglanden" or any(o.id == "veilig-thuis-haaglanden" for o in base.organisations)

    if haaglanden:
        start, end, handoff, gone = (
            "politie-bij-huiselijk-geweldincident",
            "ondertoezichtstelling@jeugdbescherming-west",
            None,
            "veilig-thuis-haaglanden",
        )
    else:
        start, end, handoff, gone = "signaal-incident", "ots", None, "veilig-thuis"
    handoff = sorted(h.id for h in base.handoffs)[0]
    prefix = "r01-"
    nat_end = end.replace("@", "@" + prefix) if "@" in end else end

    rows = []

    def row(label, goal, f_base, f_nat):
        tb, rb = timed(f_base, args.repeat, (base,)) if f_base else (None, None)
        tn, rn = timed(f_nat, args.repeat, (national,)) if f_nat else (None, None)
        rows.append((label, tb, tn, goal))
        return rb, rn

    rb, rn = row("route (max 6 hand-offs, all ranked)", "< 50 ms / < 1 s",
                 lambda: routes(G_base, start, end, limit=None),
                 lambda: routes(G_nat, prefix + start, nat_end, limit=None))
    n_routes = (len(rb), len(rn))
    row(
        "route politie -> jeugdbescherming",
        "< 50 ms / < 1 s",
        lambda: routes(G_base, "politie", "jeugdbescherming-west" if haaglanden else "kinderrechter"),
        lambda: routes(
            G_nat, prefix + "politie", prefix + ("jeugdbescherming-west" if haaglanden else "kinderrechter")
        ),
    )
    fb, fn = row("full gap scan (all rules, ranked)", "— / < 5 s",
                 lambda: bottlenecks(G_base), lambda: bottlenecks(G_nat))
    row("explain one hand-off", "", lambda: explain_handoff(G_base, handoff),
        lambda: explain_handoff(G_nat, prefix + handoff))
    row("what-if without Veilig Thuis", "", lambda: what_if(G_base, [gone]),
        lambda: what_if(G_nat, [prefix + gone]))

    print(f"base chain: {base.title or base.region} — {len(base.organisations)} organisations, "
          f"{len(base.handoffs)} hand-offs")
    print(f"national:   {len(national.organisations)} organisations, {len(national.handoffs)} hand-offs "
          f"({args.regions} regions, seed {args.seed}; generated in {build_national * 1000:.0f} ms)")
    print(f"routes found: {n_routes[0]} (base) / {n_routes[1]} (national); findings: {len(fb)} / {len(fn)}")
    print(f"median of {args.repeat} runs\n")
    print(f"{'query':<40}{'base':>14}{'national':>14}   goal")
    for label, tb, tn, goal in rows:
        print(f"{label:<40}{fmt(tb):>14}{fmt(tn):>14}   {goal}")


if __name__ == "__main__":
    main()
