"""Norm vs practice on a hand-computed event log (toy chain), mapping validation, calendar."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt

import pytest

from graph.errors import ChainDataError, ChainError
from graph.examples import toy_chain
from loaders.cases.events import connect, load_events, parse_mapping
from queries.cases.calendar import dutch_holidays, easter, working_days_between
from queries.cases.stats import _directly_follows, _practice, directly_follows, handoff_figures, practice_stats
from queries.cases.suppression import _Exact

EXACT = _Exact(5)  # the engine's own figures: these tests check the arithmetic

MAPPING = """
synthetic: true
activities:
  Zorgmelding: politie
  Melding ontvangen: veilig-thuis
  Overdracht: veilig-thuis
  Verzoek onderzoek: veilig-thuis
  Afgesloten: veilig-thuis
  Intake: lokaal-team
  Terugmelding: lokaal-team
  Start onderzoek: raad
end_activities: [Afgesloten]
"""


def T(s: str) -> dt.datetime:
    return dt.datetime.fromisoformat(s)


# Seven case patterns; each is repeated for 5 (c1, c2: together 10) distinct cases so that the
# figures clear the suppression threshold of 5. (activity, timestamp) per event.
PATTERNS = {
    # Politie -> VT wait 1 day (1 working day); then VT -> lokaal team 3 days, straight back (ping-pong).
    "c1": [("Zorgmelding", "2025-03-03 09:00"), ("Melding ontvangen", "2025-03-04 09:00"),
           ("Overdracht", "2025-03-05 09:00"), ("Intake", "2025-03-08 09:00"),
           ("Terugmelding", "2025-03-10 09:00"), ("Melding ontvangen", "2025-03-11 09:00"),
           ("Afgesloten", "2025-03-12 09:00")],
    # Fri 7 Mar -> Mon 17 Mar: 10 days, 6 working days (10-14 and 17 Mar): OVER the 5-working-day norm.
    "c2": [("Zorgmelding", "2025-03-07 09:00"), ("Melding ontvangen", "2025-03-17 09:00"),
           ("Overdracht", "2025-03-18 09:00"), ("Intake", "2025-03-21 09:00"),
           ("Terugmelding", "2025-03-23 09:00"), ("Melding ontvangen", "2025-03-24 09:00"),
           ("Afgesloten", "2025-03-25 09:00")],
    # Fri 2 May -> Mon 12 May: 10 days but 5 working days (5 May Bevrijdingsdag is a holiday): not over.
    # Then the overdracht to the lokaal team is never picked up: drop-off.
    "c3": [("Zorgmelding", "2025-05-02 12:00"), ("Melding ontvangen", "2025-05-12 12:00"),
           ("Overdracht", "2025-05-13 12:00")],
    # Thu 17 Apr -> Fri 25 Apr: 8 days; 18 Apr (Goede Vrijdag) counts, 21 Apr (2e Paasdag) does not:
    # 18, 22, 23, 24, 25 = 5 working days, not over. VT -> Raad after 12 days: over the 10-day norm.
    "c4": [("Zorgmelding", "2025-04-17 09:00"), ("Melding ontvangen", "2025-04-25 09:00"),
           ("Verzoek onderzoek", "2025-04-27 09:00"), ("Start onderzoek", "2025-05-09 09:00")],
    # Same day, 6 hours = 0.25 days. VT -> Raad in 3 days: within the norm.
    "c5": [("Zorgmelding", "2025-06-02 09:00"), ("Melding ontvangen", "2025-06-02 15:00"),
           ("Verzoek onderzoek", "2025-06-03 15:00"), ("Start onderzoek", "2025-06-06 15:00")],
    # Wed 28 May -> Wed 4 Jun: 7 days; 29 May Hemelvaart, so 30 May, 2, 3, 4 Jun = 4 working days.
    # Then an activity the mapping does not know.
    "c6": [("Zorgmelding", "2025-05-28 09:00"), ("Melding ontvangen", "2025-06-04 09:00"),
           ("Onbekend", "2025-06-05 09:00")],
    # Politie straight to the lokaal team, 4 days: the toy model has no such hand-off (a deviation).
    # Also the last events of the log (5 Sep), so every earlier event is observed for > 30 days.
    "c7": [("Zorgmelding", "2025-09-01 09:00"), ("Intake", "2025-09-05 09:00")],
}


@pytest.fixture()
def hand_log(tmp_path):
    rows = []
    for name, events in PATTERNS.items():
        for copy in range(5):
            for activity, ts in events:
                rows.append((f"{name}-{copy}", ts, activity))
    path = tmp_path / "hand.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["case_id", "timestamp", "activity", "organisation"])
        for case, ts, activity in reversed(rows):  # reversed: order must come from the timestamps
            writer.writerow([case, ts, activity, "n.v.t."])
    return path


@pytest.fixture()
def report(hand_log):
    model = toy_chain()
    mapping = parse_mapping(MAPPING, model, source="toy-mapping.yaml")
    log = load_events(hand_log, con=connect(memory_limit="256MB"), salt="test")
    return _practice(log, mapping, model, EXACT, horizon_days=30, on=dt.date(2025, 1, 1))


def test_totals(report):
    # c1, c2: 7 events x 10 cases; c3: 3 x 5; c4, c5: 4 x 10; c6: 3 x 5; c7: 2 x 5 = 150 events, 35 cases.
    assert report.events.value == 150
    assert report.cases.value == 35
    assert (report.first_month, report.last_month) == ("2025-03", "2025-09")  # months only, never days
    assert (report.first_day, report.last_day) == (dt.date(2025, 3, 1), dt.date(2025, 9, 30))
    assert report.synthetic is False  # hand-written ids, not the generator's SYN prefix
    assert report.mapping == "toy-mapping.yaml"
    assert "linear interpolation" in report.percentile_method


def test_politie_vt_waits_and_working_day_norm(report):
    h = report.handoff("ho-politie-vt")
    # 30 passages: waits (days) 1, 10, 10, 8, 0.25, 7, five cases each.
    assert (h.cases.value, h.transitions.value) == (30, 30)
    # Sorted: 0.25 x5, 1 x5, 7 x5, 8 x5, 10 x10. Median at (30-1)*0.5 = 14.5 -> (7 + 8) / 2.
    assert h.median_wait_days == pytest.approx(7.5)
    # p90 at 29*0.9 = 26.1 -> between the 27th and 28th values, both 10.
    assert h.p90_wait_days == pytest.approx(10.0)
    assert h.mean_wait_days == pytest.approx((1 + 10 + 10 + 8 + 0.25 + 7) / 6)
    # Only c2 (6 working days) is over 5 working days; c3 and c4 are 5 thanks to the holidays.
    assert h.over_norm.value == 5
    assert h.share_over_norm == pytest.approx(5 / 30)
    assert h.norm_unit == "working-days"
    assert h.drop_off.value == 0 and h.drop_off_base.value == 30


def test_vt_lokaal_team_ping_pong_and_drop_off(report):
    h = report.handoff("ho-vt-lokaal-team")
    assert h.cases.value == 10  # c1, c2: Overdracht -> Intake, 3 days
    assert (h.median_wait_days, h.p90_wait_days, h.mean_wait_days) == (3.0, 3.0, 3.0)
    assert h.over_norm is None and h.share_over_norm is None  # the hand-off has no norm
    assert h.ping_pong.value == 10  # VT -> lokaal team -> VT
    # Reached VT by 6 Aug (horizon 30 days before the log ends): c1..c6 = 30 cases; c3 never went on.
    # c1/c2 end on 'Afgesloten', an end activity: closed, not dropped.
    assert (h.drop_off.value, h.drop_off_base.value) == (5, 30)
    assert h.share_drop_off == pytest.approx(5 / 30)
    back = report.handoff("ho-lokaal-team-vt")
    assert back.cases.value == 10 and back.median_wait_days == 1.0 and back.ping_pong.value == 0


def test_vt_raad_calendar_day_norm(report):
    # ho-vt-raad-oud expired in 2015, so the organisation pair has one current hand-off.
    h = report.handoff("ho-vt-raad")
    # c4: 12 days (over 10 calendar days), c5: 3 days; five cases each.
    assert h.cases.value == 10
    assert h.median_wait_days == pytest.approx(7.5)  # (3 + 12) / 2
    assert h.p90_wait_days == pytest.approx(12.0)
    assert (h.over_norm.value, h.share_over_norm) == (5, 0.5)
    assert report.handoff("ho-vt-raad-oud") is None


def test_deviation_unmapped_and_variants(report):
    assert [(d.from_org, d.to_org) for d in report.deviations] == [("politie", "lokaal-team")]
    d = report.deviations[0]
    assert (d.cases.value, d.transitions.value, d.median_wait_days, d.total_wait_days) == (5, 5, 4.0, 20.0)
    assert d.in_model is False
    assert (report.unmapped.activities, report.unmapped.events.value, report.unmapped.cases.value) == (1, 5, 5)
    top = report.variants[0]
    assert top.cases.value == 10
    assert sorted(v.cases.value for v in report.variants) == [5, 5, 5, 10, 10]


def test_map_figures_are_plain_and_suppressed(report):
    figures = {f.handoff_id: f for f in handoff_figures(report)}
    assert figures["ho-politie-vt"].volume == 30
    assert figures["ho-politie-vt"].share_over_norm == pytest.approx(5 / 30)
    assert figures["ho-vt-raad"].volume_label == "10"


def test_small_counts_are_suppressed_everywhere(tmp_path):
    # 3 cases politie -> VT only: every figure rests on < 5 cases.
    path = tmp_path / "small.csv"
    path.write_text("case_id,timestamp,activity\n" + "".join(
        f"k{i},2025-03-03 09:00,Zorgmelding\nk{i},2025-03-0{4 + i} 09:00,Melding ontvangen\n" for i in range(3)))
    model = toy_chain()
    log = load_events(path, con=connect(memory_limit="256MB"), salt="x")
    report = practice_stats(log, parse_mapping(MAPPING, model), model)
    h = report.handoff("ho-politie-vt")
    assert h is not None
    assert h.cases.value is None and h.cases.label == "<5"
    assert report.cases.label == "<5" and report.events.label == "5"  # 6 events, rounded
    assert h.median_wait_days is None and h.p90_wait_days is None and h.mean_wait_days is None
    assert h.share_over_norm is None
    assert report.variants == ()  # no variant with >= 5 cases is listed
    assert handoff_figures(report)[0].volume is None
    # A higher threshold is allowed, a lower one is not.
    assert practice_stats(log, parse_mapping(MAPPING, model), model, threshold=40).cases.label == "<40"
    with pytest.raises(ChainError, match="suppression threshold must be a whole number >= 5, got 2"):
        practice_stats(log, parse_mapping(MAPPING, model), model, threshold=2)


def test_equal_timestamps_keep_file_order(tmp_path):
    # Date-only export: both events of a case on the same day. File order decides the direction.
    forward = tmp_path / "forward.csv"
    backward = tmp_path / "backward.csv"
    rows = [f"k{i},2025-03-03,{a}" for i in range(6) for a in ("Zorgmelding", "Melding ontvangen")]
    forward.write_text("case_id,timestamp,activity\n" + "\n".join(rows) + "\n")
    swapped = [f"k{i},2025-03-03,{a}" for i in range(6) for a in ("Melding ontvangen", "Zorgmelding")]
    backward.write_text("case_id,timestamp,activity\n" + "\n".join(swapped) + "\n")
    for path, expected in ((forward, ("Zorgmelding", "Melding ontvangen")),
                           (backward, ("Melding ontvangen", "Zorgmelding"))):
        for _ in range(3):  # the same answer every run
            pairs = _directly_follows(load_events(path, con=connect(memory_limit="256MB"), salt="s"), EXACT)
            assert [(p.from_activity, p.to_activity, p.transitions.value) for p in pairs] == [(*expected, 6)]


def test_parquet_and_csv_agree(tmp_path, hand_log):
    import duckdb

    parquet = tmp_path / "hand.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{hand_log}')) TO '{parquet}' (FORMAT parquet)")
    a = directly_follows(load_events(hand_log, con=connect(memory_limit="256MB"), salt="s"))
    b = directly_follows(load_events(parquet, con=connect(memory_limit="256MB"), salt="s"))
    assert a == b and len(a) > 5


def test_case_ids_are_hashed_with_the_salt(hand_log):
    con = connect(memory_limit="256MB")
    log = load_events(hand_log, con=con, salt="one")
    keys = {k for (k,) in con.execute("SELECT DISTINCT case_key FROM events").fetchall()}
    assert len(keys) == 35 and all(isinstance(k, int) for k in keys)  # no trace of 'c1-0' etc.
    load_events(hand_log, con=con, salt="two", table="events2")
    keys2 = {k for (k,) in con.execute("SELECT DISTINCT case_key FROM events2").fetchall()}
    assert keys.isdisjoint(keys2)
    assert log.skipped_rows == 0


def test_mapping_problems_name_file_line_and_field():
    model = toy_chain()
    text = """activities:
  Zorgmelding: politie
  Melding: veilig-thuiss
