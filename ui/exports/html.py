"""Offline HTML: the map, or a case story as a presentation, in one self-contained file.

Everything is inside the file: the SVG map, the font, the styles and the
script; it opens from a USB stick without a network. Data that goes into a
``<script>`` is JSON with ``<``, ``>``, ``&`` and the two JavaScript line
separators written as ``\\uXXXX`` escapes, so a name such as
``<!--<script>`` cannot end or confuse the script block; data in the page
itself is HTML-escaped.

>>> script_json({"name": "</script><!--<script>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003c!--\\\\u003cscript\\\\u003e"}'
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from graph.model import ChainModel
from ui.components.legend import legend_html, steps_html
from ui.fonts import font_face_css
from ui.i18n import text
from ui.mapdraw import map_scene
from ui.mapsvg import scene_svg
from ui.mapview import MapView
from ui.plain import source_html

__all__ = ["map_html", "page_shell", "script_json"]

_COMPONENTS = Path(__file__).resolve().parent.parent / "components"


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    raw = json.dumps(data, ensure_ascii=False)
    for ch, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                        ("\u2029", "\\u2029")):
        raw = raw.replace(ch, escaped)
    return raw


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    css = font_face_css() + (_COMPONENTS / "chainmap.css").read_text(encoding="utf-8") + \
        (_COMPONENTS / "legend.css").read_text(encoding="utf-8")
    js = (_COMPONENTS / "chainmap-core.js").read_text(encoding="utf-8")
    return css, js


_PAGE_CSS = """
body { margin: 1.2rem 1.5rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #111111; background: #ffffff; }
h1 { font-size: 1.6rem; margin: 0 0 0.2rem; }
.kk-sub { margin: 0 0 0.8rem; color: #333333; }
.kk-detail { margin: 0.6rem 0; padding: 0.5rem 0.8rem; border: 1px solid #999999; border-radius: 4px;
  white-space: pre-line; }
.kk-sources { font-size: 0.9rem; }
@media print { .kk-detail { display: none; } body { margin: 0; } }
"""


def page_shell(*, title: str, lang: str, body: str, data: Any, init: str, extra_css: str = "",
               extra_js: str = "") -> str:
    """A self-contained HTML page: styles, ``body`` (trusted, already escaped HTML), the data as safe
    JSON, the map script (and ``extra_js``) and ``init`` (trusted script)."""
    css, js = _assets()
    js = js + "\n" + extra_js
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang, quote=True)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{css}{_PAGE_CSS}{extra_css}</style></head><body>{body}"
            f'<script type="application/json" id="kk-data">{script_json(data)}</script>'
            f"<script>{js}</script><script>{init}</script></body></html>\n")


_MAP_INIT = """
(function () {
  var data = JSON.parse(document.getElementById("kk-data").textContent);
  var root = document.querySelector(".kk-wrap");
  var detail = document.querySelector(".kk-detail");
  var api = ketenkaartMap(root, data, function (id) {
    var g = api.element(id);
    detail.textContent = g ? (g.getAttribute("data-title") || "") : "";
    detail.hidden = !detail.textContent;
  });
  root.querySelector(".kk-fit").onclick = function () { api.fit(); };
  root.querySelector(".kk-zoom-in").onclick = function () { api.zoom(1.25); };
  root.querySelector(".kk-zoom-out").onclick = function () { api.zoom(0.8); };
  root.querySelector(".kk-map").setAttribute("data-ready", "1");
  window.__ketenkaart = { kaart: api };
})();
"""


def _toolbar(lang: str) -> str:
    return (f'<div class="kk-bar"><button type="button" class="kk-zoom-in" aria-label="{escape(text("map.zoom_in", lang))}">+'
            f'</button><button type="button" class="kk-zoom-out" aria-label="{escape(text("map.zoom_out", lang))}">−'
            f'</button><button type="button" class="kk-fit">{escape(text("map.fit", lang))}</button>'
            f'<span class="kk-hint">{escape(text("map.hint", lang))}</span></div>')


def map_html(model: ChainModel, view: MapView, *, title: str, subtitle: str = "") -> str:
    """The map as one offline HTML file: zoom, pan, tooltips, the legend, steps and sources.

    >>> from graph.examples import toy_chain
    >>> from ui.mapview import map_view
    >>> page = map_html(toy_chain(), map_view(toy_chain()), title="Toy <map>")
    >>> page.startswith("<!DOCTYPE html>") and "Toy &lt;map&gt;" in page and "ketenkaartMap(" in page
    True
    """
    from ui.exports.pdf import handout_sources

    svg = scene_svg(map_scene(view), embed_font=False)
    lang = view.lang
    shown = [n.id for n in view.nodes] + [e.id for e in view.edges if e.kind == "handoff"]
    sources = "".join(f"<li>{source_html(model, s, lang)}</li>" for s in handout_sources(model, shown))
    body = (f"<h1>{escape(title)}</h1>" + (f'<p class="kk-sub">{escape(subtitle)}</p>' if subtitle else "") +
            f'<div class="kk-wrap">{_toolbar(lang)}{legend_html(view)}<div class="kk-map" role="img" '
            f'aria-label="{escape(text("map.aria", lang), quote=True)}"></div><div class="kk-tip" role="tooltip" hidden>'
            f'</div></div><div class="kk-detail" hidden></div>{steps_html(view)}'
            + (f'<h2>{escape(text("detail.sources", lang))}</h2><ul class="kk-sources">{sources}</ul>' if sources else ""))
    data = {"svg": svg, "width": view.width, "height": view.height, "focus": list(view.focus) if view.focus else None,
            "min_px": 12, "max_scale": 1.6}
    return page_shell(title=title, lang=lang, body=body, data=data, init=_MAP_INIT)
