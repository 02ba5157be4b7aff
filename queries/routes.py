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

Routes follow the **case**: by default only hand-offs where the case or the
responsibility for it moves (:attr:`graph.model.HandOff.moves_case`); a
hand-off that only passes information is a request on the side, not a step
of the case (``flow="all"`` includes them; a start or end that is itself an
information hand-off is always allowed). Routes are ranked by **how cases
typically go**: fewest steps off the main route (:attr:`graph.model.HandOff.main_route`)
first, then fewest hand-offs, lowest weakness score, shortest norm time.
Each step and each route reports the **norm time and the observed time side
by side**: the observed time of a step is its newest observation of a wait
(:data:`graph.model.WAIT_METRICS`, not the length of a stay).

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
>>> best.norm_days, best.steps_without_norm, best.observed_days
(17.0, ('ho-raad-kinderrechter',), (30.0, 30.0))
>>> import textwrap
>>> print(textwrap.fill(best.reason_nl, 100))
3 overdrachten van Politie naar Kinderrechter; normtijd samen 17 dagen (zonder normtijd: stap 3); in
de praktijk 30 dagen bij 1 van de 3 stappen (bron: Synthetic example chain); zwakste stap: 3. Verzoek
OTS (geen normtijd en geen escalatieroute).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.encode import element_json
from graph.errors import ChainError, NoRoute
from graph.model import (
    WAIT_METRICS,
    ChainModel,
    HandOff,
    Instrument,
    Observation,
    Organisation,
    Signal,
    Source,
    Status,
)
from graph.phrase import Phrase
from graph.text import (
    days_phrase,
    handoff_title,
    join_en,
    join_nl,
    norm_phrase,
    norm_text,
    number,
)
from queries.resolve import resolve

__all__ = [
    "DEFAULT_MAX_HANDOFFS",
    "FLOWS",
    "WEAKNESS_WEIGHTS",
    "Observed",
    "Route",
    "Step",
    "SubMap",
    "Weakness",
    "duration_phrase",
    "observed_wait",
    "routes",
    "submap",
    "weaknesses",
]

FLOWS = ("case", "all")  # routes follow the case (default), or every hand-off

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
    >>> [w.code for w in weaknesses(toy_chain().handoff("ho-vt-lokaal-team"))]  # doctest: +NORMALIZE_WHITESPACE
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
class Observed:
    """The observed time of one step: the newest observation of a wait there.

    ``low_days``/``high_days`` are calendar days (equal unless the source gives a range).
    """

    observation: str
    low_days: float
    high_days: float
    text_nl: str
    text_en: str
    sources: tuple[str, ...]
    lower_bound: bool = False  # the source says "meer dan"

    def as_dict(self) -> dict[str, Any]:
        return {"observation": self.observation, "low_days": self.low_days, "high_days": self.high_days,
                "lower_bound": self.lower_bound, "text_nl": self.text_nl, "text_en": self.text_en,
                "sources": list(self.sources)}


def duration_phrase(low_days: float, high_days: float | None = None) -> Phrase:
    """A duration (or a range) in the unit people use for it: days up to six weeks, weeks up to
    half a year, months beyond.

    >>> duration_phrase(30).nl, duration_phrase(28, 91).nl, duration_phrase(118, 181).en
    ('30 dagen', '4 tot 13 weken', '17 to 26 weeks')
    """
    high = low_days if high_days is None else high_days
    if high <= 42:
        unit, per = "calendar-days", 1.0
    elif high < 183:
        unit, per = "weeks", 7.0
    else:
        unit, per = "months", 30.0
    lo, hi = round(low_days / per), round(high / per)
    if lo == hi:
        return norm_phrase(lo, unit)
    top = norm_phrase(hi, unit)
    return Phrase(f"{number(lo)} tot {top.nl}", f"{number(lo, 'en')} to {top.en}")


