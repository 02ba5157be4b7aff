"""A seeded generator of synthetic case event logs for the Haaglanden chain.

SYNTHETIC DATA: no real case is in here. The generator draws cases along a
small tree of routes through the chain (signal → Veilig Thuis → lokaal team,
onderzoek, Raad voor de Kinderbescherming, kinderrechter, gecertificeerde
instelling; politie → huisverbod → hulp) with branch shares and waiting
times calibrated on published figures (``shared/domain/brief.md`` §3–4):

- route shares: a huisverbod in ≈6% of politie-meldingen (Den Haag: ≈270
  huisverboden a year against ≈4,700 VT-meldingen a year, 2,337 in H1 2017);
  police ≈ a third of VT-meldingen (38,000 of ≈120,000 in 2021);
- Veilig Thuis veiligheidsbeoordeling: norm 5 working days, many late
  (≈4,200 a month late nationally in 2023): median ≈4 days, long tail;
- VT onderzoek: norm 10 weeks, VT Haaglanden < 60% on time (Q4 2018):
  median ≈9 weeks;
- Raad voor de Kinderbescherming: start norm 10 days, mean wait 30 days
  (Jan 2019): median ≈24 days;
- gecertificeerde instelling after an OTS: waiting lists (7 of 13 GIs with
  > 100 children waiting, 2024): median ≈3 weeks to a jeugdbeschermer;
- drop-off after the overdracht to the lokaal team ("risico's raken uit
  beeld") and ping-pong back to Veilig Thuis; a deviating direct route
  politie → jeugd-en-wijkteams that the chain model has no hand-off for.

Volume scales with the number of events asked for; shares and waits do not.
The whole draw is vectorised with numpy (no loop over events), so tens of
millions of events take seconds.

>>> table = generate_events(2000, seed=7)
>>> table.column_names
['case_id', 'timestamp', 'activity', 'organisation']
>>> table.num_rows >= 2000
True
>>> generate_events(500, seed=7).equals(generate_events(500, seed=7))
True
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph.errors import ChainError
from loaders.cases.events import SYNTHETIC_PREFIX

__all__ = ["Step", "ROUTES", "routes", "generate_events", "write_events", "SYNTHETIC_NOTE"]

SYNTHETIC_NOTE = "SYNTHETISCH: gegenereerde gebeurtenissen, geen echte zaken (ketenkaart generate_events)"


@dataclass(frozen=True)
class Step:
    """One event of a route: what happens, where, and how long after the previous event.

    ``median_days`` = 0 puts the event at the same timestamp as the previous one
    (date-only exports do this; file order then decides).
    """

    activity: str
    organisation: str
    median_days: float
    sigma: float = 0.6


# A route tree: (steps, [(probability, subtree), ...]). Probabilities of the children sum to <= 1;
# the rest ends the case after `steps` without a closing event (a case that stalls: drop-off).
RouteTree: TypeAlias = tuple[list[Step], list[tuple[float, "RouteTree"]]]

_VT_CLOSE: RouteTree = ([Step("Zaak afgesloten", "veilig-thuis-haaglanden", 5, 0.6)], [])
_GI: RouteTree = ([Step("Jeugdbeschermer toegewezen", "jeugdbescherming-west", 21, 0.8),
        Step("Plan van aanpak vastgesteld", "jeugdbescherming-west", 28, 0.5)], [])
_OTS = ([Step("Verzoek OTS ingediend", "raad-voor-de-kinderbescherming", 45, 0.4),
         Step("Zitting kinderrechter", "kinderrechter", 21, 0.5),
         Step("OTS uitgesproken", "kinderrechter", 0)], [(1.0, _GI)])
_RAAD = ([Step("Verzoek tot onderzoek Raad", "veilig-thuis-haaglanden", 3, 0.5),
          Step("Raadsonderzoek gestart", "raad-voor-de-kinderbescherming", 24, 0.7)],
         [(0.6, _OTS), (0.38, ([Step("Raadsonderzoek afgerond", "raad-voor-de-kinderbescherming", 60, 0.3)], []))])
_ONDERZOEK = ([Step("Onderzoek gestart", "veilig-thuis-haaglanden", 7, 0.6),
               Step("Onderzoek afgerond", "veilig-thuis-haaglanden", 63, 0.35)], [(0.35, _RAAD), (0.62, _VT_CLOSE)])
_HULP: RouteTree = ([Step("Hulp afgerond", "jeugd-en-wijkteams", 45, 0.3)], [])
_TERUG = ([Step("Terugmelding Veilig Thuis", "jeugd-en-wijkteams", 30, 0.7),
           Step("Melding ontvangen", "veilig-thuis-haaglanden", 1, 0.8)], [(1.0, _VT_CLOSE)])
_WIJKTEAM = ([Step("Overdracht lokaal team", "veilig-thuis-haaglanden", 2, 0.6)],
             [(0.85, ([Step("Intake jeugd- en wijkteam", "jeugd-en-wijkteams", 14, 0.7)],
                      [(0.12, _TERUG), (0.86, _HULP)]))])
_VT = (
    [
        Step("Melding ontvangen", "veilig-thuis-haaglanden", 1, 0.8),
        Step("Melding geregistreerd", "veilig-thuis-haaglanden", 0),
        Step("Veiligheidsbeoordeling afgerond", "veilig-thuis-haaglanden", 4, 0.7),
    ],
    [
        (0.45, _WIJKTEAM),
        (0.20, _ONDERZOEK),
        (0.05, ([Step("Crisisinterventie", "crisisinterventieteam", 0.2, 0.8)], [])),
        (0.28, _VT_CLOSE),
    ],
)
_HUISVERBOD = (
    [
        Step("Huisverbod voorgesteld", "hulpofficier-van-justitie", 0.1, 0.5),
        Step("Huisverbod opgelegd", "burgemeester-den-haag", 0.2, 0.5),
        Step("Melding ontvangen", "veilig-thuis-haaglanden", 0.5, 0.6),
        Step("Hulpaanbod na huisverbod", "veilig-thuis-haaglanden", 3, 0.5),
    ],
    [(0.5, _WIJKTEAM), (0.5, _VT_CLOSE)],
)
ROUTES: RouteTree = (
    [],
    [
        (0.35, ([Step("Incident huiselijk geweld", "politie", 0), Step("Zorgmelding verzonden", "politie", 1, 0.8)],
                [(0.06, _HUISVERBOD), (0.90, _VT),
                 (0.04, ([Step("Intake jeugd- en wijkteam", "jeugd-en-wijkteams", 5, 0.8)], [(1.0, _HULP)]))])),
        (0.50, ([Step("Melding professional", "meldcode-professionals", 0)], [(1.0, _VT)])),
        (0.15, ([Step("Melding burger", "veilig-thuis-haaglanden", 0)], [(1.0, _VT)])),
    ],
)


def routes() -> list[tuple[float, tuple[Step, ...]]]:
    """Every complete route of the tree with its probability (they sum to 1).

    >>> round(sum(p for p, _ in routes()), 9)
    1.0
    """
    out: list[tuple[float, tuple[Step, ...]]] = []

    def walk(node, prefix: tuple[Step, ...], p: float) -> None:
        steps, children = node
        path = prefix + tuple(steps)
        rest = 1.0 - sum(q for q, _ in children)
        if rest > 1e-12 and path:
            out.append((p * rest, path))
        for q, child in children:
            walk(child, path, p * q)

    walk(ROUTES, (), 1.0)
    return out


def generate_events(
    events: int,
    *,
    seed: int = 2017,
    start: dt.date = dt.date(2023, 1, 1),
    days: int = 730,
) -> pa.Table:
    """Draw at least ``events`` synthetic events (whole cases), as an Arrow table.

    Parameters
    ----------
    events : int
        Number of events wanted; the last case is completed, so a few more may come.
    seed : int
        Seed of the numpy generator; the same seed gives the same table.
    start, days : date, int
        Cases start uniformly in ``[start, start + days)``, during office hours.

    Returns
    -------
    pyarrow.Table
        ``case_id`` (``SYN…``), ``timestamp`` (minute resolution), ``activity``,
        ``organisation``; rows ordered by timestamp, ties in case and route order.
    """
    if events < 1:
        raise ChainError(f"--events must be at least 1, got {events}")
    rng = np.random.default_rng(seed)
    table = routes()
    probs = np.array([p for p, _ in table])
    probs = probs / probs.sum()
    lengths = np.array([len(path) for _, path in table])
    n_cases = int(np.ceil(events / float(probs @ lengths))) + 1
    choice = rng.choice(len(table), size=n_cases, p=probs)
    # Grow until the events asked for are there (at most a few extra cases).
    while lengths[choice].sum() < events:
        choice = np.concatenate([choice, rng.choice(len(table), size=max(1, n_cases // 100), p=probs)])
    n_cases = len(choice)
    start_min = rng.integers(0, days, size=n_cases) * 1440 + rng.integers(8 * 60, 17 * 60, size=n_cases)
    case_parts, ts_parts, act_parts, step_parts = [], [], [], []
    activities = sorted({s.activity for _, path in table for s in path})
    act_index = {a: i for i, a in enumerate(activities)}
    org_of = {s.activity: s.organisation for _, path in table for s in path}
    for r, (_, path) in enumerate(table):
        cases = np.flatnonzero(choice == r)
        if cases.size == 0:
            continue
        medians = np.array([s.median_days for s in path])
        sigmas = np.array([s.sigma for s in path])
        draws = rng.lognormal(mean=np.log(np.where(medians > 0, medians, 1.0)), sigma=sigmas,
                              size=(cases.size, len(path)))
        waits_min = np.where(medians > 0, np.round(draws * 1440), 0).astype(np.int64)
        waits_min[:, 0] = 0
        times = start_min[cases, None] + np.cumsum(waits_min, axis=1)
        case_parts.append(np.repeat(cases, len(path)))
        ts_parts.append(times.ravel())
        act_parts.append(np.tile([act_index[s.activity] for s in path], cases.size))
        step_parts.append(np.tile(np.arange(len(path)), cases.size))
    case = np.concatenate(case_parts)
    ts = np.concatenate(ts_parts)
    act = np.concatenate(act_parts)
    step = np.concatenate(step_parts)
    order = np.lexsort((step, case, ts))  # by time; equal times in case, then route order
    case, ts, act = case[order], ts[order], act[order]
    base = np.datetime64(start.isoformat(), "m")
    stamps = base + ts.astype("timedelta64[m]")
    act_dict = pa.array(activities, type=pa.string())
    org_dict = pa.array([org_of[a] for a in activities], type=pa.string())
    width = max(8, len(str(n_cases)))
    digits = pc.utf8_lpad(pc.cast(pa.array(case, type=pa.int64()), pa.string()), width=width, padding="0")
    case_ids = pc.utf8_replace_slice(digits, start=0, stop=0, replacement=SYNTHETIC_PREFIX)  # the prefix in front
    return pa.table({
        "case_id": case_ids,
        "timestamp": pa.array(stamps.astype("datetime64[s]"), type=pa.timestamp("s")),
        "activity": pa.DictionaryArray.from_arrays(pa.array(act, type=pa.int32()), act_dict).cast(pa.string()),
        "organisation": pa.DictionaryArray.from_arrays(pa.array(act, type=pa.int32()), org_dict).cast(pa.string()),
    })


def write_events(table: pa.Table, out: str | os.PathLike) -> Path:
    """Write a generated table as ``.parquet`` or ``.csv`` (by suffix)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        pq.write_table(table, out, compression="zstd", metadata_collector=None)
    elif suffix == ".csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, out)
    else:
        raise ChainError(f"{out.name}: write .csv or .parquet, not {suffix!r}")
    return out
