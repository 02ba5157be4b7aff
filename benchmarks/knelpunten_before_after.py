"""Issue 13's before and after: how many elements and hand-offs the old bottleneck list flagged at each level,
against the knelpunten ranking of this tree.

Before is the old list (one finding per rule, levels high/medium/low) run by the code *and* data of a git
revision, unpacked into a temporary folder and run there in a child process; an element counts at the highest
level of its findings, and every element with a finding counted as flagged. After is ``knelpunten`` on this
tree's Haaglanden chain: one row per element; flagged means hoog or aandacht, laag rows are listed but not
flagged (docs/knelpunten.md).

Usage::

    .venv/bin/python benchmarks/knelpunten_before_after.py [--before main] [--json]

Prints a table; asserts nothing (the limits are tested in tests/test_knelpunten_evaluation.py).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from loaders.load import load_model  # noqa: E402
from queries.bottlenecks import Severity  # noqa: E402
from queries.knelpunten import knelpunten  # noqa: E402

# Run inside the old tree: the old list's highest level per element, and the chain's hand-offs.
_OLD = """
import json
from loaders.load import load_model
from queries.bottlenecks import bottlenecks
model = load_model()
order = {"high": 3, "medium": 2, "low": 1}
top = {}
findings = bottlenecks(model)
for f in findings:
    level = f.severity.value
    if order.get(level, 0) > order.get(top.get(f.element), 0):
        top[f.element] = level
print(json.dumps({"handoffs": [h.id for h in model.handoffs], "organisations": len(model.organisations),
                  "findings": len(findings), "top": top}))
"""


def before(revision: str) -> dict[str, Any]:
    """The old list's counts at ``revision`` (its code and its data)."""
    archive = subprocess.run(["git", "archive", revision], cwd=REPO, capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": tmp}
        out = subprocess.run([sys.executable, "-c", _OLD], cwd=tmp, env=env, capture_output=True, text=True,
                             check=True).stdout
    raw = json.loads(out)
    handoffs = set(raw["handoffs"])
    top: dict[str, str] = raw["top"]
    return {
        "revision": revision,
        "elements": len(handoffs) + raw["organisations"],
        "handoffs": len(handoffs),
        "findings": raw["findings"],
        "levels": dict(Counter(top.values())),
        "handoff_levels": dict(Counter(level for element, level in top.items() if element in handoffs)),
        "flagged": len(top),
        "flagged_handoffs": len(handoffs & set(top)),
    }


def after() -> dict[str, Any]:
    """The knelpunten ranking's counts on this tree's chain."""
    model = load_model()
    ranking = knelpunten(model, severity=Severity.LAAG)
    levels = Counter(r.severity.value for r in ranking.rows)
    handoff_levels = Counter(r.severity.value for r in ranking.rows if r.kind == "handoffs")
    return {
        "elements": ranking.elements,
        "handoffs": len(model.handoffs),
        "rows": len(ranking.rows),
        "levels": dict(levels),
        "handoff_levels": dict(handoff_levels),
        "flagged": ranking.flagged,
        "flagged_handoffs": handoff_levels[Severity.HOOG.value] + handoff_levels[Severity.AANDACHT.value],
    }


def _pct(n: int, total: int) -> str:
    return f"{n} of {total} ({100 * n / total:.1f}%)" if total else "–"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git revision of the old list (default: main)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    old, new = before(args.before), after()
    if args.json:
        print(json.dumps({"before": old, "after": new}, indent=2))
        return
    print(f"before ({args.before}): {old['findings']} findings on {old['elements']} elements "
          f"({old['handoffs']} hand-offs); after: {new['rows']} rows on {new['elements']} elements "
          f"({new['handoffs']} hand-offs)")
    print(f"{'':34}{'before':>22}{'after':>22}")
    print(f"{'flagged elements':34}{_pct(old['flagged'], old['elements']):>22}"
          f"{_pct(new['flagged'], new['elements']):>22}")
    print(f"{'flagged hand-offs':34}{_pct(old['flagged_handoffs'], old['handoffs']):>22}"
          f"{_pct(new['flagged_handoffs'], new['handoffs']):>22}")
    for old_level, new_level in (("high", "hoog"), ("medium", "aandacht"), ("low", "laag")):
        print(f"{'hand-offs ' + old_level + ' / ' + new_level:34}"
              f"{_pct(old['handoff_levels'].get(old_level, 0), old['handoffs']):>22}"
              f"{_pct(new['handoff_levels'].get(new_level, 0), new['handoffs']):>22}")
        print(f"{'elements ' + old_level + ' / ' + new_level:34}"
              f"{_pct(old['levels'].get(old_level, 0), old['elements']):>22}"
              f"{_pct(new['levels'].get(new_level, 0), new['elements']):>22}")
    print("before: every element with a finding is flagged, at its highest finding's level; after: flagged is "
          "hoog or aandacht, laag is listed but not flagged")


if __name__ == "__main__":
    main()
