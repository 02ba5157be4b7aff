"""The map legend: small CSS-drawn symbols next to their text (no images, no external files)."""

from __future__ import annotations

import html

from ui.mapview import LegendEntry

__all__ = ["legend_html"]

_BASE = "display:inline-block;box-sizing:border-box;flex:none;"
_SHAPE = _BASE + "width:30px;height:16px;background:#eeeeee;border:1.5px solid #333;"
# Symbols drawn with CSS only (Streamlit's HTML sanitiser drops inline SVG).
_SYMBOLS = {
    "box": _SHAPE + "border-radius:3px;",
    "ellipse": _SHAPE + "border-radius:50%;",
    "dashed-box": _SHAPE + "border-radius:3px;border-style:dashed;",
    "triangle": _BASE + "width:0;height:0;margin:0 7px;border-left:8px solid transparent;"
                "border-right:8px solid transparent;border-bottom:15px solid #333;",
    "solid": _BASE + "width:30px;height:0;border-top:2px solid #4a4a4a;",
    "dashed": _BASE + "width:30px;height:0;border-top:2px dashed #4a4a4a;",
    "thick": _BASE + "width:30px;height:0;border-top:6px solid #4a4a4a;",
}


def _symbol(entry: LegendEntry) -> str:
    if entry.symbol == "mark":
        return f'<span aria-hidden="true" style="{_BASE}width:30px"></span>'  # the label starts with the mark
    if entry.symbol == "lane":
        style = _BASE + f"width:30px;height:16px;border:1px solid #999;background:{html.escape(entry.colour or '#fff')};"
    else:
        style = _SYMBOLS.get(entry.symbol, _BASE + "width:30px;")
    return f'<span aria-hidden="true" style="{style}"></span>'


def legend_html(entries: tuple[LegendEntry, ...], font_size: str = "0.9rem") -> str:
    """A compact two-column legend; the text says the same as the symbol (not colour alone).

    >>> from ui.mapview import legend
    >>> html_text = legend_html(legend())
    >>> html_text.count("<li"), "border-top:2px dashed" in html_text, "gestippeld" in html_text
    (11, True, True)
    """
    items = "".join(
        f'<li style="display:flex;align-items:center;gap:0.6rem;margin:0.2rem 0">{_symbol(e)}'
        f"<span>{html.escape(e.label)}</span></li>"
        for e in entries
    )
    return ('<ul class="kk-legend" style="list-style:none;padding:0;margin:0;columns:2 18rem;'
            f'font-family:system-ui,Arial,sans-serif;font-size:{html.escape(font_size)}">{items}</ul>')
