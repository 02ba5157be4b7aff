"""The one derived view of a model that graph algorithms work on, built once per model.

Queries take a :class:`~graph.model.ChainModel`; whatever they need beyond
its plain collections (who hands off to whom, the networkx projection,
results worth keeping such as the structural measures) comes from
``model.view``, a :class:`ChainView` made on first use and kept with the
model. The model is immutable, so the view never goes stale.

Hand-offs are walked as
``(Organisation)-[HANDS_OFF]->(HandOff)-[TO]->(Organisation)``; a *route
candidate* is the tuple of hand-off ids along such a walk.

Examples
--------
>>> from graph.examples import toy_chain
>>> view = toy_chain().view
>>> view.route_candidates(["politie"], ["kinderrechter"], 3)
[('ho-politie-vt', 'ho-vt-raad', 'ho-raad-kinderrechter'), ('ho-politie-vt', 'ho-vt-raad-oud', 'ho-raad-kinderrechter')]
>>> view.route_candidates(["politie"], ["kinderrechter"], 3, excluded_ids=["ho-vt-raad-oud"])
[('ho-politie-vt', 'ho-vt-raad', 'ho-raad-kinderrechter')]
>>> view.organisation_edges[:2]
(('lokaal-team', 'veilig-thuis', 'ho-lokaal-team-vt'), ('politie', 'veilig-thuis', 'ho-politie-vt'))
>>> toy_chain().view is toy_chain().view  # two loads are two models, each with its own view
False
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from graph.model import ChainModel

__all__ = ["ChainView"]

T = TypeVar("T")


class ChainView:
    """Adjacency of a model's hand-offs plus a memo for derived results.

    Build it through ``model.view``; it holds no state of its own beyond
    what follows from the model.
    """

    def __init__(self, model: ChainModel):
        self.model = model
        out: dict[str, list[tuple[str, str]]] = {}
        into: dict[str, list[tuple[str, str]]] = {}
        for ho in model.handoffs:
            out.setdefault(ho.from_org, []).append((ho.id, ho.to_org))
            into.setdefault(ho.to_org, []).append((ho.id, ho.from_org))
        # organisation -> sorted (handoff_id, other organisation)
        self.out: dict[str, tuple[tuple[str, str], ...]] = {org: tuple(sorted(v)) for org, v in out.items()}
        self.into: dict[str, tuple[tuple[str, str], ...]] = {org: tuple(sorted(v)) for org, v in into.items()}
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """``compute()`` once per view under ``key`` (for results derived from the model alone)."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    @cached_property
    def organisation_edges(self) -> tuple[tuple[str, str, str], ...]:
        """Every hand-off as ``(from_org, to_org, handoff_id)``, sorted by that triple."""
        return tuple(sorted((ho.from_org, ho.to_org, ho.id) for ho in self.model.handoffs))

    @cached_property
    def networkx(self) -> nx.MultiDiGraph[str]:
        """The networkx projection (:func:`graph.networkx.to_networkx`); do not mutate it."""
        from graph.networkx import to_networkx

        return to_networkx(self.model)

    def route_candidates(
        self,
        start_orgs: Iterable[str],
        end_orgs: Iterable[str],
        max_handoffs: int,
        excluded_ids: Iterable[str] = (),
    ) -> list[tuple[str, ...]]:
        """Every bounded simple walk from a start to an end organisation.

        - a walk starts at an organisation in ``start_orgs`` and follows
          1 to ``max_handoffs`` hand-offs (``max_handoffs < 1`` gives ``[]``);
        - it is *simple*: no organisation occurs twice (start included);
        - it is returned when its last organisation is in ``end_orgs``, and
          also continued past it (each prefix ending at an end organisation
          is a candidate of its own);
        - a hand-off or organisation whose id is in ``excluded_ids`` is never
          used;
        - parallel hand-offs between the same two organisations give
          distinct candidates;
        - sorted by ``(len(candidate), candidate)``.
        """
        excluded = set(excluded_ids)
        ends = set(end_orgs) - excluded
        found: set[tuple[str, ...]] = set()
        if max_handoffs < 1 or not ends:
            return []
        # hand-offs still needed from each organisation to some end (reverse BFS), to prune the search
        to_go = dict.fromkeys(ends, 0)
        frontier = sorted(ends)
        while frontier:
            next_frontier = []
            for org in frontier:
                for handoff_id, prev in self.into.get(org, ()):
                    if handoff_id in excluded or prev in excluded or prev in to_go:
                        continue
                    to_go[prev] = to_go[org] + 1
                    next_frontier.append(prev)
            frontier = next_frontier

        def walk(org: str, visited: set[str], path: list[str]) -> None:
            for handoff_id, nxt in self.out.get(org, ()):
                if handoff_id in excluded or nxt in excluded or nxt in visited:
                    continue
                if nxt not in to_go or len(path) + 1 + to_go[nxt] > max_handoffs:
                    continue
                path.append(handoff_id)
                if nxt in ends:
                    found.add(tuple(path))
                if len(path) < max_handoffs:
                    visited.add(nxt)
                    walk(nxt, visited, path)
                    visited.discard(nxt)
                path.pop()

        for start in sorted(set(start_orgs) - excluded):
            walk(start, {start}, [])
        return sorted(found, key=lambda c: (len(c), c))
