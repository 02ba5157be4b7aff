"""The privacy guard refuses every kind of direct identifier, reports no values, and accepts clean logs."""

from __future__ import annotations

import logging

import pytest

from loaders.cases.events import connect, load_events
from loaders.cases.privacy import IdentifiersFound, passes_elfproef
from loaders.resources import SAMPLE_LOG, builtin_path

CLEAN = [("SYN001", "2025-03-03 09:00", "Zorgmelding verzonden", "politie"),
         ("SYN001", "2025-03-04 09:00", "Melding ontvangen", "veilig-thuis-haaglanden"),
         ("SYN002", "2025-03-05 09:00", "Melding professional", "meldcode-professionals")]


def write(tmp_path, extra_name=None, values=None, name="log.csv"):
    header = "case_id,timestamp,activity,organisation" + (f",{extra_name}" if extra_name else "")
    lines = [header]
    for i, row in enumerate(CLEAN):
        line = ",".join(row)
        if extra_name:
            line += "," + values[i % len(values)]
        lines.append(line)
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize(
    "column, values, kind, rows",
    [
        ("opmerking", ["bsn 111222333", "geen", "ook geen"], "bsn", 1),  # passes the 11-proef
        ("kenmerk", ["123456782", "123456782", "x"], "bsn", 2),  # read as text: mixed column
        ("opmerking", ["mail naar j.jansen@example.nl", "geen", "x"], "email", 1),
        ("opmerking", ["bel 06-12345678", "070 123 4567", "+31 6 1234 5678"], "phone", 3),
        ("opmerking", ["0031612345678", "geen", "x"], "phone", 1),
        ("locatie", ["2511 AB", "geen", "1234AB"], "postcode", 2),
        ("achternaam", ["Jansen", "de Vries", "Bakker"], "name-or-address-column", 3),
        ("Voornaam", ["Jan", "", "Piet"], "name-or-address-column", 2),
        ("straatnaam", ["Lange Voorhout", "Spui", "Plein"], "name-or-address-column", 3),
        ("adres_cliënt", ["Spui 70", "Plein 1", "Spui 2"], "name-or-address-column", 3),
    ],
)
def test_guard_refuses_identifiers_without_showing_values(tmp_path, caplog, column, values, kind, rows):
    path = write(tmp_path, column, values)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IdentifiersFound) as info:
        load_events(path, con=connect(memory_limit="256MB"), salt="s")
    found = {(f.column, f.kind): f.rows for f in info.value.findings}
    assert found.get((column, kind)) == rows, found
    message = str(info.value) + caplog.text
    assert f"column {column!r}: {kind} in {rows} row" in message
    for value in values:
        if value and value not in ("geen", "x", "ook geen"):
            assert value not in message


def test_numeric_bsn_column_even_without_leading_zero(tmp_path):
    # 012345672 passes the 11-proef; stored as a number it loses the leading zero.
    path = tmp_path / "num.csv"
    path.write_text("case_id,timestamp,activity,nummer\nSYN1,2025-03-03,Melding ontvangen,12345672\n"
                    "SYN2,2025-03-03,Melding ontvangen,123456782\nSYN3,2025-03-03,Melding ontvangen,7\n")
    with pytest.raises(IdentifiersFound) as info:
        load_events(path, con=connect(memory_limit="256MB"), salt="s")
    assert [(f.column, f.kind, f.rows) for f in info.value.findings] == [("nummer", "bsn", 2)]


def test_guard_accepts_clean_logs(tmp_path):
    # Nine digits that fail the 11-proef, a date, a channel word and a count are not identifiers.
    path = write(tmp_path, "kanaal", ["telefonisch", "ref 123456789", "2025-03-03"])
    log = load_events(path, con=connect(memory_limit="256MB"), salt="s")
    assert log.con.execute("SELECT count(*) FROM events").fetchone() == (3,)
    counts = tmp_path / "counts.csv"
    counts.write_text("case_id,timestamp,activity,aantal_kinderen\nSYN1,2025-03-03,Melding ontvangen,3\n")
    counted = load_events(counts, con=connect(memory_limit="256MB"), salt="s")
    assert counted.con.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_the_shipped_sample_is_clean():

    sample = builtin_path(SAMPLE_LOG)
    log = load_events(sample, con=connect(memory_limit="256MB"))
    row = log.con.execute("SELECT count(*) FROM events").fetchone()
    assert row is not None and row[0] > 1000


def test_parquet_is_guarded_too(tmp_path):
    import duckdb

    csv = write(tmp_path, "email", ["a@b.nl", "c@d.org", "e@f.com"])
    parquet = tmp_path / "log.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv}')) TO '{parquet}' (FORMAT parquet)")
    with pytest.raises(IdentifiersFound) as info:
        load_events(parquet, con=connect(memory_limit="256MB"), salt="s")
    assert ("email", "email", 3) in [(f.column, f.kind, f.rows) for f in info.value.findings]


def test_elfproef():
    assert passes_elfproef("111222333") and passes_elfproef("123456782") and passes_elfproef("012345672")
    assert not passes_elfproef("123456789") and not passes_elfproef("12345678") and not passes_elfproef("abcdefghi")
