"""Norm vs practice: what case event logs say about each hand-off.

The chain model says what *should* happen and within which term
(:attr:`graph.model.HandOff.norm`); a pseudonymised event log says what *did*
happen. :func:`practice_stats` joins both, per hand-off:

- ``cases`` / ``transitions``: how many cases (and passages) crossed it;
- median, p90 and mean waiting time in days (percentiles by **linear
  interpolation**, DuckDB ``quantile_cont``; the report states this);
- how many passages went over the norm: working-day norms count Dutch working
  days (:mod:`queries.cases.calendar`), other units compare calendar time
  (a month is 30 days, as in :data:`graph.model.CALENDAR_DAYS_PER_UNIT`);
- drop-off: cases that reached the sending side and had no next event within
  the horizon (only cases observed for at least the horizon count);
- ping-pong: cases handed A → B and straight back B → A;

plus the transitions between organisations that no hand-off of the model
explains (deviations, with volume and time impact), the most frequent
variants and the activities the mapping does not know.

A *transition* is a directly-follows pair of events in one case, ordered by
timestamp and then by position in the file. A transition between two
organisations that the model links by exactly one current hand-off belongs to
that hand-off. An explicit rule of the mapping (``from`` activities → ``to``
activities) measures from a from-activity to the next to-activity of the
case, skipping events that are neither (so "zorgmelding verzonden →
veiligheidsbeoordeling afgerond" can be measured across a registration step). Everything runs in DuckDB, with
no Python loop over rows; the ``LEAD`` result is materialised into a
temporary table before it is aggregated (one pipeline that windows and takes
quantiles at once spills tens of GB at 20M events).

Every figure leaves this module through :class:`queries.cases.suppression.Disclosure`:
counts below the threshold are ``<5`` (zero too), a part whose rest is below the threshold is
``x``, shown counts are rounded to multiples of 5, waits are whole days and only for cells of
at least 10 cases, shares come from the rounded counts, the period is given in months and
activities the mapping does not know are reported only by count. The exact figures never
leave (``docs/security.md`` says why each rule is there).

Examples
--------
>>> from graph.examples import toy_chain
>>> from loaders.cases.events import connect, parse_mapping
>>> con = connect(memory_limit="256MB")
>>> _ = con.execute('''CREATE TEMP TABLE events AS SELECT 'k' || (i // 2) AS case_key,
...     TIMESTAMP '2025-03-03' + INTERVAL (i % 2 * (i // 2 % 3 + 1)) DAY AS ts,
...     CASE WHEN i % 2 = 0 THEN 'Zorgmelding' ELSE 'Melding ontvangen' END AS activity,
...     NULL::VARCHAR AS organisation, i AS rn FROM range(20) t(i)''')
>>> mapping = parse_mapping("activities: {Zorgmelding: politie, Melding ontvangen: veilig-thuis}", toy_chain())
>>> report = practice_stats(EventLog(con, "events", "voorbeeld", 0), mapping, toy_chain())
>>> h = report.handoff("ho-politie-vt")
>>> h.transitions.label, h.median_wait_days, h.norm_unit, report.first_month
('10', 2.0, 'working-days', '2025-03')
>>> h.cases.label  # every case of the log crossed it: a part whose rest (0) is below 5 is hidden
'x'
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from graph.encode import plain
from graph.model import CALENDAR_DAYS_PER_UNIT, ChainModel, HandOff, NormUnit
from graph.settings import MIN_SUPPRESSION_THRESHOLD
from loaders.cases.events import ActivityMapping, EventLog, current_handoffs
from loaders.cases.guard import NameLists
from queries.cases.calendar import holiday_rows
from queries.cases.suppression import Count, Disclosure, check_horizon, month, share

__all__ = [
    "PERCENTILE_METHOD",
    "HandOffPractice",
    "Deviation",
    "Variant",
    "UnmappedActivities",
    "PairStats",
    "PracticeReport",
    "HandOffFigure",
    "practice_stats",
    "directly_follows",
    "handoff_figures",
]

PERCENTILE_METHOD = "linear interpolation (DuckDB quantile_cont)"
UNMAPPED_LABEL = "(activiteit niet in de mapping)"  # stands in for an unmapped activity's name


@dataclass(frozen=True)
class HandOffPractice:
    """Measured practice at one hand-off; all counts suppressed, waits in days."""

    handoff_id: str
    label: str
    from_org: str
    to_org: str
    cases: Count
    transitions: Count
    median_wait_days: float | None
    p90_wait_days: float | None
    mean_wait_days: float | None
    norm_description: str | None
    norm_amount: float | None
    norm_unit: str | None
    over_norm: Count | None  # None: no numeric norm
    share_over_norm: float | None
    drop_off: Count
    drop_off_base: Count
    share_drop_off: float | None
    ping_pong: Count

    @property
    def suppressed(self) -> bool:
        return self.cases.suppressed


@dataclass(frozen=True)
class Deviation:
    """Transitions between two organisations that no hand-off explains."""

    from_org: str
    to_org: str
    in_model: bool  # the model has a hand-off for the pair, but it could not be attributed (ambiguous)
    cases: Count
    transitions: Count
    median_wait_days: float | None
    total_wait_days: float | None


@dataclass(frozen=True)
class Variant:
    """A sequence of activities followed by at least ``threshold`` cases."""

    activities: tuple[str, ...]
    cases: Count


@dataclass(frozen=True)
class UnmappedActivities:
    """Activities of the log the mapping does not place at an organisation, by count only.

    Their names are never shown: an activity can be free text ("Gesprek met …").
    """

    activities: int  # how many distinct activities (not a count of cases)
    events: Count
    cases: Count


@dataclass(frozen=True)
class PairStats:
    """A directly-follows pair of activities (the process-mining DFG edge)."""

    from_activity: str
    to_activity: str
    transitions: Count
    cases: Count
    median_wait_seconds: float | None
    mean_wait_seconds: float | None


@dataclass(frozen=True)
class PracticeReport:
    """Everything :func:`practice_stats` measured, ready to show."""

    source: str
    events: Count
    cases: Count
    first_month: str | None  # "2025-03": periods are shown at month precision
    last_month: str | None
    handoffs: tuple[HandOffPractice, ...]
    deviations: tuple[Deviation, ...]
    variants: tuple[Variant, ...]
    unmapped: UnmappedActivities
    threshold: int
    horizon_days: int
    synthetic: bool = False  # the log is generated (case ids SYN…): label every output
    percentile_method: str = PERCENTILE_METHOD
    notes: tuple[str, ...] = field(default=())
    mapping: str = ""  # the mapping file used

    @property
    def first_day(self) -> dt.date | None:
        """The first day of the first month (the period at month precision)."""
        return None if self.first_month is None else dt.date.fromisoformat(self.first_month + "-01")

    @property
    def last_day(self) -> dt.date | None:
        """The last day of the last month."""
        if self.last_month is None:
            return None
        first = dt.date.fromisoformat(self.last_month + "-01")
        return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)

    @property
    def period(self) -> str:
        """``"2025-03 – 2025-09"`` (``"–"`` for an empty log)."""
        if self.first_month is None:
            return "–"
        return self.first_month if self.first_month == self.last_month else f"{self.first_month} – {self.last_month}"

    def handoff(self, handoff_id: str) -> HandOffPractice | None:
        for item in self.handoffs:
            if item.handoff_id == handoff_id:
                return item
        return None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (:func:`graph.encode.plain`); suppressed counts are the string ``"<5"``."""
        encoded: dict[str, Any] = plain(self, float_digits=4)
        return encoded


