"""Why does this hand-off stall? One structured explanation of a hand-off.

It combines what the chain model knows (legal basis, norm, regie, feedback,
escalation, recorded failure modes), the hand-off's structural position
(bridge? betweenness rank? on how many routes?), the gap findings on it, and
outside evidence from :mod:`queries.evidence` providers (case-log timings,
Doorbraakteam findings).

Examples
--------
>>> from graph.examples import toy_chain
>>> ex = explain_handoff(toy_chain(), "ho-vt-lokaal-team")
>>> ex.is_bridge, ex.routes_through, ex.routes_total
(False, 1, 4)
>>> for nl, _ in ex.points[:3]:
...     print(nl)
Er is geen grondslag voor de gegevensuitwisseling vastgelegd.
Er geldt geen normtijd.
Niemand heeft na de overdracht aantoonbaar de regie.
>>> print(ex.reason_nl)
Veilig Thuis → Lokaal team (Vrijwillige hulp mogelijk) stokt waarschijnlijk door: geen grondslag voor de
gegevensuitwisseling, geen normtijd, niemand heeft daarna de regie, verantwoordelijkheid gaat over zonder
plicht tot aanvaarding en 1 bekend faalpatroon.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.encode import element_json
from graph.model import ChainModel, FailureMode, HandOff
from graph.text import handoff_title, join_en, join_nl, norm_text, number
from queries.bottlenecks import Finding, bottlenecks, findings_for
from queries.evidence import Evidence, EvidenceProvider, collect_evidence
from queries.routes import Weakness, weaknesses
from queries.structure import structure

__all__ = ["Explanation", "explain_handoff"]


@dataclass(frozen=True)
class Explanation:
    """Everything known about why a hand-off may stall.

    ``points`` are ``(nl, en)`` sentences in a fixed order: legal basis,
    norm, regie, acceptance, feedback, escalation, failure modes, structural
    position. ``routes_total`` counts the pairs (entry organisation of a
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
            "findings": [f.as_dict() for f in self.findings],
            "evidence": [e.as_dict() for e in self.evidence],
            "points": [{"nl": nl, "en": en} for nl, en in self.points],
            "reason_nl": self.reason_nl,
            "reason_en": self.reason_en,
            "sources": list(self.sources),
        }


def _name(model: ChainModel, element_id: str | None) -> str:
    return model.organisation(element_id).name if element_id and element_id in model.index else str(element_id)


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


