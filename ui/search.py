"""One search over the whole chain: names, abbreviations and aliases, descriptions, triggers,
failure modes, sources and the glossary; the best hits first. Free of Streamlit.

A glossary term counts as an alias of the element it names: "ZVH" stands for
"Zorg- en Veiligheidshuis", which is what the Veiligheidshuis is called in
its English name, so searching "ZVH" finds it. Accents and case are ignored.
When nothing matches, :func:`search` suggests near names (``graph.suggest``).

>>> from graph.examples import toy_chain
>>> [h.id for h in search(toy_chain(), "raad")][:2]
['raad', 'ho-raad-kinderrechter']
>>> search(toy_chain(), "kinderrecter")
[]
>>> suggestions(toy_chain(), "kinderrecter")[0]
'Kinderrechter'
>>> suggestions(toy_chain(), "veilig tuis")[0]
'Veilig Thuis'
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from graph.model import ChainModel, HandOff, Organisation
from graph.suggest import nearest
from graph.text import element_name

__all__ = ["GlossaryEntry", "Hit", "normalise", "search", "suggestions"]

# Kinds in the order hits of equal strength are listed, and how much a hit on each counts:
# a source or a law article titled like the query matters less than the organisation itself.
_KIND_ORDER = ("organisations", "handoffs", "instruments", "signals", "legal_bases", "sources", "phases")
_KIND_WEIGHT = {"organisations": 1.0, "handoffs": 0.95, "instruments": 1.0, "signals": 0.9, "legal_bases": 0.75,
                "sources": 0.6, "phases": 0.8}


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and what it stands for (``ui.state.GlossaryTerm`` fits)."""

    term: str
    full_nl: str = ""
    full_en: str = ""


@dataclass(frozen=True)
class Hit:
    id: str
    kind: str
    name: str  # the element's name in the language asked
    field: str  # what matched: "name", "abbreviation", "alias", "glossary", "description", "trigger", ...
    snippet: str  # the matching text, shortened
    score: float


def normalise(text: str) -> str:
    """Lower case without accents, with runs of spaces and dashes as one space.

    >>> normalise("Zorg- en  Veiligheidshuis"), normalise("Geïnformeerd")
    ('zorg en veiligheidshuis', 'geinformeerd')
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    for ch in "-–—/_(),.;:'\"":
        plain = plain.replace(ch, " ")
    return " ".join(plain.split())


def _names(element: object) -> list[tuple[str, str]]:
    """(field, text) pairs that name an element, strongest first."""
    found: list[tuple[str, str]] = []
    for attr in ("name", "name_en", "title", "law_name"):
        value = getattr(element, attr, None)
        if isinstance(value, str) and value:
            found.append(("name", value))
            if " (" in value:
                bare, _, rest = value.partition(" (")
                found.append(("name", bare))
                found.append(("name", rest.rstrip(")")))
    if isinstance(element, HandOff):
        found.append(("name", element.label))
    abbreviation = getattr(element, "abbreviation", None)
    if abbreviation:
        found.append(("abbreviation", abbreviation))
    for alias in getattr(element, "aliases", ()) or ():
        found.append(("alias", str(alias)))
    return found


def _texts(element: object) -> list[tuple[str, str]]:
    """(field, text) pairs that describe an element."""
    found: list[tuple[str, str]] = []
    for attr, field in (("description", "description"), ("trigger", "trigger"), ("note", "description"),
                        ("publisher", "source"), ("file", "source")):
        value = getattr(element, attr, None)
        if isinstance(value, str) and value:
            found.append((field, value))
    if isinstance(element, HandOff):
        for mode in element.failure_modes:
            found.append(("failure", mode.description))
            if mode.description_en:
                found.append(("failure", mode.description_en))
    return found


def _snippet(text: str, needle: str, width: int = 90) -> str:
    plain = normalise(text)
    at = plain.find(needle)
    if len(text) <= width or at < 0:
        return text if len(text) <= width else text[: width - 1] + "…"
    start = max(0, min(at - width // 3, len(text) - width))
    cut = text[start:start + width]
    return ("…" if start else "") + cut + ("…" if start + width < len(text) else "")


def _match(needle: str, text: str) -> float:
    """How well ``needle`` matches one text (0: not at all)."""
    plain = normalise(text)
    if not plain:
        return 0.0
    if plain == needle:
        return 100.0
    if plain.startswith(needle):
        return 80.0
    if (" " + needle) in (" " + plain):
        words = plain.split()
        if any(w.startswith(needle) for w in words) or (" " + needle + " ") in (" " + plain + " "):
            return 70.0
    if needle in plain:
        return 55.0
    return 0.0


def search(model: ChainModel, query: str, lang: str = "nl", glossary: Iterable[GlossaryEntry] = (),
           limit: int = 12) -> list[Hit]:
    """The elements that match ``query``, best first.

    A match on a name, abbreviation or alias weighs most, then a match in a
    description, trigger, failure mode or source; organisations come first
    among equals, and an organisation whose description starts with the
    query (it defines the term) counts as named by it. A glossary term
    stands for its expansion.
    """
    needle = normalise(query)
    if not needle:
        return []
    needles = [(needle, 1.0, "")]
    for entry in glossary:
        if normalise(entry.term) == needle:
            for full in (entry.full_nl, entry.full_en):
                if full and normalise(full) != needle:
                    needles.append((normalise(full), 0.95, entry.term))
    best: dict[str, Hit] = {}
    kinds = {kind: i for i, kind in enumerate(_KIND_ORDER)}
    for kind in _KIND_ORDER:
        for element in getattr(model, kind, ()):
            for term, weight, via in needles:
                for field, text in _names(element):
                    score = _match(term, text) * weight
                    if score:
                        _keep(best, element, kind, "glossary" if via else field, text, term, score, lang)
                for field, text in _texts(element):
                    score = _match(term, text)
                    if not score:
                        continue
                    score = 35.0 + (score - 55.0) / 3
                    if isinstance(element, Organisation):
                        score += 20.0
                        if normalise(text).startswith(term):
                            score += 15.0
                    _keep(best, element, kind, "glossary" if via else field, text, term, score * weight, lang)
    hits = sorted(best.values(), key=lambda h: (-h.score, kinds.get(h.kind, 99), h.name.lower(), h.id))
    return hits[:limit]


def _keep(best: dict[str, Hit], element: object, kind: str, field: str, text: str, needle: str, score: float,
          lang: str) -> None:
    element_id = element.id  # type: ignore[attr-defined]
    score *= _KIND_WEIGHT.get(kind, 1.0)
    if element_id in best and best[element_id].score >= score:
        return
    best[element_id] = Hit(element_id, kind, element_name(element, lang), field, _snippet(text, needle), round(score, 1))


def suggestions(model: ChainModel, query: str, lang: str = "nl", n: int = 3) -> list[str]:
    """Names close to a query that found nothing (the one "did you mean" of ketenkaart)."""
    names: dict[str, str] = {}
    for kind in ("organisations", "handoffs", "instruments", "signals"):
        for element in getattr(model, kind):
            for _, text in _names(element):
                names.setdefault(normalise(text), element_name(element, lang))
    close = nearest(normalise(query), list(names), n)
    return list(dict.fromkeys(names[c] for c in close))
