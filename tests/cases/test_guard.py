"""The privacy gate finds every claimed identifier in every place, finds nothing in clean logs,
and never shows a value (issue 12, groups 1-2)."""
# ruff: noqa: RUF001 - full-width and other look-alike characters are the test data here

from __future__ import annotations

import collections
import dataclasses
import logging
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import ChainError
from loaders.cases.guard import (
    KINDS,
    Finding,
    IdentifiersFound,
    NameLists,
    PrivacyScanFailed,
    guard,
    identifying_column_name,
    passes_elfproef,
    passes_mod97,
    scan,
)
from tests.cases.gate_io import load_csv_text, load_xes_text, scan_text
from tests.cases.hostile_corpus import (
    MEASURED,
    HostileLog,
    clean_logs,
    hostile_logs,
)

HOSTILE = hostile_logs()
CLEAN = clean_logs()
FIXTURES = Path(__file__).resolve().parent / "repro"

# Floors for the measured kinds, below the rates measured when they were set (names 112/120,
# addresses 54/60 with the built-in lists): a drop means a regression, not bad luck, since the
# corpus is deterministic. Names and addresses without any sign (an unknown foreign name alone,
# a one-word street such as "Spui 70") are knowingly missed; see the module docstring.
FLOORS = {"person-name": 0.90, "address": 0.85}


def _found_in_place(log: HostileLog, findings: list[Finding]) -> bool:
    return any(f.kind == log.kind and any(f.column == label or f.column.startswith(label) for label in log.labels)
               for f in findings)


def _assert_no_value(log: HostileLog, findings: list[Finding], message: str) -> None:
    texts = [str(f) for f in findings] + [f.column for f in findings] + [message]
    if log.kind == "identifying-column":
        return  # a column *name* is shown on purpose; it holds no value
    for text in texts:
        assert log.planted not in text, f"{log.id}: a finding shows the planted value"
        for part in log.planted.split():
            if len(part) >= 5 and any(ch.isdigit() for ch in part):
                assert part not in text, f"{log.id}: a finding shows part of the planted value"


def test_the_corpus_is_large_and_covers_every_kind_and_place():
    assert len(HOSTILE) >= 200
    kinds = collections.Counter(log.kind for log in HOSTILE)
    assert set(kinds) == set(KINDS)
    places = {log.place for log in HOSTILE}
    for place in ("case_id", "timestamp", "activity", "organisation", "opmerking", "header", "column-name",
                  "trace:concept:name", "event:time:timestamp", "event:concept:name", "trace:extra", "event:extra",
                  "key"):
        assert place in places, place
    for kind in set(KINDS) - {"identifying-column"}:
        assert {log.place for log in HOSTILE if log.kind == kind} >= {"opmerking"}
        assert len({log.place for log in HOSTILE if log.kind == kind}) >= 5, kind


