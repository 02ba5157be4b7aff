"""How long the Linked Data projection takes: export, Turtle, read back, SHACL.

Runs on the built-in Haaglanden chain and on the synthetic national chain of
``generate_national.py`` (25 regions by default) and prints one line per step.

Usage::

    python benchmarks/rdf_roundtrip.py [--regions 25] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_national import base_model, national_model

from graph.model import ChainModel
from graph.rdf import to_rdf, validate_rdf
from loaders.build import build_model
from loaders.readers.turtle import read_turtle


def _best(repeat: int, func):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(name: str, model: ChainModel, repeat: int) -> None:
    elements = sum(model.counts().values())
    t_graph, graph = _best(repeat, lambda: to_rdf(model))
    t_ttl, text = _best(repeat, lambda: graph.serialize(format="turtle"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chain.ttl"
        path.write_text(text, encoding="utf-8")
        t_read, back = _best(repeat, lambda: build_model(read_turtle(path)))
    assert back == model, "round trip lost information"
    t_shacl, (conforms, _report) = _best(1, lambda: validate_rdf(graph))
    print(f"{name}: {elements} elements, {len(graph)} triples, Turtle {len(text.encode()) / 1024:.0f} KiB")
    print(f"  to_rdf            {t_graph * 1000:8.1f} ms")
    print(f"  serialize turtle  {t_ttl * 1000:8.1f} ms")
    print(f"  read + build      {t_read * 1000:8.1f} ms")
    print(f"  SHACL validate    {t_shacl * 1000:8.1f} ms  (conforms: {conforms})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    base = base_model()
    measure(base.region, base, args.repeat)
    measure(f"national ({args.regions} regions)", national_model(regions=args.regions, base=base), args.repeat)


if __name__ == "__main__":
    main()
