"""The static map renderer: a :class:`~ui.mapview.MapView` as one self-contained SVG document.

A pure function, no Streamlit and no browser: the app shows this SVG (and
adds pan, zoom and clicks to it), the SVG download is this SVG, the offline
HTML embeds it, and other reports draw "the chain map with these hand-offs
marked" with it::

    from ui.mapsvg import chain_map_svg
    svg = chain_map_svg(model, highlight={"vt-overdracht-lokaal-team": "#b3261e"})

or, from any view of the map (a filter, the overview, a story step)::

    from ui.mapview import map_view, MapFilter
    from ui.mapsvg import render_svg
    svg = render_svg(map_view(model, MapFilter(domains=("zorg",))), highlight={...}, legend=True)

Text is set in the map font, embedded as ``@font-face`` (no font, script
or image is fetched from anywhere); every data text is XML-escaped. Each
node and hand-off is a ``<g>`` with ``data-id`` and a ``<title>`` (the
tooltip), so the app can make them clickable.

>>> from graph.examples import toy_chain
>>> from ui.mapview import map_view
>>> svg = render_svg(map_view(toy_chain()), embed_font=False)
>>> svg.startswith("<svg") and svg.count('class="kk-node') == 6
True
>>> 'data-id="ho-politie-vt"' in svg and "<script" not in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from html import escape

from graph.model import ChainModel
from ui.fonts import FONT_STACK, font_face_css
from ui.mapdraw import (
    BASELINE,
    Circle,
    Command,
    Group,
    Path,
    Rect,
    Scene,
    Text,
    map_scene,
)
from ui.mapview import MapFilter, MapView, map_view

__all__ = ["chain_map_svg", "render_svg", "scene_svg"]


def _f(value: float) -> str:
    formatted = f"{value:.1f}"
    return formatted.removesuffix(".0")


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _d(commands: tuple[Command, ...]) -> str:
    return "".join(c[0] + " ".join(_f(float(v)) for v in c[1:]) for c in commands)


def _paint(fill: str | None, stroke: str | None, width: float, dash: tuple[float, ...]) -> str:
    parts = [f'fill="{_attr(fill)}"' if fill else 'fill="none"']
    if stroke:
        parts.append(f'stroke="{_attr(stroke)}" stroke-width="{_f(width)}"')
    if dash:
        parts.append(f'stroke-dasharray="{" ".join(_f(d) for d in dash)}"')
    return " ".join(parts)


def _shape(shape: Rect | Path | Circle | Text) -> str:
    if isinstance(shape, Rect):
        rx = f' rx="{_f(shape.rx)}"' if shape.rx else ""
        cls = f' class="{shape.cls}"' if shape.cls else ""
        return (f'<rect{cls} x="{_f(shape.x)}" y="{_f(shape.y)}" width="{_f(shape.w)}" height="{_f(shape.h)}"{rx} '
                f"{_paint(shape.fill, shape.stroke, shape.width, shape.dash)}/>")
    if isinstance(shape, Path):
        cls = f' class="{shape.cls}"' if shape.cls else ""
        return f'<path{cls} d="{_d(shape.commands)}" {_paint(shape.fill, shape.stroke, shape.width, shape.dash)} stroke-linejoin="round"/>'
    if isinstance(shape, Circle):
        return (f'<circle cx="{_f(shape.cx)}" cy="{_f(shape.cy)}" r="{_f(shape.r)}" '
                f"{_paint(shape.fill, shape.stroke, shape.width, ())}/>")
    anchor = ' text-anchor="middle"' if shape.anchor == "middle" else ""
    weight = ' font-weight="700"' if shape.bold else ""
    cls = f' class="{shape.cls}"' if shape.cls else ""
    base = shape.y + BASELINE * shape.size
    if len(shape.lines) == 1:
        return (f'<text{cls} x="{_f(shape.x)}" y="{_f(base)}"{anchor} font-size="{_f(shape.size)}"{weight}'
                f' fill="{_attr(shape.fill)}">{escape(shape.lines[0])}</text>')
    spans = "".join(f'<tspan x="{_f(shape.x)}" y="{_f(base + i * shape.step)}">{escape(line)}</tspan>'
                    for i, line in enumerate(shape.lines))
    return f'<text{cls}{anchor} font-size="{_f(shape.size)}"{weight} fill="{_attr(shape.fill)}">{spans}</text>'


def _group(group: Group) -> str:
    attrs = []
    if group.cls:
        attrs.append(f'class="{group.cls}"')
    if group.id:
        attrs.append(f'data-id="{_attr(group.id)}" data-kind="{_attr(group.kind)}"')
    if group.opacity < 1:
        attrs.append(f'opacity="{_f(group.opacity)}"')
    head = f"<g {' '.join(attrs)}>" if attrs else "<g>"
    title = f"<title>{escape(group.title)}</title>" if group.title else ""
    hit = (f'<path class="kk-hit" d="{_d(group.hit)}" fill="none" stroke="transparent" stroke-width="14"/>'
           if group.hit else "")
    return head + title + hit + "".join(_shape(s) for s in group.items) + "</g>"


def scene_svg(scene: Scene, *, embed_font: bool = True, pixel_width: float | None = None) -> str:
    """A :class:`~ui.mapdraw.Scene` as an SVG document."""
    size = ""
    if pixel_width:
        size = f' width="{_f(pixel_width)}" height="{_f(pixel_width * scene.height / scene.width)}"'
    style = (font_face_css() if embed_font else "") + f".kk-svg text{{font-family:{FONT_STACK};}}"
    parts = [(f'<svg xmlns="http://www.w3.org/2000/svg" class="kk-svg" viewBox="0 0 {_f(scene.width)} '
             f'{_f(scene.height)}"{size} role="img" aria-label="{_attr(scene.label)}" lang="{_attr(scene.lang)}">'),
             f"<style>{style}</style>",
             f'<rect x="0" y="0" width="{_f(scene.width)}" height="{_f(scene.height)}" fill="#ffffff"/>']
    parts += [_group(g) for g in scene.items]
    parts.append("</svg>")
    return "".join(parts)


def render_svg(
    view: MapView,
    *,
    highlight: Mapping[str, str] | None = None,
    fade_others: bool = False,
    title: str | None = None,
    subtitle: str | None = None,
    legend: bool = False,
    embed_font: bool = True,
    pixel_width: float | None = None,
) -> str:
    """The map as an SVG document (a string).

    Parameters
    ----------
    view : MapView
        What to draw (:func:`ui.mapview.map_view`).
    highlight : mapping, optional
        Element id (hand-off, organisation, signal) to a CSS colour: drawn
        in that colour, hand-offs thicker. Adds to the view's own
        highlights (a route, a focus).
    fade_others : bool
        With ``highlight``, draw every other element faded.
    title, subtitle : str, optional
        Printed above the map (for exports).
    legend : bool
        Draw the legend, the numbered steps and the abbreviations under
        the map (for exports; the app shows its own legend).
    embed_font : bool
        Embed the map font (about 170 kB), so the SVG looks the same
        anywhere; without it the SVG names the font and its metric twins.
    pixel_width : float, optional
        The ``width`` attribute (the height follows); default: none, so the
        SVG scales to its container.

    Returns
    -------
    str
        ``<svg …>…</svg>``, UTF-8 text without an XML declaration.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> from ui.mapview import map_view
    >>> svg = render_svg(map_view(toy_chain()), highlight={"ho-vt-raad": "#0050b3"}, title="Toy <chain>",
    ...                  legend=True, embed_font=False)
    >>> 'stroke="#0050b3"' in svg, "Toy &lt;chain&gt;" in svg, "gestippeld" in svg
    (True, True, True)
    """
    scene = map_scene(view, highlight=highlight, fade_others=fade_others, title=title, subtitle=subtitle,
                      legend=legend)
    return scene_svg(scene, embed_font=embed_font, pixel_width=pixel_width)


def chain_map_svg(
    model: ChainModel,
    highlight: Mapping[str, str] | None = None,
    *,
    lang: str = "nl",
    information: bool = True,
    fade_others: bool = False,
    title: str | None = None,
    legend: bool = True,
    embed_font: bool = True,
) -> str:
    """The whole chain map as SVG with some elements in colours: for reports.

    ``highlight`` maps element ids (hand-offs, organisations) to colours,
    e.g. the hand-offs where cases stalled. Hand-offs that pass only
    information are drawn too (``information=False`` leaves them out,
    unless highlighted).

    >>> from graph.examples import toy_chain
    >>> svg = chain_map_svg(toy_chain(), {"ho-vt-lokaal-team": "#b3261e"}, embed_font=False)
    >>> svg.count('stroke="#b3261e"') >= 1
    True
    """
    view = map_view(model, MapFilter(information=information), lang=lang, highlight=highlight)
    if highlight:
        view = replace(view, legend=tuple(e for e in view.legend if e.key != "highlight"))
    return render_svg(view, highlight=highlight, fade_others=fade_others, title=title, legend=legend,
                      embed_font=embed_font)