# --- SQL helpers --------------------------------------------------------------------------------


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...]:
    """The one row an aggregate query returns."""
    row = con.execute(sql).fetchone()
    if row is None:  # pragma: no cover - an aggregate without GROUP BY always returns a row
        raise AssertionError(f"no row from {sql}")
    return row


def _register(con: duckdb.DuckDBPyConnection, name: str, columns: dict[str, tuple[str, list[Any]]]) -> None:
    """A small lookup table from Python lists (``column -> (SQL type, values)``), as parameters.

    Plain SQL rather than an Arrow table: the first Arrow conversion in a process costs ~0.2 s.
    """
    con.execute(f"DROP TABLE IF EXISTS {name}")
    select = ", ".join(f"unnest(CAST(? AS {typ}[])) AS {col}" for col, (typ, _) in columns.items())
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT {select}", [list(values) for _, values in columns.values()])


def _activity_codes(log: EventLog) -> tuple[list[str], str, list[str], str | None]:
    """The log's activities (and organisation names) with the SQL that turns a row into their index.

    ENUM columns (as :func:`loaders.cases.events.load_events` makes them) use ``enum_code``; plain text
    columns a position in the sorted list of distinct values.
    """
    con = log.con
    types = {name: str(t) for name, t, *_ in con.execute(f"DESCRIBE {log.quoted()}").fetchall()}

    def codes(column: str) -> tuple[list[str], str | None]:
        if column not in types:
            return [], None
        if types[column].startswith("ENUM"):
            # The values come from the type itself: no need to read (for a Parquet view: scan) the log.
            empty = types[column].replace(" ", "") == "ENUM()"
            values = [] if empty else _one(con, f"SELECT enum_range(CAST(NULL AS {types[column]}))")[0]
            return list(values), f"CAST(enum_code({column}) AS INTEGER)"
        values = [v for (v,) in con.execute(
            f"SELECT DISTINCT CAST({column} AS VARCHAR) AS v FROM {log.quoted()} WHERE {column} IS NOT NULL ORDER BY v"
        ).fetchall()]
        literal = "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]::VARCHAR[]"
        return values, f"(list_position({literal}, CAST({column} AS VARCHAR)) - 1)"

    acts, act_sql = codes("activity")
    names, name_sql = codes("organisation")
    return acts, act_sql or "NULL", names, name_sql


