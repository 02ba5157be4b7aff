"""The Linked Data projection: the chain model as an RDF graph.

A one-way pure converter (:func:`to_rdf`) that reuses W3C ORG for
organisations, ELI for legal bases, PROV-O for hand-offs, SKOS for the
enumerations and phases and DCTERMS for titles, dates and sources; what those
lack lives in the closed ``kk`` vocabulary (:mod:`graph.rdf_vocab`). Which
field becomes which predicate is said once, in :mod:`graph.rdf_mapping`; the
writer here and the reader ``loaders.readers.turtle`` both walk that mapping,
so a model reads back losslessly. ``docs/linked-data.md`` describes it.

Examples
--------
>>> from graph.examples import toy_chain
>>> g = to_rdf(toy_chain())
>>> from graph.rdf_vocab import KK, element_iri
>>> ho = element_iri("toy", "ho-raad-kinderrechter")
>>> (ho, KK["from"], element_iri("toy", "raad")) in g
True
>>> conforms, report = validate_rdf(g)
>>> conforms
True
"""

from __future__ import annotations

from importlib import resources

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, SKOS
from rdflib.term import Node

from graph.model import ChainModel
from graph.rdf_mapping import (
    CHAIN,
    ELEMENTS,
    GraphWriter,
    canonical_ids,
    canonical_passes,
)
from graph.rdf_vocab import (
    CONCEPT_LABELS,
    KK_ID,
    PREFIXES,
    SCHEMES,
    concept,
    dataset_iri,
    phase_scheme_iri,
    regeling_iri,
    scheme_iri,
)

__all__ = [
    "SHAPES_FILE",
    "canonical_ids",
    "canonical_passes",
    "regeling_iri",
    "shapes_graph",
    "to_jsonld",
    "to_rdf",
    "to_turtle",
    "validate_rdf",
]

SHAPES_FILE = "ketenkaart.shacl.ttl"


def to_rdf(model: ChainModel) -> Graph:
    """Convert a chain model to an RDF graph.

    Parameters
    ----------
    model : ChainModel
        The chain to convert; it is not changed.

    Returns
    -------
    rdflib.Graph
        A new graph with the dataset node, every element (with its sources and
        status, including nested norms, failure modes and durations) and the
        SKOS concept schemes the elements refer to, as
        :mod:`graph.rdf_mapping` says.

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> from graph.rdf_vocab import element_iri
    >>> g = to_rdf(toy_chain())
    >>> from rdflib.namespace import ORG, RDF
    >>> (element_iri("toy", "kinderrechter"), RDF.type, ORG.Post) in g
    True
    """
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True)
    g.bind("id", f"{KK_ID}{model.region}/", override=True)
    writer = GraphWriter(g, model.region)
    dataset = writer.element(CHAIN, model, dataset_iri(model.region))
    _phase_scheme(g, model.region, dataset)
    _concept_schemes(g)
    for class_map in ELEMENTS:
        for element in getattr(model, class_map.kind):
            writer.element(class_map, element)
    return g


def _phase_scheme(g: Graph, region: str, dataset: Node) -> None:
    """The concept scheme of the region's phases (each phase is ``skos:inScheme`` it)."""
    phases = phase_scheme_iri(region)
    g.add((phases, RDF.type, SKOS.ConceptScheme))
    g.add((phases, SKOS.prefLabel, Literal(f"Fasen van de keten {region}", lang="nl")))
    g.add((phases, DCTERMS.isPartOf, dataset))


def _concept_schemes(g: Graph) -> None:
    """One SKOS concept scheme per enumeration, with Dutch and English labels."""
    for enum, slug in SCHEMES.items():
        scheme = scheme_iri(enum)
        g.add((scheme, RDF.type, SKOS.ConceptScheme))
        g.add((scheme, SKOS.prefLabel, Literal(slug, lang="en")))
        for member in enum:
            node = concept(member)
            dutch, english = CONCEPT_LABELS[member]
            g.add((node, RDF.type, SKOS.Concept))
            g.add((node, SKOS.inScheme, scheme))
            g.add((node, SKOS.notation, Literal(member.value)))
            g.add((node, SKOS.prefLabel, Literal(dutch, lang="nl")))
            g.add((node, SKOS.prefLabel, Literal(english, lang="en")))


def to_turtle(model: ChainModel) -> str:
    """The model as Turtle text (what ``loaders.readers.turtle.read_turtle`` reads back).

    >>> from graph.examples import toy_chain
    >>> "kk:HandOff" in to_turtle(toy_chain())
    True
    """
    return to_rdf(model).serialize(format="turtle")


def to_jsonld(model: ChainModel) -> str:
    """The model as JSON-LD, compacted with the project's prefixes as context.

    >>> import json
    >>> from graph.examples import toy_chain
    >>> doc = json.loads(to_jsonld(toy_chain()))
    >>> doc["@context"]["kk"]
    'https://w3id.org/ketenkaart/def#'
    """
    return to_rdf(model).serialize(format="json-ld", context=dict(PREFIXES), indent=2)


def shapes_graph() -> Graph:
    """The SHACL shapes shipped in ``graph/shapes/``.

    >>> len(shapes_graph()) > 100
    True
    """
    text = resources.files("graph.shapes").joinpath(SHAPES_FILE).read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


def validate_rdf(graph: Graph, shapes: Graph | None = None) -> tuple[bool, str]:
    """Validate an RDF graph against the ketenkaart SHACL shapes.

    Parameters
    ----------
    graph : rdflib.Graph
        Data, e.g. from :func:`to_rdf` or a parsed Turtle file.
    shapes : rdflib.Graph, optional
        Other shapes; the shipped ones by default.

    Returns
    -------
    (bool, str)
        Whether the graph conforms, and pyshacl's report text, which names
        the focus node, the path and the (Dutch and English) message of every
        violation.

    Examples
    --------
    >>> from rdflib import Graph
    >>> validate_rdf(Graph())[0]
    True
    """
    import pyshacl

    conforms, _results, text = pyshacl.validate(
        data_graph=graph,
        shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
    )
    return bool(conforms), str(text)
