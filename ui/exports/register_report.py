"""The report "Overzicht bevindingen Doorbraakteam" as a municipal document: PDF (reportlab) and DOCX (python-docx).

Lays out a :class:`queries.register.report.Overview` (which holds no casus
detail and only suppressed counts): a title page with the date, period and
status (CONCEPT, or approved by the voorzitter), a summary, the chain map with
the hand-offs where casussen got stuck, knelpunten per category and per
hand-off, systeemknelpunten with the level they were taken to, the agreements
and their status, and an account of how the figures were made.

The chain map comes from the one static map renderer of the map UI
(:func:`chain_map_svg`, the hook below); its SVG is drawn as a PNG in both formats.

>>> import datetime as dt
>>> from graph.examples import toy_chain
>>> from loaders.register.demo import example_snapshot
>>> from queries.register.report import overview
>>> o = overview(example_snapshot(), toy_chain(), dt.date(2026, 1, 1), dt.date(2026, 12, 31),
...              today=dt.date(2026, 12, 1))
>>> render_report(o, "pdf", model=toy_chain())[:5]
b'%PDF-'
>>> render_report(o, "docx", model=toy_chain())[:2]
b'PK'
"""

from __future__ import annotations

import io
from pathlib import Path

from graph.model import ChainModel
from graph.text import Phrase
from graph.vocab import CATEGORY_NAMES
from loaders.register.records import ReportApproval
from loaders.register.vocab import name
from queries.register.report import Overview, date_phrase

__all__ = ["FORMATS", "chain_map_svg", "render_report", "svg_to_png"]

FORMATS = ("pdf", "docx")
HOUSE = "#1d4f4a"  # the document's accent colour (a sober dark green)

_L = {  # headings and labels, Dutch first
    "org": Phrase("Gemeente Den Haag", "Municipality of The Hague"),
    "to": Phrase("Aan: de commissie Bestuur van de gemeenteraad", "To: the council's Committee on Governance"),
    "from": Phrase("Van: de burgemeester, voorzitter van het Doorbraakteam Huiselijk Geweld",
                   "From: the mayor, chair of the Doorbraakteam on domestic violence"),
    "period": Phrase("Periode", "Period"),
    "date": Phrase("Datum", "Date"),
    "status": Phrase("Status", "Status"),
    "concept": Phrase("CONCEPT — nog niet vastgesteld door de voorzitter", "DRAFT — not yet approved by the chair"),
    "approved": Phrase("Vastgesteld door {who} op {when}", "Approved by {who} on {when}"),
    "demo": Phrase("FICTIEF DEMOREGISTER — dit overzicht beschrijft geen echte casussen",
                   "FICTITIOUS DEMO REGISTER — this overview describes no real cases"),
    "s1": Phrase("1. Samenvatting", "1. Summary"),
    "s2": Phrase("2. Waar casussen vastliepen", "2. Where cases got stuck"),
    "map": Phrase("De ketenkaart: overdrachten waar besproken casussen vastliepen zijn gemarkeerd.",
                  "The chain map: hand-offs where reviewed cases got stuck are highlighted."),
    "per_cat": Phrase("Knelpunten per categorie", "Bottlenecks per category"),
    "per_ho": Phrase("Knelpunten per overdracht", "Bottlenecks per hand-off"),
    "per_other": Phrase("Knelpunten bij organisaties, instrumenten en grondslagen",
                        "Bottlenecks at organisations, instruments and legal bases"),
    "s3": Phrase("3. Systeemknelpunten", "3. System bottlenecks"),
    "s4": Phrase("4. Afspraken en stand van zaken", "4. Agreements and progress"),
    "s5": Phrase("5. Verantwoording", "5. About these figures"),
    "category": Phrase("Categorie", "Category"),
    "casussen": Phrase("Casussen", "Cases"),
    "knelpunten": Phrase("Knelpunten", "Bottlenecks"),
    "handoff": Phrase("Overdracht", "Hand-off"),
    "element": Phrase("Element", "Element"),
    "categories": Phrase("Categorieën", "Categories"),
    "issue": Phrase("Systeemknelpunt", "System bottleneck"),
    "level": Phrase("Niveau", "Level"),
    "owner": Phrase("Trekker", "Owner"),
    "agreement": Phrase("Afspraak", "Agreement"),
    "by": Phrase("Door", "By"),
    "deadline": Phrase("Uiterlijk", "Deadline"),
    "none": Phrase("Geen in deze periode.", "None in this period."),
    "page": Phrase("pagina {n} van {m}", "page {n} of {m}"),
    "about": Phrase(
        "De cijfers komen uit het register van het Doorbraakteam: casussen die het team in de periode besprak, "
        "met per casus de knelpunten (het element van de keten waar het vastliep en een categorie) en de afspraken. "
        "Een aantal is het aantal verschillende casussen, niet het aantal knelpunten. Aantallen van 1 tot {t} staan "
        "er als <{t}, zodat geen casus herkenbaar is. Dit overzicht bevat geen gegevens op casusniveau: geen "
        "casuscodes, beschrijvingen of afspraken die alleen één casus betreffen. Afgesloten casussen worden na de "
        "bewaartermijn teruggebracht tot hun anonieme knelpunten.",
        "The figures come from the Doorbraakteam's register: cases the team reviewed in the period, each with its "
        "bottlenecks (the element of the chain where it got stuck and a category) and the agreements. A count is the "
        "number of distinct cases, not of bottlenecks. Counts from 1 to {t} are shown as <{t} so that no case can be "
        "recognised. This overview holds no case-level data: no case codes, descriptions or agreements about a "
        "single case. Closed cases are reduced to their anonymous bottlenecks after the retention period."),
}