def explain_handoff(model: ChainModel, handoff_id: str, *, evidence: Iterable[EvidenceProvider] = ()) -> Explanation:
    """Explain why the hand-off ``handoff_id`` may stall.

    Parameters
    ----------
    model : ChainModel
    handoff_id : str
    evidence : iterable of EvidenceProvider
        Outside evidence, added in the order given.

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
    extra = collect_evidence(evidence, ho.id)

    through, total = _on_shortest_routes(model, ho)

    bases = tuple((lb.id, lb.name, lb.url) for lb in (model.legal_basis(i) for i in ho.legal_bases))
    norm_nl, norm_en = norm_text(ho.norm)
    points: list[tuple[str, str]] = []
    if bases:
        names = [n for _, n, _ in bases]
        points.append((f"Grondslag voor de gegevensuitwisseling: {join_nl(names)}.",
                       f"Legal basis for the data exchange: {join_en(names)}."))
    else:
        points.append(("Er is geen grondslag voor de gegevensuitwisseling vastgelegd.",
                       "No legal basis for the data exchange is recorded."))
    if ho.norm is None:
        points.append(("Er geldt geen normtijd.", "There is no norm time."))
    else:
        points.append((f"Normtijd: {norm_nl} ({ho.norm.kind.value}).", f"Norm time: {norm_en} ({ho.norm.kind.value})."))
    if ho.regie_after:
        points.append((f"Na de overdracht heeft {_name(model, ho.regie_after)} de regie.",
                       f"After the hand-off {_name(model, ho.regie_after)} holds regie."))
    else:
        points.append(("Niemand heeft na de overdracht aantoonbaar de regie.",
                       "No one demonstrably holds regie after the hand-off."))
    acceptance = {True: ("De ontvanger moet de zaak aanvaarden.", "The receiver must accept the case."),
                  False: ("De ontvanger hoeft de zaak niet te aanvaarden.", "The receiver need not accept the case."),
                  None: ("Onbekend of de ontvanger de zaak moet aanvaarden.",
                         "Unknown whether the receiver must accept the case.")}
    points.append(acceptance[ho.acceptance_required])
    feedback = {
        True: ("Terugkoppeling aan de verzender is verplicht.", "Feedback to the sender is required."),
        False: ("Terugkoppeling aan de verzender is niet verplicht.", "Feedback to the sender is not required."),
        None: (
            "Onbekend of terugkoppeling aan de verzender verplicht is.",
            "Unknown whether feedback to the sender is required.",
        ),
    }
    points.append(feedback[ho.feedback_required])
    if ho.escalation_to:
        points.append((f"Stokt het, dan kan worden geëscaleerd naar {_name(model, ho.escalation_to)}.",
                       f"When it stalls, it can be escalated to {_name(model, ho.escalation_to)}."))
    else:
        points.append(
            ("Er is geen escalatieroute als de overdracht stokt.", "There is no escalation route when it stalls.")
        )
    points.extend((f"Bekend faalpatroon: {mode.description}",
                   f"Known failure mode: {mode.description_en or mode.description}") for mode in ho.failure_modes)
    bridge = s.bridges.get(ho.id)
    cut: tuple[str, ...] = ()
    if bridge:
        cut = min(bridge, key=lambda side: (len(side), side))
        nl, en = join_nl([_name(model, o) for o in cut]), join_en([_name(model, o) for o in cut])
        one = len(cut) == 1
        points.append((f"Deze overdracht is de enige verbinding: zonder haar {'raakt' if one else 'raken'} {nl} "
                       "los van de rest van de keten.",
                       f"This hand-off is the only link: without it {en} {'loses its' if one else 'lose their'} "
                       "connection to the rest of the chain."))
    rank = s.handoff_rank(ho.id)
    points.append((
        f"Ligt op de kortste route van {through} van de {total} verbindingen vanaf de instroompunten "
        f"(centraliteit {number(round(100 * s.handoff_betweenness.get(ho.id, 0.0), 1))}%, "
        f"nummer {rank} van {len(model.handoffs)}).",
        f"Lies on the shortest route of {through} of the {total} connections from the entry points "
        f"(betweenness {number(round(100 * s.handoff_betweenness.get(ho.id, 0.0), 1), 'en')}%, "
        f"rank {rank} of {len(model.handoffs)}).",
    ))

    weak = weaknesses(ho)
    label = f"{_name(model, ho.from_org)} → {_name(model, ho.to_org)} ({handoff_title(ho)})"
    # the lighter weaknesses (feedback, escalation, verification) stay in the points, not in the headline
    headline = [w for w in weak if w.code not in ("failure-mode", "no-feedback", "no-escalation", "unverified")]
    causes_nl = [w.text_nl for w in headline]
    causes_en = [w.text_en for w in headline]
    if ho.failure_modes:
        n = len(ho.failure_modes)
        causes_nl.append(f"{n} bekend{'' if n == 1 else 'e'} faalpatro{'on' if n == 1 else 'nen'}")
        causes_en.append(f"{n} known failure mode{'' if n == 1 else 's'}")
    if bridge:
        causes_nl.append("het is de enige verbinding")
        causes_en.append("it is the only link")
    if causes_nl:
        reason_nl = f"{label} stokt waarschijnlijk door: {join_nl(causes_nl)}."
        reason_en = f"{label} is likely to stall because of: {join_en(causes_en)}."
    else:
        reason_nl = f"{label}: het model wijst geen oorzaak van stokken aan; kijk naar de praktijkgegevens."
        reason_en = f"{label}: the model points to no cause of stalling; look at practice data."
    sources = tuple(sorted(
        set(ho.sources)
        | {src for m in ho.failure_modes for src in m.sources}
        | {src for i in ho.legal_bases for src in model.get(i).sources}
        | (set(ho.norm.sources) if ho.norm else set())
        | {src for e in extra for src in e.sources}
    ))
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
        evidence=extra,
        points=tuple(points),
        reason_nl=reason_nl,
        reason_en=reason_en,
        sources=sources,
    )