def _handoffs_of_period(model: ChainModel, first: dt.date | None, last: dt.date | None,
                        on: dt.date | None) -> tuple[HandOff, ...]:
    """The hand-offs a log is measured against: those valid on ``on`` when given, else
    those valid at some day of the log's own period ``[first, last]`` (a 2019 log is
    judged against the chain of 2019, not today's)."""
    if on is not None:
        return current_handoffs(model, on)
    if first is None or last is None:
        return current_handoffs(model, dt.date.today())
    return tuple(h for h in model.handoffs
                 if (h.valid_from is None or h.valid_from <= last) and (h.valid_to is None or h.valid_to > first))


def _setup_tables(log: EventLog, mapping: ActivityMapping, model: ChainModel, on: dt.date | None) -> dict[str, Any]:
    """Small lookup tables, all in integer codes: activities by their index in the log, organisations
    by their index in the model's sorted organisation ids."""
    con = log.con
    s, i = "VARCHAR", "INTEGER"
    acts, act_sql, names, name_sql = _activity_codes(log)
    act_code = {a: n for n, a in enumerate(acts)}
    orgs = [o.id for o in model.organisations]
    org_code = {o: n for n, o in enumerate(orgs)}
    of_activity = mapping.organisation_of_activity()
    of_name = mapping.organisation_of_log_name()
    act_org = [org_code.get(of_activity.get(a, "")) for a in acts]
    name_org = [org_code.get(of_name.get(n, "")) for n in names]
    rule_rows = sorted({(r.handoff_id, act_code[a], role) for r in mapping.handoffs
                        for role, group in (("from", r.from_activities), ("to", r.to_activities))
                        for a in group if a in act_code})
    rule_code = {h: n for n, h in enumerate(sorted({r[0] for r in rule_rows}))}  # integer partition key
    _register(con, "pm_rule_acts", {"handoff_id": (s, [r[0] for r in rule_rows]),
                                    "activity": (i, [r[1] for r in rule_rows]),
                                    "role": (s, [r[2] for r in rule_rows]),
                                    "rule": (i, [rule_code[r[0]] for r in rule_rows]),
                                    "is_from": ("BOOLEAN", [r[2] == "from" for r in rule_rows])})
    first, last = _one(log.con, f"SELECT CAST(min(ts) AS DATE), CAST(max(ts) AS DATE) FROM {log.quoted()}")
    valid = _handoffs_of_period(model, first, last, on)
    explicit = {r.handoff_id for r in mapping.handoffs}
    by_id = {h.id: h for h in model.handoffs}
    explicit_pairs = sorted({(org_code[by_id[h].from_org], org_code[by_id[h].to_org]) for h in explicit})
    by_pair: dict[tuple[str, str], list[str]] = {}
    for h in valid:
        by_pair.setdefault((h.from_org, h.to_org), []).append(h.id)
    infer = []
    if mapping.infer_by_organisation:
        # A pair is inferred only when one current hand-off links it and no explicit rule covers the pair.
        infer = [(org_code[a], org_code[b], ids[0]) for (a, b), ids in sorted(by_pair.items())
                 if len(ids) == 1 and a != b and (org_code[a], org_code[b]) not in explicit_pairs]
    rule_pairs = sorted((h, org_code[by_id[h].from_org], org_code[by_id[h].to_org]) for h in explicit)
    _register(con, "pm_rule_pairs", {"handoff_id": (s, [r[0] for r in rule_pairs]),
                                     "org_a": (i, [r[1] for r in rule_pairs]),
                                     "org_b": (i, [r[2] for r in rule_pairs])})
    _register(con, "pm_covered", {"org_a": (i, [a for a, _ in explicit_pairs]),
                                  "org_b": (i, [b for _, b in explicit_pairs])})
    _register(con, "pm_infer", {"org_a": (i, [r[0] for r in infer]), "org_b": (i, [r[1] for r in infer]),
                                "handoff_id": (s, [r[2] for r in infer])})
    # The sending side of each hand-off, for drop-off: explicit from-activities, else the from-organisation.
    side_act = sorted({(r.handoff_id, act_code[f]) for r in mapping.handoffs
                       for f in r.from_activities if f in act_code})
    side_org = [(hid, a) for a, b, hid in infer]
    _register(con, "pm_side_act", {"handoff_id": (s, [r[0] for r in side_act]),
                                   "activity": (i, [r[1] for r in side_act])})
    _register(con, "pm_side_org", {"handoff_id": (s, [r[0] for r in side_org]), "org": (i, [r[1] for r in side_org])})
    _register(con, "pm_end", {"activity": (i, [act_code[a] for a in mapping.end_activities if a in act_code])})
    norms = [(h.id, h.norm.unit, float(h.norm.amount)) for h in valid
             if h.norm is not None and h.norm.amount is not None and h.norm.unit is not None]
    _register(con, "pm_norms", {
        "handoff_id": (s, [hid for hid, _, _ in norms]),
        "working": ("BOOLEAN", [unit is NormUnit.WORKING_DAYS for _, unit, _ in norms]),
        "amount": ("DOUBLE", [amount for _, _, amount in norms]),
        "cal_days": ("DOUBLE", [amount * CALENDAR_DAYS_PER_UNIT[unit] for _, unit, amount in norms]),
    })
    all_pairs = sorted({(org_code[h.from_org], org_code[h.to_org]) for h in model.handoffs})
    _register(con, "pm_model_pairs", {"org_a": (i, [a for a, _ in all_pairs]), "org_b": (i, [b for _, b in all_pairs])})

    def int_list(values: list[int | None]) -> str:
        return "[" + ", ".join("NULL" if v is None else str(int(v)) for v in values) + "]::INTEGER[]"

    org_sql = f"list_extract({int_list(act_org)}, {act_sql} + 1)"
    if name_sql is not None and any(v is not None for v in name_org):
        org_sql = f"coalesce({org_sql}, list_extract({int_list(name_org)}, {name_sql} + 1))"
    return {"valid": valid, "by_pair": by_pair, "explicit": explicit, "acts": acts, "orgs": orgs,
            "act_sql": act_sql, "org_sql": org_sql}


