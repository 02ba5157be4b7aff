"""Evidence from practice: what is known about an element beyond the chain's structure.

Structure says where a case *could* stall (no norm, no feedback, a bridge);
evidence says where cases *do*: observed waits over the norm, waiting lists,
inspection findings, measured case logs, cases the Doorbraakteam reviewed.
Every source of such knowledge implements :class:`EvidenceProvider` — one
interface for the public figures in the curated data, case-log statistics
and the Doorbraakteam register — and is passed to the queries that weigh it
(``explain_handoff(model, handoff_id, evidence=[provider, …])``). Items are
kept in the order the providers were given.

Providers showing figures derived from case data must apply the small-cell
suppression themselves (never a count under the threshold), so the
explanation can show ``figures`` as they come.

:class:`CuratedEvidence` is the provider for what the curated data itself
knows from practice: its observations (figures, and findings of inspections,
studies and courts) and the failure modes recorded on hand-offs. The
knelpunten ranking and ``why`` always include it.

Examples
--------
>>> class Fixed:
...     def evidence_for(self, handoff_id):
...         return (Evidence(kind="example", title_nl="Voorbeeld", title_en="Example",
...                          figures=(("mediaan", "median", "4 dagen"),), sources=("toy-source",)),)
>>> isinstance(Fixed(), EvidenceProvider)
True
>>> collect_evidence([Fixed()], "ho-politie-vt")[0].figures
(('mediaan', 'median', '4 dagen'),)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol, runtime_checkable

from graph.model import (
    WAIT_METRICS,
    Assessment,
    ChainModel,
    FailureMode,
    HandOff,
    Metric,
    NormUnit,
    Observation,
    Source,
    SourceAuthority,
    SourceKind,
    Status,
)
from graph.phrase import Phrase
from graph.text import norm_phrase, number
from graph.vocab import Category

__all__ = [
    "CONFIRMING",
    "METRIC_NAMES",
    "REGION_NAMES",
    "CuratedEvidence",
    "Evidence",
    "EvidenceKind",
    "EvidenceProvider",
    "collect_evidence",
    "observation_value",
    "period_text",
]


class EvidenceKind(StrEnum):
    """Where a piece of evidence comes from."""

    PUBLIC_FIGURE = "public-figure"  # a sourced observation in the curated data (waits, waiting lists, volumes)
    INSPECTION = "inspection-finding"  # a finding of an inspection, the Onderzoeksraad or a study
    CASE_LOG = "case-log"  # measured from a pseudonymised case event log (suppressed)
    REGISTER = "register"  # cases reviewed by the Doorbraakteam
    REPORTED = "reported-problem"  # a failure mode a policy text, news report or web page names


# Assessments of an observation that show cases stall (see graph.model.Assessment).
CONFIRMING: frozenset[Assessment] = frozenset({Assessment.OVER_NORM, Assessment.WAITING_LIST, Assessment.PROBLEM})


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence from practice about a hand-off or an organisation.

    Attributes
    ----------
    kind : str
        Where it comes from: an :class:`EvidenceKind` value (``"case-log"``, ``"register"``, …).
    title_nl, title_en : str
        A heading in Dutch and English.
    figures : tuple of (label_nl, label_en, value_str)
        Figures to show as a small table; values are already formatted
        (and suppressed where needed).
    note_nl, note_en : str or None
        A sentence of explanation.
    sources : tuple of str
        Source ids (or other citable references) behind it.
    element : str
        The id of the hand-off or organisation it is about.
    categories : tuple of Category
        What it says goes wrong there (the closed vocabulary of :class:`graph.vocab.Category`).
    period_start, period_end : date or None
        The period it describes.
    confirms : bool
        Whether it shows from practice that cases stall there (a wait over the
        norm, a waiting list, an inspection finding, reviewed cases). Only
        confirming evidence can make a finding *hoog*.
    summary_nl, summary_en : str or None
        One line for a ranked row: the figure against its norm, when and where
        ("gemiddeld 4 tot 13 weken wachten tegen een norm van 10 dagen (landelijk, juni 2023)").
    verified : bool
        False when it was read only at second hand (a news report about a report).
    region : str or None
        Where it was measured (``haaglanden``, ``nederland``…).
    """

    kind: str
    title_nl: str
    title_en: str
    figures: tuple[tuple[str, str, str], ...] = ()
    note_nl: str | None = None
    note_en: str | None = None
    sources: tuple[str, ...] = ()
    element: str = ""
    categories: tuple[Category, ...] = ()
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    confirms: bool = False
    summary_nl: str | None = None
    summary_en: str | None = None
    verified: bool = True
    region: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a piece of evidence (see docs/json.md)."""
        return {
            "kind": self.kind,
            "element": self.element,
            "title_nl": self.title_nl,
            "title_en": self.title_en,
            "figures": [{"label_nl": nl, "label_en": en, "value": v} for nl, en, v in self.figures],
            "note_nl": self.note_nl,
            "note_en": self.note_en,
            "categories": [c.value for c in self.categories],
            "period_start": self.period_start.isoformat() if self.period_start else None,
            "period_end": self.period_end.isoformat() if self.period_end else None,
            "confirms": self.confirms,
            "summary_nl": self.summary_nl,
            "summary_en": self.summary_en,
            "verified": self.verified,
            "region": self.region,
            "sources": list(self.sources),
        }


@runtime_checkable
class EvidenceProvider(Protocol):
    """Something that knows more about hand-offs and organisations than the chain's structure."""

    def evidence_for(self, element_id: str) -> tuple[Evidence, ...]:
        """Evidence about this hand-off or organisation; ``()`` when there is none."""
        ...