def observed_wait(model: ChainModel, handoff_id: str) -> Observed | None:
    """The newest observation of a wait (mean, median or p90) at this hand-off, or None.

    >>> from graph.examples import toy_chain
    >>> observed_wait(toy_chain(), "ho-vt-raad").text_nl
    '30 dagen (toy, 2023)'
    """
    from queries.evidence import REGION_NAMES, observation_value, period_text

    waits: list[Observation] = [o for o in model.observations_about.get(handoff_id, ())
                                if o.metric in WAIT_METRICS and o.days is not None and o.metric.value != "mean-stay"]
    if not waits:
        return None
    obs = max(waits, key=lambda o: (o.period_end, o.id))
    assert obs.days is not None
    low, high = obs.days
    value = observation_value(obs)
    assert value is not None
    region = REGION_NAMES.get(obs.region, Phrase(obs.region, obs.region))
    when = period_text(obs.period)
    return Observed(obs.id, round(low, 4), round(high, 4), f"{value.nl} ({region.nl}, {when.nl})",
                    f"{value.en} ({region.en}, {when.en})", obs.sources, obs.lower_bound)


@dataclass(frozen=True)
class Step:
    """One hand-off on a route; ``observed`` its observed time (None without an observation)."""

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
    observed: Observed | None = None
    main_route: bool = False
    flow: str = "case"

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
            "flow": self.flow,
            "main_route": self.main_route,
            "observed": self.observed.as_dict() if self.observed else None,
        }


