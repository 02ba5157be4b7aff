"""The map view: stable layout, filters, focus and the non-colour encoding."""

from __future__ import annotations

import json

import pytest

from graph.errors import UnknownElement
from graph.examples import toy_chain
from ui.mapview import (
    NO_NORM_MARK,
    MapFilter,
    chain_layout,
    filter_options,
    focus_set,
    legend,
    map_view,
)


@pytest.fixture(scope="module")
def model():
    return toy_chain()


def positions(view):
    return {n.id: (n.x, n.y) for n in view.nodes}


def test_layout_is_deterministic_and_lane_ordered(model):
    layout = chain_layout(model)
    assert chain_layout(toy_chain()) == layout
    lane_of = {lane.id: lane for lane in layout.lanes}
    for org in model.organisations:
        lane = lane_of[org.domain.value]
        assert lane.y_min <= layout.box(org.id).y <= lane.y_max
    # phases left to right
    xs = [c.x for c in layout.phases]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    # no two organisations on the same spot
    org_positions = [(layout.box(o.id).x, layout.box(o.id).y) for o in model.organisations]
    assert len(set(org_positions)) == len(org_positions)


@pytest.mark.parametrize("flt", [
    MapFilter(domains=("zorg",)),
    MapFilter(phases=("jeugdbescherming",)),
    MapFilter(instruments=("ots",)),
    MapFilter(focus="veilig-thuis", steps=1),
    MapFilter(focus="ho-vt-raad", steps=0),
    MapFilter(highlight=("ho-politie-vt", "ho-vt-raad")),
])
def test_nodes_never_move_under_filters(model, flt):
    everything = positions(map_view(model))
    filtered = map_view(model, flt)
    assert filtered.nodes
    for node in filtered.nodes:
        assert everything[node.id] == (node.x, node.y)
    # every edge has both ends on the map
    ids = {n.id for n in filtered.nodes}
    assert all(e.source in ids and e.target in ids for e in filtered.edges)


def test_encoding_does_not_rest_on_colour(model):
    view = map_view(model, MapFilter(information=True, mark_no_norm=True))
    for ho in model.handoffs:
        edge = view.edge(ho.id)
        assert edge.dashed == (not ho.legal_bases)
        assert edge.no_norm == (ho.norm is None)
        assert edge.label.startswith(NO_NORM_MARK) == (ho.norm is None)
    shapes = {n.id: n.shape for n in view.nodes}
    assert shapes["kinderrechter"] != shapes["raad"]  # post vs organisation
    assert {e.symbol for e in legend(no_norm=True)} >= {"dashed", "solid", "mark", "box", "pill", "dashed-box", "tag"}


def test_no_norm_mark_and_information_flows_only_on_request(model):
    view = map_view(model)
    assert all(NO_NORM_MARK not in e.label for e in view.edges)
    assert "ho-vt-raad-oud" not in {e.id for e in view.edges}  # passes information only
    assert "ho-vt-raad-oud" in {e.id for e in map_view(model, MapFilter(information=True)).edges}
    # a highlighted information flow is shown anyway
    assert "ho-vt-raad-oud" in {e.id for e in map_view(model, MapFilter(highlight=("ho-vt-raad-oud",))).edges}


def test_phase_filter_keeps_only_that_phase(model):
    view = map_view(model, MapFilter(phases=("hulpverlening",)))
    assert sorted(e.id for e in view.edges) == ["ho-lokaal-team-vt", "ho-vt-lokaal-team"]


def test_focus_steps_grow_the_neighbourhood(model):
    sizes = [len(focus_set(model, "politie", steps)[0]) for steps in range(4)]
    assert sizes == sorted(sizes) and sizes[0] == 1 and sizes[-1] == 5


def test_unknown_focus_suggests(model):
    with pytest.raises(UnknownElement) as info:
        map_view(model, MapFilter(focus="veilig-tuis"))
    assert "veilig-thuis" in str(info.value)


def test_english_labels(model):
    view = map_view(model, lang="en")
    assert [c.label for c in view.columns][:2] == ["Signalling", "Safety assessment"]
    assert view.node("politie").title.endswith("organisation · Safety and criminal law")
    assert view.lanes[0].label == "Safety and criminal law"
    assert filter_options(model, "en").phases[-1] == ("jeugdbescherming", "Child protection")


def test_figures_are_added_to_labels(model):
    view = map_view(model, figures={"ho-politie-vt": "n=40 · 30% boven norm (synthetisch)"})
    assert "30% boven norm" in view.edge("ho-politie-vt").label
    assert "30% boven norm" in view.edge("ho-politie-vt").title
    assert view.edge("ho-vt-raad").figures is None
    crowded = map_view(model, figures={"ho-politie-vt": "n=40"}, label_limit=2).edge("ho-politie-vt")
    assert crowded.label == "" and "n=40" in crowded.title


def test_view_serialises_to_json(model):
    data = json.loads(json.dumps(map_view(model).to_data()))
    assert set(data) == {"nodes", "edges", "lanes", "columns"}
