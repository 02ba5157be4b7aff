"""Projection of a :class:`~graph.model.ChainModel` onto networkx (the embedded default).

The graph has the same shape as the Neo4j schema (see ``docs/neo4j.md``):
every element is a node (attributes ``label``, ``name``, ``element``), and a
hand-off is a node between two organisations::

    (Organisation)-[HANDS_OFF]->(HandOff)-[TO]->(Organisation)

Edges carry ``rel`` (a :class:`graph.vocab.Rel`). The model itself is kept in
``G.graph["model"]`` so queries can read attributes without a second lookup.
The graph is built once and must not be mutated by callers.

>>> from graph.examples import toy_chain
>>> from graph.vocab import Rel
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
from graph.relations import relationships
from graph.vocab import LABEL_OF_KIND, Label

__all__ = ["to_networkx", "organisation_graph", "model_of"]


def to_networkx(model: ChainModel) -> nx.MultiDiGraph:
    """Project the model onto a typed ``MultiDiGraph`` (see module docstring)."""
    G = nx.MultiDiGraph(model=model, region=model.region)
    for kind, label in LABEL_OF_KIND.items():
        for element in getattr(model, kind):
            name = element.label if isinstance(element, HandOff) else element.name
            G.add_node(element.id, label=label, name=name, element=element)

    for u, v, rel in relationships(model):
        G.add_edge(u, v, key=rel.value, rel=rel)
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