@dataclass(frozen=True)
class Route:
    """A route: its steps, the cumulative norm time and its weakest step.

    ``norm_days`` adds up the calendar-day equivalents of the steps that have
    a numeric norm; ``steps_without_norm`` names the others (no norm, or a
    norm without a number), so the total is a lower bound whenever that is
    not empty. ``weakest_step`` is the step with the highest weakness score
    (the first such step on ties). ``observed_days`` adds up the observed
    times of the steps that have one (``(low, high)`` in calendar days; None
    when no step has one); ``observed_steps`` names those steps. The
    figures come from different years and mostly national averages, so the
    sum says how long the stages take, not how long one Haagse case took.
    ``off_main_route`` counts the steps not on the main route.
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
    observed_days: tuple[float, float] | None = None
    observed_steps: tuple[str, ...] = ()
    off_main_route: int = 0

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
            "observed_days": list(self.observed_days) if self.observed_days else None,
            "observed_steps": list(self.observed_steps),
            "off_main_route": self.off_main_route,
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
        observed=observed_wait(model, ho.id),
        main_route=ho.main_route,
        flow=ho.flow,
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
    seen = [s for s in steps if s.observed is not None]
    observed: tuple[float, float] | None = None
    if seen:
        observed = (round(sum(s.observed.low_days for s in seen if s.observed), 4),
                    round(sum(s.observed.high_days for s in seen if s.observed), 4))
        when = duration_phrase(*observed)
        srcs = list(dict.fromkeys(src for s in seen if s.observed for src in s.observed.sources))
        names = "; ".join(_source_label(model, x) for x in srcs)
        word_nl, word_en = ("bron", "source") if len(srcs) == 1 else ("bronnen", "sources")
        least = any(s.observed.lower_bound for s in seen if s.observed)
        nl += (f"; in de praktijk {'ten minste ' if least else ''}{when.nl} bij {len(seen)} van de {n} stappen "
               f"({word_nl}: {names})")
        en += (f"; in practice {'at least ' if least else ''}{when.en} at {len(seen)} of the {n} steps "
               f"({word_en}: {names})")
    elif steps:
        nl += "; geen waargenomen wachttijd bekend"
        en += "; no observed wait known"
    if weakest:
        number_, w = next((i, s) for i, s in enumerate(steps, 1) if s.handoff == weakest)
        title = handoff_title(model.handoff(weakest))
        nl += f"; zwakste stap: {number_}. {title} ({join_nl([x.text_nl for x in _dedupe(w.weaknesses)][:2])})"
        en += f"; weakest step: {number_}. {title} ({join_en([x.text_en for x in _dedupe(w.weaknesses)][:2])})"
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
        observed_days=observed,
        observed_steps=tuple(s.handoff for s in seen),
        off_main_route=sum(1 for s in steps if not s.main_route),
    )


def _source_label(model: ChainModel, source_id: str) -> str:
    """A short name for a source in a sentence: its publisher (without the parenthesis) and year."""
    src = model.index.get(source_id)
    if not isinstance(src, Source):
        return source_id
    who = (src.publisher or src.title).split(" (")[0]
    return f"{who} {src.date[:4]}" if src.date else who


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
        org = model.organisation(resolve(model, org_id, ("organisations",)).id)
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
        carried = [ho for ho in model.handoffs if ho.instrument == element.id]
        if as_end:
            if carried:
                return sorted({ho.to_org for ho in carried}), {ho.id for ho in carried}
            return sorted(element.applied_by), None
        return sorted(set(element.applied_by) | {ho.to_org for ho in carried}), None
    assert isinstance(element, HandOff)
    return ([element.to_org] if as_end else [element.from_org]), {element.id}


def _candidates(
    model: ChainModel, start: str, end: str, max_handoffs: int, exclude: tuple[str, ...], flow: str = "case"
) -> list[tuple[str, ...]]:
    if flow not in FLOWS:
        raise ChainError(f"unknown flow {flow!r}; valid: {', '.join(FLOWS)}")
    start_orgs, first = endpoints(model, start, as_end=False)
    end_orgs, last = endpoints(model, end, as_end=True)
    for element_id in exclude:
        resolve(model, element_id)
    skipped: tuple[str, ...] = ()
    if flow == "case":
        asked = (first or set()) | (last or set())
        skipped = tuple(h.id for h in model.handoffs if not h.moves_case and h.id not in asked)
    found = model.view.route_candidates(start_orgs, end_orgs, max_handoffs, excluded_ids=exclude + skipped)
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
    flow: str = "case",
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
    flow : str
        ``"case"`` (default): only hand-offs where the case or responsibility
        moves; ``"all"``: information hand-offs too.

    Returns
    -------
    list of Route
        Simple routes (no organisation twice), ranked by: fewest steps off
        the main route, then fewest hand-offs, then lowest total weakness
        score, then shortest cumulative norm time, then the hand-off ids.

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
    [('ho-politie-vt', 'ho-vt-raad')]
    >>> [r.handoffs for r in routes(toy_chain(), "politie", "raad", flow="all")]
    [('ho-politie-vt', 'ho-vt-raad'), ('ho-politie-vt', 'ho-vt-raad-oud')]
    >>> routes(toy_chain(), "raad", "politie")
    Traceback (most recent call last):
    ...
    graph.errors.NoRoute: no route from 'raad' to 'politie' within 6 hand-offs
    """
    exclude = tuple(exclude)
    found = [build_route(model, c, start, end) for c in _candidates(model, start, end, max_handoffs, exclude, flow)]
    if not found:
        hint = ""
        if flow == "case" and _candidates(model, start, end, max_handoffs, exclude, "all"):
            hint = " following the case; with information hand-offs (flow 'all') there is one"
        raise NoRoute(f"no route from {start!r} to {end!r} within {max_handoffs} hand-offs{hint}")
    found.sort(key=lambda r: (r.off_main_route, len(r.steps), r.weakness_score, r.norm_days, r.handoffs))
    return found if limit is None else found[:limit]


def submap(model: ChainModel, start: str, end: str, *, max_handoffs: int = DEFAULT_MAX_HANDOFFS,
           flow: str = "all") -> SubMap:
    """Only the path A→B: the organisations and hand-offs on any route from
    ``start`` to ``end`` within ``max_handoffs``.

    >>> from graph.examples import toy_chain
    >>> sm = submap(toy_chain(), "politie", "raad")
    >>> sm.organisations, sm.handoffs
    (('politie', 'raad', 'veilig-thuis'), ('ho-politie-vt', 'ho-vt-raad', 'ho-vt-raad-oud'))
    """
    found = _candidates(model, start, end, max_handoffs, (), flow)
    if not found:
        raise NoRoute(f"no route from {start!r} to {end!r} within {max_handoffs} hand-offs")
    handoffs = sorted({h for c in found for h in c})
    orgs = sorted({o for h in handoffs for o in (model.handoff(h).from_org, model.handoff(h).to_org)})
    return SubMap(start=start, end=end, organisations=tuple(orgs), handoffs=tuple(handoffs))
