"""The rules issue 13 added or changed: legal-basis strength, regie while waiting, ping-pong, levels."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph.examples import toy_chain
from graph.model import (
    Assessment,
    LegalBasis,
    LegalBasisKind,
    Metric,
    NormUnit,
    Observation,
    Passes,
    RegieHolder,
    Status,
)
from graph.settings import default_data_dir
from graph.vocab import Category
from loaders.load import load_model
from queries.asof import as_of
from queries.bottlenecks import Rule, Severity, bottlenecks


@pytest.fixture(scope="module")
def haaglanden():
    return load_model(default_data_dir())


def basis(id: str, kind: LegalBasisKind, status: Status = Status.VERIFIED) -> LegalBasis:
    return LegalBasis(id=id, law_name=id, kind=kind, sources=("toy-law",), status=status)


def on_raad(*bases: LegalBasis):
    """The toy chain with ho-vt-raad resting on ``bases`` only."""
    model = toy_chain()
    handoffs = tuple(dataclasses.replace(h, legal_bases=tuple(b.id for b in bases)) if h.id == "ho-vt-raad" else h
                     for h in model.handoffs)
    return dataclasses.replace(model, legal_bases=model.legal_bases + bases, handoffs=handoffs)


def weak(model, element="ho-vt-raad"):
    return [f for f in bottlenecks(model, rules="weak-legal-basis") if f.element == element]


@pytest.mark.parametrize("kind", [LegalBasisKind.COVENANT, LegalBasisKind.MODEL_AGREEMENT, LegalBasisKind.POLICY,
                                  LegalBasisKind.POLICY_RULE, LegalBasisKind.EU_REGULATION])
def test_special_data_on_no_law_is_aandacht(kind):
    [finding] = weak(on_raad(basis("b", kind)))
    assert finding.level is Severity.AANDACHT and finding.category is Category.LEGAL_BASIS
    assert "geen wettelijke grondslag" in finding.reason_nl


def test_verified_binding_law_carries_it_whatever_else_is_listed():
    for kind in (LegalBasisKind.STATUTE, LegalBasisKind.DECREE, LegalBasisKind.REGULATION):
        assert weak(on_raad(basis("law", kind), basis("conv", LegalBasisKind.COVENANT))) == []


def test_unverified_law_alone_is_laag_and_with_a_covenant_aandacht():
    [alone] = weak(on_raad(basis("wet", LegalBasisKind.STATUTE, Status.UNVERIFIED)))
    assert alone.level is Severity.LAAG and "niet nagelezen" in alone.reason_nl
    [mixed] = weak(on_raad(basis("wet", LegalBasisKind.STATUTE, Status.UNVERIFIED),
                           basis("conv", LegalBasisKind.COVENANT)))
    assert mixed.level is Severity.AANDACHT and "een convenant en een niet geverifieerde wet" in mixed.short_nl


def test_the_zorg_en_veiligheidshuis_is_caught_until_the_wgs(haaglanden):
    # before the Wet gegevensverwerking door samenwerkingsverbanden (1 March 2025) the police's exchange in the
    # ZVH casusoverleg rested on a covenant and an unverified Wpg article: flagged
    before = as_of(haaglanden, dt.date(2024, 6, 1))
    [finding] = weak(before, "politie-casusoverleg-vhh")
    assert finding.level is Severity.AANDACHT
    assert "convenant-veiligheidshuis-haaglanden" in finding.elements and "een convenant" in finding.short_nl
    assert weak(before, "reclassering-casusoverleg-vhh")[0].level is Severity.AANDACHT  # the AVG frame only
    # since then the WGS, a verified statute, carries it
    assert haaglanden.legal_basis("wgs").is_binding_law
    assert weak(haaglanden, "politie-casusoverleg-vhh") == []
    assert haaglanden.legal_basis("vng-model-samenwerkingsafspraken-vt-politie-om").kind \
        is LegalBasisKind.MODEL_AGREEMENT


def waiting(model, holder, sources=("toy-source",), regie_after="raad"):
    handoffs = tuple(dataclasses.replace(h, regie_while_waiting=holder, regie_while_waiting_sources=sources
                                         if holder else (), regie_after=regie_after)
                     if h.id == "ho-vt-raad" else h for h in model.handoffs)
    return dataclasses.replace(model, handoffs=handoffs)


def regie(model):
    return [f for f in bottlenecks(model, rules="regie-while-waiting") if f.element == "ho-vt-raad"]


def test_regie_while_waiting_unclear_is_flagged():
    [f] = regie(waiting(toy_chain(), RegieHolder.UNCLEAR))
    assert f.level is Severity.AANDACHT and f.category is Category.REGIE and "onduidelijk" in f.reason_nl
    assert f.sources[0] == "toy-source"


def test_regie_staying_with_the_sender_contradicts_the_chain():
    [f] = regie(waiting(toy_chain(), RegieHolder.SENDER))
    assert "blijft de regie bij Veilig Thuis" in f.reason_nl
    # the same holder is no contradiction when the chain itself says the sender keeps regie
    assert regie(waiting(toy_chain(), RegieHolder.SENDER, regie_after="veilig-thuis")) == []
    assert regie(waiting(toy_chain(), RegieHolder.RECEIVER)) == []


def test_a_wait_in_practice_without_a_holder_is_flagged():
    model = waiting(toy_chain(), None)
    [f] = regie(model)
    assert "obs-raad-wacht" in f.elements and "nergens staat wie" in f.reason_nl
    # no observed wait, or one that does not confirm: nothing to flag
    quiet = dataclasses.replace(model, observations=tuple(
        dataclasses.replace(o, assessment=Assessment.CONTEXT) for o in model.observations))
    assert regie(quiet) == []


def test_the_raad_contradiction_in_haaglanden(haaglanden):
    [f] = [f for f in bottlenecks(haaglanden, rules="regie-while-waiting") if f.element == "vt-verzoek-onderzoek-rvdk"]
    assert "blijft de regie bij Veilig Thuis Haaglanden" in f.reason_nl
    assert {"nos-rvdk-2019-02", "telegraaf-rvdk-2019"} <= set(f.sources)


def test_a_request_and_the_courts_decision_are_no_ping_pong():
    model = toy_chain()
    back = dataclasses.replace(model.handoff("ho-raad-kinderrechter"), id="ho-terug", from_org="kinderrechter",
                               to_org="raad", instrument=None)
    with_decision = dataclasses.replace(model, handoffs=(*model.handoffs, back))
    pairs = {f.elements for f in bottlenecks(with_decision, rules="ping-pong")}
    assert ("ho-raad-kinderrechter", "ho-terug") not in pairs  # ho-raad-kinderrechter carries the OTS
    assert ("ho-lokaal-team-vt", "ho-vt-lokaal-team") in pairs


def test_rule_levels_follow_what_is_known():
    found = {(f.rule, f.element): f for f in bottlenecks(toy_chain())}
    # a bridge to one organisation only is laag; a responsibility hand-off with unknown acceptance is laag
    assert found[(Rule.BRIDGE, "ho-politie-vt")].level is Severity.LAAG
    assert found[(Rule.RESPONSIBILITY_WITHOUT_ACCEPTANCE, "ho-vt-lokaal-team")].level is Severity.LAAG
    model = toy_chain()
    refused = dataclasses.replace(model, handoffs=tuple(
        dataclasses.replace(h, acceptance_required=False) if h.id == "ho-vt-lokaal-team" else h
        for h in model.handoffs))
    assert [f.level for f in bottlenecks(refused, rules="responsibility-without-acceptance")] == [Severity.AANDACHT]


def test_observation_on_an_information_handoff_does_not_ask_for_regie():
    model = toy_chain()
    info = dataclasses.replace(model.handoff("ho-vt-raad"), passes=(Passes.INFORMATION,), regie_while_waiting=None,
                               regie_while_waiting_sources=())
    obs = Observation(id="o", about=("ho-vt-raad",), metric=Metric.MEAN_WAIT, description="d", period="2023",
                      region="toy", assessment=Assessment.OVER_NORM, sources=("toy-source",), value=3,
                      unit=NormUnit.WEEKS.value, categories=(Category.WAITING,))
    changed = dataclasses.replace(model, handoffs=tuple(info if h.id == "ho-vt-raad" else h for h in model.handoffs),
                                  observations=(obs,))
    assert regie(changed) == []
