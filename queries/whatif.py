"""What if an element were gone? Which routes break or get longer, which gaps appear.

Removing an element cascades through the model, as it would in practice:

- an organisation takes its hand-offs and the signals entering there with
  it; references to it (``regie_after``, ``escalation_to``, ``part_of``,
  ``applied_by``) are dropped;
- a legal basis is dropped from hand-offs and instruments (so the
  ``no-legal-basis`` gap may appear);
- an instrument is dropped from the hand-offs carrying it;
- a hand-off is simply gone; a signal too.

Routes compared are the shortest routes (fewest hand-offs) from every
signal's entry organisation to every other organisation still in the chain.

Examples
--------
>>> from graph.examples import toy_chain
>>> result = what_if(toy_chain(), remove=["ho-vt-raad"])
>>> [(c.start, c.end, c.before, c.after) for c in result.longer + result.broken]
[]
>>> [f.rule.value + ":" + f.element for f in result.new_findings]
['bridge:ho-vt-raad-oud']
>>> result = what_if(toy_chain(), remove=["veilig-thuis"])
>>> [(c.start, c.end) for c in result.broken]
[('politie', 'kinderrechter'), ('politie', 'lokaal-team'), ('politie', 'raad')]
>>> print(result.reason_nl)
Zonder Veilig Thuis vallen ook 5 overdrachten weg; 3 routes breken, 0 routes worden langer, 0 nieuwe knelpunten.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from typing import Any
from typing import Iterable

from graph.model import ChainModel, HandOff
from graph.text import display_name, join_en, join_nl
from queries.bottlenecks import Finding, bottlenecks
from queries.resolve import resolve

__all__ = ["RouteChange", "WhatIf", "without", "what_if", "shortest_routes"]


def without(model: ChainModel, remove: Iterable[str]) -> ChainModel:
    """The model with ``remove`` gone and the consequences cascaded (see module docstring).

    Raises :class:`graph.errors.UnknownElement` for an unknown id.
    """
    ids = set()
    for element_id in remove:
        ids.add(resolve(model, element_id, ("organisations", "handoffs", "legal_bases", "instruments", "signals")).id)
    orgs = tuple(
        replace(o, part_of=None) if o.part_of in ids else o for o in model.organisations if o.id not in ids
    )
    legal_bases = tuple(lb for lb in model.legal_bases if lb.id not in ids)
    instruments = tuple(
        replace(
            ins,
            applied_by=tuple(a for a in ins.applied_by if a not in ids),
            legal_bases=tuple(lb for lb in ins.legal_bases if lb not in ids),
        )
        for ins in model.instruments
        if ins.id not in ids
    )
    handoffs = []
    for ho in model.handoffs:
        if ho.id in ids or ho.from_org in ids or ho.to_org in ids:
            continue
        handoffs.append(
            replace(
                ho,
                legal_bases=tuple(lb for lb in ho.legal_bases if lb not in ids),
                instrument=None if ho.instrument in ids else ho.instrument,
                regie_after=None if ho.regie_after in ids else ho.regie_after,
                escalation_to=None if ho.escalation_to in ids else ho.escalation_to,
            )
        )
    signals = tuple(s for s in model.signals if s.id not in ids and s.enters_at not in ids)
    return replace(
        model,
        organisations=orgs,
        legal_bases=legal_bases,
        instruments=instruments,
        handoffs=tuple(handoffs),
        signals=signals,
    )


def shortest_routes(model: ChainModel) -> dict[tuple[str, str], tuple[str, ...]]:
    """``(entry organisation, organisation) -> hand-off ids`` of a shortest route,
    from every signal's entry organisation (every organisation when there are
    no signals). Among equally short routes the one found first by a
    breadth-first search over hand-offs sorted by id."""
    out: dict[str, list[HandOff]] = {}
    for ho in model.handoffs:
        out.setdefault(ho.from_org, []).append(ho)
    entries = sorted({s.enters_at for s in model.signals}) or sorted(o.id for o in model.organisations)
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for start in entries:
        paths: dict[str, tuple[str, ...]] = {start: ()}
        queue = deque([start])
        while queue:
            org = queue.popleft()
            for ho in out.get(org, ()):
                if ho.to_org not in paths:
                    paths[ho.to_org] = paths[org] + (ho.id,)
                    queue.append(ho.to_org)
        for end, path in paths.items():
            if end != start:
                found[(start, end)] = path
    return found


@dataclass(frozen=True)
class RouteChange:
    """A route that broke (``after`` is None) or got longer."""

    start: str
    end: str
    before: int  # hand-offs on the shortest route before
    after: int | None
    route_before: tuple[str, ...]
    route_after: tuple[str, ...] | None

    def as_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "before": self.before, "after": self.after,
                "route_before": list(self.route_before),
                "route_after": list(self.route_after) if self.route_after is not None else None}


@dataclass(frozen=True)
class WhatIf:
    """The consequences of removing elements.

    ``cascaded`` lists the elements that went with them (hand-offs of a
    removed organisation, signals entering there). ``new_findings`` are gap
    and bottleneck findings (by rule and element) that did not exist before;
    ``resolved_findings`` those that disappeared while their element
    remained.
    """

    removed: tuple[str, ...]
    cascaded: tuple[str, ...]
    broken: tuple[RouteChange, ...]
    longer: tuple[RouteChange, ...]
    new_findings: tuple[Finding, ...]
    resolved_findings: tuple[Finding, ...]
    reason_nl: str
    reason_en: str
    model: ChainModel

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of a what-if (see docs/json.md)."""
        return {
            "removed": list(self.removed),
            "cascaded": list(self.cascaded),
            "broken": [c.as_dict() for c in self.broken],
            "longer": [c.as_dict() for c in self.longer],
            "new_findings": [f.as_dict() for f in self.new_findings],
            "resolved_findings": [f.as_dict() for f in self.resolved_findings],
            "reason_nl": self.reason_nl,
            "reason_en": self.reason_en,
        }


