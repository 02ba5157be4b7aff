"""How every page looks: on screen, in presentation mode (a projector) and on paper.

Presentation mode is kept in the address (``?presentatie=1``, see
:mod:`ui.links`) so a trainer can reload a page or open a bookmark and get
the same view. It enlarges all text, tables and dialogs, hides the chrome a
projector does not need, and keeps the top navigation. The print style sheet
makes any page print as a usable page: navigation, buttons and toolbars
left out, nothing cut off, the map whole.

>>> "font-size" in page_css(present=True) and "@media print" in page_css(present=False)
True
"""

from __future__ import annotations

__all__ = ["page_css"]

# Always: less empty space, no English data-grid toolbar (it also offered an unsafe CSV download).
_BASE = """
[data-testid="stMainBlockContainer"], .block-container {
  padding: 4.2rem 1.5rem 2.5rem !important; max-width: none !important; }
[data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stDecoration"] { display: none !important; }
.kk-footer { margin-top: 2rem; color: #333333; font-size: 0.9rem; }
[data-testid="stMain"] h1 { font-size: 2.1rem !important; padding: 0.2rem 0 0.4rem !important; }
"""

# Presentation mode: large dark text everywhere, dialogs and tables included.
_PRESENT = """
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbarActions"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"] { display: none !important; }
[data-testid="stTopNav"] p, [data-testid="stTopNav"] span { font-size: 1.2rem !important; color: #000000; }
[data-testid="stMain"], [role="dialog"] { color: #000000; }
[data-testid="stMain"] h1 { font-size: 2.2rem !important; padding: 0 !important; }
.st-key-zoek { display: none !important; }
[data-testid="stMain"] h2, [role="dialog"] h2 { font-size: 2.1rem !important; }
[data-testid="stMain"] h3, [role="dialog"] h3 { font-size: 1.8rem !important; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stCaptionContainer"],
[role="dialog"] [data-testid="stMarkdownContainer"] p,
[role="dialog"] [data-testid="stMarkdownContainer"] li,
[role="dialog"] [data-testid="stCaptionContainer"] { font-size: 1.45rem !important; line-height: 1.45; color: #000000; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] p {
  font-size: 1.3rem !important; font-weight: 600; color: #000000; }
[data-testid="stMain"] button p, [data-testid="stMain"] input, [data-testid="stMain"] [data-baseweb="select"] {
  font-size: 1.3rem !important; }
[data-testid="stTable"] table, [data-testid="stTable"] th, [data-testid="stTable"] td {
  font-size: 1.35rem !important; color: #000000; }
[role="dialog"] { width: min(92vw, 1300px) !important; max-width: none !important; }
[data-testid="stHeader"] { font-size: 1.2rem; }
.kk-footer { font-size: 1.1rem; }
"""

# Paper: the page content only, nothing cut off, the map as a whole picture.
_PRINT = """
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"], section.main, .main {
    height: auto !important; min-height: 0 !important; overflow: visible !important; position: static !important;
  }
  [data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stDownloadButton"], [data-testid="stButton"], [data-testid="stPopover"], .st-key-zoek,
  .st-key-taal, .st-key-presentatie, [data-testid="stExpanderToggleIcon"], .kk-bar, .kk-noprint,
  [data-testid="stToggle"], [data-testid="stCheckbox"], [data-testid="stExpander"], .st-key-map_mode,
  [data-testid="stPageLink"], .st-key-map_table_on {
    display: none !important;
  }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; }
  [data-testid="stExpanderDetails"] { display: block !important; }
  details > summary ~ * { display: block !important; }
  [data-testid="stDataFrame"], [data-testid="stTable"], .kk-map, .kk-legend, .kk-story-step { break-inside: avoid; }
  body { color: #000000; }
  a { color: #000000; text-decoration: underline; }
}
"""


def page_css(present: bool) -> str:
    """The page style sheet (in a ``<style>`` element) with presentation mode on or off."""
    return "<style>" + _BASE + (_PRESENT if present else "") + _PRINT + "</style>"