def _calendar(con: duckdb.DuckDBPyConnection, first: dt.date, last: dt.date) -> None:
    """``pm_cal(d, wd_cum)``: cumulative working days up to and including each date."""
    rows = holiday_rows(first.year, last.year)
    _register(con, "pm_holidays", {"d": ("DATE", [d for d, _ in rows]), "name": ("VARCHAR", [n for _, n in rows])})
    con.execute("DROP TABLE IF EXISTS pm_cal")
    con.execute(
        """
        CREATE TEMP TABLE pm_cal AS
        SELECT d, sum(CASE WHEN isodow(d) <= 5 AND h.d IS NULL THEN 1 ELSE 0 END) OVER (ORDER BY d) AS wd_cum
        FROM (SELECT CAST(g AS DATE) AS d FROM generate_series(CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP),
                                                                 INTERVAL 1 DAY) t(g)) days
        LEFT JOIN pm_holidays h USING (d)
        """,
        [first, last],
    )


def _build_transitions(log: EventLog, act_sql: str, org_sql: str) -> None:
    """Materialise every event with its direct successor (``LEAD``) into ``pm_tr``, in integer codes.

    ``pos`` is the event's place in its case (by timestamp, then file order); later windows order by it.
    """
    con = log.con
    con.execute("DROP TABLE IF EXISTS pm_tr")
    con.execute(
        f"""
        CREATE TEMP TABLE pm_tr AS
        SELECT e.case_key, e.a AS act_a, e.o AS org_a, e.ts AS ts_a,
               lead(e.a) OVER w AS act_b, lead(e.o) OVER w AS org_b, lead(e.ts) OVER w AS ts_b,
               row_number() OVER w AS pos
        FROM (SELECT case_key, ts, rn, {act_sql} AS a, {org_sql} AS o FROM {log.quoted()}) e
        WINDOW w AS (PARTITION BY e.case_key ORDER BY e.ts, e.rn)
        """
    )
    # The transitions that change organisation (a small part of all): hand-offs by organisation pair,
    # ping-pong and deviations are read from here instead of scanning every transition again.
    con.execute("DROP TABLE IF EXISTS pm_cross")
    con.execute(
        """
        CREATE TEMP TABLE pm_cross AS
        SELECT case_key, pos, org_a, org_b, ts_a, ts_b FROM pm_tr
        WHERE org_a IS NOT NULL AND org_b IS NOT NULL AND org_a <> org_b
        """
    )