handoffs:
  - handoff: ho-politie-vtt
    from: Zorgmelding
    to: Melding
  - handoff: ho-vt-raad
    from: Zorgmelding
    to: Onbekend
"""
    with pytest.raises(ChainDataError) as info:
        parse_mapping(text, model, source="m.yaml")
    messages = [str(p) for p in info.value.problems]
    assert "m.yaml:3: activities: unknown organisation 'veilig-thuiss' for 'Melding'" in messages
    assert "m.yaml:5: handoff: unknown hand-off 'ho-politie-vtt'" in messages
    assert any(m.startswith("m.yaml:9: from: activity 'Zorgmelding' belongs to 'politie'") for m in messages)
    assert "m.yaml:10: to: activity 'Onbekend' is not under activities:" in messages


def test_explicit_rule_wins_over_organisation_pair(tmp_path):
    model = toy_chain()
    mapping = parse_mapping(MAPPING + """handoffs:
  - handoff: ho-vt-raad-oud
    from: Verzoek onderzoek
    to: Start onderzoek
""", model)
    path = tmp_path / "raad.csv"
    path.write_text("case_id,timestamp,activity\n" + "".join(
        f"k{i},2025-03-03,Verzoek onderzoek\nk{i},2025-03-05,Start onderzoek\n" for i in range(5)))
    log = load_events(path, con=connect(memory_limit="256MB"), salt="s")
    # on=2010: the old route is current then, so both hand-offs share the pair; the explicit rule decides.
    report = _practice(log, mapping, model, EXACT, on=dt.date(2010, 1, 1))
    assert [h.handoff_id for h in report.handoffs] == ["ho-vt-raad-oud"]
    assert report.handoffs[0].cases.value == 5


@pytest.mark.parametrize("year", range(2000, 2036))
def test_holidays_against_known_weekdays(year):
    days = dutch_holidays(year)
    e = easter(year)
    assert e.weekday() == 6 and dt.date(year, 3, 22) <= e <= dt.date(year, 4, 25)
    # Ten days, unless Hemelvaart falls on 5 May (2005, 2016 ... ), which merges two.
    assert len(days) == (9 if e + dt.timedelta(days=39) == dt.date(year, 5, 5) else 10)
    assert dt.date(year, 5, 5) in days  # Atw art. 3 lid 1: every year
    assert all(d.year == year for d in days)


def test_known_easter_dates_and_working_days():
    # Published Easter dates.
    assert [easter(y).isoformat() for y in (2019, 2020, 2021, 2022, 2023, 2026)] == [
        "2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2026-04-05"]
    # Christmas week 2025: Wed 24 -> Mon 29 Dec: 25, 26 holidays, 27-28 weekend -> only the 29th.
    assert working_days_between(dt.date(2025, 12, 24), dt.date(2025, 12, 29)) == 1
    # 2025 has 261 weekdays; 1 Jan, 21 Apr, 5 May, 29 May, 9 Jun, 25 and 26 Dec fall on weekdays
    # (Koningsdag 26 Apr is a Saturday).
    assert working_days_between(dt.date(2024, 12, 31), dt.date(2025, 12, 31)) == 261 - 7


def test_xes_log_reads_like_csv(tmp_path, hand_log):
    # The same hand-computed log as XES (IEEE 1849): trace concept:name, event concept:name + time:timestamp.
    import xml.sax.saxutils as su

    traces: dict[str, list[tuple[str, str]]] = {}
    for name, events in PATTERNS.items():
        for copy in range(5):
            traces[f"{name}-{copy}"] = events
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
             '<string key="concept:name" value="handmatig"/>']
    for case, events in traces.items():
        parts.append(f'<trace><string key="concept:name" value="{case}"/>')
        for activity, ts in events:
            parts.append(f'<event><string key="concept:name" value={su.quoteattr(activity)}/>'
                         f'<date key="time:timestamp" value="{ts.replace(" ", "T")}:00.000+00:00"/></event>')
        parts.append("</trace>")
    parts.append("</log>")
    xes = tmp_path / "hand.xes"
    xes.write_text("\n".join(parts))
    con = connect(memory_limit="256MB")
    con.execute("SET TimeZone = 'UTC'")
    from_xes = directly_follows(load_events(xes, con=con, salt="s"))
    from_csv = directly_follows(load_events(hand_log, con=connect(memory_limit="256MB"), salt="s"))
    assert from_xes == from_csv


def test_explicit_rule_measures_to_the_next_to_activity(tmp_path):
    # Zorgmelding (3 Mar), a second Zorgmelding (4 Mar), an unmapped event, Melding ontvangen (7 Mar):
    # the rule pairs the last Zorgmelding before the receipt with it, skipping the event between: 3 days.
    model = toy_chain()
    mapping = parse_mapping(MAPPING + """handoffs:
  - handoff: ho-politie-vt
    from: Zorgmelding
    to: Melding ontvangen
