"""The chain map component: the SVG from :mod:`ui.mapsvg` in the page, with pan, zoom, clicks,
tooltips, keyboard access and, for case stories, the arrow keys.

A Streamlit components-v2 component mounted in the page itself (no iframe),
so its styles and the map font reach the page's print style sheet too. No
CDN and no internet: the SVG, the font (embedded in the style sheet) and the
script all come from this package.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import streamlit as st

from ui.components.legend import legend_html, steps_html
from ui.fonts import font_face_css
from ui.mapdraw import map_scene
from ui.mapsvg import scene_svg
from ui.mapview import MapView

__all__ = ["MIN_PX", "MIN_PX_PRESENT", "MapEvent", "chain_map"]

_HERE = Path(__file__).resolve().parent
MIN_PX = 12  # the smallest node text on screen at the first view
MIN_PX_PRESENT = 18  # in presentation mode


@dataclass(frozen=True)
class MapEvent:
    """What happened on the map in the run that follows it: a click (element id) or a story key."""

    clicked: str | None = None
    key: str | None = None  # "next", "prev", "first", "last"


@lru_cache(maxsize=1)
def _component():
    js = (_HERE / "chainmap-core.js").read_text(encoding="utf-8") + "\n" + \
        (_HERE / "chainmap.js").read_text(encoding="utf-8")
    css = font_face_css() + (_HERE / "chainmap.css").read_text(encoding="utf-8") + \
        (_HERE / "legend.css").read_text(encoding="utf-8")
    return st.components.v2.component("ketenkaart_kaart", js=js, css=css, isolate_styles=False)


@st.cache_data(max_entries=64, show_spinner=False)
def _svg(view: MapView) -> str:
    return scene_svg(map_scene(view), embed_font=False)


def chain_map(view: MapView, *, key: str, text: dict[str, str], present: bool = False, keys: bool = False,
              legend: bool = True, max_height: int | None = None) -> MapEvent:
    """Mount the map; return what was clicked or pressed in the run that follows it.

    ``text`` holds the toolbar words (``fit``, ``zoom_in``, ``zoom_out``,
    ``hint``, ``aria``). In presentation mode the first view keeps node
    text at :data:`MIN_PX_PRESENT` pixels or more, else :data:`MIN_PX`.
    With ``keys`` the arrow keys report ``next``/``prev`` (case stories).
    """
    svg = _svg(view)
    signature = hashlib.sha1(svg.encode("utf-8")).hexdigest()[:16]
    data = {
        "svg": svg, "signature": signature, "width": view.width, "height": view.height,
        "focus": list(view.focus) if view.focus else None, "name": key, "text": text, "present": present,
        "keys": keys, "min_px": MIN_PX_PRESENT if present else MIN_PX, "max_scale": 2.0 if present else 1.6,
        "max_height": max_height, "legend": legend_html(view) if legend else "", "steps": steps_html(view),
    }
    result = _component()(key=key, data=data, on_clicked_change=lambda: None, on_key_change=lambda: None)
    pressed = getattr(result, "key", None)
    return MapEvent(clicked=getattr(result, "clicked", None),
                    key=pressed.split(":", 1)[0] if isinstance(pressed, str) else None)