def _drop_off(con: duckdb.DuckDBPyConnection, cutoff: dict[str, Any], horizon_s: int, n_acts: int, n_orgs: int, *,
              bits_per_pass: int = 62) -> dict[str, tuple[int, int]]:
    """Per hand-off (cases observed on its sending side, of which dropped off), from ``pm_tr``.

    Each sending side is one bit of a BIGINT mask; more than ``bits_per_pass`` sides take more passes.
    """
    side_act = con.execute("SELECT handoff_id, activity FROM pm_side_act").fetchall()
    side_org = con.execute("SELECT handoff_id, org FROM pm_side_org").fetchall()
    sides = ([("act", h) for h in sorted({h for h, _ in side_act})]
             + [("org", o) for o in sorted({o for _, o in side_org})])
    counts: dict[tuple[str, Any], tuple[int, int]] = {}
    for first in range(0, len(sides), bits_per_pass):
        chunk = sides[first:first + bits_per_pass]
        act_mask, org_mask = [0] * n_acts, [0] * n_orgs
        for bit, (kind, key) in enumerate(chunk):
            if kind == "act":
                for h, a in side_act:
                    if h == key:
                        act_mask[a] |= 1 << bit
            else:
                org_mask[key] |= 1 << bit
        masks = [f"[{', '.join(map(str, m or [0]))}]::BIGINT[]" for m in (act_mask, org_mask)]
        rows = con.execute(
            f"""
            WITH per_case AS (
                SELECT bit_or(bits) AS seen, coalesce(bit_or(bits) FILTER (WHERE dropped), 0) AS gone
                FROM (SELECT case_key,
                             coalesce(list_extract({masks[0]}, act_a + 1), 0)
                             | coalesce(list_extract({masks[1]}, org_a + 1), 0) AS bits,
                             (ts_b IS NULL OR epoch(ts_b - ts_a) > {horizon_s})
                             AND NOT (ts_b IS NULL AND act_a IN (SELECT activity FROM pm_end)) AS dropped
                      FROM pm_tr WHERE epoch(CAST($cutoff AS TIMESTAMP) - ts_a) >= {horizon_s})
                WHERE bits <> 0
                GROUP BY case_key
            )
            SELECT b.i, count(*) FILTER (WHERE (seen >> b.i) & 1 = 1), count(*) FILTER (WHERE (gone >> b.i) & 1 = 1)
            FROM per_case, range({len(chunk)}) b(i) GROUP BY b.i
            """, cutoff
        ).fetchall()
        for bit, base, dropped in rows:
            counts[chunk[bit]] = (int(base), int(dropped))
    drop = {h: counts.get(("act", h), (0, 0)) for h, _ in side_act}
    drop.update({h: counts.get(("org", o), (0, 0)) for h, o in side_org})
    return drop


def _f(value: Any) -> float | None:
    return None if value is None else float(value)


def practice_stats(
    log: EventLog,
    mapping: ActivityMapping,
    model: ChainModel,
    *,
    threshold: int = MIN_SUPPRESSION_THRESHOLD,
    horizon_days: int = 90,
    top_variants: int = 10,
    on: dt.date | None = None,
) -> PracticeReport:
    """Per hand-off figures of a loaded event log, suppressed.

    Parameters
    ----------
    log : EventLog
        From :func:`loaders.cases.events.load_events` (or any table with the same columns).
    mapping : ActivityMapping
        From :func:`loaders.cases.events.load_mapping`, validated against ``model``.
    model : ChainModel
    threshold : int
        Small-cell suppression threshold (>= 5).
    horizon_days : int
        A case that reached the sending side and has no next event within
        this many days counts as dropped off; one of
        :data:`queries.cases.suppression.HORIZON_STEPS` (30, 60, 90, 180, 365).
    top_variants : int
        How many of the most frequent variants to list.
    on : date, optional
        Measure against the hand-offs valid on this day; default: those valid
        during the log's own period (first to last event).

    Returns
    -------
    PracticeReport
        Protected figures only (:class:`queries.cases.suppression.Disclosure`).
    """
    check_horizon(horizon_days)
    return _practice(log, mapping, model, Disclosure(threshold), horizon_days=horizon_days,
                     top_variants=top_variants, on=on)


