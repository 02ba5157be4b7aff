"""Bottlenecks and gaps: structural weak spots and semantic gap rules, in one ranked list.

Every finding names its rule, a severity, the element it is about, a reason
in Dutch and English, and the sources behind it.

Rules
-----
=====================================  ========  ==============================================
rule                                   severity  finds
=====================================  ========  ==============================================
``articulation-point``                 high      an organisation whose removal splits the chain
``bridge``                             high      a hand-off that is the only link between two
                                                 parts of the chain
``high-betweenness``                   medium /  an organisation many shortest routes pass
                                       low       (normalised betweenness >= 0.25 / >= 0.10)
``no-legal-basis``                     high      a hand-off without a legal basis for the data
                                                 exchange
``no-regie``                           high      a hand-off passing a case or responsibility
                                                 with no holder of regie afterwards
``responsibility-without-acceptance``  high      responsibility passes while no one is obliged
                                                 to accept it
``failure-mode``                       high /    a known failure mode recorded on a hand-off
                                       medium    (medium when the failure mode is unverified)
``no-norm``                            medium    a hand-off without a norm time
``dead-end``                           medium    a case arrives at an organisation and no
                                                 hand-off leads on in that phase or later
                                                 (arrivals carrying an instrument are outcomes,
                                                 not dead ends)
``ping-pong``                          medium    two organisations pass a case back and forth
                                                 (A→B and B→A)
``no-feedback``                        low       no required feedback to the sender
``no-escalation``                      low       no escalation route
=====================================  ========  ==============================================

Scoring
-------
Each finding gets ``score = severity points + impact points + concentration``:

- severity points: high 100, medium 50, low 20;
- impact points: ``round(50 * impact)``, where ``impact`` (0..1) is, for
  ``bridge`` and ``articulation-point``, the share of organisation pairs
  that would be cut off from each other; for ``high-betweenness`` the
  organisation's normalised betweenness; for rules on a hand-off the
  hand-off's normalised betweenness (how many shortest routes run through
  it); for ``dead-end`` and ``ping-pong`` the highest betweenness among the
  elements involved;
- concentration: 5 points for every *other* finding on the same element
  (at most 25), so an element with several gaps rises.

The list is sorted by score (highest first), then rule order (the table
above), then element id: deterministic for every backend.

Examples
--------
>>> from graph.examples import toy_chain
>>> found = bottlenecks(toy_chain())
>>> [(f.rule.value, f.element) for f in found[:3]]
[('articulation-point', 'veilig-thuis'), ('bridge', 'ho-raad-kinderrechter'), ('no-legal-basis', 'ho-vt-lokaal-team')]
>>> ping = [f for f in found if f.rule is Rule.PING_PONG][0]
>>> ping.elements
('ho-lokaal-team-vt', 'ho-vt-lokaal-team')
>>> print(ping.reason_nl)
Lokaal team en Veilig Thuis sturen een zaak naar elkaar terug (ho-lokaal-team-vt, ho-vt-lokaal-team):
risico op pingpong zonder dat iemand de zaak houdt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from graph.errors import ChainError
from graph.model import ChainModel, HandOff, Passes, Status
from graph.text import handoff_title, join_en, join_nl, number
from queries.structure import Structure, structure

__all__ = [
    "Severity",
    "Rule",
    "RULE_SEVERITY",
    "SEVERITY_POINTS",
    "Finding",
    "ElementScore",
    "handoffs_by_score",
    "bottlenecks",
    "rank_elements",
    "findings_for",
]


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


SEVERITY_POINTS = {Severity.HIGH: 100, Severity.MEDIUM: 50, Severity.LOW: 20}
_SEVERITY_ORDER = [Severity.HIGH, Severity.MEDIUM, Severity.LOW]


class Rule(StrEnum):
    ARTICULATION_POINT = "articulation-point"
    BRIDGE = "bridge"
    HIGH_BETWEENNESS = "high-betweenness"
    NO_LEGAL_BASIS = "no-legal-basis"
    NO_REGIE = "no-regie"
    RESPONSIBILITY_WITHOUT_ACCEPTANCE = "responsibility-without-acceptance"
    FAILURE_MODE = "failure-mode"
    NO_NORM = "no-norm"
    DEAD_END = "dead-end"
    PING_PONG = "ping-pong"
    NO_FEEDBACK = "no-feedback"
    NO_ESCALATION = "no-escalation"


_RULE_ORDER = {rule: i for i, rule in enumerate(Rule)}

# Default severity per rule (failure-mode and high-betweenness can be lower; see table).
RULE_SEVERITY: dict[Rule, Severity] = {
    Rule.ARTICULATION_POINT: Severity.HIGH,
    Rule.BRIDGE: Severity.HIGH,
    Rule.HIGH_BETWEENNESS: Severity.MEDIUM,
    Rule.NO_LEGAL_BASIS: Severity.HIGH,
    Rule.NO_REGIE: Severity.HIGH,
    Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE: Severity.HIGH,
    Rule.FAILURE_MODE: Severity.HIGH,
    Rule.NO_NORM: Severity.MEDIUM,
    Rule.DEAD_END: Severity.MEDIUM,
    Rule.PING_PONG: Severity.MEDIUM,
    Rule.NO_FEEDBACK: Severity.LOW,
    Rule.NO_ESCALATION: Severity.LOW,
}

BETWEENNESS_MEDIUM = 0.25
BETWEENNESS_LOW = 0.10
_CASE_LIKE = (Passes.CASE, Passes.RESPONSIBILITY)


@dataclass(frozen=True)
class Finding:
    """One bottleneck or gap. ``element`` is the id the finding is about;
    ``elements`` every id involved (``element`` first)."""

    rule: Rule
    severity: Severity
    element: str
    elements: tuple[str, ...]
    reason_nl: str
    reason_en: str
    sources: tuple[str, ...]
    impact: float = 0.0
    score: int = 0

    def as_dict(self) -> dict[str, object]:
        """The stable JSON shape of a finding (see docs/queries.md)."""
        return {
            "rule": self.rule.value,
            "severity": self.severity.value,
            "element": self.element,
            "elements": list(self.elements),
            "reason_nl": self.reason_nl,
            "reason_en": self.reason_en,
            "sources": list(self.sources),
            "impact": self.impact,
            "score": self.score,
        }


@dataclass(frozen=True)
class ElementScore:
    """All findings on one element, added up."""

    element: str
    score: int
    rules: tuple[Rule, ...]
    worst: Severity


def _names(model: ChainModel, ids: Iterable[str], limit: int = 5) -> tuple[str, str]:
    names = [model.organisation(i).name for i in ids]
    return _enumerate(names, limit)


def _enumerate(names: list[str], limit: int = 5) -> tuple[str, str]:
    if len(names) > limit:
        rest = len(names) - limit
        return (
            join_nl([*names[:limit], f"{rest} andere"]),
            join_en([*names[:limit], f"{rest} others"]),
        )
    return join_nl(names), join_en(names)


def _ho_text(model: ChainModel, ho: HandOff) -> tuple[str, str]:
    frm, to = model.get(ho.from_org).name, model.get(ho.to_org).name
    title = handoff_title(ho)
    return f"De overdracht '{title}' van {frm} naar {to}", f"The hand-off '{title}' from {frm} to {to}"


# --- structural rules ----------------------------------------------------------


def _structural(model: ChainModel, s: Structure) -> list[Finding]:
    found: list[Finding] = []
    total = s.pair_count or 1
    for org, parts in s.articulation_points.items():
        cut = [o for part in parts[1:] for o in part]
        nl, en = _names(model, cut)
        name = model.get(org).name
        found.append(
            Finding(
                Rule.ARTICULATION_POINT,
                Severity.HIGH,
                org,
                (org, *cut),
                f"Zonder {name} {'raakt' if len(cut) == 1 else 'raken'} {nl} los van de rest van de keten: "
                f"{name} is een enkel punt van falen.",
                f"Without {name}, {en} {'loses its' if len(cut) == 1 else 'lose their'} connection to the rest "
                "of the chain: "
                f"{name} is a single point of failure.",
                model.get(org).sources,
                impact=round(s.split_pairs(parts) / total, 4),
            )
        )
    for handoff_id, (side_from, side_to) in s.bridges.items():
        ho = model.handoff(handoff_id)
        small = side_from if len(side_from) <= len(side_to) else side_to
        nl, en = _names(model, small)
        head_nl, head_en = _ho_text(model, ho)
        found.append(
            Finding(
                Rule.BRIDGE,
                Severity.HIGH,
                handoff_id,
                (handoff_id, *small),
                f"{head_nl} is de enige verbinding: valt die weg, dan {'raakt' if len(small) == 1 else 'raken'} "
                f"{nl} los van de rest van de keten.",
                f"{head_en} is the only link: without it, {en} {'loses its' if len(small) == 1 else 'lose their'} "
                "connection to the rest of the chain.",
                ho.sources,
                impact=round(len(side_from) * len(side_to) / total, 4),
            )
        )
    for org, value in s.betweenness.items():
        if value < BETWEENNESS_LOW:
            continue
        name = model.get(org).name
        rank = s.betweenness_rank(org)
        pct = number(round(100 * value, 1))
        found.append(
            Finding(
                Rule.HIGH_BETWEENNESS,
                Severity.MEDIUM if value >= BETWEENNESS_MEDIUM else Severity.LOW,
                org,
                (org,),
                f"{name} ligt op {pct}% van de kortste routes tussen organisaties (nummer {rank}): "
                "stokt het hier, dan stokt veel.",
                f"{name} lies on {number(round(100 * value, 1), 'en')}% of the shortest routes between "
                f"organisations (rank {rank}): when it stalls here, much stalls.",
                model.get(org).sources,
                impact=value,
            )
        )
    return found


# --- semantic rules on one hand-off -------------------------------------------

# rule -> (the test on one hand-off, Dutch and English predicate)
_SIMPLE: dict[Rule, tuple[Callable[[HandOff], bool], str, str]] = {
    Rule.NO_LEGAL_BASIS: (
        lambda ho: not ho.legal_bases,
        "heeft geen grondslag voor de gegevensuitwisseling",
        "has no legal basis for the data exchange",
    ),
    Rule.NO_REGIE: (
        lambda ho: ho.regie_after is None and any(p in ho.passes for p in _CASE_LIKE),
        "draagt een zaak over, maar niemand heeft daarna aantoonbaar de regie",
        "passes a case, but no one demonstrably holds regie afterwards",
    ),
    Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE: (
        lambda ho: Passes.RESPONSIBILITY in ho.passes and ho.acceptance_required is not True,
        "draagt verantwoordelijkheid over, terwijl niemand verplicht is die te aanvaarden",
        "passes responsibility while no one is obliged to accept it",
    ),
    Rule.NO_NORM: (lambda ho: ho.norm is None, "heeft geen normtijd", "has no norm time"),
    Rule.NO_FEEDBACK: (
        lambda ho: ho.feedback_required is not True,
        "kent geen verplichte terugkoppeling aan de verzender",
        "has no required feedback to the sender",
    ),
    Rule.NO_ESCALATION: (
        lambda ho: ho.escalation_to is None,
        "heeft geen escalatieroute als de overdracht stokt",
        "has no escalation route when it stalls",
    ),
}


def _handoff_rules(model: ChainModel, s: Structure, wanted: set[Rule]) -> list[Finding]:
    found: list[Finding] = []
    for rule, (test, nl, en) in _SIMPLE.items():
        if rule not in wanted:
            continue
        for ho in model.handoffs:
            if not test(ho):
                continue
            head_nl, head_en = _ho_text(model, ho)
            found.append(
                Finding(rule, RULE_SEVERITY[rule], ho.id, (ho.id,), f"{head_nl} {nl}.", f"{head_en} {en}.",
                        ho.sources, impact=s.handoff_betweenness.get(ho.id, 0.0))
            )
    if Rule.FAILURE_MODE in wanted:
        for ho in model.handoffs:
            if not ho.failure_modes:
                continue
            head_nl, head_en = _ho_text(model, ho)
            for mode in ho.failure_modes:
                unverified = mode.status is Status.UNVERIFIED or ho.status is Status.UNVERIFIED
                found.append(
                    Finding(
                        Rule.FAILURE_MODE,
                        Severity.MEDIUM if unverified else Severity.HIGH,
                        ho.id,
                        (ho.id, f"{ho.id}#{mode.id}"),
                        f"{head_nl} stokt bekend: {mode.description}" + (" (niet geverifieerd)" if unverified else ""),
                        f"{head_en} is known to stall: {mode.description_en or mode.description}"
                        + (" (unverified)" if unverified else ""),
                        tuple(dict.fromkeys(mode.sources + ho.sources)),
                        impact=s.handoff_betweenness.get(ho.id, 0.0),
                    )
                )
    return found


def _dead_ends(model: ChainModel, s: Structure) -> list[Finding]:
    order = model.phase_order
    outgoing: dict[str, list[HandOff]] = {}
    for ho in model.handoffs:
        outgoing.setdefault(ho.from_org, []).append(ho)
    arrivals: dict[tuple[str, str], list[HandOff]] = {}
    for ho in model.handoffs:
        if ho.instrument is None and any(p in ho.passes for p in _CASE_LIKE):
            arrivals.setdefault((ho.to_org, ho.phase), []).append(ho)
    found: list[Finding] = []
    for (org, phase), arriving in sorted(arrivals.items()):
        here = order.get(phase, 0)
        onward = [h for h in outgoing.get(org, ()) if order.get(h.phase, 0) >= here]
        if onward:
            continue
        name = model.get(org).name
        phase_name = model.get(phase).name if phase in model.index else phase
        ids = tuple(h.id for h in arriving)
        found.append(
            Finding(
                Rule.DEAD_END,
                Severity.MEDIUM,
                org,
                (org, *ids),
                f"Een zaak komt bij {name} aan in de fase {phase_name} ({', '.join(ids)}), "
                "maar geen overdracht leidt verder: doodlopend spoor.",
                f"A case arrives at {name} in the phase {phase_name} ({', '.join(ids)}), "
                "but no hand-off leads on: a dead end.",
                tuple(sorted({src for h in arriving for src in h.sources} | set(model.get(org).sources))),
                impact=s.betweenness.get(org, 0.0),
            )
        )
    return found


def _ping_pong(model: ChainModel, s: Structure) -> list[Finding]:
    by_pair: dict[tuple[str, str], list[HandOff]] = {}
    for ho in model.handoffs:
        if ho.from_org != ho.to_org and any(p in ho.passes for p in _CASE_LIKE):
            by_pair.setdefault((ho.from_org, ho.to_org), []).append(ho)
    found: list[Finding] = []
    for (a, b), there in sorted(by_pair.items()):
        if a > b or (b, a) not in by_pair:
            continue
        involved = sorted(there + by_pair[(b, a)], key=lambda h: h.id)
        ids = tuple(h.id for h in involved)
        na, nb = model.get(a).name, model.get(b).name
        # name the organisations in the order of the first hand-off by id
        first = involved[0]
        n1, n2 = (nb, na) if first.from_org == b else (na, nb)
        found.append(
            Finding(
                Rule.PING_PONG,
                Severity.MEDIUM,
                ids[0],
                ids,
                f"{n1} en {n2} sturen een zaak naar elkaar terug ({', '.join(ids)}): "
                "risico op pingpong zonder dat iemand de zaak houdt.",
                f"{n1} and {n2} send a case back to each other ({', '.join(ids)}): "
                "risk of ping-pong with no one keeping the case.",
                tuple(sorted({src for h in involved for src in h.sources})),
                impact=max(s.handoff_betweenness.get(h, 0.0) for h in ids),
            )
        )
    return found


# --- combining ------------------------------------------------------------------


def _score(findings: list[Finding]) -> list[Finding]:
    per_element: dict[str, int] = {}
    for f in findings:
        per_element[f.element] = per_element.get(f.element, 0) + 1
    scored = []
    for f in findings:
        concentration = min(25, 5 * (per_element[f.element] - 1))
        score = SEVERITY_POINTS[f.severity] + round(50 * f.impact) + concentration
        scored.append(
            Finding(f.rule, f.severity, f.element, f.elements, f.reason_nl, f.reason_en, f.sources,
                    round(f.impact, 4), score)
        )
    scored.sort(key=lambda f: (-f.score, _RULE_ORDER[f.rule], f.element, f.elements))
    return scored


def _parse_rules(rules: str | Iterable[str] | None) -> set[Rule]:
    if rules is None:
        return set(Rule)
    if isinstance(rules, str):
        rules = [rules]
    parsed: set[Rule] = set()
    for r in rules:
        try:
            parsed.add(Rule(r))
        except ValueError:
            valid = ", ".join(x.value for x in Rule)
            raise ChainError(f"unknown rule {r!r}; valid: {valid}") from None
    return parsed


def bottlenecks(
    model: ChainModel,
    *,
    rules: str | Iterable[str] | None = None,
    severity: str | Severity | None = None,
) -> list[Finding]:
    """Every bottleneck and gap, ranked (see the module docstring for rules and scoring).

    Parameters
    ----------
    model : ChainModel
    rules : str or iterable of str, optional
        Only these rules (default: all).
    severity : str, optional
        Only findings of at least this severity (``high``, ``medium``, ``low``).

    Returns
    -------
    list of Finding
        Highest score first. Scores are computed over all findings, then
        filtered, so a finding's score does not change with the filter.

    Raises
    ------
    graph.errors.ChainError
        An unknown rule or severity.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> [f.element for f in bottlenecks(toy_chain(), rules="no-norm")]
    ['ho-vt-lokaal-team', 'ho-lokaal-team-vt', 'ho-raad-kinderrechter', 'ho-vt-raad-oud']
    >>> {f.severity.value for f in bottlenecks(toy_chain(), severity="high")}
    {'high'}
    """
    wanted = _parse_rules(rules)
    if severity is not None:
        try:
            floor = _SEVERITY_ORDER.index(Severity(severity))
        except ValueError:
            raise ChainError(f"unknown severity {severity!r}; valid: high, medium, low") from None
    ranked = model.view.memo("bottlenecks", lambda: _all_findings(model))
    ranked = [f for f in ranked if f.rule in wanted]
    if severity is not None:
        ranked = [f for f in ranked if _SEVERITY_ORDER.index(f.severity) <= floor]
    return ranked


def _all_findings(model: ChainModel) -> list[Finding]:
    """Every finding of every rule, scored and ranked (computed once per model)."""
    s = structure(model)
    found: list[Finding] = list(_structural(model, s))
    found += _handoff_rules(model, s, set(Rule))
    found += _dead_ends(model, s)
    found += _ping_pong(model, s)
    return _score(found)


def findings_for(findings: Iterable[Finding], element_id: str) -> list[Finding]:
    """The findings that involve ``element_id`` (as subject or as one of the elements)."""
    return [f for f in findings if f.element == element_id or element_id in f.elements]


def handoffs_by_score(model: ChainModel) -> list[str]:
    """Every hand-off id, the highest summed bottleneck score first (then by id).

    Hand-offs without findings come last, in id order.

    >>> from graph.examples import toy_chain
    >>> handoffs_by_score(toy_chain())[0]
    'ho-vt-lokaal-team'
    >>> len(handoffs_by_score(toy_chain())) == len(toy_chain().handoffs)
    True
    """
    scores = {e.element: e.score for e in rank_elements(bottlenecks(model))}
    return sorted((h.id for h in model.handoffs), key=lambda h: (-scores.get(h, 0), h))


def rank_elements(findings: Iterable[Finding]) -> list[ElementScore]:
    """Elements ranked by the sum of their findings' scores (ties by id).

    >>> from graph.examples import toy_chain
    >>> top = rank_elements(bottlenecks(toy_chain()))[0]
    >>> top.element, top.worst.value
    ('ho-vt-lokaal-team', 'high')
    """
    totals: dict[str, list[Finding]] = {}
    for f in findings:
        totals.setdefault(f.element, []).append(f)
    ranked = [
        ElementScore(
            element=e,
            score=sum(f.score for f in fs),
            rules=tuple(sorted({f.rule for f in fs}, key=_RULE_ORDER.__getitem__)),
            worst=min((f.severity for f in fs), key=_SEVERITY_ORDER.index),
        )
        for e, fs in totals.items()
    ]
    ranked.sort(key=lambda r: (-r.score, r.element))
    return ranked
