"""The content of the report "Overzicht bevindingen Doorbraakteam" over a period (pure; no layout).

What the team tells the council committee: how many casussen were reviewed,
where in the chain they got stuck (per category and per hand-off), the
systeemknelpunten and the level they were taken to, and the agreements beyond
the casus with their status. Nothing at casus level: no codes, no
descriptions, no evidence text, no casus-level agreements; every case count is
suppressed (``<5``). :mod:`ui.exports.register_report` lays it out as PDF and DOCX.

>>> import datetime as dt
>>> from graph.examples import toy_chain
>>> from loaders.register.demo import example_snapshot
>>> o = overview(example_snapshot(), toy_chain(), dt.date(2026, 1, 1), dt.date(2026, 12, 31), today=dt.date(2026, 12, 1))
>>> o.casussen.label, [h.name for h in o.handoffs]
('<5', ['Veilig Thuis → Lokaal team (Vrijwillige hulp mogelijk)', 'Raad voor de Kinderbescherming → Kinderrechter (Verzoek OTS)'])
>>> print(o.summary[0].nl)
In de periode 1 januari 2026 – 31 december 2026 besprak het Doorbraakteam <5 casussen met <5 knelpunten.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from graph.model import ChainModel
from graph.settings import MIN_SUPPRESSION_THRESHOLD
from graph.text import Phrase, element_name, join_en, join_nl
from graph.vocab import CATEGORY_NAMES, Category
from loaders.register.records import Agreement, Snapshot
from loaders.register.vocab import AgreementStatus, Level, name
from queries.cases.suppression import Count
from queries.register.aggregates import (
    CategoryTotal,
    category_totals,
    count,
    element_findings,
    in_period,
    shared_agreements,
)
from queries.register.evidence import MONTHS
from queries.register.systemic import SystemView, system_views

__all__ = ["REPORT_TITLE", "AgreementRow", "ElementRow", "Overview", "date_phrase", "overview"]

REPORT_TITLE = Phrase("Overzicht bevindingen Doorbraakteam Huiselijk Geweld", "Findings of the Doorbraakteam on domestic violence")


def date_phrase(day: dt.date) -> Phrase:
    """``1 maart 2026`` / ``1 March 2026``."""
    m = MONTHS[day.month - 1]
    return Phrase(f"{day.day} {m.nl} {day.year}", f"{day.day} {m.en} {day.year}")


@dataclass(frozen=True)
class ElementRow:
    """A chain element where casussen got stuck, with its (suppressed) count and categories."""

    element: str
    kind: str
    name: str
    casussen: Count
    categories: tuple[tuple[Category, Count], ...]
    stalled: bool  # at least one casus: the map highlights it


@dataclass(frozen=True)
class AgreementRow:
    agreement: Agreement
    by: str  # organisation name, and role when given
    about: str  # the systeemknelpunt title or the chain elements' names


@dataclass(frozen=True)
class Overview:
    title: Phrase
    period_start: dt.date
    period_end: dt.date
    generated_on: dt.date
    demo: bool
    threshold: int
    casussen: Count
    knelpunten: Count
    categories: tuple[CategoryTotal, ...]
    handoffs: tuple[ElementRow, ...]
    other_elements: tuple[ElementRow, ...]
    system_issues: tuple[SystemView, ...]
    agreements: tuple[AgreementRow, ...]
    agreement_status: tuple[tuple[AgreementStatus, int], ...]
    summary: tuple[Phrase, ...]

    def highlights(self) -> dict[str, str]:
        """Hand-off id -> its (suppressed) label, for the map drawn in the report."""
        return {h.element: h.casussen.label for h in self.handoffs if h.stalled}


def _name(model: ChainModel, element_id: str, lang: str = "nl") -> str:
    if element_id not in model.index:
        return element_id
    element = model.index[element_id]
    if model.kind_of(element_id) == "handoffs":
        src = element_name(model.index[element.from_org], lang) if element.from_org in model.index else element.from_org
        dst = element_name(model.index[element.to_org], lang) if element.to_org in model.index else element.to_org
        return f"{src} → {dst} ({element_name(element, lang)})"
    return element_name(element, lang)


def overview(snapshot: Snapshot, model: ChainModel, start: dt.date, end: dt.date, *,
             threshold: int = MIN_SUPPRESSION_THRESHOLD, today: dt.date | None = None) -> Overview:
    """The report's content for casussen reviewed from ``start`` to ``end`` (both included)."""
    today = today or dt.date.today()
    cases = in_period(snapshot, start, end)
    period = Snapshot(casussen=cases, system_issues=snapshot.system_issues, demo=snapshot.demo)
    kps = [k for c in cases for k in c.knelpunten]
    rows_h, rows_o = [], []
    for f in element_findings(period, threshold=threshold, suppressed=True):
        kind = model.kind_of(f.element) if f.element in model.index else "unknown"
        row = ElementRow(f.element, kind, _name(model, f.element), f.casussen, f.categories, f.true_casussen > 0)
        (rows_h if kind == "handoffs" else rows_o).append(row)
    in_scope = {k.id for k in kps}
    issues = tuple(v for v in system_views(period, threshold=threshold)
                   if set(v.issue.knelpunt_ids) & in_scope or v.issue.status.value != "opgelost")
    agreements: list[AgreementRow] = []
    for k in kps:
        for a in shared_agreements(k.agreements):
            agreements.append(AgreementRow(a, _by(model, a), "; ".join(_name(model, e) for e in k.elements)))
    for v in issues:
        for a in shared_agreements(v.issue.agreements):
            agreements.append(AgreementRow(a, _by(model, a), v.issue.title))
    level_order = list(Level)
    agreements.sort(key=lambda r: (-level_order.index(r.agreement.level), r.agreement.deadline or dt.date.max,
                                   r.agreement.id))
    status_counts = Counter(r.agreement.status for r in agreements)
    agreement_status = tuple((s, status_counts[s]) for s in AgreementStatus if status_counts[s])
    categories = tuple(category_totals(period, threshold=threshold, suppressed=True))
    total = count(len(cases), threshold)
    total_k = count(len(kps), threshold)

    a, b = date_phrase(start), date_phrase(end)
    summary = [Phrase(f"In de periode {a.nl} – {b.nl} besprak het Doorbraakteam {total.label} casussen met "
                      f"{total_k.label} knelpunten.",
                      f"From {a.en} to {b.en} the Doorbraakteam reviewed {total.label} cases with "
                      f"{total_k.label} bottlenecks.")]
    if categories:
        top = [CATEGORY_NAMES[c.category] for c in categories[:3]]
        summary.append(Phrase(f"De meeste casussen liepen vast op {join_nl([t.nl for t in top])}.",
                              f"Most cases got stuck on {join_en([t.en for t in top])}."))
    if rows_h:
        top_h = [h.name for h in rows_h[:3]]
        summary.append(Phrase(f"Het vaakst stokte het bij de overdrachten {join_nl(top_h)}.",
                              f"Cases stalled most often at the hand-offs {join_en(top_h)}."))
    if issues:
        levels = Counter(v.issue.level for v in issues)
        parts = [(f"{n} op {name(lv)}niveau" if lv is not Level.NATIONAL else f"{n} bij het rijk",
                  f"{n} at {name(lv, 'en')} level" if lv is not Level.NATIONAL else f"{n} with national government")
                 for lv, n in sorted(levels.items(), key=lambda item: level_order.index(item[0]))]
        summary.append(Phrase(f"Het team bundelde {len(issues)} systeemknelpunten en bracht die {join_nl([p[0] for p in parts])}.",
                              f"The team grouped {len(issues)} system bottlenecks and took them up: "
                              f"{join_en([p[1] for p in parts])}."))
    if agreements:
        summary.append(Phrase(
            f"Van de {len(agreements)} afspraken over werkprocessen, beleid en regelgeving zijn er "
            + join_nl([f"{n} {name(s)}" for s, n in agreement_status]) + ".",
            f"Of the {len(agreements)} agreements on work processes, policy and regulation, "
            + join_en([f"{n} {name(s, 'en')}" for s, n in agreement_status]) + "."))
    if snapshot.demo:
        summary.append(Phrase("Dit overzicht is gemaakt op het FICTIEVE demoregister: het beschrijft geen echte casussen.",
                              "This overview was made from the FICTITIOUS demo register: it describes no real cases."))
    return Overview(
        title=REPORT_TITLE, period_start=start, period_end=end, generated_on=today, demo=snapshot.demo,
        threshold=threshold, casussen=total, knelpunten=total_k, categories=categories, handoffs=tuple(rows_h),
        other_elements=tuple(rows_o), system_issues=issues, agreements=tuple(agreements),
        agreement_status=agreement_status, summary=tuple(summary),
    )


def _by(model: ChainModel, a: Agreement) -> str:
    org = _name(model, a.by_organisation)
    return f"{org} ({a.by_role})" if a.by_role else org
