"""Why does this hand-off stall? One structured explanation of a hand-off.

It answers in a fixed order:

1. **practice** — what evidence from practice shows: figures, inspection and
   court findings, register findings and case-log measurements, each with
   its period and sources (the curated evidence of :mod:`queries.evidence`
   always, plus the providers passed); when there is none it says so plainly;
2. **law** — the legal basis for the data exchange and how strong it is;
3. **agreements** — norm, regie (also while the receiver has not started),
   acceptance, feedback, escalation;
4. **structure** — whether the case moves or only information, the main
   route, a bridge, how many routes run through it.

The hand-off's row in :func:`queries.knelpunten.knelpunten` gives its
severity, rank and categories.

Examples
--------
>>> from graph.examples import toy_chain
>>> ex = explain_handoff(toy_chain(), "ho-vt-raad")
>>> ex.severity.value, ex.has_practice
('aandacht', True)
>>> print(ex.points[0][0])
Bevestigd: gemiddelde wachttijd 30 dagen tegen een norm van 10 dagen (toy, 2023). Bron: Synthetic example chain.
>>> import textwrap
>>> print(textwrap.fill(ex.reason_nl, 100))
Veilig Thuis → Raad voor de Kinderbescherming (Hulp niet geaccepteerd) stokt in de praktijk:
gemiddelde wachttijd 30 dagen tegen een norm van 10 dagen (toy, 2023) (1 bron uit de praktijk).
Daarbij: regie tijdens het wachten blijft bij Veilig Thuis.
>>> print(textwrap.fill(explain_handoff(toy_chain(), "ho-raad-kinderrechter").reason_nl, 100))
Raad voor de Kinderbescherming → Kinderrechter (Verzoek OTS): er is geen bewijs uit de praktijk dat
het hier stokt. Op papier: enige verbinding naar Kinderrechter en geen normtijd.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.encode import element_json
from graph.model import (
    ChainModel,
    FailureMode,
    HandOff,
    RegieHolder,
    Status,
)
from graph.text import LEGAL_BASIS_KIND_NAMES, element_name, handoff_title, join_en, join_nl, norm_text, number
from graph.vocab import Category
from queries.bottlenecks import Finding, Severity, bottlenecks, findings_for
from queries.evidence import (
    CuratedEvidence,
    Evidence,
    EvidenceProvider,
    collect_evidence,
)
from queries.knelpunten import knelpunten
from queries.routes import Weakness, weaknesses
from queries.structure import structure

__all__ = ["Explanation", "explain_handoff"]


@dataclass(frozen=True)
class Explanation:
    """Everything known about why a hand-off may stall.

    ``points`` are ``(nl, en)`` sentences: first ``practice_points`` (the
    evidence from practice, newest confirming first; one sentence saying there
    is none when there is none), then ``law_points`` (legal basis), then
    ``agreement_points`` (norm, regie, regie while waiting, acceptance,
    feedback, escalation), then ``structure_points``. ``evidence`` holds every
    piece of evidence in that order. ``severity``, ``rank`` and
    ``categories`` come from the hand-off's knelpunten row (None and empty
    without a row). ``routes_total`` counts the pairs (entry organisation of a
    signal, organisation reachable from it); ``routes_through`` the pairs for
    which this hand-off lies on a shortest route (fewest hand-offs).
    """

    handoff: str
    name: str
    from_org: str
    from_name: str
    to_org: str
    to_name: str
    trigger: str
    phase: str
    passes: tuple[str, ...]
    instrument: str | None
    legal_bases: tuple[tuple[str, str, str | None], ...]  # (id, name, url)
    norm_nl: str
    norm_en: str
    regie_after: str | None
    feedback_required: bool | None
    acceptance_required: bool | None
    escalation_to: str | None
    failure_modes: tuple[FailureMode, ...]
    weaknesses: tuple[Weakness, ...]
    is_bridge: bool
    bridge_cut: tuple[str, ...]  # organisations cut off when it is a bridge (the smaller side)
    betweenness: float
    betweenness_rank: int | None
    handoff_count: int
    routes_through: int
    routes_total: int
    findings: tuple[Finding, ...]
    evidence: tuple[Evidence, ...]
    points: tuple[tuple[str, str], ...]
    reason_nl: str
    reason_en: str
    sources: tuple[str, ...]
    severity: Severity | None = None
    rank: int | None = None
    categories: tuple[Category, ...] = ()
    has_practice: bool = False
    practice_points: tuple[tuple[str, str], ...] = ()
    law_points: tuple[tuple[str, str], ...] = ()
    agreement_points: tuple[tuple[str, str], ...] = ()
    structure_points: tuple[tuple[str, str], ...] = ()
    regie_while_waiting: RegieHolder | None = None
    flow: str = "case"
    main_route: bool = False

    def as_dict(self, model: ChainModel) -> dict[str, Any]:
        """The JSON shape of an explanation: the hand-off in its one shape
        (``graph.encode.element_json``) and what is known about it (see docs/json.md)."""
        return {
            "handoff": element_json(model, model.handoff(self.handoff)),
            "weaknesses": [w.code for w in self.weaknesses],
            "structure": {
                "is_bridge": self.is_bridge,
                "bridge_cut": list(self.bridge_cut),
                "betweenness": self.betweenness,
                "betweenness_rank": self.betweenness_rank,
                "handoff_count": self.handoff_count,
                "routes_through": self.routes_through,
                "routes_total": self.routes_total,
            },
            "severity": self.severity.value if self.severity else None,
            "rank": self.rank,
            "categories": [c.value for c in self.categories],
            "flow": self.flow,
            "has_practice": self.has_practice,
            "findings": [f.as_dict() for f in self.findings],
            "evidence": [e.as_dict() for e in self.evidence],
            "points": [{"nl": nl, "en": en} for nl, en in self.points],
            "practice_points": [{"nl": nl, "en": en} for nl, en in self.practice_points],
            "law_points": [{"nl": nl, "en": en} for nl, en in self.law_points],
            "agreement_points": [{"nl": nl, "en": en} for nl, en in self.agreement_points],
            "structure_points": [{"nl": nl, "en": en} for nl, en in self.structure_points],
            "reason_nl": self.reason_nl,
            "reason_en": self.reason_en,
            "sources": list(self.sources),
        }


def _name(model: ChainModel, element_id: str | None) -> str:
    return element_name(model.index[element_id]) if element_id and element_id in model.index else str(element_id)


def _distances(out: dict[str, list[str]], start: str) -> dict[str, int]:
    dist = {start: 0}
    queue = deque([start])
    while queue:
        org = queue.popleft()
        for nxt in out.get(org, ()):
            if nxt not in dist:
                dist[nxt] = dist[org] + 1
                queue.append(nxt)
    return dist


def _on_shortest_routes(model: ChainModel, ho: HandOff) -> tuple[int, int]:
    """``(through, total)``: of the ``total`` pairs (signal entry organisation,
    organisation reachable from it), the number for which ``ho`` lies on a
    shortest route (parallel hand-offs each count)."""
    out: dict[str, list[str]] = {}
    for h in model.handoffs:
        out.setdefault(h.from_org, []).append(h.to_org)
    entries = sorted({sig.enters_at for sig in model.signals}) or sorted(o.id for o in model.organisations)
    onward = _distances(out, ho.to_org)
    through = total = 0
    for start in entries:
        dist = _distances(out, start)
        for end, d in dist.items():
            if end == start:
                continue
            total += 1
            if ho.from_org in dist and end in onward and dist[ho.from_org] + 1 + onward[end] == d:
                through += 1
    return through, total




def _source_names(model: ChainModel, ids: Iterable[str]) -> str:
    names = []
    for i in ids:
        src = model.index.get(i)
        names.append(element_name(src) if src is not None else i)
    return "; ".join(names)


def _practice(model: ChainModel, items: tuple[Evidence, ...], cutoff: dt.date | None) -> list[tuple[str, str]]:
    """One sentence per piece of evidence that says something (context figures come last)."""
    def order(e: Evidence) -> tuple[int, int, int]:
        recent = bool(e.confirms and e.period_end and cutoff and e.period_end >= cutoff)
        return (not e.confirms, not recent, -(e.period_end.toordinal() if e.period_end else 0))

    points = []
    for e in sorted(items, key=order):
        what_nl = "Bevestigd" if e.confirms else ("Gemeld" if e.categories else "Ter vergelijking")
        what_en = "Confirmed" if e.confirms else ("Reported" if e.categories else "For comparison")
        read_nl = "" if e.verified else " (alleen via een nieuwsbericht, samenvatting of kopie gelezen)"
        read_en = "" if e.verified else " (read only in a news report, summary or copy)"
        src = _source_names(model, e.sources)
        # curated records carry a summary; a case log or the register says what it is in its title
        text_nl = e.summary_nl or (f"{e.title_nl} — {e.note_nl}" if e.note_nl else e.title_nl)
        text_en = e.summary_en or (f"{e.title_en} — {e.note_en}" if e.note_en else e.title_en)
        points.append((f"{what_nl}: {text_nl.rstrip('.')}. Bron: {src}{read_nl}.",
                       f"{what_en}: {text_en.rstrip('.')}. Source: {src}{read_en}."))
    return points


def explain_handoff(model: ChainModel, handoff_id: str, *, evidence: Iterable[EvidenceProvider] = ()) -> Explanation:
    """Explain why the hand-off ``handoff_id`` may stall.

    Parameters
    ----------
    model : ChainModel
    handoff_id : str
    evidence : iterable of EvidenceProvider
        More evidence from practice (a case log, the register), after the curated evidence.

    Returns
    -------
    Explanation

    Raises
    ------
    graph.errors.UnknownElement
        Not a hand-off id; the message suggests the nearest hand-off ids.
    """
    ho = model.handoff(handoff_id)
    s = structure(model)
    findings = tuple(findings_for(bottlenecks(model), ho.id))
    providers = [CuratedEvidence(model), *evidence]
    ranking = knelpunten(model, evidence=list(evidence))
    row = ranking.row(ho.id)
    items = collect_evidence(providers, ho.id)
    confirming = [e for e in items if e.confirms]
    practice_points = _practice(model, items, ranking.recent_from)
    if not confirming:
        practice_points.insert(0, (
            "Er is geen bewijs uit de praktijk dat het hier stokt: geen cijfers, inspectiebevindingen of "
            "geregistreerde zaken die dat laten zien." + (" Wel gemeld of ter vergelijking:" if items else ""),
            "There is no evidence from practice that cases stall here: no figures, inspection findings or "
            "registered cases that show it." + (" Reported or for comparison:" if items else ""),
        ))
    ordered = tuple(sorted(items, key=lambda e: (not e.confirms, -(e.period_end.toordinal() if e.period_end else 0))))

    through, total = _on_shortest_routes(model, ho)
    by_rule = {f.rule.value: f for f in findings}

    # law
    bases = tuple((lb.id, lb.name, lb.url) for lb in (model.legal_basis(i) for i in ho.legal_bases))
    law: list[tuple[str, str]] = []
    if ho.legal_bases:
        described_nl, described_en = [], []
        for lb in (model.legal_basis(i) for i in ho.legal_bases):
            kind_nl, kind_en = LEGAL_BASIS_KIND_NAMES[lb.kind]
            unverified = lb.status is Status.UNVERIFIED
            described_nl.append(f"{lb.name} ({kind_nl}{', niet geverifieerd' if unverified else ''})")
            described_en.append(f"{lb.name} ({kind_en}{', unverified' if unverified else ''})")
        law.append((f"Grondslag voor de gegevensuitwisseling: {join_nl(described_nl)}.",
                    f"Legal basis for the data exchange: {join_en(described_en)}."))
    else:
        law.append(("Er is geen grondslag voor de gegevensuitwisseling bekend.",
                    "No legal basis for the data exchange is known."))
    if "weak-legal-basis" in by_rule:
        f = by_rule["weak-legal-basis"]
        law.append((f.reason_nl, f.reason_en))

    # agreements
    norm_nl, norm_en = norm_text(ho.norm)
    agreements: list[tuple[str, str]] = []
    if ho.norm is None:
        agreements.append(("Er geldt geen normtijd.", "There is no norm time."))
    else:
        agreements.append((f"Normtijd: {norm_nl} ({ho.norm.kind.value}).",
                           f"Norm time: {norm_en} ({ho.norm.kind.value})."))
    if ho.regie_after:
        agreements.append((f"Na de overdracht heeft {_name(model, ho.regie_after)} de regie.",
                           f"After the hand-off {_name(model, ho.regie_after)} holds regie."))
    elif ho.moves_case:
        agreements.append(("Niemand heeft na de overdracht aantoonbaar de regie.",
                           "No one demonstrably holds regie after the hand-off."))
    if "regie-while-waiting" in by_rule:
        f = by_rule["regie-while-waiting"]
        agreements.append((f.reason_nl + f" Bron: {_source_names(model, ho.regie_while_waiting_sources)}."
                           if ho.regie_while_waiting_sources else f.reason_nl,
                           f.reason_en + f" Source: {_source_names(model, ho.regie_while_waiting_sources)}."
                           if ho.regie_while_waiting_sources else f.reason_en))
    elif ho.regie_while_waiting is not None:
        holder = {RegieHolder.SENDER: _name(model, ho.from_org), RegieHolder.RECEIVER: _name(model, ho.to_org)}
        who = holder.get(ho.regie_while_waiting, "")
        agreements.append((f"Zolang de ontvanger niet is begonnen, heeft {who} de regie.",
                           f"Until the receiver has started, {who} holds regie."))
    acceptance = {True: ("De ontvanger moet de zaak aanvaarden.", "The receiver must accept the case."),
                  False: ("De ontvanger hoeft de zaak niet te aanvaarden.", "The receiver need not accept the case."),
                  None: ("Onbekend of de ontvanger de zaak moet aanvaarden.",
                         "Unknown whether the receiver must accept the case.")}
    agreements.append(acceptance[ho.acceptance_required])
    feedback = {True: ("Terugkoppeling aan de verzender is verplicht.", "Feedback to the sender is required."),
                False: ("Terugkoppeling aan de verzender is niet verplicht.",
                        "Feedback to the sender is not required."),
                None: ("Onbekend of terugkoppeling aan de verzender verplicht is.",
                       "Unknown whether feedback to the sender is required.")}
    agreements.append(feedback[ho.feedback_required])
    if ho.escalation_to:
        agreements.append((f"Stokt het, dan kan worden geëscaleerd naar {_name(model, ho.escalation_to)}.",
                           f"When it stalls, it can be escalated to {_name(model, ho.escalation_to)}."))
    else:
        agreements.append(("Er is geen escalatieroute als de overdracht stokt.",
                           "There is no escalation route when it stalls."))

    # structure
    structure_points: list[tuple[str, str]] = []
    if ho.moves_case:
        structure_points.append(("De zaak (of de verantwoordelijkheid ervoor) gaat over, niet alleen informatie.",
                                 "The case (or the responsibility for it) moves, not only information."))
    else:
        structure_points.append(("Alleen informatie gaat over; de zaak blijft waar ze was.",
                                 "Only information passes; the case stays where it was."))
    if ho.main_route:
        structure_points.append(("Deze overdracht ligt op de hoofdroute: zo gaan zaken meestal.",
                                 "This hand-off is on the main route: the way cases usually go."))
    bridge = s.bridges.get(ho.id)
    cut: tuple[str, ...] = ()
    if bridge:
        cut = min(bridge, key=lambda side: (len(side), side))
        nl, en = join_nl([_name(model, o) for o in cut]), join_en([_name(model, o) for o in cut])
        one = len(cut) == 1
        structure_points.append((
            (f"Deze overdracht is de enige verbinding: zonder haar {'raakt' if one else 'raken'} {nl} "
            "los van de rest van de keten."),
            (f"This hand-off is the only link: without it {en} {'loses its' if one else 'lose their'} "
            "connection to the rest of the chain.")))
    rank = s.handoff_rank(ho.id)
    structure_points.append((
        (f"Ligt op de kortste route van {through} van de {total} verbindingen vanaf de instroompunten "
        f"(centraliteit {number(round(100 * s.handoff_betweenness.get(ho.id, 0.0), 1))}%, "
        f"nummer {rank} van {len(model.handoffs)})."),
        (f"Lies on the shortest route of {through} of the {total} connections from the entry points "
        f"(betweenness {number(round(100 * s.handoff_betweenness.get(ho.id, 0.0), 1), 'en')}%, "
        f"rank {rank} of {len(model.handoffs)})."),
    ))

    # the answer in one sentence: practice first
    weak = weaknesses(ho)
    label = f"{_name(model, ho.from_org)} → {_name(model, ho.to_org)} ({handoff_title(ho)})"
    aandacht = list(dict.fromkeys((f.short_nl, f.short_en) for f in findings if f.level is Severity.AANDACHT))
    light = list(dict.fromkeys((f.short_nl, f.short_en) for f in findings if f.level is Severity.LAAG))
    if confirming:
        n = len({src for e in confirming for src in e.sources})
        best = min(confirming, key=lambda e: (not (e.period_end and ranking.recent_from
                                                   and e.period_end >= ranking.recent_from),
                                              " tegen een norm van " not in (e.summary_nl or ""),
                                              -(e.period_end.toordinal() if e.period_end else 0)))
        reason_nl = (f"{label} stokt in de praktijk: {best.summary_nl or best.note_nl} "
                     f"({n} {'bron' if n == 1 else 'bronnen'} uit de praktijk).")
        reason_en = (f"{label} stalls in practice: {best.summary_en or best.note_en} "
                     f"({n} {'source' if n == 1 else 'sources'} from practice).")
    elif items and any(e.categories for e in items):
        reported = [e for e in items if e.categories]
        reason_nl = (f"{label}: geen bevestiging uit de praktijk, wel {len(reported)} gemeld knelpunt"
                     f"{'' if len(reported) == 1 else 'en'}: {reported[0].note_nl}.")
        reason_en = (f"{label}: no confirmation from practice, but {len(reported)} reported problem"
                     f"{'' if len(reported) == 1 else 's'}: {reported[0].note_en}.")
    else:
        reason_nl = f"{label}: er is geen bewijs uit de praktijk dat het hier stokt."
        reason_en = f"{label}: there is no evidence from practice that cases stall here."
    on_paper = aandacht or light[:2]
    if on_paper:
        word_nl = "Daarbij" if confirming or items else "Op papier"
        word_en = "Also" if confirming or items else "On paper"
        reason_nl += f" {word_nl}: {join_nl([a for a, _ in on_paper])}."
        reason_en += f" {word_en}: {join_en([b for _, b in on_paper])}."
    sources = tuple(sorted(
        set(ho.sources)
        | {src for m in ho.failure_modes for src in m.sources}
        | {src for i in ho.legal_bases for src in model.get(i).sources}
        | (set(ho.norm.sources) if ho.norm else set())
        | set(ho.regie_while_waiting_sources)
        | {src for e in items for src in e.sources}
    ))
    points = tuple(practice_points + law + agreements + structure_points)
    return Explanation(
        handoff=ho.id,
        name=handoff_title(ho),
        from_org=ho.from_org,
        from_name=_name(model, ho.from_org),
        to_org=ho.to_org,
        to_name=_name(model, ho.to_org),
        trigger=ho.trigger,
        phase=ho.phase,
        passes=tuple(p.value for p in ho.passes),
        instrument=ho.instrument,
        legal_bases=bases,
        norm_nl=norm_nl,
        norm_en=norm_en,
        regie_after=ho.regie_after,
        feedback_required=ho.feedback_required,
        acceptance_required=ho.acceptance_required,
        escalation_to=ho.escalation_to,
        failure_modes=ho.failure_modes,
        weaknesses=weak,
        is_bridge=bridge is not None,
        bridge_cut=cut,
        betweenness=s.handoff_betweenness.get(ho.id, 0.0),
        betweenness_rank=rank,
        handoff_count=len(model.handoffs),
        routes_through=through,
        routes_total=total,
        findings=findings,
        evidence=ordered,
        points=points,
        reason_nl=reason_nl,
        reason_en=reason_en,
        sources=sources,
        severity=row.severity if row else None,
        rank=ranking.rank(ho.id),
        categories=row.categories if row else (),
        has_practice=bool(confirming),
        practice_points=tuple(practice_points),
        law_points=tuple(law),
        agreement_points=tuple(agreements),
        structure_points=tuple(structure_points),
        regie_while_waiting=ho.regie_while_waiting,
        flow=ho.flow,
        main_route=ho.main_route,
    )