def chain_map_svg(model: ChainModel, highlights: dict[str, str], lang: str = "nl") -> str | None:
    """The chain map as SVG with the hand-offs in ``highlights`` (id -> count label) marked in the
    map's highlight colour and the rest faded; None when no hand-off is to be marked (the report
    then has no map figure). The counts themselves stand in the report's tables."""
    from ui.mapsvg import chain_map_svg as draw
    from ui.mapview import HIGHLIGHT

    marked = {hid: HIGHLIGHT for hid in highlights if hid in model.index}
    if not marked:
        return None
    return draw(model, marked, lang=lang, information=False, fade_others=True, legend=True)


def svg_to_png(svg: str, width: int = 2400) -> bytes:
    """Rasterise an SVG (resvg) at ``width`` pixels on a white background."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=width, background="#ffffff"))


def _t(key: str, lang: str, **values: object) -> str:
    return _L[key].in_(lang, **values)


def _status_line(o: Overview, approval: ReportApproval | None, lang: str) -> str:
    if approval is None:
        return _t("concept", lang)
    return _t("approved", lang, who=approval.approved_by, when=date_phrase(approval.approved_at.date()).in_(lang))


def _tables(o: Overview, lang: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every table of the report as (header, rows) of plain text."""
    cats = ([_t("category", lang), _t("casussen", lang), _t("knelpunten", lang)],
            [[CATEGORY_NAMES[c.category].in_(lang), c.casussen.label, c.knelpunten.label] for c in o.categories])

    def cat_list(row) -> str:
        return ", ".join(f"{CATEGORY_NAMES[c].in_(lang)} ({n.label})" for c, n in row.categories)

    handoffs = ([_t("handoff", lang), _t("casussen", lang), _t("categories", lang)],
                [[h.name, h.casussen.label, cat_list(h)] for h in o.handoffs])
    others = ([_t("element", lang), _t("casussen", lang), _t("categories", lang)],
              [[h.name, h.casussen.label, cat_list(h)] for h in o.other_elements])
    issues = ([_t("issue", lang), _t("category", lang), _t("level", lang), _t("status", lang), _t("casussen", lang)],
              [[v.issue.title, CATEGORY_NAMES[v.issue.category].in_(lang), name(v.issue.level, lang),
                name(v.issue.status, lang), v.casussen.label] for v in o.system_issues])
    agreements = ([_t("agreement", lang), _t("by", lang), _t("level", lang), _t("deadline", lang), _t("status", lang)],
                  [[r.agreement.what, r.by, name(r.agreement.level, lang),
                    date_phrase(r.agreement.deadline).in_(lang) if r.agreement.deadline else "–",
                    name(r.agreement.status, lang)] for r in o.agreements])
    return {"cats": cats, "handoffs": handoffs, "others": others, "issues": issues, "agreements": agreements}


