"""The graph primitives every query is built on, and the backends that provide them.

Query functions in :mod:`queries` take ``graph`` first: either the networkx
graph from :func:`graph.networkx.to_networkx` or any object implementing the
:class:`ChainBackend` protocol. :func:`as_backend` turns either into a backend.

The protocol is deliberately small. Each primitive is a plain pattern match
that a second implementation (Cypher, in ``queries/neo4j_backend.py``) can
express without graph algorithms; everything else (ranking, scoring, text,
building result dataclasses) happens in shared, backend-independent code, so
both backends give identical answers as long as they reproduce the exact
semantics, ordering included, documented on each primitive below.

Examples
--------
>>> from graph.examples import toy_chain
>>> from graph.networkx import to_networkx
>>> backend = as_backend(to_networkx(toy_chain()))
>>> backend.route_candidates(["politie"], ["kinderrechter"], 3)
[('ho-politie-vt', 'ho-vt-raad', 'ho-raad-kinderrechter'), ('ho-politie-vt', 'ho-vt-raad-oud', 'ho-raad-kinderrechter')]
>>> backend.route_candidates(["politie"], ["kinderrechter"], 3, excluded_ids=["ho-vt-raad-oud"])
[('ho-politie-vt', 'ho-vt-raad', 'ho-raad-kinderrechter')]
>>> backend.handoffs_matching("no-norm")
['ho-lokaal-team-vt', 'ho-raad-kinderrechter', 'ho-vt-lokaal-team', 'ho-vt-raad-oud']
>>> backend.organisation_edges()[:2]
[('lokaal-team', 'veilig-thuis', 'ho-lokaal-team-vt'), ('politie', 'veilig-thuis', 'ho-politie-vt')]
"""

from __future__ import annotations

import weakref
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Protocol, runtime_checkable

import networkx as nx

from graph.errors import ChainError
from graph.model import ChainModel, HandOff, Passes
from graph.networkx import model_of, to_networkx

if TYPE_CHECKING:  # pragma: no cover
    from graph.settings import Settings

__all__ = [
    "HandOffTest",
    "ChainBackend",
    "NetworkxBackend",
    "as_backend",
    "open_backend",
    "BACKENDS",
]


class HandOffTest(StrEnum):
    """The property tests :meth:`ChainBackend.handoffs_matching` understands.

    Each is a test on one ``HandOff`` node and its own relationships:

    ``no-legal-basis``
        the hand-off has no ``BASED_ON`` relationship (``legal_bases`` empty).
    ``no-norm``
        the hand-off has no norm (``norm is None``).
    ``no-regie``
        no ``REGIE_AFTER`` relationship (``regie_after is None``).
    ``no-feedback``
        ``feedback_required`` is not ``True`` (false *or* unknown).
    ``no-escalation``
        no ``ESCALATES_TO`` relationship (``escalation_to is None``).
    ``responsibility-without-acceptance``
        ``"responsibility"`` is among ``passes`` and ``acceptance_required``
        is not ``True`` (false or unknown).
    ``has-failure-modes``
        at least one failure mode is recorded.
    """

    NO_LEGAL_BASIS = "no-legal-basis"
    NO_NORM = "no-norm"
    NO_REGIE = "no-regie"
    NO_FEEDBACK = "no-feedback"
    NO_ESCALATION = "no-escalation"
    RESPONSIBILITY_WITHOUT_ACCEPTANCE = "responsibility-without-acceptance"
    HAS_FAILURE_MODES = "has-failure-modes"


_TESTS: dict[HandOffTest, Callable[[HandOff], bool]] = {
    HandOffTest.NO_LEGAL_BASIS: lambda ho: not ho.legal_bases,
    HandOffTest.NO_NORM: lambda ho: ho.norm is None,
    HandOffTest.NO_REGIE: lambda ho: ho.regie_after is None,
    HandOffTest.NO_FEEDBACK: lambda ho: ho.feedback_required is not True,
    HandOffTest.NO_ESCALATION: lambda ho: ho.escalation_to is None,
    HandOffTest.RESPONSIBILITY_WITHOUT_ACCEPTANCE: lambda ho: Passes.RESPONSIBILITY in ho.passes
    and ho.acceptance_required is not True,
    HandOffTest.HAS_FAILURE_MODES: lambda ho: bool(ho.failure_modes),
}


@runtime_checkable
class ChainBackend(Protocol):
    """What a query needs from a graph store. A second implementation must
    reproduce these semantics exactly, ordering included.

    Hand-offs are traversed as
    ``(Organisation)-[:HANDS_OFF]->(HandOff)-[:TO]->(Organisation)``;
    a *route candidate* is the tuple of hand-off ids along such a walk.
    """

    @property
    def model(self) -> ChainModel:
        """The :class:`~graph.model.ChainModel` the store holds (used for
        attribute look-ups; must compare equal to the model that was loaded)."""
        ...

    def route_candidates(
        self,
        start_orgs: Iterable[str],
        end_orgs: Iterable[str],
        max_handoffs: int,
        excluded_ids: Iterable[str] = (),
    ) -> list[tuple[str, ...]]:
        """Every bounded simple walk from a start to an end organisation.

        Semantics:

        - a walk starts at an organisation in ``start_orgs`` and follows
          1 to ``max_handoffs`` hand-offs (``max_handoffs < 1`` gives ``[]``);
        - it is *simple*: no organisation occurs twice (start included);
        - it is returned when its last organisation is in ``end_orgs``; the
          walk is also continued past it, so a walk may pass through other
          end organisations (each prefix ending at an end organisation is
          returned as its own candidate);
        - a hand-off whose id is in ``excluded_ids`` is never followed, and
          an organisation whose id is in ``excluded_ids`` is never visited
          (neither as start, intermediate nor end);
        - parallel hand-offs between the same two organisations give
          distinct candidates;
        - the result holds each candidate once, sorted by
          ``(len(candidate), candidate)`` (fewest hand-offs first, then the
          tuple of ids in plain string order).
        """
        ...

    def handoffs_matching(self, rule_name: str) -> list[str]:
        """Ids of the hand-offs passing the property test ``rule_name``
        (a :class:`HandOffTest` value), sorted by id. An unknown name raises
        :class:`graph.errors.ChainError`."""
        ...

    def organisation_edges(self) -> list[tuple[str, str, str]]:
        """Every hand-off as ``(from_org, to_org, handoff_id)``, sorted by
        that triple."""
        ...


