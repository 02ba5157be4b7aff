"""Presentation mode for projectors: the toggle, its place in the address, and the page styling.

The mode is kept in the query string (``?presentatie=1``) so a trainer can
reload the page or open a bookmark and get the same view, and in session
state under :data:`KEY` while the page runs.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["KEY", "PARAM", "presentation_toggle", "presentation_css", "keep_widget_state"]

KEY = "map_present"
PARAM = "presentatie"

# Hides the sidebar, the Streamlit header and toolbar; larger, darker text; less padding.
_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { padding: 0.75rem 1.25rem 2rem !important; max-width: none !important; }
[data-testid="stMain"] { color: #000000; }
[data-testid="stMain"] h1 { font-size: 2.4rem; padding-top: 0; color: #000000; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li,
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.25rem; color: #000000; }
[data-testid="stMain"] [data-testid="stWidgetLabel"] p { font-size: 1.2rem; font-weight: 600; color: #000000; }
</style>
"""


def presentation_toggle(container, label: str, help: str | None = None) -> bool:
    """Show the toggle in ``container`` and return whether presentation mode is on.

    The first run of a session takes the state from the address; every run
    writes it back, so the address always matches the toggle.
    """
    if KEY not in st.session_state:
        st.session_state[KEY] = st.query_params.get(PARAM) == "1"
    on = bool(container.toggle(label, key=KEY, help=help))
    if on:
        st.query_params[PARAM] = "1"
    elif PARAM in st.query_params:
        del st.query_params[PARAM]
    return on


# Outside presentation mode: less empty space above the title, so the map starts higher.
_CSS_NORMAL = """
<style>
[data-testid="stMainBlockContainer"], .block-container { padding-top: 2.5rem !important; }
</style>
"""


def presentation_css(on: bool = True) -> str:
    """The map page's style sheet with presentation mode on or off (no external resources)."""
    return _CSS if on else _CSS_NORMAL


def keep_widget_state(*keys: str) -> None:
    """Keep the values of widgets that are not drawn on this run (Streamlit forgets them otherwise)."""
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