def render_report(o: Overview, fmt: str, *, model: ChainModel, approval: ReportApproval | None = None,
                  lang: str = "nl", map_svg: str | None = None) -> bytes:
    """The report as ``pdf`` or ``docx`` bytes.

    ``map_svg`` overrides the map (tests); by default it comes from :func:`chain_map_svg`.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use pdf or docx")
    svg = map_svg if map_svg is not None else chain_map_svg(model, o.highlights(), lang)
    png = svg_to_png(svg) if svg else None
    if fmt == "pdf":
        return _pdf(o, approval, lang, png)
    return _docx(o, approval, lang, png)


# --- PDF ------------------------------------------------------------------------------------------


def _fonts() -> tuple[str, str, bool]:
    """(regular, bold, has_arrow): DejaVu Sans when the system has it, else reportlab's own Vera (no arrow glyph)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                   Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"), True)]
    import reportlab

    own = Path(reportlab.__file__).parent / "fonts"
    candidates.append((own / "Vera.ttf", own / "VeraBd.ttf", False))
    for regular, bold, arrow in candidates:
        if regular.exists() and bold.exists():
            if "KK-Regular" not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont("KK-Regular", str(regular)))
                pdfmetrics.registerFont(TTFont("KK-Bold", str(bold)))
                pdfmetrics.registerFontFamily("KK", normal="KK-Regular", bold="KK-Bold", italic="KK-Regular",
                                              boldItalic="KK-Bold")
                _FONT_ARROW[0] = arrow
            return "KK-Regular", "KK-Bold", _FONT_ARROW[0]
    return "Helvetica", "Helvetica-Bold", False  # pragma: no cover - reportlab always ships Vera


_FONT_ARROW = [True]