def _practice(log: EventLog, mapping: ActivityMapping, model: ChainModel, disclosure: Disclosure, *,
              horizon_days: int = 90, top_variants: int = 10, on: dt.date | None = None) -> PracticeReport:
    """:func:`practice_stats` with the disclosure rules passed in (tests check the arithmetic with
    the exact, unprotected figures; output always goes through :class:`Disclosure`)."""
    threshold = disclosure.threshold
    d = disclosure
    con = log.con
    ctx = _setup_tables(log, mapping, model, on)
    _build_transitions(log, ctx["act_sql"], ctx["org_sql"])
    first, last, n_events, n_cases = _one(
        con, "SELECT CAST(min(ts_a) AS DATE), CAST(max(ts_a) AS DATE), count(*), count(*) FILTER (WHERE pos = 1) "
             "FROM pm_tr"
    )
    if n_events == 0:
        return PracticeReport(log.source, d.count(0), d.count(0), None, None, (), (), (),
                              UnmappedActivities(0, d.count(0), d.count(0)), threshold, horizon_days, log.synthetic,
                              mapping=mapping.source)
    _calendar(con, first, last)
    acts, orgs = ctx["acts"], ctx["orgs"]

    # Attribute each transition to a hand-off: an explicit activity pair first, else the organisation pair.
    con.execute("DROP TABLE IF EXISTS pm_hx")
    con.execute(
        """
        CREATE TEMP TABLE pm_hx AS
        SELECT i.handoff_id, t.case_key, t.ts_a, t.ts_b, epoch(t.ts_b - t.ts_a) / 86400.0 AS wait_days
        FROM pm_cross t JOIN pm_infer i ON i.org_a = t.org_a AND i.org_b = t.org_b
        """
    )
    # Explicit rules: a from-activity directly followed by a to-activity once the case is projected on
    # the rule's own activities (other events in between are skipped, e.g. a registration step).
    # Partitioned on integer codes and ordered by the case position (pos follows ts, then file order).
    con.execute(
        """
        INSERT INTO pm_hx
        SELECT r.handoff_id, x.case_key, x.ts_a, x.ts_b, epoch(x.ts_b - x.ts_a) / 86400.0
        FROM (SELECT p.rule, t.case_key, p.is_from, t.ts_a,
                     lead(p.is_from) OVER w AS from_b, lead(t.ts_a) OVER w AS ts_b
              FROM pm_tr t JOIN pm_rule_acts p ON p.activity = t.act_a
              WINDOW w AS (PARTITION BY p.rule, t.case_key ORDER BY t.pos)) x
        JOIN (SELECT DISTINCT rule, handoff_id FROM pm_rule_acts) r ON r.rule = x.rule
        WHERE x.is_from AND NOT x.from_b
        """
    )
    stats = con.execute(
        """
        SELECT x.handoff_id, count(DISTINCT x.case_key), count(*),
               quantile_cont(x.wait_days, [0.5, 0.9]), avg(x.wait_days),  -- both quantiles from one sort
               count(*) FILTER (WHERE CASE WHEN n.working THEN (c2.wd_cum - c1.wd_cum) > n.amount
                                           ELSE x.wait_days > n.cal_days END),
               any_value(n.handoff_id) IS NOT NULL
        FROM pm_hx x
        LEFT JOIN pm_norms n ON n.handoff_id = x.handoff_id
        LEFT JOIN pm_cal c1 ON n.working AND c1.d = CAST(x.ts_a AS DATE)
        LEFT JOIN pm_cal c2 ON n.working AND c2.d = CAST(x.ts_b AS DATE)
        GROUP BY x.handoff_id
        """
    ).fetchall()
    horizon_s = int(horizon_days) * 86400
    # Drop-off: events observed for at least the horizon, with no next event within it (a case
    # ending on an end activity closed properly). Each sending side (a hand-off's from-activities, or a
    # sending organisation) is a bit; one pass groups the observed events per case into the sides seen
    # and the sides dropped at, then the cases are counted per bit (62 sides per pass).
    cutoff = {"cutoff": dt.datetime.combine(last, dt.time.max)}
    drop = _drop_off(con, cutoff, horizon_s, len(acts), len(orgs))
    ping = dict(con.execute(
        """
        WITH b AS (
            SELECT case_key, org_a, org_b, lead(org_b) OVER (PARTITION BY case_key ORDER BY pos) AS org_c
            FROM pm_cross
        )
        SELECT h.handoff_id, count(DISTINCT b.case_key)
        FROM b JOIN (SELECT org_a, org_b, handoff_id FROM pm_infer
                     UNION SELECT org_a, org_b, handoff_id FROM pm_rule_pairs) h
          ON h.org_a = b.org_a AND h.org_b = b.org_b
        WHERE b.org_c = b.org_a
        GROUP BY h.handoff_id
        """
    ).fetchall())
    by_id = {h.id: h for h in model.handoffs}
    handoffs = []
    for hid, cases, transitions, (median, p90), mean, over, has_norm in stats:
        h = by_id[hid]
        # Each part beside its whole: hidden when the rest (whole minus part) is below the threshold.
        c = d.part(cases, of=n_cases)
        base, dropped = drop.get(hid, (0, 0))
        tr_c = d.count(transitions)
        over_c = d.part(over, of=transitions) if has_norm else None
        drop_c, base_c = d.part(dropped, of=base), d.count(base)
        median_d, p90_d, mean_d = d.waits(cases, _f(median), _f(p90), _f(mean))
        handoffs.append(HandOffPractice(
            handoff_id=hid, label=h.label, from_org=h.from_org, to_org=h.to_org, cases=c, transitions=tr_c,
            median_wait_days=median_d, p90_wait_days=p90_d, mean_wait_days=mean_d,
            norm_description=h.norm.description if h.norm else None,
            norm_amount=h.norm.amount if h.norm else None,
            norm_unit=str(h.norm.unit) if h.norm and h.norm.unit else None,
            over_norm=over_c, share_over_norm=None if over_c is None else share(over_c, tr_c),
            drop_off=drop_c, drop_off_base=base_c, share_drop_off=share(drop_c, base_c),
            ping_pong=d.part(ping.get(hid, 0), of=cases),
        ))
    handoffs.sort(key=lambda p: (model.phase_order.get(by_id[p.handoff_id].phase, 99), p.handoff_id))

    deviations = []
    for a, b, in_model, cases, transitions, median, mean in con.execute(
        """
        SELECT t.org_a, t.org_b, mp.org_a IS NOT NULL, count(DISTINCT t.case_key), count(*),
               quantile_cont(epoch(t.ts_b - t.ts_a) / 86400.0, 0.5),
               sum(datediff('microsecond', t.ts_a, t.ts_b)) / 86400e6 / count(*)  -- integer sum: any thread order
        FROM pm_cross t
        LEFT JOIN pm_covered r ON r.org_a = t.org_a AND r.org_b = t.org_b
        LEFT JOIN pm_infer i ON i.org_a = t.org_a AND i.org_b = t.org_b
        LEFT JOIN pm_model_pairs mp ON mp.org_a = t.org_a AND mp.org_b = t.org_b
        WHERE r.org_a IS NULL AND i.handoff_id IS NULL
        GROUP BY ALL ORDER BY count(*) DESC
        """
    ).fetchall():
        tr = d.count(transitions)
        median_d, mean_d = d.waits(cases, _f(median), _f(mean))
        # The time impact from shown figures only (rounded mean x rounded count): an exact sum of
        # waits would give one case's wait away when two runs differ by that case.
        total: float | None = None
        if d.exact:
            total = float(mean) * int(transitions)
        elif mean_d is not None and tr.value is not None:
            total = mean_d * tr.value
        deviations.append(Deviation(orgs[a], orgs[b], bool(in_model), d.part(cases, of=n_cases), tr, median_d, total))

    deviations.sort(key=lambda d: (-(d.transitions.value or 0), d.from_org, d.to_org))
    # Variants without an ordered aggregate over all events: a position-aware fingerprint per case
    # (sum of hash(activity, position)), grouped; the activity list is read back for the top ones only.
    top = con.execute(
        """
        SELECT fp, n, rep FROM (
            SELECT fp, len, count(*) AS n, min(case_key) AS rep
            FROM (SELECT case_key, sum(hash(act_a, pos)) AS fp, count(*) AS len FROM pm_tr GROUP BY case_key)
            GROUP BY fp, len)
        WHERE n >= ? ORDER BY n DESC, fp LIMIT ?
        """,
        [threshold, int(top_variants)],
    ).fetchall()
    acts_of = dict(con.execute(
        "SELECT case_key, list(act_a ORDER BY pos) FROM pm_tr WHERE case_key IN (SELECT unnest(?)) GROUP BY case_key",
        [[rep for _, _, rep in top]],
    ).fetchall()) if top else {}
    unmapped_row = con.execute(
        "SELECT count(DISTINCT act_a), count(*), count(DISTINCT case_key) FROM pm_tr WHERE org_a IS NULL"
    ).fetchall()[0]
    unmapped_codes = {a for (a,) in con.execute("SELECT DISTINCT act_a FROM pm_tr WHERE org_a IS NULL").fetchall()}
    # An activity the mapping does not know is never shown by name, not even inside a variant.
    variants = tuple(sorted(
        (Variant(tuple(UNMAPPED_LABEL if a in unmapped_codes else acts[a] for a in acts_of[rep]),
                 d.part(n, of=n_cases)) for _, n, rep in top),
        key=lambda v: (-(v.cases.value or 0), v.activities)))
    unmapped = UnmappedActivities(int(unmapped_row[0]), d.count(unmapped_row[1]), d.count(unmapped_row[2]))
    notes = []
    seen = {(d.from_org, d.to_org) for d in deviations if d.in_model}
    for (a, b), ids in sorted(ctx["by_pair"].items()):
        if (a, b) in seen and len(ids) > 1:
            notes.append(f"{a} → {b}: {len(ids)} hand-offs valid in the log's period ({', '.join(ids)}); transitions "
                         "between them are only attributed through explicit activity pairs in the mapping")
    return PracticeReport(
        source=log.source, events=d.count(n_events), cases=d.count(n_cases), first_month=month(first),
        last_month=month(last),
        handoffs=tuple(handoffs), deviations=tuple(deviations), variants=variants, unmapped=unmapped,
        threshold=threshold, horizon_days=int(horizon_days), synthetic=log.synthetic, notes=tuple(notes),
        mapping=mapping.source,
    )


