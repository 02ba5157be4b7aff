"""The one RDF mapping (graph/rdf_mapping.py): it covers every model field, it
speaks the builder's field names, the docs name its predicates, and a legal
basis's Juriconnect reference and URL come from the model alone."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

import pytest
from rdflib.namespace import RDF

from graph import model as model_module
from graph.errors import ChainDataError
from graph.examples import toy_chain
from graph.model import ELEMENT_KINDS, ChainModel, LegalBasis
from graph.rdf import to_rdf, to_turtle
from graph.rdf_mapping import (
    CHAIN,
    DURATION,
    ELEMENTS,
    FAILURE_MODE,
    NESTED,
    NORM,
    ClassMap,
    NestedList,
    NestedOne,
)
from graph.rdf_vocab import SCHEMA, curie, element_iri
from loaders.build import (
    DURATION_FIELDS,
    FAILURE_MODE_FIELDS,
    NORM_FIELDS,
    SPECS,
    build_model,
)
from loaders.readers.turtle import read_turtle

DOCS = Path(__file__).resolve().parent.parent / "docs" / "linked-data.md"
ALL_MAPS: tuple[ClassMap, ...] = (CHAIN, *ELEMENTS, *NESTED)


def model_dataclasses() -> set[type]:
    """Every dataclass of graph.model a chain model holds, found by following field types."""
    found: set[type] = set()
    todo: list[type] = [ChainModel]
    while todo:
        cls = todo.pop()
        if cls in found:
            continue
        found.add(cls)
        for hint in typing.get_type_hints(cls, vars(model_module)).values():
            stack = [hint]
            while stack:
                tp = stack.pop()
                stack.extend(typing.get_args(tp))
                if isinstance(tp, type) and dataclasses.is_dataclass(tp):
                    todo.append(tp)
    return found


def test_every_model_dataclass_has_one_map():
    mapped = [class_map.model for class_map in ALL_MAPS]
    assert len(mapped) == len(set(mapped))
    assert model_dataclasses() == set(mapped)
    assert [class_map.kind for class_map in ELEMENTS] == list(ELEMENT_KINDS)
    assert [class_map.model for class_map in ELEMENTS] == list(ELEMENT_KINDS.values())


@pytest.mark.parametrize("class_map", ALL_MAPS, ids=lambda m: m.model.__name__)
def test_every_model_field_is_mapped_or_listed_as_not_exported(class_map):
    fields = {field.name for field in dataclasses.fields(class_map.model)}
    mapped = [prop.attribute for prop in class_map.props]
    assert len(mapped) == len(set(mapped)), "a field is mapped twice"
    missing = fields - set(mapped) - class_map.not_exported
    assert not missing, f"{class_map.model.__name__}: no mapping entry for {sorted(missing)} (add a Prop, or list it in not_exported)"
    assert set(mapped) <= fields, f"{class_map.model.__name__}: entries for no field: {sorted(set(mapped) - fields)}"
    assert not set(mapped) & class_map.not_exported


@pytest.mark.parametrize("class_map, spec", [
    *((m, SPECS[m.kind]) for m in ELEMENTS),
    (NORM, NORM_FIELDS), (FAILURE_MODE, FAILURE_MODE_FIELDS), (DURATION, DURATION_FIELDS),
], ids=lambda x: getattr(getattr(x, "model", None), "__name__", ""))
def test_records_use_the_builders_field_names_and_attributes(class_map, spec):
    """The reader's records are what loaders.build checks: same names, same model attributes."""
    ours = {prop.name: prop.attribute for prop in class_map.props}
    theirs = {field.name: field.attribute for field in spec}
    assert ours == theirs


def test_nested_maps_are_the_ones_the_elements_use():
    used = {prop.value.map for m in ELEMENTS for prop in m.props if isinstance(prop.value, (NestedOne, NestedList))}
    assert used == set(NESTED)


def test_docs_name_every_predicate_of_the_mapping():
    doc = DOCS.read_text(encoding="utf-8")
    predicates = {p for m in ALL_MAPS for prop in m.props for p in prop.predicates}
    predicates |= {d.predicate for m in ALL_MAPS for d in m.derived}
    predicates.discard(RDF.type)  # the docs write it `a`
    missing = sorted(curie(p) for p in predicates if curie(p) not in doc)
    assert not missing, f"docs/linked-data.md does not name {missing}"


