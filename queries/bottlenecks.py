"""The rules that read weak spots off the chain's structure and its paper: one finding per rule and element.

A rule finding says where a case *could* stall: the chain's shape (a bridge,
a single point of failure), its law (no or a weak legal basis) and its
agreements (no regie, no norm, no feedback). It never says that cases *do*
stall there: that takes evidence from practice (:mod:`queries.evidence`),
which :mod:`queries.knelpunten` weighs together with these findings into
one ranked row per element. A rule finding is therefore at most
**aandacht**, never **hoog** (see ``docs/knelpunten.md`` for the scale).

Every finding names its rule, its level, the category of the closed
vocabulary it belongs to (:class:`graph.vocab.Category`; structural rules
have none), the element it is about, a reason in Dutch and English and the
sources behind it.

Rules
-----
=====================================  ========  ======================  ============================================
rule                                   level     category                finds
=====================================  ========  ======================  ============================================
``articulation-point``                 aandacht  –                       an organisation whose removal cuts two or more
                                       / laag                            others off from the chain (laag: only one)
``bridge``                             aandacht  –                       a hand-off that is the only link to two or
                                       / laag                            more organisations (laag: to one, which
                                                                         always hangs on one hand-off)
``high-betweenness``                   laag      –                       an organisation on at least 10% of the
                                                                         shortest routes
``no-legal-basis``                     laag      grondslag               no legal basis for the data exchange is known
                                                                         (a gap in what is known, as unverified)
``weak-legal-basis``                   aandacht  grondslag               special-category data (every exchange in this
                                       / laag                            chain) without a verified statute, decree or
                                                                         regulation behind it: aandacht when a covenant,
                                                                         a model agreement, a policy or instruction or
                                                                         the AVG frame carries it (the ZVH casusoverleg
                                                                         until 2025); laag when only binding law nobody
                                                                         verified does
``no-regie``                           aandacht  regie                   a case moves and no one holds regie afterwards
``regie-while-waiting``                aandacht  regie                   while the receiver has not started, regie is
                                                                         unclear, stays with the sender although the
                                                                         receiver is said to hold it, or is not laid
                                                                         down while practice shows a wait there
``responsibility-without-acceptance``  aandacht  regie                   responsibility passes while the receiver need
                                       / laag                            not accept it (laag: unknown whether it must)
``dead-end``                           laag      uitstroom               a case arrives and no hand-off leads on (here
                                                                         mostly the edge of the chain: treatment, the
                                                                         Doorbraakteam)
``ping-pong``                          aandacht  regie                   two organisations pass a case back and forth
                                                                         (hand-offs without an instrument both ways; a
                                                                         request and the court's decision are no
                                                                         ping-pong)
``no-norm``                            laag      –                       a hand-off without a norm time
``no-feedback``                        laag      terugkoppeling          no required feedback to the sender
``no-escalation``                      laag      escalatie               no escalation route
=====================================  ========  ======================  ============================================

Special-category data: every exchange in the chain concerns signs of
domestic violence or child abuse, so it holds health data or criminal data
(art. 9 and 10 AVG). Such an exchange needs a basis in Dutch law (art. 6(3)
AVG): a verified statute, decree or ministerial regulation
(:data:`graph.model.BINDING_LAW`). A covenant or a model agreement binds only
its parties and is not such a basis; the AVG itself is the frame that asks
for one.

Impact
------
``impact`` (0..1) weighs a finding's place in the chain: for ``bridge`` and
``articulation-point`` the share of organisation pairs that would be cut off
from each other, for ``high-betweenness`` the organisation's normalised
betweenness, for a rule on a hand-off the hand-off's normalised betweenness,
for ``dead-end`` and ``ping-pong`` the highest betweenness among the elements
involved. Findings are listed by level, then impact, then rule order, then
element id.

Examples
--------
>>> from graph.examples import toy_chain
>>> found = bottlenecks(toy_chain())
>>> sorted({f.level.value for f in found})
['aandacht', 'laag']
>>> ping = [f for f in found if f.rule is Rule.PING_PONG][0]
>>> ping.elements, ping.category.value
(('ho-lokaal-team-vt', 'ho-vt-lokaal-team'), 'regie')
>>> import textwrap
>>> print(textwrap.fill(ping.reason_nl, 100))
Lokaal team en Veilig Thuis sturen een zaak naar elkaar terug (ho-lokaal-team-vt, ho-vt-lokaal-
team): risico op pingpong zonder dat iemand de zaak houdt.
>>> print(textwrap.fill([f for f in found if f.rule is Rule.REGIE_WHILE_WAITING][0].reason_nl, 100))
Zolang Raad voor de Kinderbescherming niet is begonnen, blijft de regie bij Veilig Thuis, terwijl de
keten ervan uitgaat dat Raad voor de Kinderbescherming haar heeft.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from graph.errors import ChainError
from graph.model import (
    BINDING_LAW,
    ChainModel,
    HandOff,
    LegalBasis,
    LegalBasisKind,
    Passes,
    RegieHolder,
    Status,
)
from graph.text import element_name, handoff_title, join_en, join_nl, number
from graph.vocab import Category
from queries.evidence import CONFIRMING
from queries.structure import Structure, structure

__all__ = [
    "RULE_CATEGORY",
    "RULE_LEVEL",
    "SEVERITY_ORDER",
    "Finding",
    "Rule",
    "Severity",
    "bottlenecks",
    "findings_for",
    "parse_level",
    "parse_member",
]


class Severity(StrEnum):
    """The knelpunten scale (written definitions in ``docs/knelpunten.md``).

    - ``hoog``: evidence from practice shows that cases stall here, recently
      and from more than one source (or from the region's own cases);
    - ``aandacht``: a substantive reason on paper or in structure, or
      evidence from practice that is older or rests on one source;
    - ``laag``: only light gaps (no norm, no required feedback, no escalation
      route, a basis nobody verified, a busy organisation).
    """

    HOOG = "hoog"
    AANDACHT = "aandacht"
    LAAG = "laag"


SEVERITY_ORDER: tuple[Severity, ...] = (Severity.HOOG, Severity.AANDACHT, Severity.LAAG)


class Rule(StrEnum):
    ARTICULATION_POINT = "articulation-point"
    BRIDGE = "bridge"
    HIGH_BETWEENNESS = "high-betweenness"
    NO_LEGAL_BASIS = "no-legal-basis"
    WEAK_LEGAL_BASIS = "weak-legal-basis"
    NO_REGIE = "no-regie"
    REGIE_WHILE_WAITING = "regie-while-waiting"
    RESPONSIBILITY_WITHOUT_ACCEPTANCE = "responsibility-without-acceptance"
    DEAD_END = "dead-end"
    PING_PONG = "ping-pong"
    NO_NORM = "no-norm"
    NO_FEEDBACK = "no-feedback"
    NO_ESCALATION = "no-escalation"


_RULE_ORDER = {rule: i for i, rule in enumerate(Rule)}

# The level of each rule (weak-legal-basis is laag when the basis is binding law that nobody verified).
RULE_LEVEL: dict[Rule, Severity] = {
    Rule.ARTICULATION_POINT: Severity.AANDACHT,
    Rule.BRIDGE: Severity.AANDACHT,
    Rule.HIGH_BETWEENNESS: Severity.LAAG,
    Rule.NO_LEGAL_BASIS: Severity.LAAG,
    Rule.WEAK_LEGAL_BASIS: Severity.AANDACHT,
    Rule.NO_REGIE: Severity.AANDACHT,
    Rule.REGIE_WHILE_WAITING: Severity.AANDACHT,
    Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE: Severity.AANDACHT,
    Rule.DEAD_END: Severity.LAAG,
    Rule.PING_PONG: Severity.AANDACHT,
    Rule.NO_NORM: Severity.LAAG,
    Rule.NO_FEEDBACK: Severity.LAAG,
    Rule.NO_ESCALATION: Severity.LAAG,
}

RULE_CATEGORY: dict[Rule, Category | None] = {
    Rule.ARTICULATION_POINT: None,
    Rule.BRIDGE: None,
    Rule.HIGH_BETWEENNESS: None,
    Rule.NO_LEGAL_BASIS: Category.LEGAL_BASIS,
    Rule.WEAK_LEGAL_BASIS: Category.LEGAL_BASIS,
    Rule.NO_REGIE: Category.REGIE,
    Rule.REGIE_WHILE_WAITING: Category.REGIE,
    Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE: Category.REGIE,
    Rule.DEAD_END: Category.OUTFLOW,
    Rule.PING_PONG: Category.REGIE,
    Rule.NO_NORM: None,
    Rule.NO_FEEDBACK: Category.FEEDBACK,
    Rule.NO_ESCALATION: Category.ESCALATION,
}

BETWEENNESS_LOW = 0.10


@dataclass(frozen=True)
class Finding:
    """One rule finding. ``element`` is the id the finding is about;
    ``elements`` every id involved (``element`` first). ``short_nl``/``short_en``
    is the reason in a few words, for a ranked row."""

    rule: Rule
    level: Severity
    category: Category | None
    element: str
    elements: tuple[str, ...]
    reason_nl: str
    reason_en: str
    sources: tuple[str, ...]
    short_nl: str = ""
    short_en: str = ""
    impact: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a finding (see docs/json.md)."""
        return {
            "rule": self.rule.value,
            "level": self.level.value,
            "category": self.category.value if self.category else None,
            "element": self.element,
            "elements": list(self.elements),
            "reason_nl": self.reason_nl,
            "reason_en": self.reason_en,
            "short_nl": self.short_nl,
            "short_en": self.short_en,
            "sources": list(self.sources),
            "impact": self.impact,
        }


def _finding(rule: Rule, element: str, elements: tuple[str, ...], nl: str, en: str, sources: Iterable[str], *,
             short: tuple[str, str], impact: float = 0.0, level: Severity | None = None) -> Finding:
    return Finding(rule, level or RULE_LEVEL[rule], RULE_CATEGORY[rule], element, elements, nl, en,
                   tuple(dict.fromkeys(sources)), short[0], short[1], round(impact, 4))


def _names(model: ChainModel, ids: Iterable[str], limit: int = 5) -> tuple[str, str]:
    names = [element_name(model.get(i)) for i in ids]
    if len(names) > limit:
        rest = len(names) - limit
        return join_nl([*names[:limit], f"{rest} andere"]), join_en([*names[:limit], f"{rest} others"])
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
        one = len(cut) == 1
        found.append(_finding(
            Rule.ARTICULATION_POINT, org, (org, *tuple(cut)),
            f"Zonder {name} {'raakt' if one else 'raken'} {nl} los van de rest van de keten: "
            f"{name} is een enkel punt van falen.",
            f"Without {name}, {en} {'loses its' if one else 'lose their'} connection to the rest of the chain: "
            f"{name} is a single point of failure.",
            model.get(org).sources,
            short=(f"zonder {name} raakt {nl} los", f"without {name}, {en} is cut off"),
            impact=s.split_pairs(parts) / total,
            level=Severity.AANDACHT if len(cut) >= 2 else Severity.LAAG,
        ))
    for handoff_id, (side_from, side_to) in s.bridges.items():
        ho = model.handoff(handoff_id)
        small = side_from if len(side_from) <= len(side_to) else side_to
        nl, en = _names(model, small)
        head_nl, head_en = _ho_text(model, ho)
        one = len(small) == 1
        found.append(_finding(
            Rule.BRIDGE, handoff_id, (handoff_id, *small),
            f"{head_nl} is de enige verbinding: valt die weg, dan {'raakt' if one else 'raken'} "
            f"{nl} los van de rest van de keten.",
            f"{head_en} is the only link: without it, {en} {'loses its' if one else 'lose their'} "
            "connection to the rest of the chain.",
            ho.sources,
            short=(f"enige verbinding naar {nl}", f"the only link to {en}"),
            impact=len(side_from) * len(side_to) / total,
            level=Severity.AANDACHT if len(small) >= 2 else Severity.LAAG,
        ))
    for org, value in s.betweenness.items():
        if value < BETWEENNESS_LOW:
            continue
        name = model.get(org).name
        rank = s.betweenness_rank(org)
        found.append(_finding(
            Rule.HIGH_BETWEENNESS, org, (org,),
            f"{name} ligt op {number(round(100 * value, 1))}% van de kortste routes tussen organisaties "
            f"(nummer {rank}): stokt het hier, dan stokt veel.",
            f"{name} lies on {number(round(100 * value, 1), 'en')}% of the shortest routes between "
            f"organisations (rank {rank}): when it stalls here, much stalls.",
            model.get(org).sources,
            short=(f"op {number(round(100 * value))}% van de kortste routes",
                   f"on {number(round(100 * value), 'en')}% of the shortest routes"),
            impact=value,
        ))
    return found


# --- rules on one hand-off -------------------------------------------------------

# rule -> (the test on one hand-off, Dutch and English predicate, short Dutch and English)
_SIMPLE: dict[Rule, tuple[Callable[[HandOff], bool], str, str, str, str]] = {
    Rule.NO_LEGAL_BASIS: (
        lambda ho: not ho.legal_bases,
        "heeft geen bekende grondslag voor de gegevensuitwisseling",
        "has no known legal basis for the data exchange",
        "geen grondslag bekend", "no legal basis known",
    ),
    Rule.NO_REGIE: (
        lambda ho: ho.regie_after is None and ho.moves_case,
        "draagt een zaak over, maar niemand heeft daarna aantoonbaar de regie",
        "passes a case, but no one demonstrably holds regie afterwards",
        "niemand heeft daarna de regie", "no one holds regie afterwards",
    ),
    Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE: (
        lambda ho: Passes.RESPONSIBILITY in ho.passes and ho.acceptance_required is not True,
        "draagt verantwoordelijkheid over, terwijl niemand verplicht is die te aanvaarden",
        "passes responsibility while no one is obliged to accept it",
        "geen plicht tot aanvaarding", "no duty to accept",
    ),
    Rule.NO_NORM: (
        lambda ho: ho.norm is None,
        "heeft geen normtijd", "has no norm time", "geen normtijd", "no norm time",
    ),
    Rule.NO_FEEDBACK: (
        lambda ho: ho.feedback_required is not True,
        "kent geen verplichte terugkoppeling aan de verzender",
        "has no required feedback to the sender",
        "geen verplichte terugkoppeling", "no required feedback",
    ),
    Rule.NO_ESCALATION: (
        lambda ho: ho.escalation_to is None,
        "heeft geen escalatieroute als de overdracht stokt",
        "has no escalation route when it stalls",
        "geen escalatieroute", "no escalation route",
    ),
}

_KIND_WORDS: dict[LegalBasisKind, tuple[str, str]] = {
    LegalBasisKind.STATUTE: ("een wet", "a statute"),
    LegalBasisKind.DECREE: ("een besluit", "a decree"),
    LegalBasisKind.REGULATION: ("een ministeriële regeling", "a ministerial regulation"),
    LegalBasisKind.EU_REGULATION: ("het kader van de AVG", "the frame of the GDPR"),
    LegalBasisKind.POLICY_RULE: ("een aanwijzing of beleidsregel", "an instruction or policy rule"),
    LegalBasisKind.COVENANT: ("een convenant", "a covenant"),
    LegalBasisKind.MODEL_AGREEMENT: ("een modelafspraak", "a model agreement"),
    LegalBasisKind.POLICY: ("beleid of een opdracht", "policy or an assignment"),
}


def _weak_basis(model: ChainModel, ho: HandOff) -> Finding | None:
    """A finding when the hand-off's data exchange rests on no verified binding law (see module docstring)."""
    if not ho.legal_bases:
        return None
    bases = [model.legal_basis(i) for i in ho.legal_bases]
    if any(lb.is_binding_law for lb in bases):
        return None
    head_nl, head_en = _ho_text(model, ho)
    binding_unverified = [lb for lb in bases if lb.kind in BINDING_LAW]

    def words(lb: LegalBasis) -> tuple[str, str]:
        nl, en = _KIND_WORDS[lb.kind]
        if lb.status is Status.UNVERIFIED:
            return f"{nl} die niemand verifieerde ({lb.name})", f"{en} nobody verified ({lb.name})"
        return f"{nl} ({lb.name})", f"{en} ({lb.name})"

    parts = [words(lb) for lb in bases]
    nl_list, en_list = join_nl([p[0] for p in parts]), join_en([p[1] for p in parts])
    if binding_unverified and all(lb.kind in BINDING_LAW for lb in bases):
        return _finding(
            Rule.WEAK_LEGAL_BASIS, ho.id, (ho.id, *ho.legal_bases),
            f"{head_nl} deelt bijzondere persoonsgegevens op grond van {nl_list}: "
            "de tekst van de grondslag is niet nagelezen.",
            f"{head_en} shares special-category data on the basis of {en_list}: "
            "the text of the basis was not checked.",
            [src for lb in bases for src in lb.sources] + list(ho.sources),
            short=("grondslag niet geverifieerd", "legal basis not verified"),
            level=Severity.LAAG,
        )
    weak = [lb for lb in bases if lb.kind not in BINDING_LAW]
    kinds = join_nl(list(dict.fromkeys(_KIND_WORDS[lb.kind][0] for lb in weak)))
    kinds_en = join_en(list(dict.fromkeys(_KIND_WORDS[lb.kind][1] for lb in weak)))
    if binding_unverified:
        kinds += " en een niet geverifieerde wet"
        kinds_en += " and an unverified statute"
    return _finding(
        Rule.WEAK_LEGAL_BASIS, ho.id, (ho.id, *ho.legal_bases),
        f"{head_nl} deelt bijzondere persoonsgegevens (gezondheid, strafrecht) op grond van alleen {nl_list}: "
        "dat is geen wettelijke grondslag.",
        f"{head_en} shares special-category data (health, criminal) on the basis of only {en_list}: "
        "that is no basis in law.",
        [src for lb in bases for src in lb.sources] + list(ho.sources),
        short=(f"rust alleen op {kinds}", f"rests only on {kinds_en}"),
    )


def _waits_in_practice(model: ChainModel, ho: HandOff) -> list[str]:
    """Ids of observations showing a wait at this hand-off (a waiting list or a wait over the norm)."""
    return [o.id for o in model.observations_about.get(ho.id, ())
            if o.assessment in CONFIRMING and Category.WAITING in o.categories]


def _regie_while_waiting(model: ChainModel, ho: HandOff) -> Finding | None:
    head_nl, head_en = _ho_text(model, ho)
    sender, receiver = model.get(ho.from_org).name, model.get(ho.to_org).name
    holder = ho.regie_while_waiting
    sources = list(ho.regie_while_waiting_sources) + list(ho.sources)
    if holder is RegieHolder.UNCLEAR:
        return _finding(
            Rule.REGIE_WHILE_WAITING, ho.id, (ho.id,),
            f"Zolang {receiver} niet is begonnen, is onduidelijk wie de regie heeft: {sender} of {receiver}.",
            f"Until {receiver} has started, it is unclear who holds regie: {sender} or {receiver}.",
            sources, short=("regie tijdens het wachten onduidelijk", "regie while waiting unclear"),
        )
    if holder is RegieHolder.SENDER and ho.regie_after == ho.to_org:
        return _finding(
            Rule.REGIE_WHILE_WAITING, ho.id, (ho.id,),
            f"Zolang {receiver} niet is begonnen, blijft de regie bij {sender}, terwijl de keten ervan uitgaat "
            f"dat {receiver} haar heeft.",
            f"Until {receiver} has started, regie stays with {sender}, while the chain assumes {receiver} holds it.",
            sources,
            short=(f"regie tijdens het wachten blijft bij {sender}", f"regie while waiting stays with {sender}"),
        )
    if holder is None and ho.moves_case:
        waits = _waits_in_practice(model, ho)
        if waits:
            return _finding(
                Rule.REGIE_WHILE_WAITING, (ho.id), (ho.id, *tuple(waits)),
                f"{head_nl}: in de praktijk wachten zaken hier ({', '.join(waits)}), maar nergens staat wie "
                "zolang de regie heeft.",
                f"{head_en}: in practice cases wait here ({', '.join(waits)}), but nothing says who holds regie "
                "meanwhile.",
                [src for o in waits for src in model.observation(o).sources] + list(ho.sources),
                short=("niet vastgelegd wie de regie heeft tijdens het wachten",
                       "not laid down who holds regie while waiting"),
            )
    return None


def _handoff_rules(model: ChainModel, s: Structure) -> list[Finding]:
    found: list[Finding] = []
    for rule, (test, nl, en, short_nl, short_en) in _SIMPLE.items():
        for ho in model.handoffs:
            if not test(ho):
                continue
            head_nl, head_en = _ho_text(model, ho)
            level = None
            if rule is Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE and ho.acceptance_required is None:
                level = Severity.LAAG  # unknown whether the receiver must accept: a gap in what is known
                nl_, en_ = "draagt verantwoordelijkheid over; onbekend of de ontvanger die moet aanvaarden", \
                    "passes responsibility; unknown whether the receiver must accept it"
                short = ("onbekend of de ontvanger moet aanvaarden", "unknown whether the receiver must accept")
            else:
                nl_, en_, short = nl, en, (short_nl, short_en)
            found.append(_finding(rule, ho.id, (ho.id,), f"{head_nl} {nl_}.", f"{head_en} {en_}.", ho.sources,
                                  short=short, impact=s.handoff_betweenness.get(ho.id, 0.0), level=level))
    found.extend(
        Finding(extra.rule, extra.level, extra.category, extra.element, extra.elements,
                extra.reason_nl, extra.reason_en, extra.sources, extra.short_nl,
                extra.short_en, round(s.handoff_betweenness.get(ho.id, 0.0), 4))
        for ho in model.handoffs
        for extra in (_weak_basis(model, ho), _regie_while_waiting(model, ho))
        if extra is not None
    )
    return found


def _dead_ends(model: ChainModel, s: Structure) -> list[Finding]:
    order = model.phase_order
    outgoing: dict[str, list[HandOff]] = {}
    for ho in model.handoffs:
        outgoing.setdefault(ho.from_org, []).append(ho)
    arrivals: dict[tuple[str, str], list[HandOff]] = {}
    for ho in model.handoffs:
        if ho.instrument is None and ho.moves_case:
            arrivals.setdefault((ho.to_org, ho.phase), []).append(ho)
    found: list[Finding] = []
    for (org, phase), arriving in sorted(arrivals.items()):
        here = order.get(phase, 0)
        if any(order.get(h.phase, 0) >= here for h in outgoing.get(org, ())):
            continue
        name = model.get(org).name
        phase_name = model.get(phase).name if phase in model.index else phase
        ids = tuple(h.id for h in arriving)
        found.append(_finding(
            Rule.DEAD_END, org, (org, *ids),
            f"Een zaak komt bij {name} aan in de fase {phase_name} ({', '.join(ids)}), "
            "maar geen overdracht leidt verder: doodlopend spoor.",
            f"A case arrives at {name} in the phase {phase_name} ({', '.join(ids)}), "
            "but no hand-off leads on: a dead end.",
            sorted({src for h in arriving for src in h.sources} | set(model.get(org).sources)),
            short=("geen overdracht leidt verder", "no hand-off leads on"),
            impact=s.betweenness.get(org, 0.0),
        ))
    return found


def _ping_pong(model: ChainModel, s: Structure) -> list[Finding]:
    by_pair: dict[tuple[str, str], list[HandOff]] = {}
    for ho in model.handoffs:
        if ho.from_org != ho.to_org and ho.moves_case and ho.instrument is None:
            by_pair.setdefault((ho.from_org, ho.to_org), []).append(ho)
    found: list[Finding] = []
    for (a, b), there in sorted(by_pair.items()):
        if a > b or (b, a) not in by_pair:
            continue
        involved = sorted(there + by_pair[(b, a)], key=lambda h: h.id)
        ids = tuple(h.id for h in involved)
        na, nb = model.get(a).name, model.get(b).name
        first = involved[0]  # name the organisations in the order of the first hand-off by id
        n1, n2 = (nb, na) if first.from_org == b else (na, nb)
        found.append(_finding(
            Rule.PING_PONG, ids[0], ids,
            f"{n1} en {n2} sturen een zaak naar elkaar terug ({', '.join(ids)}): "
            "risico op pingpong zonder dat iemand de zaak houdt.",
            f"{n1} and {n2} send a case back to each other ({', '.join(ids)}): "
            "risk of ping-pong with no one keeping the case.",
            sorted({src for h in involved for src in h.sources}),
            short=(f"pingpong tussen {n1} en {n2}", f"ping-pong between {n1} and {n2}"),
            impact=max(s.handoff_betweenness.get(h, 0.0) for h in ids),
        ))
    return found


# --- all together ----------------------------------------------------------------------


M = TypeVar("M", bound=StrEnum)


def parse_member(enum: type[M], value: str | M | None, what: str) -> M | None:
    """The member of ``enum`` named ``value`` (None stays None), or a ChainError naming the valid values.

    >>> parse_member(Severity, "hoog", "level")
    <Severity.HOOG: 'hoog'>
    >>> parse_member(Severity, "urgent", "level")
    Traceback (most recent call last):
    ...
    graph.errors.ChainError: unknown level 'urgent'; valid: hoog, aandacht, laag
    """
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        raise ChainError(f"unknown {what} {value!r}; valid: {', '.join(m.value for m in enum)}") from None


def _parse_rules(rules: str | Iterable[str] | None) -> set[Rule]:
    if rules is None:
        return set(Rule)
    return {rule for r in ([rules] if isinstance(rules, str) else rules)
            if (rule := parse_member(Rule, r, "rule")) is not None}


def parse_level(level: str | Severity | None) -> Severity | None:
    """A level from its name, or a ChainError listing the valid ones."""
    return parse_member(Severity, level, "level")


def bottlenecks(
    model: ChainModel,
    *,
    rules: str | Iterable[str] | None = None,
    level: str | Severity | None = None,
) -> list[Finding]:
    """Every rule finding (see the module docstring for rules and levels).

    Parameters
    ----------
    model : ChainModel
    rules : str or iterable of str, optional
        Only these rules (default: all).
    level : str, optional
        Only findings of at least this level (``aandacht`` or ``laag``).

    Returns
    -------
    list of Finding
        By level, then impact (highest first), then rule order, then element id.

    Raises
    ------
    graph.errors.ChainError
        An unknown rule or level.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> [f.element for f in bottlenecks(toy_chain(), rules="no-norm")]
    ['ho-raad-kinderrechter', 'ho-lokaal-team-vt', 'ho-vt-raad-oud', 'ho-vt-lokaal-team']
    >>> {f.level.value for f in bottlenecks(toy_chain(), level="aandacht")}
    {'aandacht'}
    """
    wanted = _parse_rules(rules)
    floor = parse_level(level)
    found = model.view.memo("bottlenecks", lambda: _all_findings(model))
    found = [f for f in found if f.rule in wanted]
    if floor is not None:
        found = [f for f in found if SEVERITY_ORDER.index(f.level) <= SEVERITY_ORDER.index(floor)]
    return found


def _all_findings(model: ChainModel) -> list[Finding]:
    """Every finding of every rule, in list order (computed once per model)."""
    s = structure(model)
    found = _structural(model, s) + _handoff_rules(model, s) + _dead_ends(model, s) + _ping_pong(model, s)
    found.sort(key=lambda f: (SEVERITY_ORDER.index(f.level), -f.impact, _RULE_ORDER[f.rule], f.element, f.elements))
    return found


def findings_for(findings: Iterable[Finding], element_id: str) -> list[Finding]:
    """The findings about ``element_id`` (as subject, or as a hand-off involved in a ping-pong)."""
    return [f for f in findings if f.element == element_id
            or (f.rule is Rule.PING_PONG and element_id in f.elements)]