def collect_evidence(providers: Iterable[EvidenceProvider], element_id: str) -> tuple[Evidence, ...]:
    """All evidence about ``element_id``, provider by provider, in the order given."""
    items: list[Evidence] = []
    for provider in providers:
        items.extend(provider.evidence_for(element_id))
    return tuple(items)


# --- the curated evidence: observations and failure modes ------------------------

METRIC_NAMES: dict[Metric, Phrase] = {
    Metric.MEDIAN_WAIT: Phrase("mediane wachttijd", "median wait"),
    Metric.P90_WAIT: Phrase("wachttijd (90e percentiel)", "wait (90th percentile)"),
    Metric.MEAN_WAIT: Phrase("gemiddelde wachttijd", "mean wait"),
    Metric.WAITING_LIST: Phrase("wachtlijst", "waiting list"),
    Metric.SHARE_WITHIN_NORM: Phrase("binnen de norm", "within the norm"),
    Metric.ORGANISATIONS_MEETING_NORM: Phrase("organisaties die de norm halen", "organisations meeting the norm"),
    Metric.LATE_VOLUME: Phrase("te laat of zonder plek", "late or without a place"),
    Metric.CAPACITY: Phrase("capaciteit", "capacity"),
    Metric.OCCUPANCY: Phrase("bezetting", "occupancy"),
    Metric.MEAN_STAY: Phrase("gemiddelde verblijfsduur", "mean length of stay"),
    Metric.VOLUME: Phrase("aantal", "volume"),
    Metric.SHARE: Phrase("aandeel", "share"),
    Metric.FINDING: Phrase("bevinding", "finding"),
}

REGION_NAMES: dict[str, Phrase] = {
    "nederland": Phrase("landelijk", "national"),
    "haaglanden": Phrase("Haaglanden", "Haaglanden"),
    "den-haag": Phrase("Den Haag", "The Hague"),
    "zuidwest": Phrase("regio Zuidwest", "region Zuidwest"),
    "rijnmond": Phrase("regio Rijnmond", "region Rijnmond"),
}

_MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
              "november", "december")
_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")


def _period_part(part: str, lang: str) -> str:
    pieces = [int(p) for p in part.split("-")]
    months = _MONTHS_EN if lang == "en" else _MONTHS_NL
    if len(pieces) == 1:
        return str(pieces[0])
    if len(pieces) == 2:
        return f"{months[pieces[1] - 1]} {pieces[0]}"
    return f"{pieces[2]} {months[pieces[1] - 1]} {pieces[0]}"


