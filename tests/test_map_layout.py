"""The layered layout of the chain map and the static SVG renderer, on the toy chain, the
built-in Haaglanden chain and the synthetic national chain.

Crossings are counted on the drawn paths (:func:`ui.layout.count_crossings`);
the figure for Haaglanden is printed, and held to the level reached here so a
change that makes the map harder to read fails.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from graph.examples import toy_chain
from graph.model import Passes
from ui.layout import (
    count_crossings,
    layered_layout,
    overlapping_boxes,
    route_points,
    wrap,
)
from ui.mapdraw import path_points
from ui.mapsvg import chain_map_svg, render_svg
from ui.mapview import MapFilter, MapPart, main_flow, map_view

# Edge crossings on the Haaglanden map with every hand-off drawn. With 28 organisations and 57
# hand-offs the old layout (vis-network, curved edges) crossed 167 times and this one 67 (37 on the
# default map). The corrected chain data (issue 11) has 37 organisations and 86 hand-offs: 221 and 84
# with this layout. The caps guard against a regression on today's data; they are not a goal.
HAAGLANDEN_MAX_CROSSINGS = 230
HAAGLANDEN_MAX_CROSSINGS_CASE_FLOWS = 90  # the default map: information-only hand-offs hidden


@pytest.fixture(scope="module")
def haaglanden():
    from loaders.load import load_model

    return load_model()


@pytest.fixture(scope="module")
def haaglanden_layout(haaglanden):
    return layered_layout(haaglanden)


def test_toy_layout_keeps_lanes_phases_and_has_no_crossings():
    layout = layered_layout(toy_chain())
    lanes = {lane.id: lane for lane in layout.lanes}
    for box in layout.boxes:
        lane = lanes[box.lane]
        assert lane.y_min <= box.top and box.bottom <= lane.y_max
    xs = [c.x for c in layout.columns]
    assert xs == sorted(xs)
    assert count_crossings(layout) == 0
    assert overlapping_boxes(layout) == []


def test_layout_is_deterministic(haaglanden, haaglanden_layout):
    from loaders.load import load_model

    assert layered_layout(load_model()) == haaglanden_layout


def test_haaglanden_boxes_sit_in_their_lane_and_first_phase(haaglanden, haaglanden_layout):
    layout = haaglanden_layout
    band_of_phase = {band.id: band for band in layout.phases}
    lanes = {lane.id: lane for lane in layout.lanes}
    for org in haaglanden.organisations:
        box = layout.box(org.id)
        assert box.lane == org.domain.value
        assert lanes[box.lane].y_min <= box.top and box.bottom <= lanes[box.lane].y_max
        band = band_of_phase[org.phases[0]]
        assert band.x_min <= box.x <= band.x_max, org.id
    assert overlapping_boxes(layout) == []


def test_haaglanden_crossings_are_few(haaglanden, haaglanden_layout):
    total = count_crossings(haaglanden_layout)
    case_flows = [h.id for h in haaglanden.handoffs if not set(h.passes) <= {Passes.INFORMATION}]
    default_view = count_crossings(haaglanden_layout, case_flows)
    print(f"\nHaaglanden map: {total} edge crossings with every hand-off, {default_view} without "
          f"information-only hand-offs")
    assert total <= HAAGLANDEN_MAX_CROSSINGS
    assert default_view <= HAAGLANDEN_MAX_CROSSINGS_CASE_FLOWS


def test_routes_are_orthogonal_and_leave_nodes_sideways(haaglanden_layout):
    layout = haaglanden_layout
    for route in layout.routes:
        points = route_points(route, 1)  # curves reduced to their end points: corners only
        if route.kind == "entry":
            assert points[0][0] == pytest.approx(points[-1][0])
            continue
        source, target = layout.box(route.source), layout.box(route.target)
        assert points[0][0] in (pytest.approx(source.left, abs=0.2), pytest.approx(source.right, abs=0.2))
        assert points[-1][0] in (pytest.approx(target.left, abs=0.2), pytest.approx(target.right, abs=0.2))
        assert source.top - 0.2 <= points[0][1] <= source.bottom + 0.2
        assert target.top - 0.2 <= points[-1][1] <= target.bottom + 0.2


def test_routes_run_through_no_other_box(haaglanden_layout):
    layout = haaglanden_layout
    for route in layout.routes:
        ends = {route.source, route.target}
        points = route_points(route, 6)
        for box in layout.boxes:
            if box.id in ends:
                continue
            for (x0, y0), (x1, y1) in itertools.pairwise(points):
                for t in (0.25, 0.5, 0.75):
                    x, y = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                    inside = box.left + 1 < x < box.right - 1 and box.top + 1 < y < box.bottom - 1
                    assert not inside, f"{route.id} runs through {box.id}"


def test_positions_are_stable_between_filters(haaglanden):
    everything = {n.id: (n.x, n.y) for n in map_view(haaglanden, MapFilter(information=True)).nodes}
    for flt in (MapFilter(), MapFilter(domains=("zorg",)), MapFilter(phases=("jeugdbescherming",)),
                MapFilter(focus="veilig-thuis-haaglanden", steps=1), MapFilter(instruments=("huisverbod",))):
        for node in map_view(haaglanden, flt).nodes:
            assert everything[node.id] == (node.x, node.y)
    assert map_view(haaglanden, lang="en").node("politie").x == everything["politie"][0]


def test_labels_fit_their_boxes(haaglanden_layout):
    from ui.fonts import text_width
    from ui.layout import NODE_FONT

    for box in haaglanden_layout.boxes:
        for lang in ("nl", "en"):
            for line in box.lines(lang):
                assert text_width(line, NODE_FONT) <= box.width - 8, (box.id, line)


def test_wrap_never_loses_words():
    text = "Veilig Thuis informeert het college bij verzoek aan de Raad voor de Kinderbescherming"
    assert " ".join(wrap(text)).replace("- ", "").replace("-", "") == text.replace("-", "")


def test_overview_is_a_dozen_hand_offs_in_their_own_compact_layout(haaglanden):
    flow = main_flow(haaglanden)
    assert 10 <= len(flow) <= 12
    orgs = tuple(sorted({o for h in flow for o in (haaglanden.handoff(h).from_org, haaglanden.handoff(h).to_org)}))
    view = map_view(haaglanden, part=MapPart("t", orgs, flow, numbered=True))
    assert [number for number, _, _ in view.steps] == [str(i) for i in range(1, len(flow) + 1)]
    assert {e.id for e in view.edges if e.kind == "handoff"} == set(flow)
    full = map_view(haaglanden)
    assert view.height < full.height


def test_national_chain_lays_out(tmp_path):
    from benchmarks.generate_national import national_model

    model = national_model(regions=3)
    layout = layered_layout(model)
    assert len(layout.boxes) >= len(model.organisations)
    assert overlapping_boxes(layout) == []


def test_svg_is_well_formed_and_escapes_data():
    import dataclasses

    model = toy_chain()
    hostile = dataclasses.replace(model.organisation("politie"), name='<!--<script>alert("x")</script> & co')
    model = dataclasses.replace(model, organisations=tuple(hostile if o.id == "politie" else o
                                                           for o in model.organisations))
    svg = render_svg(map_view(model), title="A <b>title</b>", legend=True)
    root = ET.fromstring(svg)  # parses: every data text is escaped
    assert root.tag.endswith("svg")
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert not re.search(r"(href|src)=\"https?:", svg)  # nothing fetched from elsewhere
    assert "@font-face" in svg and "data:font/ttf;base64," in svg


def test_chain_map_svg_marks_the_given_hand_offs(haaglanden):
    svg = chain_map_svg(haaglanden, {"vt-overdracht-lokaal-team": "#c00000", "politie": "#c00000"}, embed_font=False)
    root = ET.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    marked = [g.get("data-id") for g in root.iterfind(".//s:g", ns) if "kk-marked" in (g.get("class") or "")]
    assert set(marked) == {"vt-overdracht-lokaal-team", "politie"}
    # the information-only hand-offs are on this map too
    assert 'data-id="vt-informeert-politie"' in svg


def test_path_points_follow_the_route(haaglanden_layout):
    route = haaglanden_layout.route("politie-zorgmelding-vt")
    drawn = [v for point in path_points(route.svg_path(), 12) for v in point]
    assert drawn == pytest.approx([v for point in route_points(route, 12) for v in point])


def test_the_legend_spells_out_every_abbreviation_on_the_map(haaglanden):
    terms = {"MDA++": "multidisciplinaire aanpak", "Doorbraakteam": "Doorbraakteam Huiselijk Geweld", "OTS": "x"}
    view = map_view(haaglanden, MapFilter(information=True), terms=terms)
    spelled = dict(view.abbreviations)
    assert spelled["CIT"] == "Crisisinterventieteam" and spelled["MDA++"] == "multidisciplinaire aanpak"
    assert "Doorbraakteam" not in spelled  # a word, not an abbreviation
    assert "OTS" not in spelled  # not on the map
    words = {w for n in view.nodes for w in n.label.replace("\n", " ").split()}
    for word in words:
        if sum(c.isupper() for c in word) >= 2 and word.isalpha():
            assert word in spelled, f"{word} stands on the map unexplained"
