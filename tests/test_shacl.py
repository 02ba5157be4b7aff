"""The shipped SHACL shapes: exports conform, broken graphs do not, and the
violation names its focus node."""

from __future__ import annotations

from enum import StrEnum

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF

from graph.examples import toy_chain
from graph.model import (
    ChainModel,
    Domain,
    LegalBasisKind,
    NormKind,
    NormUnit,
    Passes,
    SourceKind,
    Status,
)
from graph.rdf import regeling_iri, shapes_graph, to_rdf, validate_rdf
from graph.rdf_vocab import KK, ORG_KIND_CLASS, SH, concept, element_iri
from tests.strategies import chain_models


@pytest.fixture(scope="module")
def shipped_model() -> ChainModel:
    from loaders.load import load_model

    return load_model()


def names(report: str, graph: Graph, node: URIRef) -> bool:
    """Whether a pyshacl report names ``node`` as a focus node (full or prefixed)."""
    forms = {f"<{node}>", graph.namespace_manager.normalizeUri(node)}
    return any(f"Focus Node: {form}" in report for form in forms)


def test_toy_export_conforms():
    conforms, report = validate_rdf(to_rdf(toy_chain()))
    assert conforms, report


def test_shipped_export_conforms(shipped_model):
    conforms, report = validate_rdf(to_rdf(shipped_model))
    assert conforms, report


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(model=chain_models(max_handoffs=3))
def test_random_models_conform(model):
    conforms, report = validate_rdf(to_rdf(model))
    assert conforms, report


def test_handoff_without_sources_does_not_conform():
    g = to_rdf(toy_chain())
    handoff = element_iri("toy", "ho-politie-vt")
    g.remove((handoff, DCTERMS.source, None))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, handoff), report
    assert "Every element needs at least one source" in report
    assert "Elk element heeft minstens één bron" in report


def test_malformed_bwb_id_does_not_conform():
    g = to_rdf(toy_chain())
    regeling = regeling_iri("BWBR0002656")
    g.set((regeling, DCTERMS.identifier, Literal("BWBR2656")))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, regeling), report
    assert "BWB id" in report


def test_malformed_juriconnect_does_not_conform():
    g = to_rdf(toy_chain())
    article = element_iri("toy", "bw1-255")
    g.set((article, DCTERMS.identifier, Literal("BWBR0002656 art. 255")))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, article), report
    assert "Juriconnect" in report


def test_norm_with_amount_but_no_unit_does_not_conform():
    g = to_rdf(toy_chain())
    norm = g.value(element_iri("toy", "ho-politie-vt"), KK.norm)
    assert isinstance(norm, URIRef), norm
    g.remove((norm, KK.unit, None))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, norm), report
    assert "both an amount and a unit" in report


def test_failure_mode_without_source_or_with_bad_status_does_not_conform():
    g = to_rdf(toy_chain())
    mode = g.value(element_iri("toy", "ho-vt-lokaal-team"), KK.failureMode)
    assert isinstance(mode, URIRef), mode
    g.remove((mode, DCTERMS.source, None))
    g.set((mode, KK.status, URIRef("https://w3id.org/ketenkaart/def/status#maybe")))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, mode), report
    assert "Exactly one status" in report and "at least one source" in report


def test_reference_to_a_missing_element_does_not_conform():
    g = to_rdf(toy_chain())
    handoff = element_iri("toy", "ho-vt-raad")
    g.set((handoff, KK.to, element_iri("toy", "nergens")))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, handoff), report
    assert "exactly one receiver" in report


def test_organisation_with_two_kinds_does_not_conform():
    g = to_rdf(toy_chain())
    org = element_iri("toy", "kinderrechter")
    g.add((org, RDF.type, ORG_KIND_CLASS[next(iter(ORG_KIND_CLASS))]))
    conforms, report = validate_rdf(g)
    assert not conforms
    assert names(report, g, org), report


@pytest.mark.parametrize(
    "enum, prop",
    [
        (Status, KK.status),
        (SourceKind, DCTERMS.type),
        (Domain, URIRef("http://www.w3.org/ns/org#classification")),
        (Passes, KK.passes),
        (NormUnit, KK.unit),
        (NormKind, KK.normKind),
        (LegalBasisKind, KK.legalBasisKind),
    ],
)
def test_allowed_values_in_the_shapes_match_the_model(enum: type[StrEnum], prop: URIRef):
    shapes = shapes_graph()
    allowed_lists = [
        set(Collection(shapes, members))
        for shape in shapes.subjects(SH.path, prop)
        if (members := shapes.value(shape, SH["in"])) is not None
    ]
    assert allowed_lists, f"no sh:in for {prop}"
    for allowed in allowed_lists:
        assert allowed == {concept(member) for member in enum}


def test_every_class_the_export_uses_has_a_shape():
    g = to_rdf(toy_chain())
    shapes = shapes_graph()
    targeted = set(shapes.objects(None, SH.targetClass))
    used = {o for o in g.objects(None, RDF.type) if str(o).startswith(str(KK._NS))}
    assert used and used <= targeted, used - targeted
