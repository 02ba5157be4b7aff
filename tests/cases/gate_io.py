"""Test-side readers that put a CSV or XES text into DuckDB the way the gate expects it.

CSV: every column VARCHAR (``all_varchar``), nothing cast. XES: the canonical columns in one
table and *every* attribute (log, trace and event level) as ``(key, value)`` rows in another.
The real readers (``loaders.events`` after the restructure) will do the same; these are small on
purpose so the tests exercise the gate, not a reader.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import duckdb

from loaders.cases.guard import Finding, NameLists, scan

__all__ = ["load_csv_text", "load_xes_text", "scan_text"]


def load_csv_text(con: duckdb.DuckDBPyConnection, text: str, path: Path, table: str = "log") -> None:
    path.write_text(text, encoding="utf-8")
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM read_csv(?, header = true, all_varchar = true, "
                "delim = ',', quote = '\"', escape = '\"')", [str(path)])


def load_xes_text(con: duckdb.DuckDBPyConnection, text: str, table: str = "log", attributes: str = "attrs") -> None:
    root = ET.fromstring(text)
    cols: dict[str, list[str | None]] = {"case_id": [], "timestamp": [], "activity": [], "organisation": []}
    keys: list[str] = []
    values: list[str] = []

    def attrs_of(elem: ET.Element) -> dict[str, str]:
        out = {}
        for child in elem:
            key, value = child.get("key"), child.get("value")
            if key is not None and value is not None:
                out[key] = value
                keys.append(key)
                values.append(value)
        return out

    attrs_of(root)
    for trace in root.iter("trace"):
        case = attrs_of(trace).get("concept:name")
        for event in trace.iter("event"):
            a = attrs_of(event)
            cols["case_id"].append(case)
            cols["timestamp"].append(a.get("time:timestamp"))
            cols["activity"].append(a.get("concept:name"))
            cols["organisation"].append(a.get("org:resource"))
    con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT unnest(?::VARCHAR[]) AS case_id, "
                "unnest(?::VARCHAR[]) AS timestamp, unnest(?::VARCHAR[]) AS activity, "
                "unnest(?::VARCHAR[]) AS organisation",
                [cols["case_id"], cols["timestamp"], cols["activity"], cols["organisation"]])
    con.execute(f"CREATE OR REPLACE TABLE {attributes} AS "
                "SELECT unnest(?::VARCHAR[]) AS key, unnest(?::VARCHAR[]) AS value",
                [keys, values])


def scan_text(fmt: str, text: str, tmp: Path, names: NameLists | None = None) -> list[Finding]:
    """Read a corpus log into a fresh connection and scan it."""
    con = duckdb.connect()
    try:
        if fmt == "csv":
            load_csv_text(con, text, tmp / "log.csv")
            return scan(con, "log", names=names, source="log.csv")
        load_xes_text(con, text)
        return scan(con, "log", attributes="attrs", names=names, source="log.xes")
    finally:
        con.close()
