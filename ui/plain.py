"""Plain, safe text for people: data texts shown literally, dates in words, sources by title.

- :func:`md` escapes a data text for ``st.markdown``, so a name like
  ``![img](http://…)`` or ``**x**`` shows as typed: no image is fetched, no
  link or formatting appears from the data.
- :func:`date_words` writes ``2018-04-25`` as ``25 april 2018``.
- :func:`source_html` names a source by its title (a seed document by its
  title, its file name only in the tooltip), linked when it has an address.

>>> md("![img](http://example.org/x.png) *vet*")
'\\\\!\\\\[img\\\\]\\\\(http\\\\:\\\\/\\\\/example\\\\.org\\\\/x\\\\.png\\\\) \\\\*vet\\\\*'
>>> date_words("2018-04-25"), date_words("2018-04", "en"), date_words("2018")
('25 april 2018', 'April 2018', '2018')
>>> import datetime as dt
>>> date_words(dt.date(2026, 12, 1))
'1 december 2026'
"""

from __future__ import annotations

import datetime as dt
from html import escape

from graph.model import ChainModel, LegalBasis, Source, Status

__all__ = ["MONTHS", "date_words", "md", "source_html", "source_text"]

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_MARKDOWN = set("\\`*_{}[]()#+-.!|<>~$&:/\"'=@^%")


def md(text: object) -> str:
    """``text`` with every Markdown (and LaTeX, HTML) special character escaped: shown literally."""
    value = str(text).replace("\r", " ")
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in value)


def date_words(value: str | dt.date | None, lang: str = "nl") -> str:
    """An ISO date (``2018``, ``2018-04``, ``2018-04-25``) or a date in words; ``""`` for none."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        year, month, day = value.year, value.month, value.day
    else:
        parts = str(value).split("-")
        try:
            year = int(parts[0])
            month = int(parts[1]) if len(parts) > 1 else 0
            day = int(parts[2][:2]) if len(parts) > 2 else 0
        except ValueError:
            return str(value)
    months = MONTHS["en" if lang == "en" else "nl"]
    if not 1 <= month <= 12:
        return str(year)
    if not day:
        return f"{months[month - 1]} {year}"
    return f"{months[month - 1]} {day}, {year}" if lang == "en" else f"{day} {months[month - 1]} {year}"


def source_text(model: ChainModel, source_id: str, lang: str = "nl") -> str:
    """A source or legal basis in words: its title (and date), never its id or file name.

    >>> from graph.examples import toy_chain
    >>> source_text(toy_chain(), "toy-source"), source_text(toy_chain(), "bw1-255")
    ('Synthetic example chain', 'Burgerlijk Wetboek Boek 1 art. 255')
    """
    element = model.index.get(source_id)
    if isinstance(element, LegalBasis):
        return element.name + (f" — {element.title}" if element.title else "")
    if isinstance(element, Source):
        when = date_words(element.date, lang)
        return element.title + (f" ({when})" if when else "")
    if element is not None:
        return str(getattr(element, "name", "") or getattr(element, "title", "") or "")
    return ""


def source_html(model: ChainModel, source_id: str, lang: str = "nl", unverified: str = "") -> str:
    """A source as an escaped HTML fragment: a link when it has an address, the file name of a
    seed document as a tooltip; ``unverified`` is appended when it was not checked.

    >>> from graph.examples import toy_chain
    >>> source_html(toy_chain(), "toy-source")
    '<span title="toy">Synthetic example chain</span>'
    >>> source_html(toy_chain(), "toy-law")
    '<a href="https://wetten.overheid.nl/BWBR0000000" target="_blank" rel="noopener noreferrer">Example law</a>'
    """
    element = model.index.get(source_id)
    label = escape(source_text(model, source_id, lang) or "?")
    url = getattr(element, "url", None)
    file = getattr(element, "file", None)
    if url and str(url).startswith(("https://", "http://")):
        html = f'<a href="{escape(str(url), quote=True)}" target="_blank" rel="noopener noreferrer">{label}</a>'
    elif file:
        html = f'<span title="{escape(str(file), quote=True)}">{label}</span>'
    else:
        html = f"<span>{label}</span>"
    if unverified and getattr(element, "status", None) is Status.UNVERIFIED:
        html += f" · <em>{escape(unverified)}</em>"
    return html
