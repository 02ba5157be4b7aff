"""Print the privacy gate's figures for the closing note of issue 12: counts only, never values.

    python -m tests.cases.gate_figures            # corpus detection and clean-log findings
    python -m tests.cases.gate_figures --rows 1000000   # also the time of one scan of a generated log
    python -m tests.cases.gate_figures --external       # recall on Faker nl_NL names/streets (needs faker)

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
    from loaders.cases.generate import generate_events

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


def _rate(values: list[str], kind: str, names: NameLists) -> int:
    """How many of ``values`` (each in a column of its own, one scan) are found as ``kind``."""
    con = duckdb.connect()
    columns = ", ".join(f"v{i} VARCHAR" for i in range(len(values)))
    con.execute(f"CREATE TABLE log (case_id VARCHAR, timestamp VARCHAR, {columns})")
    con.execute(f"INSERT INTO log VALUES ('c1', '2024-03-04', {', '.join('?' for _ in values)})", values)
    hit = {f.column for f in scan(con, "log", names=names) if f.kind == kind}
    return sum(f"column 'v{i}'" in hit for i in range(len(values)))


def external_figures(names: NameLists) -> list[tuple[str, int, int]]:
    """Recall on names and streets drawn by Faker's nl_NL provider (MIT; not the lists the gate uses)."""
    import importlib
    import re

    fake = importlib.import_module("faker").Faker("nl_NL")  # an optional tool, not a dependency
    fake.seed_instance(12)
    full = [fake.name() for _ in range(400)]
    first = [fake.first_name() for _ in range(300)]
    last = [fake.last_name() for _ in range(300)]
    # Faker writes house numbers with leading zeros ("Kerkstraat 04"); real ones have none.
    streets = [re.sub(r" 0+(?=[0-9])", " ", fake.street_address()).replace(" 0", " 1") for _ in range(300)]
    cases = [("full name", full, "person-name"),
             ("'Gesprek met' + full name", [f"Gesprek met {n}" for n in full], "person-name"),
             ("first name alone", first, "person-name"),
             ("'gesprek met' + first name", [f"gesprek met {n}" for n in first], "person-name"),
             ("surname alone", last, "person-name"),
             ("'mevr.' + surname", [f"mevr. {n}" for n in last], "person-name"),
             ("street and number", streets, "address")]
    out = []
    for label, values, kind in cases:
        found = sum(_rate(values[i:i + 200], kind, names) for i in range(0, len(values), 200))
        out.append((label, found, len(values)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=0, help="also time a scan of a generated log of this many events")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--external", action="store_true", help="recall on Faker nl_NL data (needs faker)")
    args = parser.parse_args()
    for label, names in (("built-in name lists", NameLists.builtin()), ("default name lists", NameLists.default())):
        figures, clean, flagged = corpus_figures(names)
        print(f"{label}:")
        for kind, (tried, found) in figures.items():
            print(f"  {kind:20} {found:4d} / {tried:4d} detected")
        print(f"  clean logs with a finding: {flagged} / {clean}")
    if args.external:
        for label, names in (("built-in name lists", NameLists.builtin()), ("default name lists", NameLists.default())):
            print(f"{label}, Faker nl_NL:")
            for what, found, tried in external_figures(names):
                print(f"  {what:28} {found:4d} / {tried:4d}")
    if args.rows:
        seconds, rows = scan_seconds(args.rows, args.threads)
        print(f"scan of {rows} generated events: {seconds:.1f} s")


if __name__ == "__main__":
    main()
