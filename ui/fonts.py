"""The one typeface of the map, and how wide a text is in it.

The map is laid out in Python (:mod:`ui.layout`), so label boxes must be
sized before any browser or PDF draws them. Every rendering of the map (the
app, the SVG and PNG exports, the PDF handouts, the offline HTML) uses the
same font, Bitstream Vera Sans, which ships inside the ``reportlab``
package: its metrics measure the text here, reportlab embeds it in PDFs, and
the SVG carries it as an embedded ``@font-face`` (no font is fetched from
the internet). Vera is wide and has a large x-height, which reads well on a
projector.

>>> round(text_width("Veilig Thuis", 16))
92
>>> text_width("Veilig Thuis", 16, bold=True) > text_width("Veilig Thuis", 16)
True
>>> font_face_css().startswith("@font-face{font-family:'Ketenkaart Sans'")
True
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

__all__ = ["FAMILY", "FONT_STACK", "font_face_css", "font_file", "pdf_fonts", "supported", "text_width"]

FAMILY = "Ketenkaart Sans"
# Vera's metric twins come next, so a renderer without the embedded face still fits the boxes.
FONT_STACK = f"'{FAMILY}', 'Bitstream Vera Sans', 'DejaVu Sans', Verdana, sans-serif"
_FILES = {False: "Vera.ttf", True: "VeraBd.ttf"}
_PDF_NAMES = {False: "KetenkaartSans", True: "KetenkaartSans-Bold"}
_ITALIC = {"KetenkaartSans-Italic": "VeraIt.ttf", "KetenkaartSans-BoldItalic": "VeraBI.ttf"}


def font_file(bold: bool = False) -> Path:
    """The TrueType file of the map font (regular or bold) inside the reportlab package."""
    import reportlab

    return Path(reportlab.__file__).resolve().parent / "fonts" / _FILES[bold]


@lru_cache(maxsize=1)
def pdf_fonts() -> tuple[str, str]:
    """Register the map font with reportlab (once) and return its (regular, bold) names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for bold, name in _PDF_NAMES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_file(bold))))
    for name, file in _ITALIC.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_file().with_name(file))))
    # so <b> and <i> in reportlab paragraphs use the bold and italic faces
    pdfmetrics.registerFontFamily(_PDF_NAMES[False], normal=_PDF_NAMES[False], bold=_PDF_NAMES[True],
                                  italic="KetenkaartSans-Italic", boldItalic="KetenkaartSans-BoldItalic")
    return _PDF_NAMES[False], _PDF_NAMES[True]


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set in the map font at ``size`` (same unit as ``size``)."""
    from reportlab.pdfbase import pdfmetrics

    regular, heavy = pdf_fonts()
    return float(pdfmetrics.stringWidth(text, heavy if bold else regular, size))


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = pdfmetrics.getFont(pdf_fonts()[0])
    if not isinstance(font, TTFont):  # pdf_fonts() registers TrueType fonts only
        raise TypeError(f"the map font {font.fontName!r} is not a TrueType font")
    return frozenset(font.face.charToGlyph)


def supported(text: str) -> str:
    """``text`` with characters the map font lacks replaced by near equivalents (for the PDF).

    >>> supported("Politie → Veilig Thuis ⚠")
    'Politie -> Veilig Thuis !'
    """
    replacements = {"→": "->", "←": "<-", "⚠": "!", "≥": ">=", "≤": "<=", "✓": "v", "▶": ">", "◀": "<"}
    glyphs = _glyphs()
    return "".join(ch if ord(ch) in glyphs or ch in "\n\t" else replacements.get(ch, "?") for ch in text)


@lru_cache(maxsize=1)
def font_face_css() -> str:
    """``@font-face`` rules embedding the map font as data URLs (regular and bold)."""
    rules = []
    for bold in (False, True):
        data = base64.b64encode(font_file(bold).read_bytes()).decode("ascii")
        rules.append(f"@font-face{{font-family:'{FAMILY}';font-weight:{700 if bold else 400};font-style:normal;"
                     f"src:url(data:font/ttf;base64,{data}) format('truetype');}}")
    return "".join(rules)
