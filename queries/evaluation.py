"""Does the knelpunten ranking find what independent public sources found? The evaluation of issue 13.

An evaluation set lists knelpunten that inspections, the Onderzoeksraad,
research institutes, Kamerbrieven and courts found in the real chain, each
with the category its source gives and the element of the chain where it
plays (``tests/data/evaluation-set.yaml``; ``docs/knelpunten.md`` explains
it). An item is **found** when its element is in the top of the ranking and
the element's row has a reason of the item's category at level aandacht or
higher (a light gap such as "no required feedback" does not count).

The **top** is as many rows as the set names distinct elements (R-precision
in information retrieval): the shortest list that could hold every item,
so a perfect ranking finds all of them and no ranking can pass by making the
top longer.

**Held out**: the same check on a chain without the evidence that rests on
the item's own sources (its ``data_sources``: observations, failure modes and
regie-while-waiting claims citing them), so the item must be found through
other sources or the chain's structure and law. That figure says how much
the ranking finds beyond what was typed in from the item's own report.

Examples
--------
>>> from graph.examples import toy_chain
>>> items = [Item("wacht", "ho-vt-raad", Category.WAITING, ("toy-source",)),
...          Item("regie", "ho-vt-lokaal-team", Category.REGIE, ())]
>>> result = evaluate(toy_chain(), items)
>>> result.top, result.found, result.held_out_found
(2, 2, 1)
>>> [(r.item.id, r.rank, r.found, r.held_out) for r in result.results]
[('wacht', 1, True, False), ('regie', 2, True, True)]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.model import ChainModel
from graph.vocab import Category
from queries.bottlenecks import Severity
from queries.evidence import EvidenceProvider
from queries.knelpunten import Knelpunt, Ranking, knelpunten

__all__ = ["Evaluation", "Item", "ItemResult", "evaluate", "items_from", "without_sources"]


@dataclass(frozen=True)
class Item:
    """One knelpunt of the evaluation set. ``data_sources`` are the ids of its
    sources as the chain data cites them (empty when the data does not)."""

    id: str
    element: str
    category: Category
    data_sources: tuple[str, ...] = ()
    missing_element: bool = False  # the hand-off it is about is not in the data: ``element`` is its sender


@dataclass(frozen=True)
class ItemResult:
    item: Item
    rank: int | None
    severity: Severity | None
    categories: tuple[Category, ...]
    found: bool
    held_out_rank: int | None
    held_out: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.item.id,
            "element": self.item.element,
            "category": self.item.category.value,
            "missing_element": self.item.missing_element,
            "data_sources": list(self.item.data_sources),
            "rank": self.rank,
            "severity": self.severity.value if self.severity else None,
            "categories": [c.value for c in self.categories],
            "found": self.found,
            "held_out_rank": self.held_out_rank,
            "found_held_out": self.held_out,
        }


@dataclass(frozen=True)
class Evaluation:
    """The results per item and the figures of the whole set."""

    results: tuple[ItemResult, ...]
    top: int
    ranking: Ranking

    @property
    def total(self) -> int:
        return len(self.results)

    @property
    def found(self) -> int:
        return sum(r.found for r in self.results)

    @property
    def held_out_found(self) -> int:
        return sum(r.held_out for r in self.results)

    @property
    def share(self) -> float:
        return round(self.found / self.total, 3) if self.total else 0.0

    @property
    def held_out_share(self) -> float:
        return round(self.held_out_found / self.total, 3) if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "top": self.top,
            "total": self.total,
            "found": self.found,
            "share": self.share,
            "found_held_out": self.held_out_found,
            "share_held_out": self.held_out_share,
            "hoog_share": self.ranking.share(Severity.HOOG),
            "flagged_share": self.ranking.share(),
            "summary": self.ranking.summary(),
            "items": [r.as_dict() for r in self.results],
        }


def items_from(records: Iterable[Mapping[str, Any]]) -> tuple[Item, ...]:
    """Items from the records of an evaluation-set file (``knelpunten:`` list).

    >>> items_from([{"id": "x", "element": "politie", "category": "regie", "data_sources": ["s"]}])[0].category.value
    'regie'
    """
    return tuple(Item(id=str(r["id"]), element=str(r["element"]), category=Category(r["category"]),
                      data_sources=tuple(r.get("data_sources") or ()), missing_element="missing_element" in r)
                 for r in records)


def without_sources(model: ChainModel, sources: Iterable[str]) -> ChainModel:
    """``model`` without the evidence that rests (even partly) on ``sources``: observations and failure
    modes citing one of them, and a regie-while-waiting claim citing one of them.

    >>> from graph.examples import toy_chain
    >>> bare = without_sources(toy_chain(), ["toy-source"])
    >>> bare.observations, bare.handoff("ho-vt-raad").regie_while_waiting
    ((), None)
    """
    dropped = set(sources)
    if not dropped:
        return model
    handoffs = []
    for ho in model.handoffs:
        changes: dict[str, Any] = {"failure_modes": tuple(m for m in ho.failure_modes if not dropped & set(m.sources))}
        if dropped & set(ho.regie_while_waiting_sources):
            changes.update(regie_while_waiting=None, regie_while_waiting_sources=())
        handoffs.append(dataclasses.replace(ho, **changes))
    observations = tuple(o for o in model.observations if not dropped & set(o.sources))
    return dataclasses.replace(model, handoffs=tuple(handoffs), observations=observations)


def _hit(row: Knelpunt | None, rank: int | None, top: int, category: Category) -> bool:
    return row is not None and rank is not None and rank <= top and category in row.categories


def evaluate(
    model: ChainModel,
    items: Sequence[Item],
    *,
    top: int | None = None,
    evidence: Iterable[EvidenceProvider] = (),
    held_out: bool = True,
) -> Evaluation:
    """Evaluate the ranking of ``model`` against ``items`` (see the module docstring).

    Parameters
    ----------
    model : ChainModel
    items : sequence of Item
    top : int, optional
        How many rows count as the top; default the number of distinct elements the items name.
    evidence : iterable of EvidenceProvider
        More evidence for the ranking (passed to :func:`queries.knelpunten.knelpunten`).
    held_out : bool
        Also compute the held-out result per item (one ranking per item with own sources).
    """
    providers = list(evidence)
    size = top if top is not None else len({i.element for i in items})
    ranking = knelpunten(model, evidence=providers)
    results = []
    for item in items:
        row, rank = ranking.row(item.element), ranking.rank(item.element)
        found = _hit(row, rank, size, item.category)
        held_rank, held = rank, found
        if held_out and item.data_sources:
            other = knelpunten(without_sources(model, item.data_sources), evidence=providers)
            held_rank = other.rank(item.element)
            held = _hit(other.row(item.element), held_rank, size, item.category)
        results.append(ItemResult(item, rank, row.severity if row else None, row.categories if row else (),
                                  found, held_rank, held))
    return Evaluation(tuple(results), size, ranking)
