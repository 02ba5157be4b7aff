"""Routes a case can take through the chain, and the sub-map between two elements.

A start or end may be an organisation, a signal (the case enters where the
signal enters), an instrument or a hand-off:

=============  ======================================  ==========================================
element        as start                                as end
=============  ======================================  ==========================================
organisation   the organisation                        the organisation
signal         the organisation it enters at           (not allowed)
instrument     organisations applying it, and the      the route's last hand-off carries the
               receivers of hand-offs carrying it      instrument (or, when no hand-off carries
                                                       it, ends at an organisation applying it)
hand-off       the route's first step is it            the route's last step is it
=============  ======================================  ==========================================

``INSTRUMENT@ORGANISATION`` narrows an instrument to the organisation that
carries it out: as end, the route's last hand-off carries the instrument to
that organisation (e.g. ``ondertoezichtstelling@jeugdbescherming-west``: the
OTS pronounced and handed to the gecertificeerde instelling); as start, the
route starts there.

Examples
--------
>>> from graph.examples import toy_chain
>>> best = routes(toy_chain(), "signaal-incident", "ots")[0]
>>> [step.handoff for step in best.steps]
['ho-politie-vt', 'ho-vt-raad', 'ho-raad-kinderrechter']
>>> best.norm_days, best.steps_without_norm, best.weakest_step
(17.0, ('ho-raad-kinderrechter',), 'ho-raad-kinderrechter')
>>> print(best.reason_nl)
3 overdrachten van Politie naar Kinderrechter; normtijd samen 17 dagen (zonder normtijd: stap 3);
zwakste stap: 3. Verzoek OTS (geen normtijd en geen escalatieroute).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.encode import element_json
from graph.errors import ChainError, NoRoute
from graph.model import ChainModel, HandOff, Instrument, Organisation, Signal, Status
from graph.text import days_phrase, handoff_title, join_en, join_nl, norm_text
from queries.resolve import resolve

__all__ = [
    "WEAKNESS_WEIGHTS",
    "Weakness",
    "Step",
    "Route",
    "SubMap",
    "weaknesses",
    "routes",
    "submap",
    "DEFAULT_MAX_HANDOFFS",
]

DEFAULT_MAX_HANDOFFS = 6

# What makes a step weak, with its weight (see `weaknesses`).
WEAKNESS_WEIGHTS: dict[str, int] = {
    "no-legal-basis": 3,
    "no-norm": 2,
    "no-regie": 2,
    "failure-mode": 2,  # per recorded failure mode
    "responsibility-without-acceptance": 2,
    "no-feedback": 1,
    "no-escalation": 1,
    "unverified": 1,
}

_WEAKNESS_TEXT = {
    "no-legal-basis": ("geen grondslag voor de gegevensuitwisseling", "no legal basis for the data exchange"),
    "no-norm": ("geen normtijd", "no norm time"),
    "no-regie": ("niemand heeft daarna de regie", "no one holds regie afterwards"),
    "failure-mode": ("bekend faalpatroon", "known failure mode"),
    "responsibility-without-acceptance": (
        "verantwoordelijkheid gaat over zonder plicht tot aanvaarding",
        "responsibility passes without a duty to accept",
    ),
    "no-feedback": ("geen verplichte terugkoppeling", "no required feedback"),
    "no-escalation": ("geen escalatieroute", "no escalation route"),
    "unverified": ("niet geverifieerd", "unverified"),
}


@dataclass(frozen=True)
class Weakness:
    """One reason a hand-off is weak."""

    code: str  # a key of WEAKNESS_WEIGHTS
    weight: int
    text_nl: str
    text_en: str


def weaknesses(handoff: HandOff) -> tuple[Weakness, ...]:
    """What makes this hand-off weak, in the order of :data:`WEAKNESS_WEIGHTS`.

    A step's *weakness score* is the sum of the weights; each recorded failure
    mode counts once.

    >>> from graph.examples import toy_chain
    >>> [w.code for w in weaknesses(toy_chain().get("ho-vt-lokaal-team"))]
    ['no-legal-basis', 'no-norm', 'no-regie', 'failure-mode', 'responsibility-without-acceptance',
     'no-feedback', 'no-escalation']
    """
    found: list[Weakness] = []

    def add(code: str, times: int = 1) -> None:
        nl, en = _WEAKNESS_TEXT[code]
        found.extend(Weakness(code, WEAKNESS_WEIGHTS[code], nl, en) for _ in range(times))

    if not handoff.legal_bases:
        add("no-legal-basis")
    if handoff.norm is None:
        add("no-norm")
    if handoff.regie_after is None:
        add("no-regie")
    add("failure-mode", len(handoff.failure_modes))
    if "responsibility" in handoff.passes and handoff.acceptance_required is not True:
        add("responsibility-without-acceptance")
    if handoff.feedback_required is not True:
        add("no-feedback")
    if handoff.escalation_to is None:
        add("no-escalation")
    if handoff.status is Status.UNVERIFIED:
        add("unverified")
    return tuple(found)


@dataclass(frozen=True)
class Step:
    """One hand-off on a route."""

    handoff: str
    name: str
    from_org: str
    from_name: str
    to_org: str
    to_name: str
    phase: str
    trigger: str
    instrument: str | None
    instrument_name: str | None
    legal_bases: tuple[str, ...]
    legal_basis_names: tuple[str, ...]
    legal_basis_urls: tuple[str | None, ...]
    norm_nl: str
    norm_en: str
    norm_days: float | None  # calendar-day equivalent, None without a numeric norm
    weaknesses: tuple[Weakness, ...]
    sources: tuple[str, ...]

    @property
    def weakness_score(self) -> int:
        return sum(w.weight for w in self.weaknesses)

    def as_dict(self, model: ChainModel) -> dict[str, Any]:
        """The JSON shape of a step: the hand-off in its one shape (``graph.encode.element_json``)
        and what makes the step weak (see docs/json.md)."""
        return {
            "handoff": element_json(model, model.handoff(self.handoff)),
            "weakness_score": self.weakness_score,
            "weaknesses": [w.code for w in self.weaknesses],
        }


@dataclass(frozen=True)
class Route:
    """A route: its steps, the cumulative norm time and its weakest step.

    ``norm_days`` adds up the calendar-day equivalents of the steps that have
    a numeric norm; ``steps_without_norm`` names the others (no norm, or a
    norm without a number), so the total is a lower bound whenever that is
    not empty. ``weakest_step`` is the step with the highest weakness score
    (the first such step on ties).
    """

    steps: tuple[Step, ...]
    start: str
    end: str
    norm_days: float
    steps_without_norm: tuple[str, ...]
    weakest_step: str | None
    weakness_score: int
    reason_nl: str
    reason_en: str
    sources: tuple[str, ...]

    @property
    def handoffs(self) -> tuple[str, ...]:
        return tuple(step.handoff for step in self.steps)

    @property
    def organisations(self) -> tuple[str, ...]:
        if not self.steps:
            return ()
        return (self.steps[0].from_org, *tuple(step.to_org for step in self.steps))

    def as_dict(self, model: ChainModel) -> dict[str, Any]:
        """The JSON shape of a route (see docs/json.md)."""
        return {
            "start": self.start,
            "end": self.end,
            "steps": [step.as_dict(model) for step in self.steps],
            "norm_days": self.norm_days,
            "steps_without_norm": list(self.steps_without_norm),
            "weakest_step": self.weakest_step,
            "weakness_score": self.weakness_score,
            "reason_nl": self.reason_nl,
            "reason_en": self.reason_en,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class SubMap:
    """The part of the map between two elements: every organisation and
    hand-off on some route, sorted by id."""

    start: str
    end: str
    organisations: tuple[str, ...]
    handoffs: tuple[str, ...]


def _step(model: ChainModel, ho: HandOff) -> Step:
    frm = model.organisation(ho.from_org)
    to = model.organisation(ho.to_org)
    bases = [model.legal_basis(lb) for lb in ho.legal_bases]
    instrument = model.instrument(ho.instrument) if ho.instrument else None
    nl, en = norm_text(ho.norm)
    return Step(
        handoff=ho.id,
        name=handoff_title(ho),
        from_org=frm.id,
        from_name=frm.name,
        to_org=to.id,
        to_name=to.name,
        phase=ho.phase,
        trigger=ho.trigger,
        instrument=ho.instrument,
        instrument_name=instrument.name if instrument else None,
        legal_bases=ho.legal_bases,
        legal_basis_names=tuple(lb.name for lb in bases),
        legal_basis_urls=tuple(lb.url for lb in bases),
        norm_nl=nl,
        norm_en=en,
        norm_days=ho.norm.calendar_days if ho.norm is not None else None,
        weaknesses=weaknesses(ho),
        sources=ho.sources,
    )


def build_route(model: ChainModel, handoff_ids: tuple[str, ...], start: str, end: str) -> Route:
    """The :class:`Route` for a sequence of hand-off ids (used by other queries too)."""
    steps = tuple(_step(model, model.handoff(h)) for h in handoff_ids)
    total = round(sum(s.norm_days for s in steps if s.norm_days is not None), 4)
    missing = tuple(s.handoff for s in steps if s.norm_days is None)
    weakest = None
    if steps:
        top = max(s.weakness_score for s in steps)
        weakest = next(s.handoff for s in steps if s.weakness_score == top) if top > 0 else None
    sources = tuple(sorted({src for s in steps for src in s.sources}))
    first = steps[0].from_name if steps else start
    last = steps[-1].to_name if steps else end
    days_nl, days_en = days_phrase(total)
    n = len(steps)
    nl = f"{n} {'overdracht' if n == 1 else 'overdrachten'} van {first} naar {last}; normtijd samen {days_nl}"
    en = f"{n} {'hand-off' if n == 1 else 'hand-offs'} from {first} to {last}; norm time together {days_en}"
    if missing and len(missing) == n:
        nl = nl.rsplit(";", 1)[0] + "; geen van de stappen heeft een normtijd in getallen"
        en = en.rsplit(";", 1)[0] + "; none of the steps has a numeric norm time"
    elif missing:
        numbers = [str(i) for i, s in enumerate(steps, 1) if s.norm_days is None]
        nl += f" (zonder normtijd: {'stap' if len(numbers) == 1 else 'stappen'} {join_nl(numbers)})"
        en += f" (without norm time: {'step' if len(numbers) == 1 else 'steps'} {join_en(numbers)})"
    if weakest:
        number, w = next((i, s) for i, s in enumerate(steps, 1) if s.handoff == weakest)
        title = handoff_title(model.handoff(weakest))
        nl += f"; zwakste stap: {number}. {title} ({join_nl([x.text_nl for x in _dedupe(w.weaknesses)][:2])})"
        en += f"; weakest step: {number}. {title} ({join_en([x.text_en for x in _dedupe(w.weaknesses)][:2])})"
    return Route(
        steps=steps,
        start=start,
        end=end,
        norm_days=total,
        steps_without_norm=missing,
        weakest_step=weakest,
        weakness_score=sum(s.weakness_score for s in steps),
        reason_nl=nl + ".",
        reason_en=en + ".",
        sources=sources,
    )


def _dedupe(items: tuple[Weakness, ...]) -> list[Weakness]:
    """Weaknesses by weight (highest first), each code once."""
    seen: dict[str, Weakness] = {}
    for w in items:
        seen.setdefault(w.code, w)
    return sorted(seen.values(), key=lambda w: -w.weight)


def endpoints(model: ChainModel, element_id: str, *, as_end: bool) -> tuple[list[str], set[str] | None]:
    """``(organisations, required_handoffs)`` for a route start or end (see module table).

    ``required_handoffs`` is None when any hand-off may be first/last.
    """
    if "@" in element_id:
        instrument_id, org_id = element_id.split("@", 1)
        instrument = model.instrument(resolve(model, instrument_id, ("instruments",)).id)
        org = resolve(model, org_id, ("organisations",))
        carrying = {ho.id for ho in model.handoffs if ho.instrument == instrument.id and ho.to_org == org.id}
        if not carrying and org.id not in instrument.applied_by:
            raise ChainError(f"{org.id!r} does not carry out {instrument.id!r}: no hand-off brings it there")
        return [org.id], (carrying or None) if as_end else None
    element = resolve(model, element_id, ("organisations", "signals", "instruments", "handoffs"))
    if isinstance(element, Organisation):
        return [element.id], None
    if isinstance(element, Signal):
        if as_end:
            raise ChainError(f"a route cannot end at signal {element.id!r}: a signal is where a case enters")
        return [element.enters_at], None
    if isinstance(element, Instrument):
        applied = [ho for ho in model.handoffs if ho.instrument == element.id]
        if as_end:
            if applied:
                return sorted({ho.to_org for ho in applied}), {ho.id for ho in applied}
            return sorted(element.applied_by), None
        return sorted(set(element.applied_by) | {ho.to_org for ho in applied}), None
    assert isinstance(element, HandOff)
    return ([element.to_org] if as_end else [element.from_org]), {element.id}


def _candidates(
    model: ChainModel, start: str, end: str, max_handoffs: int, exclude: tuple[str, ...]
) -> list[tuple[str, ...]]:
    start_orgs, first = endpoints(model, start, as_end=False)
    end_orgs, last = endpoints(model, end, as_end=True)
    for element_id in exclude:
        resolve(model, element_id)
    found = model.view.route_candidates(start_orgs, end_orgs, max_handoffs, excluded_ids=exclude)
    if first is not None:
        found = [c for c in found if c[0] in first]
    if last is not None:
        found = [c for c in found if c[-1] in last]
    return found


def routes(
    model: ChainModel,
    start: str,
    end: str,
    *,
    max_handoffs: int = DEFAULT_MAX_HANDOFFS,
    exclude: tuple[str, ...] | list[str] = (),
    limit: int | None = 10,
) -> list[Route]:
    """The routes a case can take from ``start`` to ``end``, best first.

    Parameters
    ----------
    model : ChainModel
        The chain.
    start, end : str
        Element ids (see the module table for what each kind means).
    max_handoffs : int
        Longest route considered, in hand-offs.
    exclude : sequence of str
        Organisation or hand-off ids the route may not use.
    limit : int or None
        At most this many routes (None: all).

    Returns
    -------
    list of Route
        Simple routes (no organisation twice), ranked by: fewest hand-offs,
        then lowest total weakness score, then shortest cumulative norm time,
        then the hand-off ids.

    Raises
    ------
    graph.errors.UnknownElement
        An id is not in the model (the message suggests the nearest ids).
    graph.errors.NoRoute
        No route within ``max_handoffs``.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> [r.handoffs for r in routes(toy_chain(), "politie", "raad")]
    [('ho-politie-vt', 'ho-vt-raad'), ('ho-politie-vt', 'ho-vt-raad-oud')]
    >>> routes(toy_chain(), "raad", "politie")
    Traceback (most recent call last):
    ...
    graph.errors.NoRoute: no route from 'raad' to 'politie' within 6 hand-offs
    """
    exclude = tuple(exclude)
    found = [build_route(model, c, start, end) for c in _candidates(model, start, end, max_handoffs, exclude)]
    if not found:
        raise NoRoute(f"no route from {start!r} to {end!r} within {max_handoffs} hand-offs")
    found.sort(key=lambda r: (len(r.steps), r.weakness_score, r.norm_days, r.handoffs))
    return found if limit is None else found[:limit]


def submap(model: ChainModel, start: str, end: str, *, max_handoffs: int = DEFAULT_MAX_HANDOFFS) -> SubMap:
    """Only the path A→B: the organisations and hand-offs on any route from
    ``start`` to ``end`` within ``max_handoffs``.

    >>> from graph.examples import toy_chain
    >>> sm = submap(toy_chain(), "politie", "raad")
    >>> sm.organisations, sm.handoffs
    (('politie', 'raad', 'veilig-thuis'), ('ho-politie-vt', 'ho-vt-raad', 'ho-vt-raad-oud'))
    """
    found = _candidates(model, start, end, max_handoffs, ())
    if not found:
        raise NoRoute(f"no route from {start!r} to {end!r} within {max_handoffs} hand-offs")
    handoffs = sorted({h for c in found for h in c})
    orgs = sorted({o for h in handoffs for o in (model.handoff(h).from_org, model.handoff(h).to_org)})
    return SubMap(start=start, end=end, organisations=tuple(orgs), handoffs=tuple(handoffs))
