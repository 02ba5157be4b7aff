"""The privacy gate through the real reader: every format is read as text and gated before any
cast; refusals and read errors name file, line or column and a count, never a value (issue 12,
groups 1, 2 and 6)."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb
import pytest

from graph.errors import ChainDataError, ChainError
from loaders.cases.events import load_events, load_mapping, private_connection
from loaders.cases.privacy import IdentifiersFound, passes_elfproef
from loaders.load import load_model
from loaders.resources import SAMPLE_LOG, builtin_path

REPRO = Path(__file__).resolve().parent / "data" / "repro"
CASES_REPRO = Path(__file__).resolve().parent / "cases" / "repro"
SECRETS = ("123456782", "123.456.782", "111222333", "Jan de Vries", "jan.jansen@example.nl", "jan@example.nl",
           "Gesprek Jan", "06-12345678")

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


def _load(path, **kwargs):
    with private_connection(memory_limit="256MB") as con:
        return load_events(path, con=con, salt="s", **kwargs)


def _no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.mark.parametrize(
    "column, values, kind, rows",
    [
        ("opmerking", ["bsn 111222333", "geen", "ook geen"], "bsn", 1),  # passes the 11-proef
        ("kenmerk", ["123456782", "123456782", "x"], "bsn", 2),
        ("opmerking", ["mail naar j.jansen@example.nl", "geen", "x"], "email", 1),
        ("opmerking", ["bel 06-12345678", "070 123 4567", "+31 6 1234 5678"], "phone", 3),
        ("opmerking", ["0031612345678", "geen", "x"], "phone", 1),
        ("locatie", ["2511 AB", "geen", "1234AB"], "postcode", 2),
        ("achternaam", ["Jansen", "de Vries", "Bakker"], "identifying-column", 3),
        ("Voornaam", ["Jan", "", "Piet"], "identifying-column", 2),
        ("straatnaam", ["Lange Voorhout", "Spui", "Plein"], "identifying-column", 3),
        ("adres_cliënt", ["Spui 70", "Plein 1", "Spui 2"], "identifying-column", 3),
    ],
)
def test_the_reader_refuses_identifiers_without_showing_values(tmp_path, caplog, column, values, kind, rows):
    path = write(tmp_path, column, values)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IdentifiersFound) as info:
        _load(path)
    found = {(f.column, f.kind): f.count for f in info.value.findings}
    assert found.get((f"column {column!r}", kind)) == rows, found
    message = str(info.value) + repr(info.value) + caplog.text
    for value in values:
        if value and value not in ("geen", "x", "ook geen") and kind != "identifying-column":
            assert value not in message


def test_a_number_column_without_its_leading_zero(tmp_path):
    # 012345672 passes the 11-proef; stored as a number it loses the leading zero.
    path = tmp_path / "num.csv"
    path.write_text("case_id,timestamp,activity,nummer\nSYN1,2025-03-03,Melding ontvangen,12345672\n"
                    "SYN2,2025-03-03,Melding ontvangen,123456782\nSYN3,2025-03-03,Melding ontvangen,7\n")
    with pytest.raises(IdentifiersFound) as info:
        _load(path)
    assert [(f.column, f.kind, f.count) for f in info.value.findings] == [("column 'nummer'", "bsn", 2)]


def test_clean_logs_load(tmp_path):
    # Nine digits that fail the 11-proef, a date, a channel word and a count are not identifiers.
    path = write(tmp_path, "kanaal", ["telefonisch", "ref 123456789", "2025-03-03"])
    with private_connection(memory_limit="256MB") as con:
        load_events(path, con=con, salt="s")
        assert con.execute("SELECT count(*) FROM events").fetchall() == [(3,)]


def test_the_shipped_sample_is_clean():
    with private_connection(memory_limit="256MB") as con:
        log = load_events(builtin_path(SAMPLE_LOG), con=con)
        assert con.execute(f"SELECT count(*) FROM {log.table}").fetchall()[0][0] > 1000


def test_parquet_is_gated_too_typed_columns_included(tmp_path):
    csv = write(tmp_path, "opmerking", ["a@b.nl", "c@d.org", "e@f.com"])
    parquet = tmp_path / "log.parquet"
    duckdb.sql(f"COPY (SELECT *, 12345672::INTEGER AS nummer FROM read_csv('{csv}')) TO '{parquet}' (FORMAT parquet)")
    with pytest.raises(IdentifiersFound) as info:
        _load(parquet)
    found = {(f.column, f.kind, f.count) for f in info.value.findings}
    assert {("column 'opmerking'", "email", 3), ("column 'nummer'", "bsn", 3)} <= found


def test_elfproef():
    assert passes_elfproef("111222333") and passes_elfproef("123456782") and passes_elfproef("012345672")
    assert not passes_elfproef("123456789") and not passes_elfproef("12345678") and not passes_elfproef("abcdefghi")


# --- the reproducers of the probe, through the reader ---------------------------------------------


@pytest.mark.parametrize(("name", "column", "kind"), [
    ("ts_bsn.csv", "column 'timestamp'", "bsn"),
    ("bsn_dots__activity_one_event.csv", "column 'activity'", "bsn"),
    ("name_free_text__activity_one_event.csv", "column 'activity'", "person-name"),
    ("x_attr_only.xes", "XES attribute 'bsn'", "bsn"),
    ("x_attr_only.xes", "XES attribute 'naam'", "person-name"),
    ("x_attr_only.xes", "XES attribute 'opmerking'", "email"),
])
def test_reproducers_are_refused_through_the_reader(name, column, kind, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(IdentifiersFound) as info:
        _load(CASES_REPRO / name)
    assert (column, kind) in {(f.column, f.kind) for f in info.value.findings}
    _no_secret(str(info.value) + repr(info.value) + caplog.text)
    assert info.value.__cause__ is None


def test_bad_ts_xes_is_refused_before_any_cast():
    # The timestamp attribute holds a BSN and an e-mail address: the gate sees it as text first.
    with pytest.raises(IdentifiersFound) as info:
        _load(REPRO / "bad_ts.xes")
    assert {("column 'timestamp'", "bsn"), ("XES attribute 'time:timestamp'", "email")} <= {
        (f.column, f.kind) for f in info.value.findings}
    _no_secret(str(info.value))


def test_a_non_utf8_csv_names_the_line_and_shows_no_row():
    with pytest.raises(ChainDataError) as info:
        _load(REPRO / "small_latin1_after_bsn.csv")
    text = str(info.value) + repr(info.value)
    assert "small_latin1_after_bsn.csv:4" in text and "UTF-8" in text
    _no_secret(text)
    assert "BSN" not in text and "Caf" not in text
    assert info.value.__cause__ is None and info.value.__context__ is None


@pytest.mark.parametrize(("text", "where"), [
    ("<log><trace><event>", "bad.xes:1:"),  # truncated
    ('<log><trace><string key="concept:name" value="c1"/><event></trace></log>', "bad.xes:1:"),  # mismatched tag
    ('<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY x "123456782">]>\n<log>&x;</log>', "bad.xes:2"),  # entity
    ('<log>\n<trace a="1" a="2"/></log>', "bad.xes:2:"),  # duplicate attribute
])
def test_malformed_xes_ends_in_the_projects_error_with_file_and_line(tmp_path, text, where):
    path = tmp_path / "bad.xes"
    path.write_text(text)
    with pytest.raises(ChainDataError) as info:
        _load(path)
    assert where in str(info.value)
    _no_secret(str(info.value))
    assert info.value.__context__ is None


def test_unreadable_timestamps_are_counted_never_shown(tmp_path):
    path = tmp_path / "ts.csv"
    path.write_text("case_id,timestamp,activity\nSYN1,2025-03-03,Melding\nSYN1,gisteren om vier,Melding\n"
                    "SYN2,volgende week,Melding\n")
    with pytest.raises(ChainDataError) as info:
        _load(path)
    text = str(info.value)
    assert "ts.csv: row 2: timestamp: 2 values are not a date or time" in text
    assert "gisteren" not in text and "volgende" not in text


@pytest.mark.parametrize("stamp", ["2025-03-03 09:00", "2025-03-03T09:00:00+01:00", "2025-03-03T08:00:00Z",
                                   "03-03-2025 09:00", "3/3/2025 09:00", "03.03.2025 09.00", "2025-03-03 09:00:00.000"])
def test_timestamp_spellings_are_read_as_dutch_local_time(tmp_path, stamp):
    path = tmp_path / "ts.csv"
    path.write_text(f"case_id,timestamp,activity\nSYN1,{stamp},Melding\n")
    with private_connection(memory_limit="256MB") as con:
        load_events(path, con=con, salt="s")
        assert str(con.execute("SELECT ts FROM events").fetchall()[0][0]) == "2025-03-03 09:00:00"


def test_a_deep_mapping_is_refused_with_file_and_line_not_a_recursion_error():
    with pytest.raises(ChainDataError, match=r"deep_mapping\.yaml:1: yaml: nested deeper than"):
        load_mapping(REPRO / "deep_mapping.yaml", load_model())


@pytest.mark.parametrize(("content", "message"), [
    (b"activities:\n  Melding ontvangen: politie\n  Caf\xe9 Jan: politie\n", "m.yaml:3: (file): not UTF-8"),
    (b"a: &x [1, 2]\nb: *x\n", "m.yaml:1: yaml: anchors and aliases"),
    (b"activities: {Melding: politie\n", "m.yaml:2: yaml:"),
])
def test_bad_mapping_files_end_in_the_projects_error(tmp_path, content, message):
    path = tmp_path / "m.yaml"
    path.write_bytes(content)
    with pytest.raises(ChainDataError) as info:
        load_mapping(path, load_model())
    assert message in str(info.value)
    assert "Jan" not in str(info.value)


def test_the_gate_is_deterministic_built_in_lists_whatever_is_installed(tmp_path, monkeypatch):
    # The optional deduce package never changes the default: load_events uses the built-in lists.
    import loaders.cases.guard as gate

    calls: list[int] = []

    def from_deduce(cls):
        calls.append(1)
        return cls.builtin()

    monkeypatch.setattr(gate.NameLists, "from_deduce", classmethod(from_deduce))
    path = write(tmp_path, "opmerking", ["geen", "geen", "geen"])
    _load(path)
    assert calls == []
    assert gate.NameLists.default() == gate.NameLists.builtin()


def test_any_read_error_is_a_chain_error_and_a_missing_column_names_only_the_column(tmp_path):
    path = tmp_path / "cols.csv"
    path.write_text("zaak,tijd\nSYN1,2025-03-03\n")
    with pytest.raises(ChainDataError, match=r"cols\.csv: case_id: required column missing"):
        _load(path)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1" + b"\x00" * 64 + b"111222333")
    with pytest.raises(ChainError) as info:
        _load(broken)
    assert "broken.parquet" in str(info.value) and "111222333" not in str(info.value)


def test_the_reader_stays_under_the_gate_in_every_format(tmp_path):
    # The same identifier in an extra column of CSV, Parquet and XES is refused in all three.
    csv = write(tmp_path, "notitie", ["tel 070-1234567", "geen", "geen"])
    parquet = tmp_path / "log.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{csv}', all_varchar = true)) TO '{parquet}' (FORMAT parquet)")
    xes = tmp_path / "log.xes"
    xes.write_text('<log><trace><string key="concept:name" value="SYN1"/><event>'
                   '<string key="concept:name" value="Melding"/>'
                   '<date key="time:timestamp" value="2025-03-03T09:00:00"/>'
                   '<string key="notitie" value="tel 070-1234567"/></event></trace></log>')
    for path in (csv, parquet, xes):
        with pytest.raises(IdentifiersFound) as info:
            _load(path)
        assert any(f.kind == "phone" for f in info.value.findings), path.name
        assert "1234567" not in str(info.value)
