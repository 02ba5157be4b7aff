"""Projection of a :class:`~graph.model.ChainModel` onto networkx (the embedded default).

The graph has the same shape as the Neo4j schema (see ``docs/neo4j.md``):
every element is a node (attributes ``label``, ``name``, ``element``), and a
hand-off is a node between two organisations::

    (Organisation)-[HANDS_OFF]->(HandOff)-[TO]->(Organisation)

Edges carry ``rel`` (a :class:`graph.vocab.Rel`). The model itself is kept in
``G.graph["model"]`` so queries can read attributes without a second lookup.
The graph is built once and must not be mutated by callers.

>>> from graph.examples import toy_chain
>>> G = to_networkx(toy_chain())
>>> G.nodes["politie"]["label"]
<Label.ORGANISATION: 'Organisation'>
>>> sorted(v for _, v, r in G.out_edges("politie", data="rel") if r is Rel.HANDS_OFF)
['ho-politie-vt']
>>> O = organisation_graph(G)
>>> sorted(O.successors("politie"))
['veilig-thuis']
"""

from __future__ import annotations

import networkx as nx

from graph.model import ChainModel, HandOff
from graph.vocab import LABEL_OF_KIND, Label, Rel

__all__ = ["to_networkx", "organisation_graph", "model_of"]


def to_networkx(model: ChainModel) -> nx.MultiDiGraph:
    """Project the model onto a typed ``MultiDiGraph`` (see module docstring)."""
    G = nx.MultiDiGraph(model=model, region=model.region)
    for kind, label in LABEL_OF_KIND.items():
        for element in getattr(model, kind):
            name = element.label if isinstance(element, HandOff) else element.name
            G.add_node(element.id, label=label, name=name, element=element)

    def link(u: str, v: str | None, rel: Rel) -> None:
        if v is not None:
            G.add_edge(u, v, key=rel.value, rel=rel)

    for org in model.organisations:
        link(org.id, org.part_of, Rel.PART_OF)
        for phase in org.phases:
            link(org.id, phase, Rel.IN_PHASE)
        for source in org.sources:
            link(org.id, source, Rel.SOURCED_FROM)
    for ho in model.handoffs:
        link(ho.from_org, ho.id, Rel.HANDS_OFF)
        link(ho.id, ho.to_org, Rel.TO)
        for lb in ho.legal_bases:
            link(ho.id, lb, Rel.BASED_ON)
        link(ho.id, ho.instrument, Rel.USES)
        link(ho.id, ho.regie_after, Rel.REGIE_AFTER)
        link(ho.id, ho.escalation_to, Rel.ESCALATES_TO)
        link(ho.id, ho.phase, Rel.IN_PHASE)
        for source in ho.sources:
            link(ho.id, source, Rel.SOURCED_FROM)
    for ins in model.instruments:
        for org in ins.applied_by:
            link(ins.id, org, Rel.APPLIED_BY)
        for lb in ins.legal_bases:
            link(ins.id, lb, Rel.BASED_ON)
        link(ins.id, ins.phase, Rel.IN_PHASE)
        for source in ins.sources:
            link(ins.id, source, Rel.SOURCED_FROM)
    for lb in model.legal_bases:
        for source in lb.sources:
            link(lb.id, source, Rel.SOURCED_FROM)
    for sig in model.signals:
        link(sig.id, sig.enters_at, Rel.ENTERS_AT)
        link(sig.id, sig.phase, Rel.IN_PHASE)
        for source in sig.sources:
            link(sig.id, source, Rel.SOURCED_FROM)
    return G


def model_of(G: nx.MultiDiGraph) -> ChainModel:
    """The model a projected graph was built from."""
    return G.graph["model"]


def organisation_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The organisation-level view: organisations as nodes, one edge per hand-off.

    Edge key is the hand-off id; attribute ``handoff`` holds the
    :class:`~graph.model.HandOff`. Used for structural measures (betweenness,
    articulation points, bridges).
    """
    O = nx.MultiDiGraph(region=G.graph.get("region"))
    for node, label in G.nodes(data="label"):
        if label is Label.ORGANISATION:
            O.add_node(node, **G.nodes[node])
    for node, data in G.nodes(data=True):
        if data["label"] is Label.HANDOFF:
            ho: HandOff = data["element"]
            O.add_edge(ho.from_org, ho.to_org, key=ho.id, handoff=ho)
    return O