@pytest.mark.parametrize("log", [log for log in HOSTILE if log.claimed], ids=lambda log: log.id)
def test_every_claimed_identifier_is_found_in_its_place_and_never_shown(log, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    con = duckdb.connect()
    if log.fmt == "csv":
        load_csv_text(con, log.text, tmp_path / "log.csv")
        attrs = None
    else:
        load_xes_text(con, log.text)
        attrs = "attrs"
    with pytest.raises(IdentifiersFound) as info:
        guard(con, "log", "hostile.log", attributes=attrs)
    findings = list(info.value.findings)
    assert _found_in_place(log, findings), f"{log.id}: {log.kind} not found; found {[str(f) for f in findings]}"
    _assert_no_value(log, findings, str(info.value) + repr(info.value) + caplog.text)


@pytest.mark.slow  # the whole hostile corpus: about 40 s of one process; make test runs it, make check not
def test_measured_kinds_reach_their_floor_and_never_show_a_value(tmp_path):
    tried: collections.Counter[str] = collections.Counter()
    found: collections.Counter[str] = collections.Counter()
    for log in HOSTILE:
        if log.kind not in MEASURED:
            continue
        findings = scan_text(log.fmt, log.text, tmp_path)
        tried[log.kind] += 1
        found[log.kind] += _found_in_place(log, findings)
        _assert_no_value(log, findings, "")
    rates = {kind: found[kind] / tried[kind] for kind in MEASURED}
    figures = ", ".join(f"{kind} {found[kind]}/{tried[kind]}" for kind in MEASURED)
    for kind in MEASURED:
        assert rates[kind] >= FLOORS[kind], figures


@pytest.mark.parametrize("log", CLEAN, ids=lambda log: log.id)
def test_clean_logs_have_no_findings(log, tmp_path):
    assert scan_text(log.fmt, log.text, tmp_path) == []


def test_the_generated_synthetic_log_is_clean():
    from loaders.cases.generate import generate_events

    con = duckdb.connect()
    con.register("arrow", generate_events(20_000, seed=5))
    con.execute("CREATE TABLE log AS SELECT CAST(case_id AS VARCHAR) AS case_id, "
                "CAST(timestamp AS VARCHAR) AS timestamp, "
                "CAST(activity AS VARCHAR) AS activity, CAST(organisation AS VARCHAR) AS organisation FROM arrow")
    assert scan(con, "log") == []


def test_the_builtin_lists_find_nothing_in_the_chain_vocabulary():
    from tests.cases.hostile_corpus import ACTIVITIES, ORGANISATIONS

    con = duckdb.connect()
    con.execute("CREATE TABLE log AS SELECT unnest(?::VARCHAR[]) AS activity", [ACTIVITIES + ORGANISATIONS])
    assert scan(con, "log", timestamp_column=None) == []


# --- the reproducers of the probe (copied from shared/repro) -------------------------------------


def _fixture(name: str) -> Path:
    """A reproducer of the probe, copied from ``shared/repro`` into ``tests/cases/repro``."""
    return FIXTURES / name


@pytest.mark.parametrize("name, column, kind", [
    ("ts_bsn.csv", "column 'timestamp'", "bsn"),
    ("bsn_dots__activity_one_event.csv", "column 'activity'", "bsn"),
    ("name_free_text__activity_one_event.csv", "column 'activity'", "person-name"),
    ("x_attr_only.xes", "XES attribute 'bsn'", "bsn"),
    ("x_attr_only.xes", "XES attribute 'naam'", "person-name"),
    ("x_attr_only.xes", "XES attribute 'naam'", "identifying-column"),
    ("x_attr_only.xes", "XES attribute 'opmerking'", "email"),
])
def test_reproducers(name, column, kind, tmp_path):
    path = _fixture(name)
    text = path.read_text(encoding="utf-8")
    findings = scan_text("xes" if name.endswith(".xes") else "csv", text, tmp_path)
    assert (column, kind) in {(f.column, f.kind) for f in findings}, [str(f) for f in findings]
    message = str(IdentifiersFound(name, findings))
    for secret in ("123456782", "123.456.782", "Jan de Vries", "jan.jansen@example.nl"):
        assert secret not in message


# --- errors never carry data ---------------------------------------------------------------------


def test_a_duckdb_error_during_the_scan_is_reraised_without_data():
    con = duckdb.connect()
    con.execute("CREATE VIEW log AS SELECT CAST(v AS INTEGER) AS case_id "
                "FROM (VALUES ('123456782 jan@example.nl')) t(v)")
    with pytest.raises(PrivacyScanFailed) as info:
        scan(con, "log", source="log.csv")
    text = str(info.value) + repr(info.value)
    assert "123456782" not in text and "jan@" not in text
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert "log.csv" in text and "ConversionException" in text
    assert isinstance(info.value, ChainError)


def test_a_missing_relation_is_a_scan_failure_and_temporary_tables_are_dropped():
    con = duckdb.connect()
    with pytest.raises(PrivacyScanFailed):
        scan(con, "no_such_table")
    con.execute("CREATE TABLE log AS SELECT 'c1' AS case_id")
    scan(con, "log")
    leftovers = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE '_pg_%'").fetchone()
    assert leftovers == (0,)


# --- the checks themselves -----------------------------------------------------------------------


def _scan_many(values: list[str], timestamps: list[str] | None = None) -> list[set[str]]:
    """Scan each value in a column of its own (one scan for many values): the kinds per value."""
    con = duckdb.connect()
    cols = ", ".join(f'v{i} VARCHAR' for i in range(len(values)))
    con.execute(f"CREATE TABLE log (case_id VARCHAR, timestamp VARCHAR, {cols})")
    stamps = timestamps or ["2024-03-04 10:00", "2024-03-05 10:00"]
    con.execute(f"INSERT INTO log VALUES ('c1', ?, {', '.join('?' for _ in values)})", [stamps[0], *values])
    con.execute("INSERT INTO log (case_id, timestamp) VALUES ('c2', ?)", [stamps[1]])
    found: list[set[str]] = [set() for _ in values]
    for f in scan(con, "log"):
        if f.column.startswith("column 'v"):
            found[int(f.column[len("column 'v"):-1])].add(f.kind)
    return found


def _scan_one(value: str) -> set[str]:
    return _scan_many([value])[0]


@settings(max_examples=8, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=9, max_size=9), min_size=40, max_size=40))
def test_nine_digits_are_a_bsn_exactly_when_they_pass_the_elfproef(numbers):
    found = _scan_many([f"nr {d}" for d in numbers])
    assert [("bsn" in kinds) for kinds in found] == [passes_elfproef(d) for d in numbers]