def what_if(model: ChainModel, remove: Iterable[str]) -> WhatIf:
    """What changes when the elements ``remove`` are gone.

    Parameters
    ----------
    model : ChainModel
    remove : iterable of str
        Organisation, hand-off, legal basis, instrument or signal ids.

    Returns
    -------
    WhatIf
        Broken and longer routes sorted by (start, end); findings in ranked order.

    Raises
    ------
    graph.errors.UnknownElement
        An id is not in the model (the message suggests the nearest ids).
    """
    remove = tuple(dict.fromkeys(remove))
    after_model = without(model, remove)
    before_ids, after_ids = set(model.index), set(after_model.index)
    cascaded = tuple(sorted(before_ids - after_ids - set(remove)))

    before, after = shortest_routes(model), shortest_routes(after_model)
    broken, longer = [], []
    for (start, end), path in sorted(before.items()):
        if start not in after_ids or end not in after_ids:
            continue
        new = after.get((start, end))
        if new is None:
            broken.append(RouteChange(start, end, len(path), None, path, None))
        elif len(new) > len(path):
            longer.append(RouteChange(start, end, len(path), len(new), path, new))

    findings_before = bottlenecks(model)
    findings_after = bottlenecks(after_model)
    def key(f: Finding) -> tuple[str, str]:
        return (f.rule.value, f.element)

    had = {key(f) for f in findings_before}
    has = {key(f) for f in findings_after}
    new_findings = tuple(f for f in findings_after if key(f) not in had)
    resolved = tuple(f for f in findings_before if key(f) not in has and f.element in after_ids)

    names = [display_name(model.get(i)) for i in remove]
    lost = [i for i in cascaded if model.kind_of(i) == "handoffs"]
    nl = f"Zonder {join_nl(names)}"
    en = f"Without {join_en(names)}"
    if lost:
        nl += f" vallen ook {len(lost)} overdracht{'' if len(lost) == 1 else 'en'} weg;"
        en += f" {len(lost)} more hand-off{'' if len(lost) == 1 else 's'} disappear;"
    else:
        nl += ":"
        en += ":"
    nl += (f" {len(broken)} {'route breekt' if len(broken) == 1 else 'routes breken'}, "
           f"{len(longer)} {'route wordt' if len(longer) == 1 else 'routes worden'} langer, "
           f"{len(new_findings)} {'nieuw knelpunt' if len(new_findings) == 1 else 'nieuwe knelpunten'}.")
    en += (f" {len(broken)} {'route breaks' if len(broken) == 1 else 'routes break'}, "
           f"{len(longer)} {'gets' if len(longer) == 1 else 'get'} longer, "
           f"{len(new_findings)} new {'bottleneck' if len(new_findings) == 1 else 'bottlenecks'}.")
    return WhatIf(
        removed=remove,
        cascaded=cascaded,
        broken=tuple(broken),
        longer=tuple(longer),
        new_findings=new_findings,
        resolved_findings=resolved,
        reason_nl=nl,
        reason_en=en,
        model=after_model,
    )
