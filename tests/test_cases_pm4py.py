"""On a generated log, counts and medians per directly-follows pair equal PM4Py's DFGs.

PM4Py (AGPL) is a test and benchmark dependency only; runtime code never imports it.
"""

from __future__ import annotations

# pm4py is in the test extras (pyproject.toml), so a missing install fails here instead of skipping.
import pm4py
import pytest

from loaders.cases.events import connect, load_events
from loaders.cases.generate import generate_events, write_events
from queries.cases.stats import _directly_follows
from queries.cases.suppression import _Exact


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_pairs_equal_pm4py(tmp_path, suffix):
    table = generate_events(30000, seed=11)
    path = write_events(table, tmp_path / f"gen{suffix}")
    ours = {(p.from_activity, p.to_activity): p for p in
            _directly_follows(load_events(path, con=connect(memory_limit="512MB"), salt="s"), _Exact(5))}
    df = table.to_pandas()
    keys = {"case_id_key": "case_id", "activity_key": "activity", "timestamp_key": "timestamp"}
    frequency, _, _ = pm4py.discover_dfg(df, **keys)
    performance, _, _ = pm4py.discover_performance_dfg(df, **keys)
    assert set(ours) == set(frequency) and len(ours) > 20
    # The generator emits equal timestamps (zero waits), so this also checks the file order is kept.
    checked = 0
    for pair, stats in ours.items():
        if stats.cases.suppressed:
            assert stats.median_wait_seconds is None
            continue
        assert stats.transitions.value == frequency[pair], pair
        assert stats.median_wait_seconds == pytest.approx(float(performance[pair]["median"]), abs=1e-6), pair
        assert stats.mean_wait_seconds == pytest.approx(float(performance[pair]["mean"]), rel=1e-9), pair
        checked += 1
    assert checked >= 20


def test_runtime_code_never_imports_pm4py():
    import pathlib

    root = pathlib.Path(__file__).resolve().parent.parent
    for package in ("graph", "loaders", "queries", "cli", "ui"):
        for source in (root / package).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert "import pm4py" not in text and "from pm4py" not in text, source
