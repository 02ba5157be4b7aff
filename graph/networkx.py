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
"""

from __future__ import annotations

import networkx as nx

from graph.model import ChainModel
from graph.relations import relationships
from graph.text import element_name
from graph.vocab import LABEL_OF_KIND

__all__ = ["to_networkx", "model_of"]


def to_networkx(model: ChainModel) -> nx.MultiDiGraph[str]:
    """Project the model onto a typed ``MultiDiGraph`` (see module docstring)."""
    G: nx.MultiDiGraph[str] = nx.MultiDiGraph(model=model, region=model.region)
    for kind, label in LABEL_OF_KIND.items():
        for element in getattr(model, kind):
            G.add_node(element.id, label=label, name=element_name(element), element=element)

    for u, v, rel in relationships(model):
        G.add_edge(u, v, key=rel.value, rel=rel)
    return G


def model_of(G: nx.MultiDiGraph[str]) -> ChainModel:
    """The model a projected graph was built from."""
    model: ChainModel = G.graph["model"]
    return model
