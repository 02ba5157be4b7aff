"""The typed relationships of a model, derived in one place.

Both the networkx projection and the Cypher rows for Neo4j are built from
:func:`relationships`, so the two backends see the same edges by
construction.

>>> from graph.examples import toy_chain
>>> rels = list(relationships(toy_chain()))
>>> ("politie", "ho-politie-vt", Rel.HANDS_OFF) in rels
True
>>> ("ho-raad-kinderrechter", "bw1-255", Rel.BASED_ON) in rels
True
"""

from __future__ import annotations

from collections.abc import Iterator

from graph.model import ChainModel
from graph.vocab import Rel

__all__ = ["relationships"]


def relationships(model: ChainModel) -> Iterator[tuple[str, str, Rel]]:
    """Yield ``(from_id, to_id, rel)`` for every relationship of the model.

    Hand-offs sit between organisations:
    ``(Organisation)-[HANDS_OFF]->(HandOff)-[TO]->(Organisation)``.
    Optional references that are unset yield nothing.
    """
    def link(u: str, v: str | None, rel: Rel) -> Iterator[tuple[str, str, Rel]]:
        if v is not None:
            yield (u, v, rel)

    for org in model.organisations:
        yield from link(org.id, org.part_of, Rel.PART_OF)
        for phase in org.phases:
            yield (org.id, phase, Rel.IN_PHASE)
        for source in org.sources:
            yield (org.id, source, Rel.SOURCED_FROM)
    for ho in model.handoffs:
        yield (ho.from_org, ho.id, Rel.HANDS_OFF)
        yield (ho.id, ho.to_org, Rel.TO)
        for lb_id in ho.legal_bases:
            yield (ho.id, lb_id, Rel.BASED_ON)
        yield from link(ho.id, ho.instrument, Rel.USES)
        yield from link(ho.id, ho.regie_after, Rel.REGIE_AFTER)
        yield from link(ho.id, ho.escalation_to, Rel.ESCALATES_TO)
        yield (ho.id, ho.phase, Rel.IN_PHASE)
        for source in ho.sources:
            yield (ho.id, source, Rel.SOURCED_FROM)
    for ins in model.instruments:
        for org_id in ins.applied_by:
            yield (ins.id, org_id, Rel.APPLIED_BY)
        for lb_id in ins.legal_bases:
            yield (ins.id, lb_id, Rel.BASED_ON)
        yield from link(ins.id, ins.phase, Rel.IN_PHASE)
        for source in ins.sources:
            yield (ins.id, source, Rel.SOURCED_FROM)
    for basis in model.legal_bases:
        for source in basis.sources:
            yield (basis.id, source, Rel.SOURCED_FROM)
    for sig in model.signals:
        yield (sig.id, sig.enters_at, Rel.ENTERS_AT)
        yield (sig.id, sig.phase, Rel.IN_PHASE)
        for source in sig.sources:
            yield (sig.id, source, Rel.SOURCED_FROM)
    for obs in model.observations:
        for element_id in obs.about:
            yield (obs.id, element_id, Rel.ABOUT)
        for source in obs.sources:
            yield (obs.id, source, Rel.SOURCED_FROM)