def directly_follows(log: EventLog, *, threshold: int = MIN_SUPPRESSION_THRESHOLD) -> tuple[PairStats, ...]:
    """The directly-follows graph of the log: per activity pair, count and waits (seconds), suppressed.

    The same figures as a process-mining frequency and performance DFG
    (events ordered by timestamp, then file position).
    """
    return _directly_follows(log, Disclosure(threshold))


def _directly_follows(log: EventLog, d: Disclosure) -> tuple[PairStats, ...]:
    """:func:`directly_follows` with the disclosure rules passed in (exact only for tests)."""
    con = log.con
    con.execute("DROP TABLE IF EXISTS pm_dfg")
    con.execute(
        f"""
        CREATE TEMP TABLE pm_dfg AS
        SELECT activity AS act_a, case_key, lead(activity) OVER w AS act_b, epoch(lead(ts) OVER w - ts) AS wait_s
        FROM {log.quoted()} WINDOW w AS (PARTITION BY case_key ORDER BY ts, rn)
        """
    )
    rows = con.execute(
        """
        SELECT CAST(act_a AS VARCHAR) AS a, CAST(act_b AS VARCHAR) AS b, count(*), count(DISTINCT case_key),
               quantile_cont(wait_s, 0.5), avg(wait_s)
        FROM pm_dfg WHERE act_b IS NOT NULL GROUP BY a, b ORDER BY a, b
        """
    ).fetchall()
    con.execute("DROP TABLE pm_dfg")
    out = []
    for a, b, n, cases, median, mean in rows:
        if int(cases) < d.threshold and not d.exact:
            continue  # a pair of fewer cases is not listed: its activity names could be one case's
        if d.exact:
            median_s, mean_s = _f(median), _f(mean)
        else:
            median_d, mean_d = d.waits(cases, float(median) / 86400, float(mean) / 86400)
            median_s = None if median_d is None else median_d * 86400
            mean_s = None if mean_d is None else mean_d * 86400
        out.append(PairStats(a, b, d.count(n), d.count(cases), median_s, mean_s))
    return tuple(out)