def test_writer_and_reader_follow_a_changed_entry(tmp_path, monkeypatch):
    """One entry drives both sides: point a field at another predicate and the round trip still holds."""
    import graph.rdf_mapping as mapping

    trigger = mapping.HANDOFF.prop("trigger")
    moved = dataclasses.replace(trigger, predicate=SCHEMA.description)
    handoff = dataclasses.replace(mapping.HANDOFF, props=tuple(moved if p is trigger else p for p in mapping.HANDOFF.props))
    elements = tuple(handoff if m is mapping.HANDOFF else m for m in mapping.ELEMENTS)
    monkeypatch.setattr("graph.rdf.ELEMENTS", elements)
    monkeypatch.setattr("loaders.readers.turtle.ELEMENTS", elements)
    model = toy_chain()
    graph = to_rdf(model)
    assert graph.value(element_iri("toy", "ho-politie-vt"), SCHEMA.description) is not None
    path = tmp_path / "moved.ttl"
    path.write_text(graph.serialize(format="turtle"), encoding="utf-8")
    assert build_model(read_turtle(path)) == model


# --- Juriconnect and URL: derived by graph.model.LegalBasis only --------------------------

LB_TTL = """
@prefix kk: <https://w3id.org/ketenkaart/def#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skind: <https://w3id.org/ketenkaart/def/source-kind#> .
@prefix status: <https://w3id.org/ketenkaart/def/status#> .
@prefix id: <https://w3id.org/ketenkaart/id/demo/> .
<https://w3id.org/ketenkaart/id/demo> a kk:Chain ; kk:region "demo" .
id:wet a kk:Source ; dct:type skind:law ; dct:title "Wet" .
id:art a kk:LegalBasis ; kk:lawName "Wet" ; dct:source id:wet ; kk:status status:verified ;
"""


def load_basis(tmp_path: Path, triples: str) -> LegalBasis:
    path = tmp_path / "lb.ttl"
    path.write_text(LB_TTL + triples + " .\n", encoding="utf-8")
    return build_model(read_turtle(path)).legal_basis("art")


def test_juriconnect_identifier_alone_gives_regeling_article_and_paragraph(tmp_path):
    basis = load_basis(tmp_path, 'dct:identifier "jci1.3:c:BWBR0035362&artikel=4.1.1&lid=2"')
    assert (basis.bwb_id, basis.article, basis.paragraph) == ("BWBR0035362", "4.1.1", "2")
    assert basis.juriconnect == "jci1.3:c:BWBR0035362&artikel=4.1.1&lid=2"
    assert basis.url_override is None


def test_juriconnect_identifier_that_contradicts_the_article_is_a_problem(tmp_path):
    with pytest.raises(ChainDataError) as info:
        load_basis(tmp_path, 'dct:identifier "jci1.3:c:BWBR0035362&artikel=4.1.2" ; '
                             'eli:is_part_of <https://wetten.overheid.nl/BWBR0035362> ; eli:number "4.1.1"')
    [problem] = info.value.problems
    assert problem.location.endswith("#<https://w3id.org/ketenkaart/id/demo/art>")
    assert problem.field == "juriconnect" and "artikel=4.1.1" in problem.message


def test_an_identifier_that_is_no_juriconnect_reference_is_left_alone(tmp_path):
    basis = load_basis(tmp_path, 'dct:identifier "art"')
    assert basis.bwb_id is None and basis.juriconnect is None


@pytest.mark.parametrize("page, override", [
    ("https://wetten.overheid.nl/jci1.3:c:BWBR0035362&artikel=4.1.1", None),
    ("https://example.org/wmo", "https://example.org/wmo"),
])
def test_schema_url_is_an_override_only_when_it_is_not_the_derived_url(tmp_path, page, override):
    basis = load_basis(tmp_path, f'dct:identifier "jci1.3:c:BWBR0035362&artikel=4.1.1" ; schema:url "{page}"^^xsd:anyURI')
    assert basis.url_override == override
    assert basis.url == page


def test_the_reader_uses_the_models_derivation(tmp_path, monkeypatch):
    """Change how the model derives a URL: writer and reader follow, so no override appears."""
    monkeypatch.setattr(LegalBasis, "url", property(lambda self: self.url_override or (
        f"https://example.org/{self.bwb_id}/{self.article}" if self.bwb_id else None)))
    model = toy_chain()
    path = tmp_path / "toy.ttl"
    path.write_text(to_turtle(model), encoding="utf-8")
    assert "https://example.org/BWBR0002656/255" in path.read_text(encoding="utf-8")
    assert build_model(read_turtle(path)) == model