@settings(max_examples=5, deadline=None)
@given(st.lists(st.text(alphabet="0123456789", min_size=10, max_size=10), min_size=20, max_size=20))
def test_nl_ibans_are_found_exactly_when_they_pass_mod97(accounts):
    ibans = [f"NL{check}ABNA{account}" for account in accounts for check in ("00", "91", "47")]
    found = _scan_many(ibans)
    assert [("iban" in kinds) for kinds in found] == [passes_mod97(iban) for iban in ibans]


_STAMP_FORMATS = ["{d:02d}-{m:02d}-2024 {h:02d}:{mi:02d}", "{d:02d}-{m:02d}-2024 {h:02d}.{mi:02d}",
                  "2024-{m:02d}-{d:02d}T{h:02d}:{mi:02d}:00+01:00", "{d}/{m}/2024 {h}:{mi:02d}", "{d:02d}.{m:02d}.2024",
                  "2024-{m:02d}-{d:02d} {h:02d}:{mi:02d}:{mi:02d}.{h:03d}{mi:03d}"]


@settings(max_examples=8, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 28), st.integers(1, 12), st.integers(0, 23), st.integers(0, 59),
                          st.sampled_from(_STAMP_FORMATS)), min_size=40, max_size=40))
def test_event_timestamps_are_never_identifiers(stamps):
    values = [fmt.format(d=d, m=m, h=h, mi=mi) for d, m, h, mi, fmt in stamps]
    assert _scan_many(values) == [set() for _ in values]


@pytest.mark.parametrize("value", [
    "2023 en 2024", "500 mg", "ref 123456789", "telefonisch", "3", "Fase 2 afgerond", "Evaluatie na 3 maanden",
    "Melding Raad", "Burgemeester Den Haag", "Raad voor de Kinderbescherming", "Hulpofficier van Justitie",
    "Stap 1: intake", "versie 1.2.3", "score 12", "20230101", "2025-03-03", "1970-01-01", "1900-01-01",
])
def test_ordinary_values_are_not_identifiers(value):
    assert _scan_one(value) == set()


def test_a_dropped_zero_bsn_is_not_confused_with_a_column_of_compact_dates():
    # 020240107 passes the 11-proef, but in a column of yyyymmdd dates 20240107 is a date.
    assert passes_elfproef("020240107")
    con = duckdb.connect()
    con.execute("CREATE TABLE log AS SELECT * FROM (VALUES ('c1', '20240107'), ('c2', '20240302'), ('c3', '20240303')) "
                "t(case_id, datum)")
    assert [f for f in scan(con, "log") if f.kind == "bsn"] == []
    con.execute("CREATE TABLE log2 AS SELECT * FROM (VALUES ('c1', '20240107'), ('c2', 'x'), ('c3', '12345672')) "
                "t(case_id, nummer)")
    assert [(f.column, f.kind, f.count) for f in scan(con, "log2")] == [("column 'nummer'", "bsn", 2)]