@dataclass(frozen=True)
class HandOffFigure:
    """What the map needs per hand-off: volume for the edge width, share over norm for colour/dash."""

    handoff_id: str
    from_org: str
    to_org: str
    volume: int | None  # cases; None when suppressed
    volume_label: str  # "123" or "<5"
    median_wait_days: float | None
    share_over_norm: float | None  # None: no numeric norm, or suppressed
    norm_label: str | None
    synthetic: bool


def handoff_figures(report: PracticeReport) -> tuple[HandOffFigure, ...]:
    """Per hand-off figures for the map, as plain dataclasses (suppression already applied)."""
    return tuple(
        HandOffFigure(h.handoff_id, h.from_org, h.to_org, h.cases.value, h.cases.label, h.median_wait_days,
                      h.share_over_norm, h.norm_description, report.synthetic)
        for h in report.handoffs
    )


def analyse_log(
    path: str | os.PathLike[str],
    *,
    mapping_path: str | os.PathLike[str],
    model: ChainModel,
    threshold: int = MIN_SUPPRESSION_THRESHOLD,
    horizon_days: int = 90,
    salt: str | None = None,
    memory_limit: str = "2GB",
    on: dt.date | None = None,
    names: NameLists | None = None,
) -> PracticeReport:
    """Load a log and a mapping from disk and return :func:`practice_stats` (convenience for CLI and UI).

    The log passes the privacy gate first (:func:`loaders.cases.events.load_events`); the
    connection and its private spill folder are gone when this returns, error or not. ``on``
    chooses which hand-offs are current (default: those of the log's own period).
    """
    from loaders.cases.events import load_events, load_mapping, private_connection

    check_horizon(horizon_days)
    mapping = load_mapping(mapping_path, model)
    with private_connection(memory_limit=memory_limit) as con:
        log = load_events(Path(path), con=con, salt=salt, names=names)
        return practice_stats(log, mapping, model, threshold=threshold, horizon_days=horizon_days, on=on)
