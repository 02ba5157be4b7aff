"""The RDF projection and the Turtle reader: mapping, and lossless round trips.

model -> Turtle file -> read_turtle -> build_model must give an equal model,
for the toy chain, the shipped Haaglanden data and random models.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import DCTERMS, ORG, PROV, RDF
from strategies import chain_models

from graph.errors import ChainDataError
from graph.examples import toy_chain
from graph.model import ELEMENT_KINDS, ChainModel, Duration, FailureMode, Norm, Passes
from graph.rdf import regeling_iri, to_jsonld, to_rdf, to_turtle
from graph.rdf_vocab import ELI, KK, SCHEMA, concept, dataset_iri, element_iri
from loaders.build import build_model
from loaders.readers.turtle import read_turtle

DOCS = Path(__file__).resolve().parent.parent / "docs" / "linked-data.md"


# --- helpers -------------------------------------------------------------------

@pytest.fixture(scope="module")
def shipped_model() -> ChainModel:
    """The built-in Haaglanden chain (a missing or broken file fails the tests, never skips them)."""
    return load_shipped_model()


def load_shipped_model() -> ChainModel:
    from loaders.load import load_model

    return load_model()


def assert_isomorphic(first: Graph, second: Graph) -> None:
    """Assert two graphs are isomorphic; on failure print the triples only in one."""
    iso1, iso2 = to_isomorphic(first), to_isomorphic(second)
    if iso1 == iso2:
        return
    _both, only1, only2 = graph_diff(iso1, iso2)
    lines = ["graphs differ"]
    lines += [f"only first:  {t}" for t in sorted(only1)[:20]]
    lines += [f"only second: {t}" for t in sorted(only2)[:20]]
    raise AssertionError("\n".join(lines))


def model_diff(a: ChainModel, b: ChainModel) -> str:
    lines = [f"{f}: {getattr(a, f)!r} != {getattr(b, f)!r}" for f in ("region", "title") if getattr(a, f) != getattr(b, f)]
    for kind in a.counts():
        ours, theirs = {e.id: e for e in getattr(a, kind)}, {e.id: e for e in getattr(b, kind)}
        lines += [f"only first: {kind} {i}" for i in sorted(ours.keys() - theirs.keys())]
        lines += [f"only second: {kind} {i}" for i in sorted(theirs.keys() - ours.keys())]
        for i in sorted(ours.keys() & theirs.keys()):
            if ours[i] != theirs[i]:
                for field in dataclasses.fields(ours[i]):
                    left, right = getattr(ours[i], field.name), getattr(theirs[i], field.name)
                    if left != right:
                        lines.append(f"{kind} {i}.{field.name}: {left!r} != {right!r}")
    return "\n".join(lines)


def round_trip(model: ChainModel, folder: Path) -> ChainModel:
    path = folder / "chain.ttl"
    path.write_text(to_turtle(model), encoding="utf-8")
    return build_model(read_turtle(path))


def docs_turtle() -> str:
    blocks = re.findall(r"```turtle\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) == 1, "docs/linked-data.md should hold exactly one turtle example"
    return blocks[0]


# --- round trips -----------------------------------------------------------------

def test_toy_chain_round_trips_through_a_turtle_file(tmp_path):
    model = toy_chain()
    back = round_trip(model, tmp_path)
    assert back == model, model_diff(model, back)


def test_shipped_data_round_trips_through_a_turtle_file(tmp_path, shipped_model):
    back = round_trip(shipped_model, tmp_path)
    assert back == shipped_model, model_diff(shipped_model, back)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(model=chain_models())
def test_random_models_round_trip(model, tmp_path_factory):
    back = round_trip(model, tmp_path_factory.mktemp("rt"))
    assert back == model, model_diff(model, back)


def test_order_of_references_survives_and_canonical_order_adds_no_list(tmp_path):
    model = toy_chain()
    handoff = model.get("ho-politie-vt")
    shuffled = dataclasses.replace(handoff, sources=("toy-source", "toy-law"), passes=(Passes.CASE, Passes.INFORMATION))
    changed = dataclasses.replace(model, handoffs=tuple(h if h.id != handoff.id else shuffled for h in model.handoffs))
    graph = to_rdf(changed)
    node = element_iri("toy", handoff.id)
    sources = graph.value(node, KK.sourceSequence)
    passes = graph.value(node, KK.passesSequence)
    assert sources is not None and passes is not None
    # the lists hold the model's order, not the canonical (sorted) one
    assert list(Collection(graph, sources)) == [element_iri("toy", "toy-source"), element_iri("toy", "toy-law")]
    assert list(Collection(graph, passes)) == [concept(Passes.CASE), concept(Passes.INFORMATION)]
    assert graph.value(element_iri("toy", "ho-vt-raad"), KK.sourceSequence) is None
    back = round_trip(changed, tmp_path)
    assert back.get(handoff.id).sources == ("toy-source", "toy-law")
    assert back.get(handoff.id).passes == (Passes.CASE, Passes.INFORMATION)


def test_serialisations_parse_back_to_the_same_graph():
    graph = to_rdf(toy_chain())
    assert_isomorphic(graph, Graph().parse(data=to_turtle(toy_chain()), format="turtle"))
    assert_isomorphic(graph, Graph().parse(data=to_jsonld(toy_chain()), format="json-ld"))


def test_isomorphism_helper_names_the_difference():
    graph = to_rdf(toy_chain())
    other = to_rdf(toy_chain())
    other.remove((element_iri("toy", "ho-vt-raad"), KK.regieAfter, None))
    with pytest.raises(AssertionError, match="only first:.*ho-vt-raad.*regieAfter"):
        assert_isomorphic(graph, other)


def test_jsonld_uses_the_project_context():
    doc = json.loads(to_jsonld(toy_chain()))
    assert doc["@context"]["org"] == "http://www.w3.org/ns/org#"
    text = json.dumps(doc)
    assert "kk:HandOff" in text and "org:Post" in text


# --- the mapping ---------------------------------------------------------------------

def test_organisations_use_w3c_org():
    g = to_rdf(toy_chain())
    rechter, raad = element_iri("toy", "kinderrechter"), element_iri("toy", "raad")
    assert (rechter, RDF.type, ORG.Post) in g
    assert (rechter, RDF.type, ORG.FormalOrganization) not in g
    assert (raad, RDF.type, ORG.FormalOrganization) in g
    assert (raad, ORG.classification, concept(toy_chain().get("raad").domain)) in g


def test_legal_basis_uses_eli_with_juriconnect_identifier():
    g = to_rdf(toy_chain())
    art = element_iri("toy", "bw1-255")
    regeling = regeling_iri("BWBR0002656")
    assert (art, RDF.type, ELI.LegalResourceSubdivision) in g
    assert (art, ELI.is_part_of, regeling) in g
    assert g.value(art, DCTERMS.identifier) == Literal("jci1.3:c:BWBR0002656&artikel=255")
    assert str(g.value(art, SCHEMA.url)) == "https://wetten.overheid.nl/jci1.3:c:BWBR0002656&artikel=255"
    assert (regeling, RDF.type, ELI.LegalResource) in g
    assert g.value(regeling, DCTERMS.identifier) == Literal("BWBR0002656")
    old = element_iri("toy", "old-rule")
    assert g.value(old, ELI.date_no_longer_in_force) == Literal(dt.date(2015, 1, 1))
    assert g.value(old, ELI.is_part_of) is None


def test_handoff_is_a_prov_activity_with_nested_norm_and_failure_modes():
    g = to_rdf(toy_chain())
    ho = element_iri("toy", "ho-politie-vt")
    assert (ho, RDF.type, PROV.Activity) in g
    assert set(g.objects(ho, PROV.wasAssociatedWith)) == {element_iri("toy", "politie"), element_iri("toy", "veilig-thuis")}
    norm = g.value(ho, KK.norm)
    assert g.value(norm, KK.amount).toPython() == 5
    assert set(g.objects(norm, DCTERMS.source)) == {element_iri("toy", "toy-law")}
    mode = g.value(element_iri("toy", "ho-vt-lokaal-team"), KK.failureMode)
    assert g.value(mode, DCTERMS.identifier) == Literal("uit-beeld")
    assert g.value(mode, KK.status) == URIRef("https://w3id.org/ketenkaart/def/status#verified")


def test_every_element_and_nested_node_keeps_sources_and_status():
    g = to_rdf(toy_chain())
    for cls in (KK.Phase, KK.Organisation, KK.LegalBasis, KK.Instrument, KK.HandOff, KK.Signal, KK.Norm, KK.FailureMode):
        nodes = set(g.subjects(RDF.type, cls))
        assert nodes, cls
        for node in nodes:
            assert g.value(node, DCTERMS.source) is not None, node
            assert g.value(node, KK.status) is not None, node
    assert g.value(dataset_iri("toy"), KK.region) == Literal("toy")


def test_closed_vocabulary_rejects_typos():
    with pytest.raises(AttributeError, match="not in namespace"):
        KK.regieafter  # noqa: B018


def test_docs_map_every_model_field():
    doc = DOCS.read_text(encoding="utf-8")
    renamed = {"from_org": "from", "to_org": "to", "url_override": "url"}  # the data-format names
    missing = [
        f"{cls.__name__}.{field.name}"
        for cls in (*ELEMENT_KINDS.values(), Norm, FailureMode, Duration)
        for field in dataclasses.fields(cls)
        if not re.search(rf"`{re.escape(renamed.get(field.name, field.name))}(\[i\])?`", doc)
    ]
    assert not missing, f"docs/linked-data.md does not map: {missing}"


def test_sparql_example_in_the_docs_finds_the_handoffs_without_a_norm():
    [query] = re.findall(r"```sparql\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    model = toy_chain()
    rows = list(to_rdf(model).query(query))
    expected = [h for h in model.handoffs if h.norm is None]
    assert expected and [str(row.handoff) for row in rows] == [str(element_iri("toy", h.id)) for h in expected]
    names = {o.id: o.name for o in model.organisations}
    assert [(str(row["from"]), str(row.to)) for row in rows] == [(names[h.from_org], names[h.to_org]) for h in expected]


# --- reading Turtle ----------------------------------------------------------------

def test_hand_written_example_in_the_docs_loads(tmp_path):
    path = tmp_path / "voorbeeld.ttl"
    path.write_text(docs_turtle(), encoding="utf-8")
    model = build_model(read_turtle(path))
    handoff = model.get("politie-naar-veilig-thuis")
    assert (handoff.from_org, handoff.to_org) == ("politie", "veilig-thuis-haaglanden")
    assert handoff.passes == (Passes.INFORMATION, Passes.CASE)
    assert handoff.norm.amount == 5 and handoff.norm.unit.value == "working-days"
    assert [m.id for m in handoff.failure_modes] == ["melding-zonder-terugkoppeling"]
    assert model.get("wmo-2015-art-4-1-1").juriconnect == "jci1.3:c:BWBR0035362&artikel=4.1.1"
    assert model.region == "voorbeeld"


def test_records_name_file_and_subject(tmp_path):
    path = tmp_path / "toy.ttl"
    path.write_text(to_turtle(toy_chain()), encoding="utf-8")
    record_set = read_turtle(path)
    record = next(r for r in record_set.records if r.data["id"] == "ho-politie-vt")
    assert record.kind == "handoffs"
    assert record.location == f"{path}#<{element_iri('toy', 'ho-politie-vt')}>"
    assert record.data["from"] == "politie" and record.data["to"] == "veilig-thuis"
    assert record.data["norm"]["unit"] == "working-days"
    assert record.where("norm").endswith("ho-politie-vt/norm>")


def test_broken_reference_names_the_subject(tmp_path):
    text = to_turtle(toy_chain()).replace("kk:to id:kinderrechter", "kk:to id:kinderrechtr")
    assert "id:kinderrechtr" in text
    path = tmp_path / "broken.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChainDataError) as info:
        build_model(read_turtle(path))
    [problem] = info.value.problems
    assert problem.location == f"{path}#<{element_iri('toy', 'ho-raad-kinderrechter')}>"
    assert problem.field == "to"
    assert "kinderrechtr" in problem.message


def test_syntax_error_is_a_problem_with_its_line(tmp_path):
    lines = to_turtle(toy_chain()).splitlines()
    lines[20] = lines[20] + ' "unterminated'
    path = tmp_path / "bad.ttl"
    path.write_text("\n".join(lines), encoding="utf-8")
    record_set = read_turtle(path)
    assert record_set.records == []
    [problem] = record_set.problems
    assert problem.location == f"{path}:21"
    with pytest.raises(ChainDataError, match=re.escape(f"{path}:21")):
        build_model(record_set)


def test_missing_chain_node_is_one_problem_naming_the_file(tmp_path):
    text = to_turtle(toy_chain())
    assert "a dcat:Dataset,\n        kk:Chain ;" in text
    path = tmp_path / "no-chain.ttl"
    path.write_text(text.replace("a dcat:Dataset,\n        kk:Chain ;", "a dcat:Dataset ;"), encoding="utf-8")
    with pytest.raises(ChainDataError) as info:
        build_model(read_turtle(path))
    assert [(p.location, p.field) for p in info.value.problems] == [(str(path), "region")]


def test_missing_file_is_a_problem(tmp_path):
    record_set = read_turtle(tmp_path / "nothing.ttl")
    assert record_set.problems and record_set.problems[0].field == "file"


def test_unknown_concept_and_two_values_are_problems(tmp_path):
    text = to_turtle(toy_chain())
    text = text.replace("kk:trigger \"Oude route\"@nl", "kk:trigger \"Oude route\"@nl, \"Tweede\"@nl")
    text = text.replace("org:classification domain:zorg", "org:classification passes:case", 1)
    path = tmp_path / "wrong.ttl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChainDataError) as info:
        build_model(read_turtle(path))
    messages = [str(p) for p in info.value.problems]
    assert any("trigger" in m and "found 2" in m for m in messages), messages
    assert any("domain" in m and "not a concept" in m for m in messages), messages
