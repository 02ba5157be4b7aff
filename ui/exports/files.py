"""The download row under a map: PDF (A4, A3), PNG, SVG and offline HTML, each made on click."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from graph.model import ChainModel
from ui.exports.html import map_html
from ui.exports.pdf import HandoutInfo, map_pdf, map_png
from ui.mapsvg import render_svg
from ui.mapview import MapView
from ui.state import t

__all__ = ["map_downloads"]


def map_downloads(model: ChainModel, view: MapView, *, stem: str, key: str, title: str, subtitle: str = "") -> None:
    """Download buttons for this view of the map. Files are made only when their button is clicked."""
    info = HandoutInfo(model, view.lang, dt.date.today())
    foot = info.line()
    sub = f"{subtitle} · {foot}" if subtitle else foot
    st.caption(t("export.label"))
    cols = st.columns(5)
    cols[0].download_button(t("export.pdf_a4"), data=lambda: map_pdf(model, view, title=title, subtitle=subtitle,
                                                                     paper="A4"),
                            file_name=f"{stem}-A4.pdf", mime="application/pdf", key=f"{key}_pdf_a4", on_click="ignore")
    cols[1].download_button(t("export.pdf_a3"), data=lambda: map_pdf(model, view, title=title, subtitle=subtitle,
                                                                     paper="A3"),
                            file_name=f"{stem}-A3.pdf", mime="application/pdf", key=f"{key}_pdf_a3", on_click="ignore")
    cols[2].download_button(t("export.png"), data=lambda: map_png(view, title=title, subtitle=sub),
                            file_name=f"{stem}.png", mime="image/png", key=f"{key}_png", on_click="ignore")
    cols[3].download_button(t("export.svg"), data=lambda: render_svg(view, title=title, subtitle=sub, legend=True),
                            file_name=f"{stem}.svg", mime="image/svg+xml", key=f"{key}_svg", on_click="ignore")
    cols[4].download_button(t("export.html"), data=lambda: map_html(model, view, title=title, subtitle=sub),
                            file_name=f"{stem}.html", mime="text/html", key=f"{key}_html", on_click="ignore")
