"""End to end in a real headless Chromium against one local Streamlit server on the built-in
Haaglanden data: the map is readable at 1280x800, 1920x1080 and in presentation mode (label boxes
read from the page, no overlaps, text large enough); a click reaches Python; a case story is played
to the end with the arrow keys on a projector; links survive a reload; search jumps to "ZVH"; the
exports download and the PDF handout is rendered to images and checked; every page opens. Console
errors and non-local requests fail the test (tests/e2e/plugin.py). Screenshots go to test-artifacts/."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGES = ["Casusverhalen", "Routes", "Knelpunten", "Waarom stokt deze overdracht?", "Wat als", "Bronnen",
         "Woordenlijst"]

# Every text on the map with its box on screen and its size in CSS pixels.
LABELS = """(name) => {
  const api = window.__ketenkaart[name];
  const frame = api.svg.closest('.kk-map').getBoundingClientRect();
  const out = [];
  api.svg.querySelectorAll('text').forEach(t => {
    const r = t.getBoundingClientRect();
    if (!r.width || r.right < frame.left || r.left > frame.right
        || r.bottom < frame.top || r.top > frame.bottom) return;
    const g = t.closest('[data-id]');
    out.push({id: g ? g.getAttribute('data-id') : (t.getAttribute('class') || 'frame'), text: t.textContent,
              x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  });
  return out;
}"""

# The rendered size of a text: its font size times the map's scale on screen.
SCALE = """(name) => { const api = window.__ketenkaart[name]; const svg = api.svg;
  return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }"""


def wait_for_map(page, name: str = "kaart"):
    page.locator(".kk-map[data-ready='1']").first.wait_for(state="attached", timeout=30_000)
    page.wait_for_function(f"() => window.__ketenkaart && window.__ketenkaart[{name!r}]")


def heading(page, text: str):
    page.get_by_role("heading", name=text, exact=True).first.wait_for(timeout=20_000)


def overlaps(boxes: list[dict], tolerance: float = 0.5) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            if w > tolerance and h > tolerance:
                found.append((f"{a['id']}:{a['text']}", f"{b['id']}:{b['text']}"))
    return found


def node_text_px(page, name: str = "kaart") -> float:
    scale = page.evaluate(SCALE, name)
    sizes = page.evaluate("""(name) => [...window.__ketenkaart[name].svg.querySelectorAll('.kk-node text')]
        .map(t => parseFloat(t.getAttribute('font-size')))""", name)
    return min(sizes) * scale


@pytest.mark.parametrize("width, height, query, least", [
    (1280, 800, "", 12), (1920, 1080, "", 12), (1280, 800, "?weergave=alles", 12),
    (1920, 1080, "?weergave=alles&informatie=1", 12), (1920, 1080, "?presentatie=1", 18),
    (1920, 1080, "?presentatie=1&weergave=alles", 18),
])
def test_map_is_readable_without_overlapping_labels(ui_pages, ui_server, width, height, query, least):
    guard = ui_pages(width, height)
    page = guard.page
    page.goto(ui_server + "/" + query)
    wait_for_map(page)
    page.wait_for_timeout(300)
    labels = page.evaluate(LABELS, "kaart")
    assert len(labels) > 10
    clash = overlaps(labels)
    assert not clash, f"overlapping labels: {clash[:5]}"
    smallest = node_text_px(page)
    print(f"\n{width}x{height}{query or ' overview'}: smallest node text {smallest:.1f} px")
    assert smallest >= least - 0.05
    # every label sits inside its own box
    inside = page.evaluate("""() => [...window.__ketenkaart['kaart'].svg.querySelectorAll('.kk-node')].every(g => {
        const s = g.querySelector('.kk-shape').getBoundingClientRect();
        const t = g.querySelector('text').getBoundingClientRect();
        return t.left >= s.left - 1 && t.right <= s.right + 1 && t.top >= s.top - 1 && t.bottom <= s.bottom + 1; })""")
    assert inside
    # the legend is on screen with the map, and names every abbreviation on the map
    assert page.locator(".kk-legend").first.is_visible()
    guard.screenshot(f"map-{width}x{height}{re.sub(r'[^a-z]+', '-', query) or '-overview'}")


def test_click_on_node_and_handoff_shows_details(ui_page, ui_server):
    page = ui_page.page
    page.goto(ui_server + "/?weergave=alles")
    wait_for_map(page)
    page.evaluate("() => window.__ketenkaart['kaart'].element('veilig-thuis-haaglanden')"
                  ".scrollIntoView({block: 'center'})")
    page.locator('.kk-node[data-id="veilig-thuis-haaglanden"] .kk-shape').click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=20_000)
    dialog.get_by_text("Uitgaande overdrachten").wait_for()
    assert "Veilig Thuis" in dialog.inner_text()
    ui_page.screenshot("click-node-details")
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    edge = page.locator('.kk-edge[data-id="politie-zorgmelding-vt"] .kk-hit')
    edge.scroll_into_view_if_needed()
    # click a point of this line that no other line covers (lines share stretches near the boxes)
    box = page.evaluate("""() => { const g = window.__ketenkaart['kaart'].element('politie-zorgmelding-vt');
        const p = g.querySelector('.kk-line'); const l = p.getTotalLength(); const m = p.getScreenCTM();
        for (let i = 1; i < 40; i++) { const pt = p.getPointAtLength(l * i / 40);
          const x = pt.x * m.a + m.e, y = pt.y * m.d + m.f; const hit = document.elementFromPoint(x, y);
          if (hit && hit.closest('.kk-edge') === g) return {x, y}; }
        return null; }""")
    assert box is not None, "every point of the line lies under another element"
    page.mouse.click(box["x"], box["y"])
    dialog = page.get_by_role("dialog")
    dialog.wait_for(timeout=20_000)
    dialog.get_by_text("Grondslag gegevensuitwisseling").wait_for()
    assert "Van Politie" in dialog.inner_text()


def test_story_played_to_the_end_with_arrow_keys_in_presentation_mode(ui_pages, ui_server):
    guard = ui_pages(1920, 1080)
    page = guard.page
    page.goto(ui_server + "/verhalen?verhaal=school-naar-ots&stap=1&presentatie=1")
    page.locator(".kk-player .kk-map[data-ready='1']").wait_for(state="attached", timeout=30_000)
    steps = page.locator(".kk-dot").count()
    assert steps == 8
    shown = []
    for step in range(1, steps + 1):
        page.locator(f".kk-player[data-step='{step}']").wait_for(timeout=10_000)
        shown.append(page.locator(".kk-player-title").inner_text())
        lit = page.evaluate("() => [...document.querySelectorAll('.kk-player .kk-now')]"
                            ".map(g => g.getAttribute('data-id'))")
        assert lit, f"nothing lit at step {step}"
        narrative_px = page.evaluate(
            "() => parseFloat(getComputedStyle(document.querySelector('.kk-narrative p')).fontSize)")
        assert narrative_px >= 24, narrative_px  # projector-sized
        if step == 5:
            guard.screenshot("story-presentation-step-5")
        if step < steps:
            page.keyboard.press("ArrowRight")
    assert len(set(shown)) == steps
    assert page.locator(".kk-player-count").inner_text() == "Stap 8 van 8"
    page.wait_for_function("() => location.search.includes('stap=8')", timeout=20_000)
    assert "presentatie=1" in page.url
    page.keyboard.press("ArrowLeft")
    page.locator(".kk-player[data-step='7']").wait_for()
    # the map's text is projector-sized too
    scale = page.evaluate("""() => { const svg = document.querySelector('.kk-player .kk-map svg');
        return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }""")
    assert 16 * scale >= 18 - 0.05


def test_a_deep_link_reopens_the_same_view_after_reload(ui_page, ui_server):
    page = ui_page.page
    page.goto(ui_server + "/?taal=en&weergave=alles&focus=vt-overdracht-lokaal-team&informatie=1")
    wait_for_map(page)
    heading(page, "Chain map")
    page.get_by_text("Selected:").first.wait_for()
    first = page.evaluate("() => window.__ketenkaart['kaart'].view()")
    page.reload()
    wait_for_map(page)
    heading(page, "Chain map")
    page.get_by_text("Selected:").first.wait_for()
    for key in ("taal=en", "weergave=alles", "focus=vt-overdracht-lokaal-team", "informatie=1"):
        assert key in page.url
    assert page.evaluate("() => window.__ketenkaart['kaart'].view()") == pytest.approx(first)
    # a route, and the language, survive a reload too
    page.goto(ui_server + "/routes?van=politie&naar=jeugdbescherming-west&zoek=1&taal=en")
    page.get_by_text(re.compile(r"\d+ route\(s\) found")).wait_for(timeout=30_000)
    page.reload()
    page.get_by_text(re.compile(r"\d+ route\(s\) found")).wait_for(timeout=30_000)
    heading(page, "Routes")


def test_search_finds_zvh_and_jumps_to_it(ui_page, ui_server):
    page = ui_page.page
    page.goto(ui_server + "/knelpunten")
    heading(page, "Knelpunten")
    box = page.get_by_placeholder(re.compile("Zoek een organisatie"))
    box.fill("ZVH")
    box.press("Enter")
    page.wait_for_function("() => location.search.includes('focus=veiligheidshuis-haaglanden')", timeout=30_000)
    wait_for_map(page)
    page.get_by_text("Geselecteerd: Veiligheidshuis Haaglanden").wait_for()
    assert page.evaluate("() => window.__ketenkaart['kaart'].element('veiligheidshuis-haaglanden') !== null")
    box = page.get_by_placeholder(re.compile("Zoek een organisatie"))
    box.fill("Zorg- en Veiligheidshuis")
    box.press("Enter")  # a name: jumps straight to it
    page.get_by_text("Geselecteerd: Veiligheidshuis Haaglanden").wait_for(timeout=30_000)
    box = page.get_by_placeholder(re.compile("Zoek een organisatie"))
    box.fill("gecertificeerde instelling")
    box.press("Enter")  # another name of one organisation: jumps straight to it
    page.get_by_text("Geselecteerd: Stichting Jeugdbescherming west Haaglanden").wait_for(timeout=30_000)
    box = page.get_by_placeholder(re.compile("Zoek een organisatie"))
    box.fill("jeugdbescherming")
    box.press("Enter")  # a word several elements share: the hits are listed, the organisation first
    first = page.locator(".st-key-kk_search_results a").first
    first.wait_for(timeout=30_000)
    assert first.inner_text().startswith("Stichting Jeugdbescherming west Haaglanden")
    first.click()
    page.get_by_text("Geselecteerd: Stichting Jeugdbescherming west Haaglanden").wait_for(timeout=30_000)
    ui_page.screenshot("search-jumped")


def test_the_pdf_handout_renders_as_images(ui_page, ui_server, tmp_path):
    page = ui_page.page
    page.goto(ui_server + "/")
    wait_for_map(page)
    for paper, points in (("A4", (842, 595)), ("A3", (1191, 842))):
        with page.expect_download() as info:
            page.get_by_role("button", name=f"PDF {paper}").click()
        pdf = tmp_path / f"kaart-{paper}.pdf"
        info.value.save_as(pdf)
        assert pdf.read_bytes()[:5] == b"%PDF-"
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(tmp_path / paper)], check=True)
        pages = sorted(tmp_path.glob(f"{paper}-*.png"))
        assert len(pages) >= 2  # the map, then steps, abbreviations and sources
        from PIL import Image

        first = Image.open(pages[0]).convert("RGB")
        w, h = first.size
        assert w > h and abs(w / h - points[0] / points[1]) < 0.02  # landscape, the paper's shape
        # the map fills the page: the lanes' colours cover much of it
        counted = first.getcolors(maxcolors=w * h)
        assert counted is not None  # None only beyond maxcolors, and w * h is every pixel
        colours = [(n, c) for n, c in counted if isinstance(c, tuple)]  # an RGB image's colours are all tuples
        tinted = sum(n for n, (r, g, b) in colours if (r, g, b) != (255, 255, 255) and max(r, g, b) - min(r, g, b) > 12)
        assert tinted > 0.25 * w * h
        dark = sum(n for n, (r, g, b) in colours if r + g + b < 200)
        assert dark > 0.002 * w * h  # text and lines
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Ketenkaart" in text and "gegevensversie" in text and "Bronnen" in text
        first.save(Path(__file__).resolve().parents[2] / "test-artifacts" / f"handout-{paper}-page1.png")


def test_exports_download_offline_files(ui_page, ui_server, tmp_path):
    page = ui_page.page
    page.goto(ui_server + "/")
    wait_for_map(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="HTML (offline)").click()
    html = tmp_path / "map.html"
    info.value.save_as(html)
    text = html.read_text(encoding="utf-8")
    assert "ketenkaartMap" in text
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?://", text), "no external resources"
    standalone = page.context.new_page()
    ui_page.watch(standalone)
    standalone.goto(html.as_uri())
    standalone.locator(".kk-map[data-ready='1'] svg").wait_for(state="attached")
    standalone.close()
    with page.expect_download() as info:
        page.get_by_role("button", name="PNG (hoge resolutie)").click()
    png = tmp_path / "map.png"
    info.value.save_as(png)
    from PIL import Image

    image = Image.open(png)
    assert image.size[0] >= 3000
    with page.expect_download() as info:
        page.get_by_role("button", name="SVG", exact=True).click()
    svg = tmp_path / "map.svg"
    info.value.save_as(svg)
    assert svg.read_text(encoding="utf-8").startswith("<svg")


def test_story_exports(ui_page, ui_server, tmp_path):
    page = ui_page.page
    page.goto(ui_server + "/verhalen?verhaal=huisverbod-zonder-aangifte&stap=2")
    page.locator(".kk-player .kk-map[data-ready='1']").wait_for(state="attached", timeout=30_000)
    with page.expect_download() as info:
        page.get_by_role("button", name="Presentatie als HTML (offline)").click()
    html = tmp_path / "verhaal.html"
    info.value.save_as(html)
    standalone = page.context.new_page()
    ui_page.watch(standalone)
    standalone.goto(html.as_uri() + "#stap-3")
    standalone.locator(".kk-player[data-step='3']").wait_for(timeout=20_000)
    standalone.keyboard.press("ArrowRight")
    standalone.locator(".kk-player[data-step='4']").wait_for()
    standalone.close()
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF, een stap per pagina").click()
    pdf = tmp_path / "verhaal.pdf"
    info.value.save_as(pdf)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "s")], check=True)
    assert len(list(tmp_path.glob("s-*.png"))) >= 1 + 7  # the story, then a page per step


def test_every_page_opens_and_prints(ui_page, ui_server):
    page = ui_page.page
    page.goto(ui_server + "/")
    wait_for_map(page)
    for link in PAGES:
        page.get_by_role("link", name=link, exact=True).first.click()
        heading(page, link)
        page.wait_for_timeout(600)
        ui_page.screenshot("page-" + re.sub(r"[^a-z]+", "-", link.lower()).strip("-"))
    page.get_by_role("link", name="Ketenkaart", exact=True).first.click()
    wait_for_map(page)
    page.emulate_media(media="print")
    hidden = page.evaluate("() => getComputedStyle(document.querySelector('.st-key-zoek')).display")
    assert hidden == "none"
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf[:5] == b"%PDF-"
    page.emulate_media(media="screen")


def test_english_stays_across_pages(ui_page, ui_server):
    page = ui_page.page
    page.goto(ui_server + "/")
    wait_for_map(page)
    page.get_by_text("English", exact=True).click()
    heading(page, "Chain map")
    page.get_by_role("link", name="Bottlenecks", exact=True).click()
    heading(page, "Bottlenecks")
    assert "taal=en" in page.url
    page.get_by_role("link", name="Show on map").first.click()
    wait_for_map(page)
    heading(page, "Chain map")  # stays English after "Show on map"


def test_what_if_picks_one_match_on_enter(ui_page, ui_server):
    page = ui_page.page
    page.goto(ui_server + "/wat-als")
    heading(page, "Wat als")
    field = page.locator(".st-key-whatif_remove input")
    field.fill("Wmo")
    page.wait_for_timeout(400)
    assert page.get_by_text(re.compile(r"Select (all|\d+ matches)")).count() == 0
    field.press("Enter")
    page.wait_for_function("() => location.search.includes('weg=')", timeout=20_000)
    picked = re.findall(r"weg=([^&]+)", page.url)
    assert len(picked) == 1 and picked[0].startswith("wmo-2015-art-"), picked  # the first match, not all 20
    page.get_by_text("Gebroken routes", exact=False).first.wait_for(timeout=20_000)


def test_a_hostile_name_cannot_stop_the_offline_map(ui_page, tmp_path):
    """The reproducer: an organisation named "<!--<script>" stopped the old export from drawing."""
    import dataclasses

    from graph.examples import toy_chain
    from ui.exports.html import map_html
    from ui.mapview import map_view

    model = toy_chain()
    hostile = {"politie": "<!--<script>", "veilig-thuis": "Veilig Thuis <img src=x onerror=alert('XSS-name')>",
               "lokaal-team": "Lokaal team '; MATCH (n) DETACH DELETE n; //"}
    model = dataclasses.replace(model, organisations=tuple(
        dataclasses.replace(o, name=hostile.get(o.id, o.name)) for o in model.organisations))
    page_html = map_html(model, map_view(model), title="</script><!--<script>")
    path = tmp_path / "hostile.html"
    path.write_text(page_html, encoding="utf-8")
    page = ui_page.page
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(path.as_uri())
    page.locator(".kk-map[data-ready='1'] svg").wait_for(state="attached")
    assert page.locator('.kk-node[data-id="politie"] text').text_content() == "<!--<script>"
    assert not dialogs
    # the old export with the same name did not draw
    old = page.context.new_page()
    old_errors = []
    old.on("pageerror", lambda e: old_errors.append(str(e)))
    old.goto((Path(__file__).resolve().parents[1] / "data" / "repro" / "comment_script.html").as_uri())
    old.wait_for_timeout(800)
    assert old.evaluate("() => document.querySelectorAll('#kk-map canvas').length") == 0
    old.close()


def test_why_answers_with_practice_first(ui_page, ui_server):
    """Issue 13: Waarom opens on figures from practice, with dates and sources, before law and structure."""
    page = ui_page.page
    page.goto(ui_server + "/waarom?overdracht=vt-verzoek-onderzoek-rvdk")
    heading(page, "Waarom stokt deze overdracht?")
    page.get_by_text("Uit de praktijk").first.wait_for(timeout=30_000)
    page.get_by_text(re.compile(r"^Bevestigd: gemiddelde wachttijd")).first.wait_for()
    page.get_by_text("Wet", exact=True).first.wait_for(timeout=30_000)  # the card is drawn top to bottom
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert body.index("Uit de praktijk") < body.index("Wet")
    ui_page.screenshot("why-practice-first")


def test_knelpunten_page_ranks_one_row_per_element_at_laptop_size(ui_pages, ui_server):
    """Issue 13 at 1280x800: the count of each level, as the ranking computes it, above the ranked rows."""
    guard = ui_pages(1280, 800)
    page = guard.page
    page.goto(ui_server + "/knelpunten")
    heading(page, "Knelpunten")
    page.get_by_text(re.compile(r"^Van de \d+ overdrachten en organisaties")).first.wait_for(timeout=30_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for()
    from loaders.load import load_model
    from queries.bottlenecks import Severity
    from queries.knelpunten import knelpunten

    ranking = knelpunten(load_model())  # the app's chain: the built-in Haaglanden data
    summary = page.get_by_text(re.compile(r"^Van de \d+ overdrachten")).first.inner_text()
    assert f"Van de {ranking.elements} overdrachten en organisaties: {ranking.count(Severity.HOOG)} hoog" in summary
    guard.screenshot("knelpunten-1280x800")
