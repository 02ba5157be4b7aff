"""Structural measures on the organisation-level graph, computed from
the hand-offs of :attr:`graph.view.ChainView.organisation_edges`.

- *betweenness*: Brandes' shortest-path betweenness on the directed
  organisation graph (one edge per connected ordered pair), normalised by
  ``(n-1)(n-2)`` for organisations and ``n(n-1)`` for edges; a hand-off gets
  the betweenness of its organisation pair divided by the number of parallel
  hand-offs in that direction.
- *articulation points*: organisations whose removal splits the undirected
  organisation graph.
- *bridges*: hand-offs that are the only hand-off (either direction) between
  their two organisations, where that pair is a bridge of the undirected
  organisation graph.

>>> from graph.examples import toy_chain
>>> s = structure(toy_chain())
>>> sorted(s.articulation_points)
['raad', 'veilig-thuis']
>>> sorted(s.bridges)
['ho-politie-vt', 'ho-raad-kinderrechter']
>>> s.bridges["ho-politie-vt"]
(('politie',), ('kinderrechter', 'lokaal-team', 'raad', 'veilig-thuis'))
>>> s.betweenness_rank("veilig-thuis")
1
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import networkx as nx

from graph.model import ChainModel

__all__ = ["Structure", "structure", "brandes"]


def brandes(nodes: list[str], succ: dict[str, list[str]]) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Unnormalised node and edge betweenness of an unweighted directed graph,
    in one pass (Brandes 2001/2008). ``succ`` lists each node's successors."""
    node_bc = dict.fromkeys(nodes, 0.0)
    edge_bc: dict[tuple[str, str], float] = {(u, v): 0.0 for u in nodes for v in succ.get(u, ())}
    for s in nodes:
        order: list[str] = []
        preds: dict[str, list[str]] = {s: []}
        sigma = {s: 1.0}
        dist = {s: 0}
        queue = deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            dv = dist[v] + 1
            for w in succ.get(v, ()):
                if w not in dist:
                    dist[w] = dv
                    sigma[w] = 0.0
                    preds[w] = []
                    queue.append(w)
                if dist[w] == dv:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            coeff = (1.0 + delta[w]) / sigma[w]
            for v in preds[w]:
                c = sigma[v] * coeff
                edge_bc[(v, w)] += c
                delta[v] += c
            if w != s:
                node_bc[w] += delta[w]
    return node_bc, edge_bc


@dataclass(frozen=True)
class Structure:
    """Structural figures of one chain (see module docstring)."""

    organisations: tuple[str, ...]  # organisations with at least one hand-off
    betweenness: dict[str, float]  # organisation -> normalised betweenness
    handoff_betweenness: dict[str, float]  # hand-off -> normalised share of its pair's betweenness
    articulation_points: dict[str, tuple[tuple[str, ...], ...]]  # org -> the parts left, largest first
    bridges: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # hand-off -> (from side, to side)

    def betweenness_rank(self, organisation: str) -> int | None:
        """1 for the most central organisation (ties share a rank); None if it has no hand-offs."""
        if organisation not in self.betweenness:
            return None
        value = self.betweenness[organisation]
        return 1 + sum(1 for v in self.betweenness.values() if v > value)

    def handoff_rank(self, handoff: str) -> int | None:
        """Like :meth:`betweenness_rank`, for hand-offs."""
        if handoff not in self.handoff_betweenness:
            return None
        value = self.handoff_betweenness[handoff]
        return 1 + sum(1 for v in self.handoff_betweenness.values() if v > value)

    def split_pairs(self, parts: tuple[tuple[str, ...], ...]) -> int:
        """Organisation pairs no longer connected when the graph falls into ``parts``."""
        sizes = [len(p) for p in parts]
        total = sum(sizes)
        return (total * total - sum(s * s for s in sizes)) // 2

    @property
    def pair_count(self) -> int:
        n = len(self.organisations)
        return n * (n - 1) // 2


def structure(model: ChainModel) -> Structure:
    """The :class:`Structure` of ``model``, computed once per model (kept on ``model.view``)."""
    return model.view.memo("structure", lambda: _structure(model.view.organisation_edges))


def _structure(edges: tuple[tuple[str, str, str], ...]) -> Structure:
    orgs = sorted({u for u, _, _ in edges} | {v for _, v, _ in edges})
    succ: dict[str, list[str]] = {}
    parallel: dict[tuple[str, str], int] = {}
    undirected_count: dict[frozenset[str], int] = {}
    for u, v, _ in edges:
        if (u, v) not in parallel:
            succ.setdefault(u, []).append(v)
        parallel[(u, v)] = parallel.get((u, v), 0) + 1
        undirected_count[frozenset((u, v))] = undirected_count.get(frozenset((u, v)), 0) + 1
    for u in succ:
        succ[u].sort()
    node_bc, edge_bc = brandes(orgs, succ)
    n = len(orgs)
    node_scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 0.0
    edge_scale = 1 / (n * (n - 1)) if n > 1 else 0.0
    betweenness = {o: round(node_bc[o] * node_scale, 6) for o in orgs}
    handoff_bc = {h: round(edge_bc[(u, v)] * edge_scale / parallel[(u, v)], 6) for u, v, h in edges if u != v}

    U: nx.Graph[str] = nx.Graph()
    U.add_nodes_from(orgs)
    U.add_edges_from((u, v) for u, v, _ in edges if u != v)
    articulation: dict[str, tuple[tuple[str, ...], ...]] = {}
    for org in sorted(nx.articulation_points(U)):
        rest = U.subgraph([o for o in U if o != org])
        parts = sorted((tuple(sorted(c)) for c in nx.connected_components(rest)), key=lambda p: (-len(p), p))
        articulation[org] = tuple(parts)
    bridges: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    bridge_pairs = {frozenset(e) for e in nx.bridges(U)}
    for u, v, h in edges:
        pair = frozenset((u, v))
        if pair in bridge_pairs and undirected_count[pair] == 1:
            U.remove_edge(u, v)
            side_u = tuple(sorted(nx.node_connected_component(U, u)))
            side_v = tuple(sorted(nx.node_connected_component(U, v)))
            U.add_edge(u, v)
            bridges[h] = (side_u, side_v)
    return Structure(
        organisations=tuple(orgs),
        betweenness=betweenness,
        handoff_betweenness=handoff_bc,
        articulation_points=articulation,
        bridges=bridges,
    )
