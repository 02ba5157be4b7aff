"""End to end in a real headless Chromium against a local Streamlit server on
the built-in Haaglanden data: every page opens, a click on the map reaches
Python and shows details, a route query runs, the UI switches to English,
and the exports download. Console errors and non-local requests fail the test
(see tests/e2e/plugin.py). Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "Ketenkaart": "Ketenkaart",
    "Routes": "Routes",
    "Knelpunten": "Knelpunten",
    "Waarom stokt deze overdracht?": "Waarom stokt deze overdracht?",
    "Wat als": "Wat als",
    "Bronnen": "Bronnen",
    "Woordenlijst": "Woordenlijst",
}


def open_app(guard, base_url: str):
    page = guard.page
    page.goto(base_url + "/")
    wait_for_map(page)
    return page


def wait_for_map(page, name: str = "kaart"):
    page.locator(".kk-map[data-ready='1']").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_function(f"() => window.__ketenkaart && window.__ketenkaart[{name!r}]")


def heading(page, text: str):
    page.get_by_role("heading", name=text, exact=True).first.wait_for(timeout=20_000)


def dom_point(page, js_position: str, name: str = "kaart") -> tuple[float, float]:
    """Page coordinates of a canvas position computed by ``js_position`` (given ``n``, the network)."""
    box = page.locator(".kk-map canvas").first.bounding_box()
    point = page.evaluate(f"() => {{ const n = window.__ketenkaart[{name!r}]; const p = {js_position};"
                          " return n.canvasToDOM(p); }")
    return box["x"] + point["x"], box["y"] + point["y"]


def test_every_page_opens_and_shows_content(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    heading(page, "Ketenkaart")
    ui_page.screenshot("01-ketenkaart")
    for link, title in PAGES.items():
        if link == "Ketenkaart":
            continue
        page.get_by_role("link", name=link, exact=True).click()
        heading(page, title)
        page.wait_for_timeout(800)  # let data grids paint before the screenshot
        ui_page.screenshot("page-" + re.sub(r"[^a-z]+", "-", title.lower()).strip("-"))
    assert page.get_by_text("OTS", exact=True).count() >= 1  # the glossary lists the term


def test_click_on_node_and_handoff_shows_details(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    x, y = dom_point(page, "n.getPosition('veilig-thuis-haaglanden')")
    page.mouse.click(x, y)
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=20_000)
    dialog.get_by_text("Uitgaande overdrachten").wait_for()
    assert "Veilig Thuis" in dialog.inner_text()
    ui_page.screenshot("02-node-details")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")

    edge_id = page.evaluate("""() => { const n = window.__ketenkaart['kaart'];
        const e = Object.values(n.body.edges).find(e => e.fromId === 'politie' && e.toId === 'veilig-thuis-haaglanden');
        return e.id; }""")
    # Zoom in on the middle of the arrow so no other line is under the pointer.
    page.evaluate(f"""() => {{ const n = window.__ketenkaart['kaart'];
        n.moveTo({{position: n.body.edges[{edge_id!r}].edgeType.getPoint(0.5), scale: 2.5, animation: false}}); }}""")
    x, y = dom_point(page, f"n.body.edges[{edge_id!r}].edgeType.getPoint(0.5)")
    page.mouse.click(x, y)
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=20_000)
    dialog.get_by_text("Grondslag gegevensuitwisseling").wait_for()
    assert "Van Politie" in dialog.inner_text()
    ui_page.screenshot("03-handoff-details")


def test_route_query_highlights_the_route(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    page.get_by_role("link", name="Routes", exact=True).click()
    heading(page, "Routes")
    page.get_by_role("button", name="Zoek routes").click()
    page.get_by_text(re.compile(r"\d+ route\(s\) gevonden")).wait_for(timeout=20_000)
    wait_for_map(page, "routes_map")
    highlighted = page.evaluate("""() => Object.values(window.__ketenkaart['routes_map'].body.edges)
        .filter(e => e.options.width >= 4).map(e => e.id)""")
    assert highlighted, "the chosen route is highlighted on the map"
    ui_page.screenshot("04-route")
    page.locator(".kk-map canvas").first.scroll_into_view_if_needed()
    x, y = dom_point(page, "n.getPosition('kinderrechter')", name="routes_map")
    page.mouse.click(x, y)
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=20_000)
    dialog.get_by_text("Inkomende overdrachten").wait_for()


def test_switch_to_english(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    page.get_by_text("English", exact=True).click()
    heading(page, "Chain map")
    page.get_by_role("link", name="Bottlenecks", exact=True).wait_for()
    wait_for_map(page)
    ui_page.screenshot("05-english")


def test_exports_download_offline_files(ui_page, ui_server, tmp_path):
    page = open_app(ui_page, ui_server)
    with page.expect_download() as info:
        page.get_by_role("button", name="Kaart als HTML (offline)").click()
    html = (tmp_path / "map.html")
    info.value.save_as(html)
    text = html.read_text(encoding="utf-8")
    assert "renderKetenkaart" in text and "vis.Network" in text
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?://", text), "no external resources"
    # The file draws the map on its own, offline (the guard fails on any non-local request or console error).
    standalone = page.context.new_page()
    ui_page.watch(standalone)
    standalone.goto(html.as_uri())
    standalone.locator("#kk-map canvas").wait_for(state="attached")
    assert standalone.evaluate("() => document.querySelectorAll('#kk-map canvas').length") == 1
    standalone.close()
    with page.expect_download() as info:
        page.locator(".kk-png").first.click()
    png = tmp_path / "map.png"
    info.value.save_as(png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.stat().st_size > 10_000


def test_bottleneck_jumps_to_map_and_explanation(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    page.get_by_role("link", name="Knelpunten", exact=True).click()
    heading(page, "Knelpunten")
    page.get_by_role("button", name="Toon op kaart").click()
    heading(page, "Ketenkaart")
    wait_for_map(page)
    page.get_by_text(re.compile(r"^Geselecteerd: ")).wait_for(timeout=20_000)
    ui_page.screenshot("06-bottleneck-on-map")
    page.get_by_role("link", name="Knelpunten", exact=True).click()
    heading(page, "Knelpunten")
    page.get_by_role("button", name="Waarom stokt deze overdracht?").click()
    heading(page, "Waarom stokt deze overdracht?")
    page.get_by_text("Uit de praktijk").first.wait_for()  # practice first (issue 13)


def test_practice_figures_are_labelled_synthetic(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    page.get_by_text("Praktijkcijfers tonen (synthetisch)").click()
    page.get_by_text("Cijfers bij de overdrachten zijn synthetisch").wait_for(timeout=30_000)
    wait_for_map(page)
    page.wait_for_function("""() => Object.values(window.__ketenkaart['kaart'].body.edges)
        .some(e => (e.options.label || '').includes('(synth.)'))""", timeout=20_000)
    ui_page.screenshot("07-practice-figures")


def test_presentation_mode_for_projectors(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    width = """() => { const n = window.__ketenkaart['kaart'];
        return n.body.edges['politie-zorgmelding-vt'].options.width; }"""
    normal_width = page.evaluate(width)
    normal_height = page.locator(".kk-map").first.bounding_box()["height"]
    assert page.locator('[data-testid="stSidebar"]').is_visible()
    page.get_by_text("Presentatiemodus", exact=True).click()
    page.locator(".kk-wrap.kk-present .kk-map[data-ready='1']").wait_for(state="attached", timeout=30_000)
    page.wait_for_function("() => window.__ketenkaart['kaart'].body.edges['politie-zorgmelding-vt'] !== undefined")
    assert "presentatie=1" in page.url
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert page.get_by_text("Filters", exact=True).count() == 0
    assert page.evaluate(width) > normal_width  # thicker lines
    assert page.locator(".kk-map").first.bounding_box()["height"] >= normal_height  # the map gets the room
    page.wait_for_timeout(500)
    ui_page.screenshot("08-presentation-mode")
    # A reload (a trainer's bookmark) keeps the mode.
    page.reload()
    page.locator(".kk-wrap.kk-present .kk-map[data-ready='1']").wait_for(state="attached", timeout=30_000)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    page.get_by_text("Presentatiemodus", exact=True).click()
    page.locator(".kk-wrap:not(.kk-present) .kk-map[data-ready='1']").wait_for(state="attached", timeout=30_000)
    assert "presentatie" not in page.url
    page.get_by_text("Filters", exact=True).wait_for()


def test_crowded_map_names_a_handoff_on_hover(ui_page, ui_server):
    page = open_app(ui_page, ui_server)
    label = "() => window.__ketenkaart['kaart'].body.edges['politie-zorgmelding-vt'].options.label || ''"
    assert "Zorgmelding" not in page.evaluate(label)  # 57 hand-offs: names are off at rest
    x, y = dom_point(page, "n.body.edges['politie-zorgmelding-vt'].edgeType.getPoint(0.5)")
    page.mouse.move(x, y)
    page.wait_for_function(f"() => ({label})().includes('Zorgmelding')")
    box = page.locator(".kk-map canvas").first.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20)
    page.wait_for_function(f"() => !({label})().includes('Zorgmelding')")