class NetworkxBackend:
    """The embedded backend: primitives computed on the networkx projection.

    Build it with :func:`as_backend`; the graph must not be mutated afterwards.
    """

    def __init__(self, G: nx.MultiDiGraph):
        self.graph = G
        self._model = model_of(G)
        # organisation -> [(handoff_id, to_org)], sorted, for route search
        out: dict[str, list[tuple[str, str]]] = {}
        for ho in self._model.handoffs:
            out.setdefault(ho.from_org, []).append((ho.id, ho.to_org))
        self._out = {org: sorted(items) for org, items in out.items()}
        into: dict[str, list[tuple[str, str]]] = {}
        for ho in self._model.handoffs:
            into.setdefault(ho.to_org, []).append((ho.id, ho.from_org))
        self._in = {org: sorted(items) for org, items in into.items()}

    @property
    def model(self) -> ChainModel:
        return self._model

    def route_candidates(
        self,
        start_orgs: Iterable[str],
        end_orgs: Iterable[str],
        max_handoffs: int,
        excluded_ids: Iterable[str] = (),
    ) -> list[tuple[str, ...]]:
        excluded = set(excluded_ids)
        ends = set(end_orgs) - excluded
        found: set[tuple[str, ...]] = set()
        if max_handoffs < 1 or not ends:
            return []
        out = self._out
        # hand-offs still needed from each organisation to some end (reverse BFS), to prune the search
        to_go = dict.fromkeys(ends, 0)
        frontier = sorted(ends)
        while frontier:
            nxt_frontier = []
            for org in frontier:
                for handoff_id, prev in self._in.get(org, ()):
                    if handoff_id in excluded or prev in excluded or prev in to_go:
                        continue
                    to_go[prev] = to_go[org] + 1
                    nxt_frontier.append(prev)
            frontier = nxt_frontier

        def walk(org: str, visited: set[str], path: list[str]) -> None:
            for handoff_id, nxt in out.get(org, ()):
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

    def handoffs_matching(self, rule_name: str) -> list[str]:
        try:
            test = _TESTS[HandOffTest(rule_name)]
        except ValueError:
            valid = ", ".join(t.value for t in HandOffTest)
            raise ChainError(f"unknown hand-off test {rule_name!r}; valid: {valid}") from None
        return sorted(ho.id for ho in self._model.handoffs if test(ho))

    def organisation_edges(self) -> list[tuple[str, str, str]]:
        return sorted((ho.from_org, ho.to_org, ho.id) for ho in self._model.handoffs)


# One backend per projected graph, forgotten with the graph.
_WRAPPED: "weakref.WeakKeyDictionary[nx.Graph, NetworkxBackend]" = weakref.WeakKeyDictionary()


def as_backend(graph: nx.MultiDiGraph | ChainBackend | ChainModel) -> ChainBackend:
    """The backend for ``graph``: a networkx projection is wrapped (once per
    graph object; the graph itself is not touched), a model is projected
    first, and a backend is returned as is.

    >>> from graph.examples import toy_chain
    >>> b = as_backend(toy_chain())
    >>> as_backend(b) is b
    True
    """
    if isinstance(graph, ChainModel):
        graph = to_networkx(graph)
    if isinstance(graph, nx.Graph):
        cached = _WRAPPED.get(graph)
        if cached is None:
            cached = NetworkxBackend(graph)
            _WRAPPED[graph] = cached
        return cached
    if isinstance(graph, ChainBackend):
        return graph
    raise TypeError(f"not a chain graph or backend: {type(graph).__name__}")


BACKENDS = ("networkx", "neo4j")


def open_backend(name: str, settings: "Settings", data_path: Path | None = None) -> ChainBackend:
    """Open a backend by name.

    ``"networkx"`` loads the chain data at ``data_path`` (default:
    ``settings.data_dir``) and projects it; ``"neo4j"`` connects to the
    server in ``settings`` (imported lazily, so the driver is only needed
    when used). Unknown names raise :class:`graph.errors.ChainError`.
    """
    if name == "networkx":
        from loaders.load import load_model

        return as_backend(to_networkx(load_model(data_path or settings.data_dir)))
    if name == "neo4j":
        from queries.neo4j_backend import Neo4jBackend

        return Neo4jBackend.from_settings(settings)
    raise ChainError(f"unknown backend {name!r}; valid: {', '.join(BACKENDS)}")
