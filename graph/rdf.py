"""The Linked Data projection: the chain model as an RDF graph.

A one-way pure converter (:func:`to_rdf`) that reuses W3C ORG for
organisations, ELI for legal bases, PROV-O for hand-offs, SKOS for the
enumerations and phases and DCTERMS for titles, dates and sources; what those
lack lives in the closed ``kk`` vocabulary (:mod:`graph.rdf_vocab`). The
mapping is written down in ``docs/linked-data.md``; ``loaders.readers.turtle`` reads
it back, losslessly.

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

import datetime as dt
import re
from decimal import Decimal
from importlib import resources
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.model import (
    ChainModel,
    Duration,
    FailureMode,
    HandOff,
    Instrument,
    LegalBasis,
    Norm,
    Organisation,
    OrganisationKind,
    Passes,
    Phase,
    Signal,
    Source,
)
from graph.rdf_vocab import (
    CONCEPT_LABELS,
    DCAT,
    ELI,
    KK,
    KK_ID,
    ORG_KIND_CLASS,
    PREFIXES,
    SCHEMA,
    SCHEMES,
    concept,
    dataset_iri,
    element_iri,
    scheme_iri,
)

__all__ = [
    "to_rdf",
    "to_turtle",
    "to_jsonld",
    "shapes_graph",
    "validate_rdf",
    "canonical_ids",
    "canonical_passes",
    "regeling_iri",
    "SHAPES_FILE",
]

SHAPES_FILE = "ketenkaart.shacl.ttl"

_PASSES_ORDER = {member: index for index, member in enumerate(Passes)}


def canonical_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """The order a set of references has when the RDF does not state one.

    >>> canonical_ids(["b", "a"])
    ('a', 'b')
    """
    return tuple(sorted(ids))


def canonical_passes(passes: Iterable[Passes]) -> tuple[Passes, ...]:
    """``passes`` in the order of :class:`graph.model.Passes`.

    >>> canonical_passes([Passes.CASE, Passes.INFORMATION])
    (<Passes.INFORMATION: 'information'>, <Passes.CASE: 'case'>)
    """
    return tuple(sorted(passes, key=lambda member: _PASSES_ORDER[member]))


def regeling_iri(bwb_id: str) -> URIRef:
    """The IRI of a whole regeling on wetten.overheid.nl.

    >>> regeling_iri("BWBR0024649")
    rdflib.term.URIRef('https://wetten.overheid.nl/BWBR0024649')
    """
    return URIRef(f"https://wetten.overheid.nl/{bwb_id}")


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
        SKOS concept schemes the elements refer to.

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
    writer = _Writer(g, model.region)
    writer.dataset(model)
    writer.schemes()
    for source in model.sources:
        writer.source(source)
    for phase in model.phases:
        writer.phase(phase)
    for organisation in model.organisations:
        writer.organisation(organisation)
    for legal_basis in model.legal_bases:
        writer.legal_basis(legal_basis)
    for instrument in model.instruments:
        writer.instrument(instrument)
    for handoff in model.handoffs:
        writer.handoff(handoff)
    for signal in model.signals:
        writer.signal(signal)
    return g


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


# --- writing ---------------------------------------------------------------

_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^\d{4}-\d{2}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _source_date(value: str) -> Literal:
    if _YEAR.match(value):
        return Literal(value, datatype=XSD.gYear)
    if _YEAR_MONTH.match(value):
        return Literal(value, datatype=XSD.gYearMonth)
    if _DATE.match(value):
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _number(value: float) -> Literal:
    """An amount as xsd:integer when whole, else an exact xsd:decimal."""
    if float(value).is_integer():
        return Literal(str(int(value)), datatype=XSD.integer)
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


class _Writer:
    def __init__(self, graph: Graph, region: str):
        self.g = graph
        self.region = region

    def iri(self, element_id: str) -> URIRef:
        return element_iri(self.region, element_id)

    # shared pieces
    def add(self, subject, predicate, obj) -> None:
        if obj is not None:
            self.g.add((subject, predicate, obj))

    def text(self, subject, predicate, value: str | None, lang: str | None = "nl") -> None:
        if value is not None:
            self.g.add((subject, predicate, Literal(value, lang=lang)))

    def date(self, subject, predicate, value: dt.date | None) -> None:
        if value is not None:
            self.g.add((subject, predicate, Literal(value, datatype=XSD.date)))

    def refs(self, subject, predicate, sequence_predicate, ids: tuple[str, ...]) -> None:
        for element_id in ids:
            self.g.add((subject, predicate, self.iri(element_id)))
        if tuple(ids) != canonical_ids(ids):
            self.sequence(subject, sequence_predicate, [self.iri(i) for i in ids])

    def sequence(self, subject, predicate, items: list) -> None:
        head = BNode()
        Collection(self.g, head, items)
        self.g.add((subject, predicate, head))

    def sourced(self, subject, sources: tuple[str, ...], status) -> None:
        self.refs(subject, DCTERMS.source, KK.sourceSequence, sources)
        self.g.add((subject, KK.status, concept(status)))

    def element(self, subject, element_id: str, *types: URIRef) -> None:
        for rdf_type in types:
            self.g.add((subject, RDF.type, rdf_type))
        self.g.add((subject, DCTERMS.identifier, Literal(element_id)))
        self.g.add((subject, DCTERMS.isPartOf, dataset_iri(self.region)))

    def validity(self, subject, valid_from, valid_to) -> None:
        self.date(subject, KK.validFrom, valid_from)
        self.date(subject, KK.validTo, valid_to)

    def texts(self, subject, predicate, sequence_predicate, values: tuple[str, ...]) -> None:
        """Literals, with their order as an RDF list when it is not the sorted one."""
        for value in values:
            self.g.add((subject, predicate, Literal(value)))
        if tuple(values) != tuple(sorted(values)):
            self.sequence(subject, sequence_predicate, [Literal(v) for v in values])

    # the dataset and the vocabularies
    def dataset(self, model: ChainModel) -> None:
        node = dataset_iri(self.region)
        self.g.add((node, RDF.type, KK.Chain))
        self.g.add((node, RDF.type, DCAT.Dataset))
        self.g.add((node, KK.region, Literal(model.region)))
        self.g.add((node, DCTERMS.title, Literal(model.title, lang="nl")))
        phases = self.phase_scheme()
        self.g.add((phases, RDF.type, SKOS.ConceptScheme))
        self.g.add((phases, SKOS.prefLabel, Literal(f"Fasen van de keten {model.region}", lang="nl")))
        self.g.add((phases, DCTERMS.isPartOf, node))

    def phase_scheme(self) -> URIRef:
        return URIRef(f"{dataset_iri(self.region)}#phases")

    def schemes(self) -> None:
        for enum, slug in SCHEMES.items():
            scheme = scheme_iri(enum)
            self.g.add((scheme, RDF.type, SKOS.ConceptScheme))
            self.g.add((scheme, SKOS.prefLabel, Literal(slug, lang="en")))
            for member in enum:
                node = concept(member)
                dutch, english = CONCEPT_LABELS[member]
                self.g.add((node, RDF.type, SKOS.Concept))
                self.g.add((node, SKOS.inScheme, scheme))
                self.g.add((node, SKOS.notation, Literal(member.value)))
                self.g.add((node, SKOS.prefLabel, Literal(dutch, lang="nl")))
                self.g.add((node, SKOS.prefLabel, Literal(english, lang="en")))

    # elements
    def source(self, source: Source) -> None:
        node = self.iri(source.id)
        self.element(node, source.id, KK.Source, PROV.Entity)
        self.g.add((node, DCTERMS.type, concept(source.kind)))
        self.g.add((node, DCTERMS.title, Literal(source.title)))
        if source.url is not None:
            self.g.add((node, SCHEMA.url, Literal(source.url, datatype=XSD.anyURI)))
        self.add(node, KK.file, Literal(source.file) if source.file is not None else None)
        self.add(node, DCTERMS.date, _source_date(source.date) if source.date is not None else None)
        self.add(node, DCTERMS.publisher, Literal(source.publisher) if source.publisher is not None else None)
        self.text(node, SKOS.note, source.note)
        self.add(node, KK.authority, concept(source.authority) if source.authority is not None else None)
        self.date(node, KK.lastChecked, source.last_checked)
        self.g.add((node, KK.status, concept(source.status)))

    def phase(self, phase: Phase) -> None:
        node = self.iri(phase.id)
        self.element(node, phase.id, KK.Phase, SKOS.Concept)
        self.g.add((node, SKOS.inScheme, self.phase_scheme()))
        self.text(node, SKOS.prefLabel, phase.name)
        self.text(node, SKOS.prefLabel, phase.name_en, "en")
        self.g.add((node, KK.order, Literal(phase.order)))
        self.text(node, DCTERMS.description, phase.description)
        self.date(node, KK.lastChecked, phase.last_checked)
        self.sourced(node, phase.sources, phase.status)

    def organisation(self, org: Organisation) -> None:
        node = self.iri(org.id)
        types = [KK.Organisation, ORG_KIND_CLASS[org.kind]]
        if org.kind not in (OrganisationKind.POST, OrganisationKind.PERSON):
            types.append(ORG.Organization)
        self.element(node, org.id, *types)
        self.text(node, SKOS.prefLabel, org.name)
        self.text(node, SKOS.prefLabel, org.name_en, "en")
        self.g.add((node, ORG.classification, concept(org.domain)))
        self.g.add((node, KK.region, Literal(org.region)))
        self.add(node, SKOS.altLabel, Literal(org.abbreviation) if org.abbreviation is not None else None)
        self.texts(node, SKOS.hiddenLabel, KK.aliasSequence, org.aliases)
        self.add(node, ORG.identifier, Literal(org.official_id) if org.official_id is not None else None)
        if org.part_of is not None:
            parent_property = ORG.postIn if org.kind is OrganisationKind.POST else ORG.subOrganizationOf
            self.g.add((node, parent_property, self.iri(org.part_of)))
        self.refs(node, KK.phase, KK.phaseSequence, org.phases)
        self.text(node, DCTERMS.description, org.description)
        self.validity(node, org.valid_from, org.valid_to)
        self.date(node, KK.lastChecked, org.last_checked)
        self.sourced(node, org.sources, org.status)

    def legal_basis(self, lb: LegalBasis) -> None:
        node = self.iri(lb.id)
        types = [KK.LegalBasis]
        if lb.bwb_id is not None:
            types.append(ELI.LegalResourceSubdivision if lb.article is not None else ELI.LegalResource)
        for rdf_type in types:
            self.g.add((node, RDF.type, rdf_type))
        self.g.add((node, DCTERMS.isPartOf, dataset_iri(self.region)))
        self.g.add((node, DCTERMS.identifier, Literal(lb.juriconnect or lb.id)))
        self.g.add((node, KK.lawName, Literal(lb.law_name)))
        self.g.add((node, RDFS.label, Literal(lb.name, lang="nl")))
        self.g.add((node, KK.legalBasisKind, concept(lb.kind)))
        if lb.bwb_id is not None:
            regeling = regeling_iri(lb.bwb_id)
            self.g.add((node, ELI.is_part_of, regeling))
            self.g.add((regeling, RDF.type, ELI.LegalResource))
            self.g.add((regeling, DCTERMS.identifier, Literal(lb.bwb_id)))
            self.g.add((regeling, ELI.title, Literal(lb.law_name, lang="nl")))
        self.add(node, ELI.number, Literal(lb.article) if lb.article is not None else None)
        self.add(node, KK.paragraph, Literal(lb.paragraph) if lb.paragraph is not None else None)
        self.text(node, ELI.title, lb.title)
        self.add(node, KK.celex, Literal(lb.celex) if lb.celex is not None else None)
        if lb.url_override is not None:
            self.g.add((node, KK.urlOverride, Literal(lb.url_override, datatype=XSD.anyURI)))
        if lb.url is not None:
            self.g.add((node, SCHEMA.url, Literal(lb.url, datatype=XSD.anyURI)))
        self.date(node, ELI.first_date_entry_in_force, lb.valid_from)
        self.date(node, ELI.date_no_longer_in_force, lb.valid_to)
        self.date(node, KK.lastChecked, lb.last_checked)
        self.sourced(node, lb.sources, lb.status)

    def instrument(self, instrument: Instrument) -> None:
        node = self.iri(instrument.id)
        self.element(node, instrument.id, KK.Instrument)
        self.text(node, SKOS.prefLabel, instrument.name)
        self.text(node, SKOS.prefLabel, instrument.name_en, "en")
        self.add(node, SKOS.altLabel, Literal(instrument.abbreviation) if instrument.abbreviation is not None else None)
        self.refs(node, KK.appliedBy, KK.appliedBySequence, instrument.applied_by)
        self.refs(node, KK.legalBasis, KK.legalBasisSequence, instrument.legal_bases)
        self.add(node, KK.phase, self.iri(instrument.phase) if instrument.phase is not None else None)
        for position, duration in enumerate(instrument.durations):
            self.duration(node, position, duration)
        self.text(node, DCTERMS.description, instrument.description)
        self.validity(node, instrument.valid_from, instrument.valid_to)
        self.date(node, KK.lastChecked, instrument.last_checked)
        self.sourced(node, instrument.sources, instrument.status)

    def duration(self, owner: URIRef, position: int, duration: Duration) -> None:
        node = URIRef(f"{owner}/durations/{position}")
        self.g.add((owner, KK.duration, node))
        self.g.add((node, RDF.type, KK.Duration))
        self.g.add((node, KK.position, Literal(position)))
        self.g.add((node, RDFS.label, Literal(duration.label, lang="nl")))
        self.g.add((node, KK.amount, _number(duration.amount)))
        self.g.add((node, KK.unit, concept(duration.unit)))
        self.sourced(node, duration.sources, duration.status)

    def handoff(self, handoff: HandOff) -> None:
        node = self.iri(handoff.id)
        self.element(node, handoff.id, KK.HandOff, PROV.Activity)
        self.g.add((node, KK["from"], self.iri(handoff.from_org)))
        self.g.add((node, KK.to, self.iri(handoff.to_org)))
        self.g.add((node, PROV.wasAssociatedWith, self.iri(handoff.from_org)))
        self.g.add((node, PROV.wasAssociatedWith, self.iri(handoff.to_org)))
        self.text(node, SKOS.prefLabel, handoff.name)
        self.text(node, SKOS.prefLabel, handoff.name_en, "en")
        self.text(node, KK.trigger, handoff.trigger)
        for passes in handoff.passes:
            self.g.add((node, KK.passes, concept(passes)))
        if tuple(handoff.passes) != canonical_passes(handoff.passes):
            self.sequence(node, KK.passesSequence, [concept(p) for p in handoff.passes])
        self.g.add((node, KK.phase, self.iri(handoff.phase)))
        self.add(node, KK.instrument, self.iri(handoff.instrument) if handoff.instrument is not None else None)
        self.refs(node, KK.legalBasis, KK.legalBasisSequence, handoff.legal_bases)
        if handoff.norm is not None:
            self.norm(node, handoff.norm)
        self.add(node, KK.regieAfter, self.iri(handoff.regie_after) if handoff.regie_after is not None else None)
        if handoff.feedback_required is not None:
            self.g.add((node, KK.feedbackRequired, Literal(handoff.feedback_required)))
        if handoff.acceptance_required is not None:
            self.g.add((node, KK.acceptanceRequired, Literal(handoff.acceptance_required)))
        self.add(node, KK.escalationTo, self.iri(handoff.escalation_to) if handoff.escalation_to is not None else None)
        for position, mode in enumerate(handoff.failure_modes):
            self.failure_mode(node, position, mode)
        self.text(node, DCTERMS.description, handoff.description)
        self.validity(node, handoff.valid_from, handoff.valid_to)
        self.date(node, KK.lastChecked, handoff.last_checked)
        self.sourced(node, handoff.sources, handoff.status)

    def norm(self, owner: URIRef, norm: Norm) -> None:
        node = URIRef(f"{owner}/norm")
        self.g.add((owner, KK.norm, node))
        self.g.add((node, RDF.type, KK.Norm))
        self.text(node, DCTERMS.description, norm.description)
        if norm.amount is not None:
            self.g.add((node, KK.amount, _number(norm.amount)))
        if norm.unit is not None:
            self.g.add((node, KK.unit, concept(norm.unit)))
        self.g.add((node, KK.normKind, concept(norm.kind)))
        self.sourced(node, norm.sources, norm.status)

    def failure_mode(self, owner: URIRef, position: int, mode: FailureMode) -> None:
        node = URIRef(f"{owner}/failure-modes/{mode.id}")
        self.g.add((owner, KK.failureMode, node))
        self.g.add((node, RDF.type, KK.FailureMode))
        self.g.add((node, DCTERMS.identifier, Literal(mode.id)))
        self.g.add((node, KK.position, Literal(position)))
        self.text(node, DCTERMS.description, mode.description)
        self.text(node, DCTERMS.description, mode.description_en, "en")
        self.sourced(node, mode.sources, mode.status)

    def signal(self, signal: Signal) -> None:
        node = self.iri(signal.id)
        self.element(node, signal.id, KK.Signal)
        self.text(node, SKOS.prefLabel, signal.name)
        self.text(node, SKOS.prefLabel, signal.name_en, "en")
        self.g.add((node, KK.entersAt, self.iri(signal.enters_at)))
        self.g.add((node, KK.phase, self.iri(signal.phase)))
        self.text(node, DCTERMS.description, signal.description)
        self.date(node, KK.lastChecked, signal.last_checked)
        self.sourced(node, signal.sources, signal.status)
