"""PDF handouts of the map (A4 or A3 landscape) and the high-resolution PNG, drawn with reportlab.

The map is the same :class:`~ui.mapdraw.Scene` the app shows as SVG, drawn
here with reportlab's canvas in the same font (embedded). A handout has the
title, the date in words, the data version and the data title on every
page; the map with its legend and abbreviations on the first, and the
numbered steps and the sources (by title, with their address) after it.
The PNG is the map's own page (title, map, legend) rendered by PDFium at
3200 pixels wide or more.

>>> from graph.examples import toy_chain
>>> from ui.mapview import map_view
>>> pdf = map_pdf(toy_chain(), map_view(toy_chain()), title="Toy", paper="A4")
>>> pdf[:5], b"BitstreamVeraSans" in pdf  # the map font, embedded
(b'%PDF-', True)
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from html import escape

from graph.model import ChainModel, HandOff
from ui.fonts import pdf_fonts, supported
from ui.i18n import text
from ui.mapdraw import BASELINE, Circle, Path, Rect, Scene, Text, map_scene
from ui.mapview import MapView
from ui.plain import date_words, source_text

__all__ = ["HandoutInfo", "draw_scene", "handout_sources", "map_pdf", "map_png", "page_size"]

_PAPER = {"A4": (841.89, 595.28), "A3": (1190.55, 841.89)}
MARGIN = 28.0


def page_size(paper: str = "A4") -> tuple[float, float]:
    """Landscape page size in points of ``"A4"`` or ``"A3"``."""
    return _PAPER[paper.upper()]


def _colour(value: str | None):
    from reportlab.lib import colors

    if not value or value in ("none", "transparent"):
        return None
    return colors.HexColor(value) if value.startswith("#") else getattr(colors, value, colors.black)


def draw_scene(canvas, scene: Scene, x: float, top: float, scale: float, skip: Iterable[str] = ()) -> None:
    """Draw ``scene`` with its top-left corner at (``x``, ``top``) (PDF points, y up) at ``scale``.

    Groups whose class is in ``skip`` are left out.
    """
    regular, bold = pdf_fonts()
    skipped = set(skip)
    canvas.saveState()
    canvas.translate(x, top)
    canvas.scale(scale, -scale)  # map units, y down
    for group in scene.items:
        if any(c in skipped for c in group.cls.split()):
            continue
        canvas.saveState()
        if group.opacity < 1:
            canvas.setFillAlpha(group.opacity)
            canvas.setStrokeAlpha(group.opacity)
        for shape in group.items:
            _draw(canvas, shape, regular, bold)
        canvas.restoreState()
    canvas.restoreState()


def _paint(canvas, fill, stroke, width: float, dash: Sequence[float]) -> tuple[int, int]:
    f, s = _colour(fill), _colour(stroke)
    if f is not None:
        canvas.setFillColor(f)
    if s is not None:
        canvas.setStrokeColor(s)
        canvas.setLineWidth(width)
        canvas.setDash(list(dash) if dash else [])
    return (1 if f is not None else 0), (1 if s is not None and width > 0 else 0)


def _draw(canvas, shape, regular: str, bold: str) -> None:
    if isinstance(shape, Rect):
        fill, stroke = _paint(canvas, shape.fill, shape.stroke, shape.width, shape.dash)
        if fill or stroke:
            if shape.rx:
                canvas.roundRect(shape.x, shape.y, shape.w, shape.h, shape.rx, stroke=stroke, fill=fill)
            else:
                canvas.rect(shape.x, shape.y, shape.w, shape.h, stroke=stroke, fill=fill)
    elif isinstance(shape, Circle):
        fill, stroke = _paint(canvas, shape.fill, shape.stroke, shape.width, ())
        canvas.circle(shape.cx, shape.cy, shape.r, stroke=stroke, fill=fill)
    elif isinstance(shape, Path):
        fill, stroke = _paint(canvas, shape.fill, shape.stroke, shape.width, shape.dash)
        if not (fill or stroke):
            return
        path = canvas.beginPath()
        for c in shape.commands:
            if c[0] == "M":
                path.moveTo(c[1], c[2])
            elif c[0] == "L":
                path.lineTo(c[1], c[2])
            elif c[0] == "C":
                path.curveTo(*c[1:])
            elif c[0] == "Z":
                path.close()
        canvas.setLineJoin(1)
        canvas.drawPath(path, stroke=stroke, fill=fill)
    elif isinstance(shape, Text):
        canvas.setFillColor(_colour(shape.fill))
        canvas.setFont(bold if shape.bold else regular, shape.size)
        for i, line in enumerate(shape.lines):
            y = shape.y + i * shape.step + BASELINE * shape.size
            canvas.saveState()
            canvas.translate(shape.x, y)
            canvas.scale(1, -1)
            if shape.anchor == "middle":
                canvas.drawCentredString(0, 0, supported(line))
            else:
                canvas.drawString(0, 0, supported(line))
            canvas.restoreState()


class HandoutInfo:
    """What every handout page says at its foot: the data, its version and the date."""

    def __init__(self, model: ChainModel, lang: str = "nl", day: dt.date | None = None):
        from ui.state import data_version

        self.lang = lang
        self.data = model.title or model.region
        self.version = data_version(model)
        self.day = day or dt.date.today()

    def line(self) -> str:
        return text("handout.foot", self.lang, data=self.data, date=date_words(self.day, self.lang),
                    version=self.version)


def _header(canvas, width: float, height: float, title: str, subtitle: str | None, info: HandoutInfo,
            page: int) -> float:
    """Title and subtitle at the top, the data line and page number at the foot; returns the content top (y)."""
    regular, bold = pdf_fonts()
    canvas.setFillColorRGB(0.07, 0.07, 0.07)
    canvas.setFont(bold, 16)
    canvas.drawString(MARGIN, height - MARGIN - 12, supported(title))
    y = height - MARGIN - 18
    if subtitle:
        canvas.setFont(regular, 10)
        canvas.drawString(MARGIN, y - 12, supported(subtitle))
        y -= 16
    canvas.setFont(regular, 8)
    canvas.drawString(MARGIN, MARGIN - 14, supported(info.line()))
    canvas.drawRightString(width - MARGIN, MARGIN - 14, supported(text("handout.page", info.lang, n=page)))
    return y - 8


def _paragraph_style(size: float = 10.0, bold: bool = False, leading: float | None = None):
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    regular, heavy = pdf_fonts()
    return ParagraphStyle("kk", fontName=heavy if bold else regular, fontSize=size, leading=leading or size * 1.3,
                          textColor=HexColor("#111111"))


def _flow(canvas, paragraphs: Sequence[tuple[str, float, bool]], x: float, top: float, width: float, bottom: float,
          new_page) -> float:
    """Write paragraphs (text, size, bold) downwards from ``top``; a new page when one does not fit."""
    from reportlab.platypus import Paragraph

    y = top
    for content, size, bold in paragraphs:
        para = Paragraph(content, _paragraph_style(size, bold))
        _, h = para.wrapOn(canvas, width, 10000)
        if y - h < bottom:
            y = new_page()
        para.drawOn(canvas, x, y - h)
        y -= h + size * 0.45
    return y


def handout_sources(model: ChainModel, ids: Iterable[str]) -> list[str]:
    """The sources and legal bases behind the elements with these ids (hand-offs: also their norm,
    failure modes and legal bases), in order of first mention."""
    found: list[str] = []
    for element_id in ids:
        element = model.index.get(element_id)
        if element is None:
            continue
        cites = list(getattr(element, "sources", ()) or ())
        if isinstance(element, HandOff):
            cites += list(element.legal_bases)
            if element.norm is not None:
                cites += list(element.norm.sources)
            for mode in element.failure_modes:
                cites += list(mode.sources)
        for c in cites:
            if c in model.index and c not in found:
                found.append(c)
    return found


def _source_paragraph(model: ChainModel, source_id: str, lang: str) -> str:
    element = model.index[source_id]
    label = escape(supported(source_text(model, source_id, lang)))
    url = getattr(element, "url", None)
    file = getattr(element, "file", None)
    if url:
        return f'{label} — <link href="{escape(url, quote=True)}" color="#1a4fa0">{escape(supported(url))}</link>'
    if file:
        return f'{label} <font color="#555555">({escape(text("handout.document", lang))} {escape(file)})</font>'
    return label


def map_pdf(model: ChainModel, view: MapView, *, title: str, subtitle: str | None = None, paper: str = "A4",
            day: dt.date | None = None) -> bytes:
    """The map handout as PDF bytes: the map with its legend on page one, then steps, abbreviations, sources."""
    from reportlab.pdfgen.canvas import Canvas

    info = HandoutInfo(model, view.lang, day)
    width, height = page_size(paper)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("ketenkaart")
    canvas.setSubject(info.line())
    scene = map_scene(view, legend=True, steps=False)
    top = _header(canvas, width, height, title, subtitle, info, 1)
    area_w, area_h = width - 2 * MARGIN, top - MARGIN
    scale = min(area_w / scene.width, area_h / scene.height)
    draw_scene(canvas, scene, MARGIN + (area_w - scene.width * scale) / 2, top, scale)
    canvas.showPage()
    page = [2]

    def new_page() -> float:
        canvas.showPage()
        page[0] += 1
        return _header(canvas, width, height, title, subtitle, info, page[0])

    y = _header(canvas, width, height, title, subtitle, info, page[0])
    paragraphs: list[tuple[str, float, bool]] = []
    if view.steps:
        paragraphs.append((escape(text("legend.steps", view.lang)), 12, True))
        paragraphs += [(f"{escape(n)}. {escape(supported(name))}", 10, False) for n, _, name in view.steps]
    if view.abbreviations:
        paragraphs.append((escape(text("legend.abbreviations", view.lang)), 12, True))
        paragraphs += [(f"<b>{escape(short)}</b> = {escape(supported(full))}", 10, False)
                       for short, full in view.abbreviations]
    shown = [n.id for n in view.nodes] + [e.id for e in view.edges if e.kind == "handoff"]
    sources = handout_sources(model, shown)
    if sources:
        paragraphs.append((escape(text("detail.sources", view.lang)), 12, True))
        paragraphs += [(_source_paragraph(model, s, view.lang), 9, False) for s in sources]
    _flow(canvas, paragraphs, MARGIN, y, width - 2 * MARGIN, MARGIN + 6, new_page)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def map_png(view: MapView, *, title: str, subtitle: str | None = None, min_width: int = 3200) -> bytes:
    """The map with title and legend as a PNG at least ``min_width`` pixels wide (PDFium renders it)."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen.canvas import Canvas

    scene = map_scene(view, title=title, subtitle=subtitle, legend=True)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(scene.width, scene.height))
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(0, 0, scene.width, scene.height, stroke=0, fill=1)
    draw_scene(canvas, scene, 0, scene.height, 1.0)
    canvas.showPage()
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    try:
        bitmap = document[0].render(scale=max(1.0, min_width / scene.width))
        image = bitmap.to_pil()
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
