"""The bidirectional chain-map component (Streamlit components v2 + vis-network).

The vis-network JavaScript is the copy shipped inside the pyvis package; it is
sent inline with the component, so the map needs no CDN and no internet.
A click on a node or hand-off becomes the component's ``clicked`` trigger value
(set for the one rerun that follows the click).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

import streamlit as st

from ui.mapview import MapView

__all__ = ["chain_map", "standalone_html", "vis_network_js", "map_height"]

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """The vis-network library from the installed pyvis package (source-map comment removed)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "lib"
    candidates = sorted(lib.glob("vis-*/vis-network.min.js"))
    if not candidates:  # pragma: no cover - pyvis always ships it
        raise FileNotFoundError("vis-network.min.js not found in the pyvis package")
    text = candidates[-1].read_text(encoding="utf-8")
    return re.sub(r"//# sourceMappingURL=\S+", "", text)


@lru_cache(maxsize=1)
def _render_js() -> str:
    return (_HERE / "render.js").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _css() -> str:
    return (_HERE / "network.css").read_text(encoding="utf-8")


_GLUE = r"""
export default function (component) {
  const { data, setTriggerValue, parentElement } = component;
  let root = parentElement.querySelector(".kk-wrap");
  if (!root) {
    root = document.createElement("div");
    root.className = "kk-wrap";
    root.innerHTML = '<div class="kk-bar"><button type="button" class="kk-png"></button>' +
      '<button type="button" class="kk-fit"></button><span class="kk-hint"></span></div>' +
      '<div class="kk-map" role="img"></div>';
    parentElement.appendChild(root);
  }
  const map = root.querySelector(".kk-map");
  root.classList.toggle("kk-present", !!data.present);
  // Fill the window below the page's title row (a fixed allowance, so the frame does not
  // depend on when it is measured), but no taller than the map's shape needs at this width.
  let height = data.height || 620;
  const extent = data.fill ? ketenkaartExtent(data.view) : null;
  if (extent) {
    // vis-network leaves about a tenth of the width as margin when it fits.
    const shape = map.clientWidth / 1.1 * (extent.bottom - extent.top) / (extent.right - extent.left) + 16;
    const room = window.innerHeight - (data.present ? 130 : 280);
    height = Math.round(Math.max(data.height || 380, Math.min(room, shape)));
  }
  map.style.height = height + "px";
  map.setAttribute("aria-label", data.text.aria);
  root.querySelector(".kk-png").textContent = data.text.png;
  root.querySelector(".kk-fit").textContent = data.text.fit;
  root.querySelector(".kk-hint").textContent = data.text.hint;
  const signature = JSON.stringify([data.view, !!data.present, height]);
  if (root.__signature !== signature) {
    if (root.__network) { root.__network.destroy(); }
    map.removeAttribute("data-ready");
    const network = renderKetenkaart(map, data.view, function (id) {
      setTriggerValue("clicked", id);
    }, { present: !!data.present });
    network.once("afterDrawing", function () { map.setAttribute("data-ready", "1"); });
    root.__network = network;
    root.__signature = signature;
    window.__ketenkaart = window.__ketenkaart || {};
    window.__ketenkaart[data.name] = network;
  }
  root.querySelector(".kk-png").onclick = function () { downloadKetenkaartPng(map, data.filename); };
  root.querySelector(".kk-fit").onclick = function () { root.__network.fit(); };
}
"""


@lru_cache(maxsize=1)
def _component():
    js = vis_network_js() + "\n" + _render_js() + "\n" + _GLUE
    return st.components.v2.component("ketenkaart_map", js=js, css=_css())


def map_height(view: MapView, width: int = 1100, lowest: int = 380, highest: int = 720) -> int:
    """A container height that fits the map's aspect ratio at about ``width`` pixels wide."""
    xs = [c.x for c in view.columns] + [n.x for n in view.nodes]
    if not xs or not view.lanes:
        return lowest
    content_w = max(xs) - min(xs) + 360
    content_h = view.lanes[-1].y_max - view.lanes[0].y_min + 60
    return max(lowest, min(highest, round(width * content_h / content_w)))


def chain_map(view: MapView, *, key: str, text: dict[str, str], height: int | None = None,
              filename: str = "ketenkaart.png", fill: bool = False, present: bool = False) -> str | None:
    """Mount the map; return the id of the node or hand-off just clicked (None on other reruns).

    ``height`` is the frame height in pixels (default: from the map's shape).
    With ``fill`` the frame takes the browser window's height, as far as the
    map's shape needs, with ``height`` (default 380) as the minimum. ``present`` draws
    for a projector: larger text, thicker lines, higher contrast.
    """
    minimum = height or (380 if fill else map_height(view))
    data = {"view": view.to_data(), "text": text, "height": minimum, "filename": filename,
            "name": key, "fill": fill, "present": present}
    result = _component()(key=key, data=data, on_clicked_change=lambda: None)
    return getattr(result, "clicked", None)


def standalone_html(view: MapView, *, title: str, legend_html: str | None = None, lang: str = "nl") -> str:
    """A self-contained HTML file of the map and its legend: works offline, no external requests."""
    if legend_html is None:
        from ui.components.legend import legend_html as render_legend

        legend_html = render_legend(view.legend)
    payload = json.dumps(view.to_data(), ensure_ascii=False).replace("</", "<\\/")
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{_css()} body {{ margin: 1rem; font-family: system-ui, Arial, sans-serif; }} .kk-map {{ height: 85vh; }}</style>
<script>{vis_network_js()}</script>
<script>{_render_js()}</script>
</head><body>
<h1 style="font-size:1.3rem">{html.escape(title)}</h1>
<div class="kk-map" id="kk-map"></div>
{legend_html}
<script>renderKetenkaart(document.getElementById("kk-map"), {payload}, null);</script>
</body></html>
"""
