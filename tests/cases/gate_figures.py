"""Print the privacy gate's figures for the closing note of issue 12: counts only, never values.

    python -m tests.cases.gate_figures            # corpus detection and clean-log findings
    python -m tests.cases.gate_figures --rows 1000000   # also the time of one scan of a generated log

Per kind: hostile logs tried and detected in the planted place; clean logs with any finding;
with ``--rows``, the seconds :func:`loaders.cases.guard.scan` takes on a generated log of that
many events (plus a free-text column), read as text.
"""

from __future__ import annotations

import argparse
import collections
import tempfile
import time
from pathlib import Path

import duckdb

from loaders.cases.guard import NameLists, scan
from tests.cases.gate_io import scan_text
from tests.cases.hostile_corpus import clean_logs, hostile_logs


def corpus_figures(names: NameLists) -> tuple[dict[str, tuple[int, int]], int, int]:
    tmp = Path(tempfile.mkdtemp())
    tried: collections.Counter[str] = collections.Counter()
    found: collections.Counter[str] = collections.Counter()
    for log in hostile_logs():
        findings = scan_text(log.fmt, log.text, tmp, names=names)
        tried[log.kind] += 1
        found[log.kind] += any(f.kind == log.kind and any(f.column == label or f.column.startswith(label)
                                                          for label in log.labels) for f in findings)
    clean = clean_logs()
    flagged = sum(bool(scan_text(log.fmt, log.text, tmp, names=names)) for log in clean)
    return {kind: (tried[kind], found[kind]) for kind in tried}, len(clean), flagged


def scan_seconds(rows: int, threads: int | None = None) -> tuple[float, int]:
    from loaders.generate_events import generate_events

    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.register("arrow", generate_events(rows, seed=7))
    con.execute("""CREATE TABLE log AS SELECT CAST(case_id AS VARCHAR) AS case_id,
        strftime(timestamp, '%Y-%m-%d %H:%M:%S') AS timestamp, CAST(activity AS VARCHAR) AS activity,
        CAST(organisation AS VARCHAR) AS organisation,
        CASE WHEN hash(case_id, timestamp) % 3 = 0 THEN 'na overleg met ' || CAST(hash(timestamp) % 1000 AS VARCHAR)
             || ' partners' END AS opmerking FROM arrow""")
    con.unregister("arrow")
    total = con.execute("SELECT count(*) FROM log").fetchone()
    start = time.perf_counter()
    findings = scan(con, "log")
    elapsed = time.perf_counter() - start
    assert findings == [], "the generated log must be clean"
    return elapsed, int(total[0]) if total else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=0, help="also time a scan of a generated log of this many events")
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    for label, names in (("built-in name lists", NameLists.builtin()), ("default name lists", NameLists.default())):
        figures, clean, flagged = corpus_figures(names)
        print(f"{label}:")
        for kind, (tried, found) in figures.items():
            print(f"  {kind:20} {found:4d} / {tried:4d} detected")
        print(f"  clean logs with a finding: {flagged} / {clean}")
    if args.rows:
        seconds, rows = scan_seconds(args.rows, args.threads)
        print(f"scan of {rows} generated events: {seconds:.1f} s")


if __name__ == "__main__":
    main()
