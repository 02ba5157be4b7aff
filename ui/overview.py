"""The overview map: the main case flow of the chain in about a dozen hand-offs.

For a chain with a curated overview (a case story marked ``overview: true``
in ``loaders/data/stories``, whose hand-offs all exist in the chain), that
story's hand-offs in its order; for any other chain the computed main flow
(:func:`ui.mapview.main_flow`).

>>> from graph.examples import toy_chain
>>> part = overview_part(toy_chain(), curated=None)
>>> part.numbered, len(part.handoffs) <= 12
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from types import EllipsisType

from graph.model import ChainModel
from ui.mapview import MapPart, main_flow

__all__ = ["overview_part", "part_for"]


def part_for(model: ChainModel, key: str, handoffs: Sequence[str], organisations: Sequence[str] = (),
             numbered: bool = True) -> MapPart:
    """A map part of these hand-offs, their organisations and any organisations named."""
    ids = [h for h in dict.fromkeys(handoffs) if h in model.index and model.kind_of(h) == "handoffs"]
    orgs = {o for o in organisations if o in model.index and model.kind_of(o) == "organisations"}
    for h in ids:
        ho = model.handoff(h)
        orgs |= {ho.from_org, ho.to_org}
    return MapPart(key, tuple(sorted(orgs)), tuple(ids), numbered=numbered)


def overview_part(model: ChainModel, curated: Sequence[str] | EllipsisType | None = ...) -> MapPart:
    """The overview's part of the chain: the curated one when it fits this chain, else the computed flow."""
    if isinstance(curated, EllipsisType):
        from ui.storyload import overview_handoffs

        curated = overview_handoffs(model)
    handoffs = list(curated) if curated else list(main_flow(model))
    return part_for(model, "overview", handoffs)