def period_text(period: str) -> Phrase:
    """A period in words.

    >>> period_text("2023-06").nl, period_text("2018/2019").en
    ('juni 2023', '2018–2019')
    >>> period_text("2018-10/2018-12").nl
    'oktober 2018 – december 2018'
    """
    parts = period.split("/")
    if len(parts) == 1:
        return Phrase(_period_part(parts[0], "nl"), _period_part(parts[0], "en"))
    sep = "–" if all("-" not in p for p in parts) else " – "
    return Phrase(sep.join(_period_part(p, "nl") for p in parts), sep.join(_period_part(p, "en") for p in parts))


def _region(region: str) -> Phrase:
    return REGION_NAMES.get(region, Phrase(region, region))


def observation_value(obs: Observation) -> Phrase | None:
    """An observation's value in words ("4 tot 13 weken", "2.800 kinderen"), or None without a value.

    >>> from graph.examples import toy_chain
    >>> observation_value(toy_chain().observation("obs-raad-wacht"))
    Phrase(nl='30 dagen', en='30 days')
    """
    if obs.value is None:
        return None
    if obs.lower_bound:
        plain = observation_value(dataclasses.replace(obs, lower_bound=False))
        assert plain is not None
        return Phrase(f"meer dan {plain.nl}", f"more than {plain.en}")
    low, high = obs.value, obs.value_max
    if obs.unit in {u.value for u in NormUnit}:
        if high is None or high == low:
            return norm_phrase(low, obs.unit)
        top = norm_phrase(high, obs.unit)
        return Phrase(f"{_count(low)} tot {top.nl}", f"{_count(low, 'en')} to {top.en}")
    unit = obs.unit or ""
    if unit.startswith("procent"):
        rest = unit[len("procent"):].strip()
        tail = f" {rest}" if rest else ""
        return Phrase(f"{_count(low)}%{tail}", f"{_count(low, 'en')}%{tail}")
    if high is not None and high != low:
        return Phrase(f"{_count(low)} tot {_count(high)} {unit}".strip(),
                      f"{_count(low, 'en')} to {_count(high, 'en')} {unit}".strip())
    return Phrase(f"{_count(low)} {unit}".strip(), f"{_count(low, 'en')} {unit}".strip())


def _count(value: float, lang: str = "nl") -> str:
    """A count with a thousands separator (2.800 in Dutch, 2,800 in English)."""
    if float(value).is_integer() and abs(value) >= 1000:
        text = f"{int(value):,}"
        return text.replace(",", ".") if lang == "nl" else text
    return number(value, lang)


def _is_finding(source: Source) -> bool:
    """A source whose word is a finding from practice: an inspection or research report, a court ruling."""
    if source.authority is not None:
        return source.authority in (SourceAuthority.REPORT, SourceAuthority.COURT_RULING)
    return source.kind in (SourceKind.REPORT, SourceKind.CASE_LAW)


def _with_period(text: str, when: str) -> str:
    """``text (when)``, unless the text already ends with that period.

    >>> _with_period("Wachtlijst (2024)", "2024"), _with_period("Wachtlijst", "2024")
    ('Wachtlijst (2024)', 'Wachtlijst (2024)')
    """
    return text if text.rstrip(". ").endswith(f"({when})") else f"{text} ({when})"