def test_a_birth_date_is_told_from_event_dates_by_its_distance():
    con = duckdb.connect()
    con.execute("CREATE TABLE log AS SELECT * FROM (VALUES ('c1', '2024-03-04', '2023-12-01'), "
                "('c2', '2024-03-05', '2012-01-01'), ('c3', '2024-03-06', NULL)) t(case_id, timestamp, datum)")
    found = [(f.column, f.kind, f.count) for f in scan(con, "log")]
    assert found == [("column 'datum'", "date-of-birth", 1)]  # 2012 is > 12 years before 2024; 2023 is not


def test_a_header_that_holds_a_value_is_named_by_position_only():
    con = duckdb.connect()
    con.execute("CREATE TABLE log AS SELECT 'c1' AS case_id, 'x' AS \"jan@example.nl\", "
                "'06-12345678' AS \"111222333\"")
    findings = scan(con, "log")
    text = " ".join(str(f) for f in findings)
    assert "jan@" not in text and "111222333" not in text
    assert {(f.column, f.kind) for f in findings} >= {("name of column 2", "email"), ("name of column 3", "bsn"),
                                                      ("column 3", "phone")}


def test_columns_can_be_limited_and_non_text_columns_are_read_as_text():
    con = duckdb.connect()
    con.execute("CREATE TABLE log AS SELECT 'c1' AS case_id, 12345672 AS nummer, 'jan@example.nl' AS mail_x")
    assert [(f.column, f.kind) for f in scan(con, "log", ["case_id", "nummer"])] == [("column 'nummer'", "bsn")]


@pytest.mark.parametrize("name", [
    "client_naam", "VoorNaam", "geb_datum", "e-mail", "tel_nr", "woonadres", "BSN_kind", "Phone1", "E-mailadres",
    "achternaam", "Naam cliënt", "adres_cliënt", "huisnr", "Ｂｓｎ", "geb.datum", "postcode_kind", "IBAN", "dob",
])
def test_identifying_column_names(name):
    assert identifying_column_name(name)


@pytest.mark.parametrize("name", [
    "case_id", "timestamp", "activity", "organisation", "concept:name", "org:resource", "time:timestamp",
    "activity_name", "organisatienaam", "ActivityName", "kanaal", "aantal_kinderen", "prioriteit", "regio",
    "duur_minuten", "dossierjaar", "lifecycle:transition", "variant", "opmerking",
])
def test_ordinary_column_names(name):
    assert not identifying_column_name(name)


def test_name_lists_classes_and_deduce_fallback():
    lists = NameLists.builtin()
    classes = lists.classes()
    assert classes["jansen"] == "N" and classes["de"] == "V" and classes["raad"] not in ("N", "f", "s", "b")
    assert classes["bakker"] == "s" and classes["roos"] == "f" and classes["mevrouw"] == "T"
    try:
        extended = NameLists.from_deduce()
    except ChainError as exc:  # deduce is optional: without it the error is the project's
        assert "deduce" in str(exc)
    else:
        assert extended.first_strong >= lists.first_strong
        assert "raad" not in extended.first_strong | extended.surnames_strong


def test_extra_names_count_only_with_a_sign():
    # Names from a large external list (deduce) are often also words: never enough on their own.
    lists = dataclasses.replace(NameLists.builtin(), first_extra=frozenset({"dienst", "fase", "jorinde"}),
                                surnames_extra=frozenset({"bruggen", "hoogstraten", "welzijn"}))
    values = ["Dienst Onderwijs", "Fase 2 afgerond", "Ipse de Bruggen", "Cultuur en Welzijn", "Jorinde",
              "Gesprek met Jorinde", "Jorinde Hoogstraten", "mevr. Hoogstraten", "J. Hoogstraten"]
    con = duckdb.connect()
    con.execute(f"CREATE TABLE log ({', '.join(f'v{i} VARCHAR' for i in range(len(values)))})")
    con.execute(f"INSERT INTO log VALUES ({', '.join('?' for _ in values)})", values)
    hit = {f.column for f in scan(con, "log", timestamp_column=None, names=lists) if f.kind == "person-name"}
    assert [f"column 'v{i}'" in hit for i in range(len(values))] == [False] * 5 + [True] * 4
