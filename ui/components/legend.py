"""The map legend as HTML: the same symbols the map draws (small inline SVGs), every abbreviation
on the map spelled out, and the numbered steps of the overview. Shown with the map, always visible.

All text is escaped; nothing refers to a file or to anything outside the page.
"""

from __future__ import annotations

from html import escape

from ui.i18n import text
from ui.mapdraw import _legend_symbol
from ui.mapsvg import _shape
from ui.mapview import MapView

__all__ = ["legend_html", "steps_html"]


def _symbol_svg(entry) -> str:
    shapes = "".join(_shape(s) for s in _legend_symbol(entry, 2.0, 11.0))
    return (f'<svg class="kk-sym" viewBox="0 0 38 22" width="38" height="22" aria-hidden="true" focusable="false">'
            f"{shapes}</svg>")


def legend_html(view: MapView) -> str:
    """The legend strip: symbols with their meaning, then "Afkortingen: X = …".

    >>> from graph.examples import toy_chain
    >>> from ui.mapview import map_view
    >>> html_text = legend_html(map_view(toy_chain()))
    >>> html_text.count('class="kk-legend-item"') == len(map_view(toy_chain()).legend)
    True
    >>> "gestippeld" in html_text and "<script" not in html_text
    True
    """
    items = "".join(f'<li class="kk-legend-item">{_symbol_svg(e)}<span>{escape(e.label)}</span></li>'
                    for e in view.legend)
    parts = [f'<ul class="kk-legend-list">{items}</ul>']
    if view.abbreviations:
        spelled = " · ".join(f"<b>{escape(short)}</b> = {escape(full)}" for short, full in view.abbreviations)
        parts.append(f'<p class="kk-abbr"><span>{escape(text("legend.abbreviations", view.lang))}</span> {spelled}</p>')
    return f'<div class="kk-legend" aria-label="{escape(text("map.legend", view.lang), quote=True)}">{"".join(parts)}</div>'


def steps_html(view: MapView) -> str:
    """The numbered hand-offs of an overview or story map as an ordered list (empty when none).

    >>> steps_html(__import__("ui.mapview", fromlist=["x"]).map_view(__import__("graph.examples",
    ...     fromlist=["x"]).toy_chain()))
    ''
    """
    if not view.steps:
        return ""
    items = "".join(f'<li value="{escape(number)}">{escape(name)}</li>' for number, _, name in view.steps)
    return f'<ol class="kk-steps">{items}</ol>'
