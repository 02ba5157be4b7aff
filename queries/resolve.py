"""Turning ids typed by people into model elements, with nearest-id suggestions.

>>> from graph.examples import toy_chain
>>> model = toy_chain()
>>> resolve(model, "politie").name
'Politie'
>>> resolve(model, "veilig-tuis")
Traceback (most recent call last):
...
graph.errors.UnknownElement: unknown element 'veilig-tuis'; did you mean: veilig-thuis?
>>> resolve(model, "ots", kinds=("organisations",))
Traceback (most recent call last):
...
graph.errors.UnknownElement: unknown organisation 'ots'
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.errors import UnknownElement
from graph.model import KIND_SINGULAR, ChainModel, Element
from graph.suggest import nearest

__all__ = ["resolve", "suggest", "KIND_NOUNS"]

KIND_NOUNS = KIND_SINGULAR


def _candidates(model: ChainModel, kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return sorted(model.index)
    return sorted(item.id for kind in kinds for item in getattr(model, kind))


def suggest(model: ChainModel, element_id: str, kinds: Iterable[str] | None = None, n: int = 3) -> list[str]:
    """Up to ``n`` known ids closest to ``element_id`` (of ``kinds`` when given);
    see :func:`graph.suggest.nearest`.

    >>> from graph.examples import toy_chain
    >>> suggest(toy_chain(), "raad")
    ['raad', 'ho-vt-raad', 'ho-vt-raad-oud']
    """
    return nearest(element_id, _candidates(model, kinds), n)


def resolve(model: ChainModel, element_id: str, kinds: Iterable[str] | None = None) -> Element:
    """The element with this id, limited to ``kinds`` when given.

    Raises
    ------
    graph.errors.UnknownElement
        When there is no such element (of those kinds); the error lists the
        nearest known ids.
    """
    kinds = tuple(kinds) if kinds is not None else None
    element = model.index.get(element_id)
    if element is not None and (kinds is None or model.kind_of(element_id) in kinds):
        return element
    noun = KIND_NOUNS[kinds[0]] if kinds and len(kinds) == 1 else "element"
    raise UnknownElement(element_id, suggest(model, element_id, kinds), kind=noun)
