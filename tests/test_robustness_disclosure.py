"""The five disclosure attacks of issue 12 (group 3), and variants, replayed against the real
pipeline (CSV on disk → reader → gate → statistics → disclosure control). Each attack plays the
attacker: it reads only what ``cases stats`` publishes and works out what the published figures
allow the target to be. An attack *recovers* a small count when the values it allows lie within
1..T-1 (or are one value), and a wait when they span less than a week.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner

from cli.main import cli
from graph.errors import ChainError
from graph.examples import toy_chain
from loaders.cases.events import load_events, parse_mapping, private_connection
from queries.cases.stats import HandOffPractice, PracticeReport, _practice, practice_stats
from queries.cases.suppression import MIN_CASES_FOR_WAITS, ROUNDING_BASE, Count, Disclosure, _Exact
from tests.test_cases import MAPPING

T = 5
V = TypeVar("V")
START = dt.datetime(2025, 3, 3, 9, 0)  # a Monday


def _write(path: Path, cases: list[list[tuple[str, dt.datetime]]]) -> Path:
    rows = ["case_id,timestamp,activity"]
    for i, events in enumerate(cases):
        rows += [f"k{i:03d},{ts:%Y-%m-%d %H:%M},{activity}" for activity, ts in events]
    path.write_text("\n".join(rows) + "\n")
    return path


def _report(path: Path, *, exact: bool = False, horizon: int = 90, threshold: int = T) -> PracticeReport:
    model = toy_chain()
    with private_connection(memory_limit="256MB") as con:
        log = load_events(path, con=con, salt="s")
        mapping = parse_mapping(MAPPING, model)
        if exact:
            return _practice(log, mapping, model, _Exact(threshold), horizon_days=horizon, on=dt.date(2025, 1, 1))
        return practice_stats(log, mapping, model, threshold=threshold, horizon_days=horizon, on=dt.date(2025, 1, 1))


def _politie(path: Path, **kwargs: Any) -> HandOffPractice:
    """The politie → VT hand-off of :func:`_report` (every log here has it)."""
    return known(_report(path, **kwargs).handoff("ho-politie-vt"))


def known(value: V | None) -> V:
    """``value``, which the test knows is there (a figure that is shown, a hand-off that is measured)."""
    assert value is not None
    return value


def n(count: Count | None) -> int:
    """The number a count shows (an exact count, or one the test knows is not hidden)."""
    return known(known(count).value)


def _handover(i: int, wait_days: float) -> list[tuple[str, dt.datetime]]:
    """A case politie → VT: Zorgmelding on day 7i, Melding ontvangen ``wait_days`` later."""
    start = START + dt.timedelta(days=7 * i)
    return [("Zorgmelding", start), ("Melding ontvangen", start + dt.timedelta(days=wait_days))]


# --- the attacker's arithmetic ------------------------------------------------------------------


def allowed(count: Count, *, whole_max: int = 10**6) -> range:
    """The true values a published count allows, knowing the rules (rounding base 5, threshold T)."""
    if count.value is None:
        return range(0, T) if count.reason == "small" else range(0, whole_max + 1)
    low = max(count.value - ROUNDING_BASE // 2, T)
    return range(low, count.value + ROUNDING_BASE // 2 + 1)


def difference(whole: range, part: range) -> range:
    """The values of whole - part (>= 0) that the two allowed ranges leave."""
    return range(max(0, whole.start - (part.stop - 1)), whole.stop - 1 - part.start + 1)


def recovered_count(values: range) -> bool:
    return len(values) == 1 or (values.start >= 1 and values.stop - 1 <= T - 1)


# --- attack 1: the complement ---------------------------------------------------------------------


@pytest.mark.parametrize(("over", "within"), [(6, 1), (11, 1), (12, 3), (20, 4), (7, 0), (30, 2)])
def test_complement_within_the_norm_is_not_recoverable(tmp_path, over, within):
    # `over` passages of 10 days (over 5 working days), `within` of 1 day.
    cases = [_handover(i, 10) for i in range(over)] + [_handover(over + i, 1.25) for i in range(within)]
    path = _write(tmp_path / "complement.csv", cases)
    h = _politie(path)
    exact = _politie(path, exact=True)
    assert n(exact.over_norm) == over and n(exact.transitions) == over + within
    target = difference(allowed(h.transitions), allowed(known(h.over_norm), whole_max=over + within + 2))
    assert within in target and not recovered_count(target), (h.transitions, h.over_norm, target)
    assert known(h.over_norm).label == "x"  # hidden: the rest (within) is below the threshold
    # ... and the within-norm wait does not follow from the mean: no mean below 10 cases, whole days above.
    if over + within < MIN_CASES_FOR_WAITS:
        assert h.mean_wait_days is None
    else:
        assert h.mean_wait_days is not None and float(h.mean_wait_days).is_integer()


# --- attack 2: drop-off base 8 with 7 dropped ---------------------------------------------------


@pytest.mark.parametrize(("base", "dropped"), [(8, 7), (13, 10), (12, 9), (9, 4), (15, 11)])
def test_drop_off_complement_is_not_recoverable(tmp_path, base, dropped):
    cases = []
    for i in range(base):  # every Zorgmelding observed for more than the horizon before the log ends
        start = START + dt.timedelta(days=i)
        events = [("Zorgmelding", start)]
        if i >= dropped:  # these went on within two days
            events.append(("Melding ontvangen", start + dt.timedelta(days=2)))
        cases.append(events)
    cases.append([("Melding ontvangen", START + dt.timedelta(days=200))])  # the log ends 200 days later
    path = _write(tmp_path / "drop.csv", cases)
    exact = _politie(path, exact=True)
    assert (exact.drop_off_base.value, exact.drop_off.value) == (base, dropped)
    h = _politie(path)
    target = difference(allowed(h.drop_off_base), allowed(h.drop_off, whole_max=base + 2))
    assert (base - dropped) in target and not recovered_count(target), (h.drop_off_base, h.drop_off, target)
    target_dropped = allowed(h.drop_off, whole_max=base + 2)
    assert dropped in target_dropped and not (dropped < T and recovered_count(target_dropped))


# --- attack 3: --horizon 90 vs 91 isolates one case -----------------------------------------------


def test_the_horizon_only_takes_coarse_steps(tmp_path):
    path = _write(tmp_path / "h.csv", [_handover(i, 2) for i in range(6)])
    with pytest.raises(ChainError, match="horizon must be one of 30, 60, 90, 180, 365"):
        _report(path, horizon=91)
    result = CliRunner().invoke(cli, ["cases", "stats", str(path), "--horizon", "91"])
    assert result.exit_code == 2 and "91" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("late", [1, 2, 3, 4])
def test_two_horizon_steps_do_not_isolate_the_cases_between_them(tmp_path, late):
    # 12 Zorgmeldingen without a follow-up within 60 days; `late` of them get one after 61..89 days.
    cases = []
    for i in range(12):
        start = START + dt.timedelta(days=i)
        events = [("Zorgmelding", start)]
        if i < late:
            events.append(("Melding ontvangen", start + dt.timedelta(days=61 + 7 * i)))
        cases.append(events)
    cases.append([("Melding ontvangen", START + dt.timedelta(days=300))])
    path = _write(tmp_path / "steps.csv", cases)
    at60, at90 = (_politie(path, horizon=h) for h in (60, 90))
    exact60, exact90 = (_politie(path, exact=True, horizon=h) for h in (60, 90))
    assert n(exact60.drop_off) - n(exact90.drop_off) == late  # the cases the attacker wants
    diff = range(max(0, allowed(at60.drop_off).start - (allowed(at90.drop_off).stop - 1)),
                 allowed(at60.drop_off).stop - 1 - allowed(at90.drop_off).start + 1)
    assert late in diff and not recovered_count(diff), (at60.drop_off, at90.drop_off, diff)


# --- attack 4: exactly 5 cases, the median is one case's wait -----------------------------------


@pytest.mark.parametrize("n", [5, 6, 9, 10, 11, 13])
def test_waits_need_ten_cases_and_are_whole_days(tmp_path, n):
    waits = [0.4 + 1.37 * i for i in range(n)]  # fractional: an exact wait would show its fraction
    path = _write(tmp_path / "median.csv", [_handover(i, w) for i, w in enumerate(waits)])
    h = _politie(path)
    shown = [h.median_wait_days, h.p90_wait_days, h.mean_wait_days]
    if n < MIN_CASES_FOR_WAITS:
        assert shown == [None, None, None]
    else:
        assert all(v is not None and float(v).is_integer() for v in shown)
        assert not {round(w, 6) for w in waits} & {round(float(v), 6) for v in shown if v is not None}


# --- attack 5: a 5-case and a 6-case log give the sixth case's wait -------------------------------


def _publish(path: Path) -> dict:
    result = CliRunner().invoke(cli, ["cases", "stats", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    data.pop("source")
    return data


def _flat(value: object, prefix: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _flat(item, f"{prefix}{key}.").items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _flat(item, f"{prefix}{i}.").items()}
    return {prefix.rstrip("."): value}


def _as_count(value: object) -> Count:
    if isinstance(value, int):
        return Count(value, T)
    return Count(None, T, "small" if value == f"<{T}" else "complement")


WAIT_KEYS = ("median_wait_days", "p90_wait_days", "mean_wait_days", "total_wait_days")


@pytest.mark.parametrize(("n", "sixth"), [(5, 3.3), (5, 24.7), (6, 12.2), (7, 1.1), (8, 0.2)])
def test_a_small_log_and_the_same_log_plus_one_case_give_that_case_away_nowhere(tmp_path, n, sixth):
    base = [_handover(i, 2.5 + i) for i in range(n)]
    a = _flat(_publish(_write(tmp_path / "a.csv", base)))
    b = _flat(_publish(_write(tmp_path / "b.csv", [*base, _handover(n, sixth)])))
    for key in a.keys() | b.keys():
        if key.endswith(WAIT_KEYS):
            assert a.get(key) is None and b.get(key) is None, key  # no wait below 10 cases, in either run
    for key in sorted(k for k in a.keys() & b.keys() if a[k] != b[k]):
        assert key.endswith(("month",)) or (isinstance(a[key], int | str) and not key.endswith(WAIT_KEYS)), key
        if key.endswith("month"):
            continue  # the period moves by whole months at most
        diff = difference(allowed(_as_count(b[key])), allowed(_as_count(a[key])))
        assert not recovered_count(diff), (key, a[key], b[key], diff)


@pytest.mark.parametrize("sixth", [0.3, 4.6, 17.9, 60.2])
def test_differencing_means_of_ten_and_eleven_cases_leaves_a_wide_interval(tmp_path, sixth):
    base = [_handover(i, 2.5 + 0.9 * i) for i in range(10)]
    a = _politie(_write(tmp_path / "a.csv", base))
    b = _politie(_write(tmp_path / "b.csv", [*base, _handover(10, sixth)]))
    mean_a, mean_b = known(a.mean_wait_days), known(b.mean_wait_days)
    # Worst case: the attacker knows the logs hold exactly 10 and 11 cases.
    low = 11 * (mean_b - 0.5) - 10 * (mean_a + 0.5)
    high = 11 * (mean_b + 0.5) - 10 * (mean_a - 0.5)
    assert low <= sixth <= high and high - low >= 20  # three weeks wide: no case's wait


def test_deviation_time_totals_do_not_difference_to_one_wait(tmp_path):
    # Politie straight to the lokaal team: a deviation. Its total time is the rounded mean x rounded count.
    def direct(i: int, wait: float) -> list[tuple[str, dt.datetime]]:
        start = START + dt.timedelta(days=3 * i)
        return [("Zorgmelding", start), ("Intake", start + dt.timedelta(days=wait))]

    base = [direct(i, 3.5 + i) for i in range(12)]
    a = _report(_write(tmp_path / "a.csv", base)).deviations[0]
    b = _report(_write(tmp_path / "b.csv", [*base, direct(12, 9.75)])).deviations[0]
    assert a.total_wait_days is not None and float(a.total_wait_days).is_integer()
    assert known(b.total_wait_days) - a.total_wait_days != pytest.approx(9.75, abs=1)


# --- what every published report obeys ------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_every_published_figure_obeys_the_rules(tmp_path, seed):
    import random

    rng = random.Random(seed)
    cases = []
    for _i in range(rng.randint(3, 40)):
        start = START + dt.timedelta(days=rng.randint(0, 120), hours=rng.randint(0, 23))
        events = [("Zorgmelding", start)]
        if rng.random() < 0.8:
            events.append(("Melding ontvangen", start + dt.timedelta(days=rng.uniform(0.1, 15))))
            if rng.random() < 0.5:
                events.append(("Overdracht", events[-1][1] + dt.timedelta(days=rng.uniform(0.5, 5))))
                if rng.random() < 0.6:
                    events.append(("Intake", events[-1][1] + dt.timedelta(days=rng.uniform(0.5, 30))))
        cases.append(events)
    path = _write(tmp_path / "random.csv", cases)
    shown, exact = _report(path), _report(path, exact=True)
    total = n(exact.cases)
    for h in shown.handoffs:
        e = known(exact.handoff(h.handoff_id))
        pairs = [(h.cases, n(e.cases), total), (h.drop_off, n(e.drop_off), n(e.drop_off_base)),
                 (h.ping_pong, n(e.ping_pong), n(e.cases))]
        if h.over_norm is not None:
            pairs.append((h.over_norm, n(e.over_norm), n(e.transitions)))
        for count, true, whole in pairs:
            if count.value is not None:
                assert true >= T and whole - true >= T  # neither the part nor its rest is small
                assert count.value % ROUNDING_BASE == 0 and abs(count.value - true) <= ROUNDING_BASE // 2
            elif count.reason == "small":
                assert true < T
        for wait in (h.median_wait_days, h.p90_wait_days, h.mean_wait_days):
            assert wait is None or (n(e.cases) >= MIN_CASES_FOR_WAITS and float(wait).is_integer())
        if h.share_over_norm is not None:
            assert h.share_over_norm == n(h.over_norm) / n(h.transitions)  # from the rounded counts
    assert shown.first_month == exact.first_month and len(known(shown.first_month)) == 7


def test_check_shows_skipped_rows_and_unmapped_activities_only_protected(tmp_path):
    path = tmp_path / "check.csv"
    rows = ["case_id,timestamp,activity"] + [f"k{i},2025-03-0{1 + i % 5},Zorgmelding" for i in range(12)]
    rows += [",2025-03-04,Zorgmelding", "k1,,Zorgmelding", "k2,2025-03-04,"]  # three rows skipped
    path.write_text("\n".join(rows) + "\n")
    result = CliRunner().invoke(cli, ["cases", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "overgeslagen rijen zonder zaak-id, tijdstip of activiteit: <5" in result.output
    assert "2025-03-0" not in result.output  # months only
    odd = tmp_path / "odd.csv"
    odd.write_text("case_id,timestamp,activity\n" + "".join(
        f"k{i},2025-03-0{1 + i % 5},Zorgmelding\nk{i},2025-03-0{2 + i % 5},Besprek casus{i % 2} intern\n"
        for i in range(12)))
    for command in (["cases", "check", str(odd)], ["cases", "stats", str(odd)], ["cases", "stats", str(odd), "--json"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 0, result.output
        assert "Besprek" not in result.output and "casus" not in result.output  # only counted
    assert Disclosure(T).count(3).label == "<5"