def _pdf(o: Overview, approval: ReportApproval | None, lang: str, png: bytes | None) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas as pdfcanvas
    from reportlab.platypus import (
        CondPageBreak,
        Image,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold, arrow = _fonts()
    accent = colors.HexColor(HOUSE)

    def clean(text: str) -> str:
        return escape(text if arrow else text.replace("→", "->"))

    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, alignment=TA_LEFT, spaceAfter=6)
    small = ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=0)
    cell = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0)
    head_cell = ParagraphStyle("head", parent=cell, fontName=bold, textColor=colors.white)
    h1 = ParagraphStyle("h1", parent=body, fontName=bold, fontSize=15, leading=19, textColor=accent, spaceBefore=10,
                        spaceAfter=8)
    h2 = ParagraphStyle("h2", parent=body, fontName=bold, fontSize=11.5, leading=15, textColor=accent, spaceBefore=8,
                        spaceAfter=4)
    title = ParagraphStyle("title", parent=body, fontName=bold, fontSize=24, leading=30, textColor=accent)
    period_text = f"{date_phrase(o.period_start).in_(lang)} – {date_phrase(o.period_end).in_(lang)}"
    footer_left = f"{o.title.in_(lang)} · {period_text}"

    class NumberedCanvas(pdfcanvas.Canvas):
        """Two passes: page N of M in every footer (the title page has none)."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            # begin a fresh page without writing this one; the stubs omit this private reportlab method
            self._startPage()  # type: ignore[attr-defined]

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                page = self.getPageNumber()
                if page > 1:
                    self.setFont(regular, 8)
                    self.setFillColor(colors.HexColor("#555555"))
                    self.drawString(20 * mm, 12 * mm, footer_left if arrow else footer_left.replace("→", "->"))
                    self.drawRightString(190 * mm, 12 * mm, _t("page", lang, n=page - 1, m=total - 1))
                    self.setStrokeColor(accent)
                    self.setLineWidth(0.6)
                    self.line(20 * mm, 277 * mm, 190 * mm, 277 * mm)
                    self.setFont(bold, 8)
                    self.setFillColor(accent)
                    self.drawString(20 * mm, 280 * mm, _t("org", lang).upper())
                super().showPage()
            super().save()

    def title_page(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFillColor(accent)
        canvas.rect(0, 262 * mm, 210 * mm, 35 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(bold, 20)
        canvas.drawString(20 * mm, 276 * mm, _t("org", lang))
        canvas.setFont(regular, 10)
        canvas.drawString(20 * mm, 269 * mm, "Doorbraakteam Huiselijk Geweld")
        canvas.restoreState()

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table | Paragraph:
        if not rows:
            return Paragraph(clean(_t("none", lang)), body)
        data = [[Paragraph(clean(h), head_cell) for h in header]]
        data += [[Paragraph(clean(str(v)), cell) for v in row] for row in rows]
        t = Table(data, colWidths=[w * mm for w in widths], repeatRows=1, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("BACKGROUND", (0, 0), (-1, 0), accent),
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef3f2")]),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#c5d3d1")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]))
        return t

    def heading(key: str, style: ParagraphStyle) -> list:
        """A heading that never ends a page: start a new page unless some room is left below it."""
        return [CondPageBreak(45 * mm), Paragraph(clean(_t(key, lang)), style)]

    tables = _tables(o, lang)
    story: list = [Spacer(1, 55 * mm), Paragraph(clean(o.title.in_(lang)), title), Spacer(1, 10 * mm)]
    meta = [[_t("period", lang), period_text], [_t("date", lang), date_phrase(o.generated_on).in_(lang)],
            [_t("status", lang), _status_line(o, approval, lang)]]
    meta_table = Table(
        [
            [Paragraph(clean(k), ParagraphStyle("k", parent=body, fontName=bold)), Paragraph(clean(v), body)]
            for k, v in meta
        ],
        colWidths=[30 * mm, 140 * mm],
        hAlign="LEFT",
    )
    story += [meta_table, Spacer(1, 12 * mm), Paragraph(clean(_t("to", lang)), body),
              Paragraph(clean(_t("from", lang)), body)]
    if o.demo:
        box = Table([[Paragraph(clean(_t("demo", lang)), ParagraphStyle("demo", parent=body, fontName=bold,
                                                                        textColor=colors.HexColor("#8a1c1c")))]],
                    colWidths=[170 * mm], hAlign="LEFT")
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor("#8a1c1c")),
                                 ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fbeaea")),
                                 ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
        story += [Spacer(1, 12 * mm), box]
    story += [PageBreak(), Paragraph(clean(_t("s1", lang)), h1)]
    story += [Paragraph(clean(p.in_(lang)), body) for p in o.summary]
    story += heading("s2", h1)
    if png:
        from PIL import Image as PILImage

        width_px, height_px = PILImage.open(io.BytesIO(png)).size
        width = 170 * mm
        story += [Image(io.BytesIO(png), width=width, height=width * height_px / width_px),
                  Paragraph(clean(_t("map", lang)), small), Spacer(1, 4 * mm)]
    story += [*heading("per_cat", h2), table(*tables["cats"], [90, 40, 40])]
    story += [*heading("per_ho", h2), table(*tables["handoffs"], [92, 23, 55])]
    if o.other_elements:
        story += [*heading("per_other", h2), table(*tables["others"], [92, 23, 55])]
    story += [*heading("s3", h1), table(*tables["issues"], [66, 30, 25, 26, 23])]
    story += [*heading("s4", h1), table(*tables["agreements"], [58, 40, 22, 24, 26])]
    story += [*heading("s5", h1), Paragraph(clean(_t("about", lang, t=o.threshold)), body)]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=25 * mm,
                            bottomMargin=22 * mm, title=o.title.in_(lang), author=_t("org", lang),
                            subject=f"Doorbraakteam · {period_text}", lang="nl-NL" if lang == "nl" else "en-GB")
    doc.build(story, onFirstPage=title_page, canvasmaker=NumberedCanvas)
    return out.getvalue()


# --- DOCX -----------------------------------------------------------------------------------------


def _docx(o: Overview, approval: ReportApproval | None, lang: str, png: bytes | None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    accent = RGBColor.from_string(HOUSE.lstrip("#").upper())
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    for level in (1, 2):
        doc.styles[f"Heading {level}"].font.color.rgb = accent
    doc.core_properties.title = o.title.in_(lang)
    doc.core_properties.author = _t("org", lang)
    period_text = f"{date_phrase(o.period_start).in_(lang)} – {date_phrase(o.period_end).in_(lang)}"

    footer = section.footer.paragraphs[0]
    footer.text = f"{o.title.in_(lang)} · {period_text} · "
    run = footer.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)

    org = doc.add_paragraph()
    org_run = org.add_run(_t("org", lang))
    org_run.bold, org_run.font.size, org_run.font.color.rgb = True, Pt(18), accent
    doc.add_paragraph("Doorbraakteam Huiselijk Geweld")
    heading = doc.add_paragraph()
    heading.paragraph_format.space_before = Mm(40)
    title_run = heading.add_run(o.title.in_(lang))
    title_run.bold, title_run.font.size, title_run.font.color.rgb = True, Pt(24), accent
    for key, value in ((_t("period", lang), period_text), (_t("date", lang), date_phrase(o.generated_on).in_(lang)),
                       (_t("status", lang), _status_line(o, approval, lang))):
        p = doc.add_paragraph()
        p.add_run(f"{key}: ").bold = True
        p.add_run(value)
    doc.add_paragraph(_t("to", lang))
    doc.add_paragraph(_t("from", lang))
    if o.demo:
        warn = doc.add_paragraph().add_run(_t("demo", lang))
        warn.bold, warn.font.color.rgb = True, RGBColor(0x8A, 0x1C, 0x1C)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(header: list[str], rows: list[list[str]]) -> None:
        if not rows:
            doc.add_paragraph(_t("none", lang))
            return
        t = doc.add_table(rows=1, cols=len(header))
        t.style = "Light Grid Accent 1" if "Light Grid Accent 1" in [s.name for s in doc.styles] else "Table Grid"
        for i, h in enumerate(header):
            t.rows[0].cells[i].text = h
            t.rows[0].cells[i].paragraphs[0].runs[0].bold = True
        for row in rows:
            cells = t.add_row().cells
            for i, value in enumerate(row):
                cells[i].text = str(value)

    tables = _tables(o, lang)
    doc.add_heading(_t("s1", lang), level=1)
    for phrase in o.summary:
        doc.add_paragraph(phrase.in_(lang))
    doc.add_heading(_t("s2", lang), level=1)
    if png:
        doc.add_picture(io.BytesIO(png), width=Mm(170))
        doc.add_paragraph(_t("map", lang)).runs[0].italic = True
    doc.add_heading(_t("per_cat", lang), level=2)
    table(*tables["cats"])
    doc.add_heading(_t("per_ho", lang), level=2)
    table(*tables["handoffs"])
    if o.other_elements:
        doc.add_heading(_t("per_other", lang), level=2)
        table(*tables["others"])
    doc.add_heading(_t("s3", lang), level=1)
    table(*tables["issues"])
    doc.add_heading(_t("s4", lang), level=1)
    table(*tables["agreements"])
    doc.add_heading(_t("s5", lang), level=1)
    doc.add_paragraph(_t("about", lang, t=o.threshold))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