class CuratedEvidence:
    """What the curated chain data knows from practice, as evidence (see the module docstring).

    - an observation gives one item per element it is about: kind
      ``inspection-finding`` for a finding in words, else ``public-figure``;
      it confirms when its assessment is over-norm, waiting-list or problem;
    - a failure mode on a hand-off gives one item: ``inspection-finding`` when
      one of its sources is an inspection or research report or a court ruling
      (by its ``authority``; an untyped source by its ``kind`` report) — it
      confirms unless it is unverified — else ``reported-problem`` (it does not).

    >>> from graph.examples import toy_chain
    >>> items = CuratedEvidence(toy_chain()).evidence_for("ho-vt-raad")
    >>> [(e.kind, e.confirms) for e in items]
    [('public-figure', True)]
    >>> print(items[0].summary_nl)
    gemiddelde wachttijd 30 dagen tegen een norm van 10 dagen (toy, 2023)
    """

    def __init__(self, model: ChainModel):
        self.model = model

    def evidence_for(self, element_id: str) -> tuple[Evidence, ...]:
        observations = sorted(self.model.observations_about.get(element_id, ()),
                              key=lambda o: (-o.period_end.toordinal(), o.id))
        items = [self.observation(o, element_id) for o in observations]
        element = self.model.index.get(element_id)
        if isinstance(element, HandOff):
            items += [self.failure_mode(element, mode) for mode in element.failure_modes]
        return tuple(items)

    # --- one observation -----------------------------------------------------------
    def observation(self, obs: Observation, element_id: str) -> Evidence:
        region = _region(obs.region)
        when = period_text(obs.period)
        value = observation_value(obs)
        name = METRIC_NAMES[obs.metric]
        figures: list[tuple[str, str, str]] = []
        if value is not None:
            figures.append((name.nl, name.en, value.nl))
        norm = self._norm_for(obs, element_id)
        if norm is not None:
            figures.append(("norm", "norm", norm.nl))
        figures += [("periode", "period", when.nl), ("regio", "region", region.nl)]
        verified = obs.status is Status.VERIFIED
        if not verified:
            figures.append(("gelezen", "read", "alleen via een nieuwsbericht, samenvatting of kopie"))
        if value is not None and obs.metric in WAIT_METRICS:
            core_nl, core_en = f"{name.nl} {value.nl}", f"{name.en} {value.en}"
        else:  # the source's own words, up to the first semicolon
            core_nl = obs.description.split(";")[0].strip()
            core_en = (obs.description_en or obs.description).split(";")[0].strip()
        if norm is not None and obs.metric in WAIT_METRICS:
            core_nl += f" tegen een norm van {norm.nl}"
            core_en += f" against a norm of {norm.en}"
        summary_nl = f"{core_nl} ({region.nl}, {when.nl})"
        summary_en = f"{core_en} ({region.en}, {when.en})"
        is_finding = obs.metric is Metric.FINDING
        title = Phrase("Bevinding uit de praktijk", "Finding from practice") if is_finding else \
            Phrase(f"Cijfer uit de praktijk: {name.nl}", f"Figure from practice: {name.en}")
        note_nl = obs.description + (f". {obs.note}" if obs.note else "")
        note_en = (obs.description_en or obs.description) + (f". {obs.note}" if obs.note else "")
        return Evidence(
            kind=(EvidenceKind.INSPECTION if is_finding else EvidenceKind.PUBLIC_FIGURE).value,
            title_nl=title.nl,
            title_en=title.en,
            figures=tuple(figures),
            note_nl=note_nl,
            note_en=note_en,
            sources=obs.sources,
            element=element_id,
            categories=obs.categories,
            period_start=obs.period_start,
            period_end=obs.period_end,
            confirms=obs.assessment in CONFIRMING,
            summary_nl=summary_nl,
            summary_en=summary_en,
            verified=verified,
            region=obs.region,
        )

    def _norm_for(self, obs: Observation, element_id: str) -> Phrase | None:
        element = self.model.index.get(element_id)
        if isinstance(element, HandOff) and element.norm is not None and element.norm.amount is not None \
                and element.norm.unit is not None:
            return norm_phrase(element.norm.amount, element.norm.unit)
        return None

    # --- one failure mode -----------------------------------------------------------
    def failure_mode(self, handoff: HandOff, mode: FailureMode) -> Evidence:
        finding = any(_is_finding(self.model.source(s)) for s in mode.sources if s in self.model.index)
        verified = mode.status is Status.VERIFIED and handoff.status is Status.VERIFIED
        when = period_text(mode.period) if mode.period else Phrase("periode onbekend", "period unknown")
        en = mode.description_en or mode.description
        return Evidence(
            kind=(EvidenceKind.INSPECTION if finding else EvidenceKind.REPORTED).value,
            title_nl="Bekend faalpatroon" + ("" if verified else " (niet geverifieerd)"),
            title_en="Known failure mode" + ("" if verified else " (unverified)"),
            figures=(("periode", "period", when.nl),),
            note_nl=mode.description,
            note_en=en,
            sources=mode.sources,
            element=handoff.id,
            categories=(mode.category,),
            period_start=mode.period_start,
            period_end=mode.period_end,
            confirms=finding and verified,
            summary_nl=_with_period(mode.description, when.nl),
            summary_en=_with_period(en, when.en),
            verified=verified,
        )
