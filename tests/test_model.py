"""The model's derived values and invariants."""

import dataclasses

import pytest

from graph.examples import toy_chain
from graph.model import ChainModel, LegalBasis, Norm, NormUnit, Status
from graph.networkx import to_networkx
from graph.vocab import Label, Rel


def test_collections_sorted_so_order_does_not_matter():
    model = toy_chain()
    shuffled = ChainModel(
        region=model.region, title=model.title, sources=model.sources[::-1], phases=model.phases[::-1],
        organisations=model.organisations[::-1], legal_bases=model.legal_bases[::-1],
        instruments=model.instruments, handoffs=model.handoffs[::-1], signals=model.signals,
        observations=model.observations[::-1],
    )
    assert shuffled == model


def test_juriconnect_with_paragraph_and_without_bwb():
    lb = LegalBasis(id="x", law_name="BW Boek 1", bwb_id="BWBR0002656", article="265b", paragraph="2", sources=("s",))
    assert lb.juriconnect == "jci1.3:c:BWBR0002656&artikel=265b&lid=2"
    assert lb.name == "BW Boek 1 art. 265b lid 2"
    convenant = LegalBasis(id="c", law_name="Convenant", sources=("s",))
    assert convenant.juriconnect is None and convenant.url is None


@pytest.mark.parametrize(
    "amount,unit,days", [(5, NormUnit.WORKING_DAYS, 7.0), (10, NormUnit.WEEKS, 70.0), (24, NormUnit.HOURS, 1.0)]
)
def test_norm_calendar_days(amount, unit, days):
    assert Norm(description="n", amount=amount, unit=unit, sources=("s",)).calendar_days == pytest.approx(days)


def test_unverified_lists_elements_norms_and_failure_modes():
    model = toy_chain()
    handoff = model.handoff("ho-vt-lokaal-team")
    mode = dataclasses.replace(handoff.failure_modes[0], status=Status.UNVERIFIED)
    changed = dataclasses.replace(handoff, failure_modes=(mode,))
    model2 = dataclasses.replace(model, handoffs=tuple(h if h.id != handoff.id else changed for h in model.handoffs))
    assert "ho-lokaal-team-vt" in model2.unverified()
    assert "ho-vt-lokaal-team#uit-beeld" in model2.unverified()


def test_networkx_projection_has_handoff_nodes_between_organisations():
    G = to_networkx(toy_chain())
    assert G.nodes["ho-vt-raad"]["label"] is Label.HANDOFF
    assert G.has_edge("veilig-thuis", "ho-vt-raad", key=Rel.HANDS_OFF.value)
    assert G.has_edge("ho-vt-raad", "raad", key=Rel.TO.value)
    assert G.has_edge("ho-raad-kinderrechter", "bw1-255", key=Rel.BASED_ON.value)
    edges = toy_chain().view.organisation_edges
    assert {u for u, _, _ in edges} | {v for _, v, _ in edges} == {o.id for o in toy_chain().organisations}
    assert len(edges) == len(toy_chain().handoffs)