""", model)
    path = tmp_path / "rule.csv"
    path.write_text("case_id,timestamp,activity\n" + "".join(
        f"k{i},2025-03-03,Zorgmelding\nk{i},2025-03-04,Zorgmelding\nk{i},2025-03-05,Onbekend\n"
        f"k{i},2025-03-07,Melding ontvangen\n" for i in range(6)))
    report = _practice(load_events(path, con=connect(memory_limit="256MB"), salt="s"), mapping, model, EXACT)
    h = report.handoff("ho-politie-vt")
    assert h is not None and h.over_norm is not None
    assert (h.cases.value, h.transitions.value, h.median_wait_days) == (6, 6, 3.0)
    # Tue 4 -> Fri 7 Mar is 3 working days: within the 5-working-day norm.
    assert h.over_norm.value == 0


def test_drop_off_is_the_same_whatever_the_number_of_sides_per_pass():
    # The sample mapping has more sending sides than one bit per pass: 1, 3 and 62 bits per pass
    # must count the same cases (and some cases do drop off).
    from loaders.cases.events import load_mapping
    from loaders.load import load_model
    from loaders.resources import SAMPLE_LOG, SAMPLE_MAPPING, builtin_path
    from queries.cases.stats import _drop_off

    model = load_model()
    log = load_events(builtin_path(SAMPLE_LOG), con=connect(memory_limit="256MB"), salt="s")
    report = _practice(log, load_mapping(builtin_path(SAMPLE_MAPPING), model), model, EXACT)
    n_acts = log.con.execute(
        "SELECT count(*) FROM (SELECT unnest(enum_range(NULL::events_activity_t)))").fetchall()[0][0]
    last = log.con.execute("SELECT CAST(max(ts) AS DATE) FROM events").fetchall()[0][0]
    cutoff = {"cutoff": dt.datetime.combine(last, dt.time.max)}
    runs = [_drop_off(log.con, cutoff, 90 * 86400, n_acts, len(model.organisations), bits_per_pass=bits)
            for bits in (1, 3, 62)]
    assert runs[0] == runs[1] == runs[2]
    assert len(runs[0]) >= 8 and sum(dropped for _, dropped in runs[0].values()) > 0
    for h in report.handoffs:  # and the report shows exactly these figures where they clear the threshold
        base, dropped = runs[0].get(h.handoff_id, (0, 0))
        if not h.drop_off_base.suppressed:
            assert h.drop_off_base.value == base
        if not h.drop_off.suppressed:
            assert h.drop_off.value == dropped


@pytest.mark.parametrize(("year", "expected"), [(2014, "ho-vt-raad-oud"), (2020, "ho-vt-raad")])
def test_a_log_is_measured_against_the_chain_of_its_own_period(tmp_path, year, expected):
    """VT → Raad changed on 1 January 2015: ``ho-vt-raad-oud`` until then, ``ho-vt-raad`` from then
    on. A log of 2014 is attributed to the hand-off of 2014, a log of 2020 to today's, whatever today is."""
    toy = toy_chain()
    model = dataclasses.replace(toy, handoffs=tuple(
        dataclasses.replace(h, valid_from=dt.date(2015, 1, 1)) if h.id == "ho-vt-raad" else h for h in toy.handoffs))
    mapping = parse_mapping(MAPPING, model)
    path = tmp_path / f"raad-{year}.csv"
    path.write_text("case_id,timestamp,activity\n" + "".join(
        f"k{i},{year}-03-03,Verzoek onderzoek\nk{i},{year}-03-05,Start onderzoek\n" for i in range(6)))
    report = _practice(load_events(path, con=connect(memory_limit="256MB"), salt="s"), mapping, model, EXACT)
    assert [h.handoff_id for h in report.handoffs] == [expected]
    assert report.handoffs[0].cases.value == 6
