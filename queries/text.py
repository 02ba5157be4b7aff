"""Plain-language phrases in Dutch and English, shared by every query result.

Kept in one place so the CLI, the UI and the exports say the same thing.

>>> norm_phrase(5, "working-days")
('5 werkdagen', '5 working days')
>>> days_phrase(8.5)
('8,5 dagen', '8.5 days')
>>> join_nl(["politie", "Veilig Thuis", "de Raad"])
'politie, Veilig Thuis en de Raad'
>>> join_en(["a", "b", "c"])
'a, b and c'
"""

from __future__ import annotations

from typing import Sequence

from graph.model import Norm, NormUnit

__all__ = ["display_name", "handoff_title", "norm_phrase", "norm_text", "days_phrase", "join_nl", "join_en", "number"]

_UNITS = {
    NormUnit.HOURS: ("uur", "uur", "hour", "hours"),
    NormUnit.CALENDAR_DAYS: ("dag", "dagen", "day", "days"),
    NormUnit.WORKING_DAYS: ("werkdag", "werkdagen", "working day", "working days"),
    NormUnit.WEEKS: ("week", "weken", "week", "weeks"),
    NormUnit.MONTHS: ("maand", "maanden", "month", "months"),
}


def handoff_title(handoff) -> str:
    """A hand-off's name, or its trigger when it has no name (never bare ids)."""
    return handoff.name or handoff.trigger


def display_name(element) -> str:
    """What to call any model element in a sentence."""
    if hasattr(element, "trigger"):
        return handoff_title(element)
    return getattr(element, "name", None) or element.id


def number(value: float, lang: str = "nl") -> str:
    """A number without a trailing ``.0``; Dutch uses a decimal comma."""
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "nl" else text


def norm_phrase(amount: float, unit: str) -> tuple[str, str]:
    """``(nl, en)`` for an amount of a :class:`~graph.model.NormUnit`."""
    nl1, nln, en1, enn = _UNITS[NormUnit(unit)]
    one = float(amount) == 1
    return f"{number(amount)} {nl1 if one else nln}", f"{number(amount, 'en')} {en1 if one else enn}"


def norm_text(norm: Norm | None) -> tuple[str, str]:
    """``(nl, en)`` describing a norm, or its absence."""
    if norm is None:
        return "geen normtijd", "no norm time"
    if norm.amount is None or norm.unit is None:
        return norm.description, norm.description
    nl, en = norm_phrase(norm.amount, norm.unit)
    return f"{nl} ({norm.description})", f"{en} ({norm.description})"


def days_phrase(days: float) -> tuple[str, str]:
    """``(nl, en)`` for a number of calendar days."""
    return norm_phrase(round(days, 1), NormUnit.CALENDAR_DAYS)


def _join(items: Sequence[str], word: str) -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def join_nl(items: Sequence[str]) -> str:
    """Dutch enumeration: ``a, b en c``."""
    return _join(items, "en")


def join_en(items: Sequence[str]) -> str:
    """English enumeration: ``a, b and c``."""
    return _join(items, "and")
