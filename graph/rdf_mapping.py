"""The one mapping between the chain model and RDF, walked in both directions.

Every kind of element, and the nested norm, failure mode and duration, has a
:class:`ClassMap`: the classes of its node and, per model field, one
:class:`Prop` naming the predicate and the *value kind* — a literal
(:class:`Text`, :class:`Typed`, :class:`Amount`, :class:`IsoDate`), the IRI of
another element (:class:`Ref`, :class:`Refs`), a SKOS concept
(:class:`Concept`, :class:`Concepts`), a nested node (:class:`NestedOne`,
:class:`NestedList`) or one of the few shapes the reused vocabularies impose
(:class:`KindClass`, :class:`Regeling`). Each value kind knows how it is
written (:class:`GraphWriter`) and read back (:class:`GraphReader`), side by
side, so the writer (:func:`graph.rdf.to_rdf`) and the Turtle reader
(``loaders.readers.turtle``) cannot drift apart: both only walk these maps.

Adding a field to a model dataclass means adding one ``Prop`` here, or naming
the field in ``not_exported``; ``tests/test_rdf_mapping.py`` fails otherwise.

>>> HANDOFF.prop("to").predicate
rdflib.term.URIRef('https://w3id.org/ketenkaart/def#to')
>>> [p.name for p in NORM.props]
['description', 'amount', 'unit', 'kind', 'sources', 'status']
>>> [m.kind for m in ELEMENTS]
['sources', 'phases', 'organisations', 'legal_bases', 'instruments', 'handoffs', 'signals', 'observations']

Written and read back, a hand-off is the record of ``docs/data-format.md``:

>>> from rdflib import Graph
>>> from graph.examples import toy_chain
>>> chain = toy_chain()
>>> writer = GraphWriter(Graph(), chain.region)
>>> handoff = chain.handoff("ho-politie-vt")
>>> node = writer.element(HANDOFF, handoff)
>>> data, nested = GraphReader(writer.g, "toy.ttl").element(HANDOFF, node)
>>> data["from"], data["to"], data["passes"], data["norm"]["amount"]
('politie', 'veilig-thuis', ['information', 'case'], 5)
>>> nested["norm"]
'toy.ttl#<https://w3id.org/ketenkaart/id/toy/ho-politie-vt/norm>'
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from graph import model
from graph.errors import Problem
from graph.rdf_vocab import (
    DCAT,
    ELI,
    KK,
    ORG_KIND_CLASS,
    SCHEMA,
    concept,
    curie,
    dataset_iri,
    element_iri,
    local_id,
    member_of,
    phase_scheme_iri,
    regeling_iri,
    scheme_iri,
)
from graph.vocab import Category

__all__ = [
    "CHAIN",
    "DURATION",
    "ELEMENTS",
    "FAILURE_MODE",
    "HANDOFF",
    "INSTRUMENT",
    "LEGAL_BASIS",
    "NESTED",
    "NORM",
    "OBSERVATION",
    "ORGANISATION",
    "PHASE",
    "SIGNAL",
    "SOURCE",
    "Amount",
    "ClassMap",
    "Concept",
    "Concepts",
    "Derived",
    "GraphReader",
    "GraphWriter",
    "Identifier",
    "IriId",
    "IsoDate",
    "KindClass",
    "NestedList",
    "NestedOne",
    "Prop",
    "Ref",
    "Refs",
    "Regeling",
    "Text",
    "Texts",
    "Typed",
    "ValueKind",
    "canonical_ids",
    "canonical_members",
    "canonical_passes",
    "printable",
]


E = TypeVar("E", bound=StrEnum)


# --- order and text -------------------------------------------------------------

def canonical_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """The order a set of references has when the RDF does not state one.

    >>> canonical_ids(["b", "a"])
    ('a', 'b')
    """
    return tuple(sorted(ids))


def canonical_members(enum: type[StrEnum], values: Iterable[str]) -> list[str]:
    """Enumeration values in declaration order; values outside it last, sorted.

    >>> canonical_members(model.Passes, ["case", "zorg", "information"])
    ['information', 'case', 'zorg']
    """
    order = {member.value: index for index, member in enumerate(enum)}
    return sorted(values, key=lambda value: (order.get(value, len(order)), value))


def canonical_passes(passes: Iterable[model.Passes]) -> tuple[model.Passes, ...]:
    """``passes`` in the order of :class:`graph.model.Passes`.

    >>> canonical_passes([model.Passes.CASE, model.Passes.INFORMATION])
    (<Passes.INFORMATION: 'information'>, <Passes.CASE: 'case'>)
    """
    return tuple(model.Passes(value) for value in canonical_members(model.Passes, passes))


_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with unpaired UTF-16 surrogates (which no terminal or UTF-8
    file can take) written as ``\\udXXX`` escapes.

    >>> printable("Voor\\ud800beeld")
    'Voor\\\\ud800beeld'
    >>> printable("Veilig Thuis")
    'Veilig Thuis'
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


# --- value kinds ----------------------------------------------------------------------

class ValueKind(ABC):
    """How one field's value becomes RDF terms, and how it is read back.

    ``write`` is only called for values that are not None; ``read`` returns
    the value in the form of ``docs/data-format.md`` (text, numbers, dates,
    lists of ids, dicts for nested nodes), or None when the graph has none.
    """

    @abstractmethod
    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        """Add the triples for ``value`` of ``element`` to ``w.g``."""

    @abstractmethod
    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        """The value of ``field`` at ``node``; problems go to ``r``."""


@dataclass(frozen=True)
class Text(ValueKind):
    """A string literal: tagged ``nl`` or ``en``, plain, or of a ``datatype``.

    Reading ``nl`` accepts untagged literals too; plain text accepts any
    literal.

    >>> g = Graph()
    >>> Text("en").write(GraphWriter(g, "r"), element_iri("r", "x"), SKOS.prefLabel, "Police", None)
    >>> g.value(element_iri("r", "x"), SKOS.prefLabel)
    rdflib.term.Literal('Police', lang='en')
    """

    lang: str | None = None
    datatype: URIRef | None = None

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, Literal(value, lang=self.lang, datatype=self.datatype))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        langs: set[str | None] | None = None
        if self.lang is not None:
            langs = {None, "nl"} if self.lang == "nl" else {self.lang}
        value = r.one(node, predicates, field, langs)
        return None if value is None else r.string(node, field, str(value))


@dataclass(frozen=True)
class Typed(ValueKind):
    """A literal of an XSD datatype read as its Python value (``xsd:date``,
    ``xsd:integer``, ``xsd:boolean``); an ill-typed literal (``"2015-02-30"^^xsd:date``,
    ``"yes"^^xsd:boolean``) is read as its text, which the builder then rejects."""

    datatype: URIRef

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, Literal(value, datatype=self.datatype))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        value = r.one(node, predicates, field)
        return None if value is None else r.python(node, field, value)


@dataclass(frozen=True)
class Amount(ValueKind):
    """A positive number: ``xsd:integer`` when whole, else an exact ``xsd:decimal``.

    >>> Amount.literal(5.0), Amount.literal(0.1)
    (rdflib.term.Literal('5', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')), \
rdflib.term.Literal('0.1', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal')))
    """

    @staticmethod
    def literal(value: float) -> Literal:
        if float(value).is_integer():
            return Literal(str(int(value)), datatype=XSD.integer)
        return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, self.literal(value))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        value = r.one(node, predicates, field)
        if value is None:
            return None
        python = r.python(node, field, value)
        if isinstance(python, bool) or not isinstance(python, (int, float, Decimal)):
            return r.string(node, field, str(value))
        return float(python) if isinstance(python, Decimal) else python


_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class IsoDate(ValueKind):
    """A source's date kept as text: ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``.

    >>> [IsoDate.literal(v).datatype.split("#")[1] for v in ("2018", "2018-04", "2018-04-25")]
    ['gYear', 'gYearMonth', 'date']
    """

    @staticmethod
    def literal(value: str) -> Literal:
        for pattern, datatype in ((_YEAR, XSD.gYear), (_YEAR_MONTH, XSD.gYearMonth), (_DATE, XSD.date)):
            if pattern.fullmatch(value):
                return Literal(value, datatype=datatype)
        return Literal(value)

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, self.literal(value))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        value = r.one(node, predicates, field)
        return None if value is None else r.string(node, field, str(value))


@dataclass(frozen=True)
class Concept(ValueKind):
    """The SKOS concept of an enumeration value (:func:`graph.rdf_vocab.concept`)."""

    enum: type[StrEnum]

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, concept(value))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        value = r.one(node, predicates, field)
        if value is None:
            return None
        member = member_of(self.enum, value) if isinstance(value, URIRef) else None
        if member is None:
            r.problem(node, field, f"{value} is not a concept of <{scheme_iri(self.enum)}>")
            return r.string(node, field, local_id(value))
        return member.value


@dataclass(frozen=True)
class Concepts(ValueKind):
    """Several concepts of one enumeration; read in declaration order unless
    ``sequence`` (an RDF list) states the model's order, which is written only
    when it differs."""

    enum: type[StrEnum]
    sequence: URIRef

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        items = [concept(member) for member in value]
        for item in items:
            w.add(node, predicate, item)
        if list(value) != canonical_members(self.enum, value):
            w.sequence(node, self.sequence, items)

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        return r.many(node, predicates[0], self.sequence, field, lambda ids: canonical_members(self.enum, ids))


@dataclass(frozen=True)
class Texts(ValueKind):
    """Several plain literals (an organisation's aliases); read sorted unless
    ``sequence`` (an RDF list of the literals) states the model's order, which
    is written only when it differs.

    >>> g = Graph()
    >>> w = GraphWriter(g, "r")
    >>> Texts(KK.aliasSequence).write(w, element_iri("r", "x"), SKOS.hiddenLabel, ("VTH", "AMHK"), None)
    >>> Texts(KK.aliasSequence).read(GraphReader(g, "x.ttl"), element_iri("r", "x"), (SKOS.hiddenLabel,), "aliases")
    ['VTH', 'AMHK']
    """

    sequence: URIRef

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        items = [Literal(text) for text in value]
        for item in items:
            w.add(node, predicate, item)
        if tuple(value) != tuple(sorted(value)):
            w.sequence(node, self.sequence, items)

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        return r.many(node, predicates[0], self.sequence, field, sorted, literals=True) or None


@dataclass(frozen=True)
class Ref(ValueKind):
    """The IRI of another element; ``also`` are further predicates written
    with the same object and never read (``prov:wasAssociatedWith``)."""

    also: tuple[URIRef, ...] = ()

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        for each in (predicate, *self.also):
            w.add(node, each, w.iri(value))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        value = r.one(node, predicates, field)
        if value is None:
            return None
        if not isinstance(value, URIRef):
            r.problem(node, field, f"{curie(predicates[0])} must be an IRI, found {value!r}")
            return r.string(node, field, str(value))
        return r.string(node, field, local_id(value))


@dataclass(frozen=True)
class Refs(ValueKind):
    """IRIs of other elements; read sorted unless ``sequence`` states the order."""

    sequence: URIRef

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        items = [w.iri(element_id) for element_id in value]
        for item in items:
            w.add(node, predicate, item)
        if tuple(value) != canonical_ids(value):
            w.sequence(node, self.sequence, items)

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        return r.many(node, predicates[0], self.sequence, field, sorted)


@dataclass(frozen=True)
class IriId(ValueKind):
    """An element's id: the last segment of its IRI, repeated as a plain literal
    (no predicate: the IRI alone carries it)."""

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, Literal(value))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        return r.string(node, field, local_id(node))


@dataclass(frozen=True)
class Identifier(ValueKind):
    """A nested node's id, read from the literal (the node may be blank), else
    from the IRI."""

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, Literal(value))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        text = Text().read(r, node, predicates, field)
        return text if text is not None else r.string(node, field, local_id(node))


@dataclass(frozen=True)
class KindClass(ValueKind, Generic[E]):
    """An enumeration carried by the node's class (predicate ``rdf:type``):
    ``distinct`` tells the members apart, ``also`` adds classes a member implies,
    and a node with only the ``bare`` class is that member."""

    distinct: Mapping[E, URIRef]
    also: Mapping[E, tuple[URIRef, ...]]
    bare: tuple[URIRef, E]

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        for cls in (self.distinct[value], *self.also.get(value, ())):
            w.add(node, predicate, cls)

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        types = set(r.g.objects(node, predicates[0]))
        found = [member for member, cls in self.distinct.items() if cls in types]
        if len(found) == 1:
            return found[0].value
        bare_class, bare_member = self.bare
        if not found and bare_class in types:
            return bare_member.value
        names = ", ".join(curie(cls) for cls in self.distinct.values())
        r.problem(node, field, f"expected exactly one of {names}; found {', '.join(m.value for m in found) or 'none'}")
        return None


@dataclass(frozen=True)
class Regeling(ValueKind):
    """A BWB id as the regeling the node is part of (``eli:is_part_of``
    ``<https://wetten.overheid.nl/BWBR…>``, an ``eli:LegalResource`` with the id
    as ``dct:identifier`` and the field ``title_from`` as ``eli:title``)."""

    title_from: str

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        regeling = regeling_iri(value)
        w.add(node, predicate, regeling)
        w.add(regeling, RDF.type, ELI.LegalResource)
        w.add(regeling, DCTERMS.identifier, Literal(value))
        w.add(regeling, ELI.title, Literal(getattr(element, self.title_from), lang="nl"))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        regeling = r.one(node, predicates, field)
        if regeling is None:
            return None
        identifier = Text().read(r, regeling, (DCTERMS.identifier,), field)
        return identifier if identifier is not None else r.string(node, field, local_id(regeling))


@dataclass(frozen=True)
class NestedOne(ValueKind):
    """One nested node, ``<{owner}/{segment}>``, mapped by ``map``."""

    map: ClassMap
    segment: str

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        w.add(node, predicate, w.element(self.map, value, URIRef(f"{node}/{self.segment}")))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        child = r.one(node, predicates, field)
        if child is None:
            return None
        r.locate(field, child)
        return r.fields(self.map, child, f"{field}.")


@dataclass(frozen=True)
class NestedList(ValueKind):
    """Nested nodes ``<{owner}/{segment}/{key or position}>`` with ``kk:position``,
    read in that order."""

    map: ClassMap
    segment: str
    key: str | None = None  # the item's field that names its IRI; its position when None

    def write(self, w: GraphWriter, node: URIRef, predicate: URIRef, value: Any, element: Any) -> None:
        for position, item in enumerate(value):
            name = getattr(item, self.key) if self.key else position
            child = w.element(self.map, item, URIRef(f"{node}/{self.segment}/{name}"))
            w.add(node, predicate, child)
            w.add(child, KK.position, Literal(position))

    def read(self, r: GraphReader, node: Node, predicates: tuple[URIRef, ...], field: str) -> Any:
        items = []
        for index, child in enumerate(r.ordered(node, predicates[0])):
            r.locate(f"{field}[{index}]", child)
            items.append(r.fields(self.map, child, f"{field}."))
        return items


# --- the maps ------------------------------------------------------------------

@dataclass(frozen=True)
class Prop:
    """One model field: its predicate and value kind.

    ``name`` is the field in ``docs/data-format.md`` (and in reader records);
    ``attr`` the model attribute when it differs (``from`` -> ``from_org``).
    ``variants`` are ``(field, value, predicate)``: when the element's field has
    that value, the other predicate is written (a post's ``part_of`` is
    ``org:postIn``); every variant is read. ``predicate`` None: the IRI alone
    carries the value (a legal basis's id).
    """

    name: str
    predicate: URIRef | None
    value: ValueKind
    attr: str | None = None
    variants: tuple[tuple[str, object, URIRef], ...] = ()

    @property
    def attribute(self) -> str:
        return self.attr or self.name

    @property
    def predicates(self) -> tuple[URIRef, ...]:
        main = () if self.predicate is None else (self.predicate,)
        return (*main, *(predicate for _field, _value, predicate in self.variants))

    def predicate_for(self, element: Any) -> URIRef | None:
        for field, value, predicate in self.variants:
            if getattr(element, field) == value:
                return predicate
        return self.predicate


# Updates a derived value gives back when read: fields to fill when missing,
# and a problem message (or None).
Restored = tuple[dict[str, Any], str | None]


@dataclass(frozen=True)
class Derived:
    """A value the model derives (a legal basis's Juriconnect reference, URL
    and label): written for the users of the RDF, no field of its own.
    ``restore`` recovers fields from it when reading, given those read so far."""

    name: str
    get: Callable[[Any], Any]
    predicate: URIRef
    value: ValueKind
    restore: Callable[[Any, dict[str, Any]], Restored] | None = None


@dataclass(frozen=True)
class ClassMap:
    """How one model dataclass is a node.

    ``classes`` are written on every node; the reader finds the nodes by the
    first of them and by ``read_classes``. ``more_classes`` adds classes that
    depend on the element; ``links`` are ``(predicate, IRI from the region)``
    pairs every node has (``dct:isPartOf`` the dataset).
    """

    model: type[Any]
    kind: str
    classes: tuple[URIRef, ...]
    props: tuple[Prop, ...]
    derived: tuple[Derived, ...] = ()
    links: tuple[tuple[URIRef, Callable[[str], URIRef]], ...] = ()
    more_classes: Callable[[Any], tuple[URIRef, ...]] | None = None
    read_classes: tuple[URIRef, ...] = ()
    not_exported: frozenset[str] = frozenset()

    def prop(self, name: str) -> Prop:
        """The entry for field ``name`` (a KeyError when there is none)."""
        for prop in self.props:
            if prop.name == name:
                return prop
        raise KeyError(name)

    @property
    def subject_classes(self) -> tuple[URIRef, ...]:
        return (self.classes[0], *self.read_classes)


_ID = Prop("id", DCTERMS.identifier, IriId())
_STATUS = Prop("status", KK.status, Concept(model.Status))
_SOURCED = (Prop("sources", DCTERMS.source, Refs(KK.sourceSequence)), _STATUS)
_NAMED = (
    Prop("name", SKOS.prefLabel, Text("nl")),
    Prop("name_en", SKOS.prefLabel, Text("en")),
    Prop("description", DCTERMS.description, Text("nl")),
)
_VALIDITY = (Prop("valid_from", KK.validFrom, Typed(XSD.date)), Prop("valid_to", KK.validTo, Typed(XSD.date)))
_ABBREVIATION = Prop("abbreviation", SKOS.altLabel, Text())
_LAST_CHECKED = Prop("last_checked", KK.lastChecked, Typed(XSD.date))
_PHASE = Prop("phase", KK.phase, Ref())
_LEGAL_BASES = Prop("legal_bases", KK.legalBasis, Refs(KK.legalBasisSequence))
_MEASURE = (Prop("amount", KK.amount, Amount()), Prop("unit", KK.unit, Concept(model.NormUnit)))


def _element(cls: type[Any], kind: str, classes: tuple[URIRef, ...], *props: Prop, **options: Any) -> ClassMap:
    """The map of an element kind: its node is ``dct:isPartOf`` the dataset
    (and has the further ``links`` given)."""
    links = ((DCTERMS.isPartOf, dataset_iri), *options.pop("links", ()))
    return ClassMap(cls, kind, classes, props=props, links=links, **options)


CHAIN = ClassMap(
    model.ChainModel, "chain", (KK.Chain, DCAT.Dataset),
    props=(Prop("region", KK.region, Text()), Prop("title", DCTERMS.title, Text("nl"))),
    # each element is a node of its own (ELEMENTS)
    not_exported=frozenset(model.ELEMENT_KINDS),
)

SOURCE = _element(
    model.Source, "sources", (KK.Source, PROV.Entity),
    _ID,
    Prop("kind", DCTERMS.type, Concept(model.SourceKind)),
    Prop("title", DCTERMS.title, Text()),
    Prop("url", SCHEMA.url, Text(datatype=XSD.anyURI)),
    Prop("file", KK.file, Text()),
    Prop("date", DCTERMS.date, IsoDate()),
    Prop("publisher", DCTERMS.publisher, Text()),
    Prop("note", SKOS.note, Text("nl")),
    Prop("authority", KK.authority, Concept(model.SourceAuthority)),
    _LAST_CHECKED,
    _STATUS,  # a source is its own evidence: no dct:source
)

PHASE = _element(
    model.Phase, "phases", (KK.Phase, SKOS.Concept),
    _ID, *_NAMED, Prop("order", KK.order, Typed(XSD.integer)), _LAST_CHECKED, *_SOURCED,
    links=((SKOS.inScheme, phase_scheme_iri),),
)

_ORG_KIND = KindClass(
    distinct=ORG_KIND_CLASS,
    also={model.OrganisationKind.ORGANISATION: (ORG.Organization,),
          model.OrganisationKind.COLLABORATION: (ORG.Organization,)},
    bare=(ORG.Organization, model.OrganisationKind.ORGANISATION),
)

ORGANISATION = _element(
    model.Organisation, "organisations", (KK.Organisation,),
    _ID, *_NAMED,
    Prop("kind", RDF.type, _ORG_KIND),
    Prop("domain", ORG.classification, Concept(model.Domain)),
    Prop("region", KK.region, Text()),
    _ABBREVIATION,
    Prop("aliases", SKOS.hiddenLabel, Texts(KK.aliasSequence)),
    Prop("official_id", ORG.identifier, Text()),
    Prop("part_of", ORG.subOrganizationOf, Ref(), variants=(("kind", model.OrganisationKind.POST, ORG.postIn),)),
    Prop("phases", KK.phase, Refs(KK.phaseSequence)),
    *_VALIDITY, _LAST_CHECKED, *_SOURCED,
    read_classes=(ORG.Organization, *ORG_KIND_CLASS.values()),
)


def _derived_basis(data: Mapping[str, Any]) -> model.LegalBasis:
    """A legal basis with only what the model derives its reference and URL from."""
    return model.LegalBasis(id="-", law_name="-", sources=(), bwb_id=data.get("bwb_id"),
                            article=data.get("article"), paragraph=data.get("paragraph"))


def _juriconnect_parts(identifier: str) -> dict[str, str] | None:
    """The BWB id, article and paragraph a Juriconnect reference names, or None
    when it is not one that :attr:`graph.model.LegalBasis.juriconnect` makes.

    >>> _juriconnect_parts("jci1.3:c:BWBR0002656&artikel=255")
    {'bwb_id': 'BWBR0002656', 'article': '255'}
    >>> _juriconnect_parts("jci1.3:c:BWBR0002656&lid=2") is None
    True
    """
    prefix = "jci1.3:c:"
    if not identifier.startswith(prefix):
        return None
    bwb_id, *params = identifier[len(prefix):].split("&")
    parts = {"bwb_id": bwb_id}
    names = {"artikel": "article", "lid": "paragraph"}
    for param in params:
        name, _, value = param.partition("=")
        if name not in names or names[name] in parts:
            return None
        parts[names[name]] = value
    # the model's derivation is the definition: accept only what it gives back
    return parts if _derived_basis(parts).juriconnect == identifier else None


def _restore_juriconnect(identifier: Any, data: dict[str, Any]) -> Restored:
    """Fill BWB id, article and paragraph from a Juriconnect ``dct:identifier``
    (hand-written Turtle may give only that), and say when it contradicts them."""
    parts = _juriconnect_parts(identifier) if isinstance(identifier, str) else None
    if parts is None:
        return {}, None
    filled = {**parts, **{key: data[key] for key in parts if data.get(key) is not None}}
    derived = _derived_basis(filled).juriconnect
    if derived != identifier:
        return parts, (f"dct:identifier {identifier!r} is not the Juriconnect reference of the regeling, "
                       f"article and paragraph given ({derived!r})")
    return parts, None


def _restore_url_override(page: Any, data: dict[str, Any]) -> Restored:
    """A ``schema:url`` other than the derived one is the given URL."""
    if isinstance(page, str) and page != _derived_basis(data).url:
        return {"url": page}, None
    return {}, None


def _eli_classes(basis: model.LegalBasis) -> tuple[URIRef, ...]:
    if basis.bwb_id is None:
        return ()
    return (ELI.LegalResourceSubdivision if basis.article is not None else ELI.LegalResource,)


LEGAL_BASIS = _element(
    model.LegalBasis, "legal_bases", (KK.LegalBasis,),
    Prop("id", None, IriId()),  # dct:identifier is the Juriconnect reference (derived below)
    Prop("law_name", KK.lawName, Text()),
    Prop("kind", KK.legalBasisKind, Concept(model.LegalBasisKind)),
    Prop("bwb_id", ELI.is_part_of, Regeling(title_from="law_name")),
    Prop("article", ELI.number, Text()),
    Prop("paragraph", KK.paragraph, Text()),
    Prop("title", ELI.title, Text("nl")),
    Prop("celex", KK.celex, Text()),
    Prop("url", KK.urlOverride, Text(datatype=XSD.anyURI), attr="url_override"),
    Prop("valid_from", ELI.first_date_entry_in_force, Typed(XSD.date)),
    Prop("valid_to", ELI.date_no_longer_in_force, Typed(XSD.date)),
    _LAST_CHECKED,
    *_SOURCED,
    more_classes=_eli_classes,
    derived=(
        Derived("juriconnect", lambda basis: basis.juriconnect or basis.id, DCTERMS.identifier, Text(),
                restore=_restore_juriconnect),
        Derived("url", lambda basis: basis.url, SCHEMA.url, Text(datatype=XSD.anyURI), restore=_restore_url_override),
        Derived("name", lambda basis: basis.name, RDFS.label, Text("nl")),
    ),
)

DURATION = ClassMap(
    model.Duration, "durations", (KK.Duration,),
    props=(Prop("label", RDFS.label, Text("nl")), *_MEASURE, *_SOURCED),
)

INSTRUMENT = _element(
    model.Instrument, "instruments", (KK.Instrument,),
    _ID, *_NAMED, _ABBREVIATION,
    Prop("applied_by", KK.appliedBy, Refs(KK.appliedBySequence)),
    _LEGAL_BASES,
    _PHASE,
    Prop("durations", KK.duration, NestedList(DURATION, "durations")),
    *_VALIDITY, _LAST_CHECKED, *_SOURCED,
)

NORM = ClassMap(
    model.Norm, "norm", (KK.Norm,),
    props=(
        Prop("description", DCTERMS.description, Text("nl")),
        *_MEASURE,
        Prop("kind", KK.normKind, Concept(model.NormKind)),
        *_SOURCED,
    ),
)

FAILURE_MODE = ClassMap(
    model.FailureMode, "failure_modes", (KK.FailureMode,),
    props=(
        Prop("id", DCTERMS.identifier, Identifier()),
        Prop("description", DCTERMS.description, Text("nl")),
        Prop("category", KK.category, Concept(Category)),
        Prop("period", DCTERMS.temporal, Text()),
        Prop("description_en", DCTERMS.description, Text("en")),
        *_SOURCED,
    ),
)

_PARTNER = Ref(also=(PROV.wasAssociatedWith,))

HANDOFF = _element(
    model.HandOff, "handoffs", (KK.HandOff, PROV.Activity),
    _ID, *_NAMED,
    Prop("from", KK["from"], _PARTNER, attr="from_org"),
    Prop("to", KK.to, _PARTNER, attr="to_org"),
    Prop("trigger", KK.trigger, Text("nl")),
    Prop("passes", KK.passes, Concepts(model.Passes, KK.passesSequence)),
    _PHASE,
    Prop("instrument", KK.instrument, Ref()),
    _LEGAL_BASES,
    Prop("norm", KK.norm, NestedOne(NORM, "norm")),
    Prop("regie_after", KK.regieAfter, Ref()),
    Prop("regie_while_waiting", KK.regieWhileWaiting, Concept(model.RegieHolder)),
    Prop("regie_while_waiting_sources", KK.regieWhileWaitingSource, Refs(KK.regieWhileWaitingSourceSequence)),
    Prop("main_route", KK.mainRoute, Typed(XSD.boolean)),
    Prop("feedback_required", KK.feedbackRequired, Typed(XSD.boolean)),
    Prop("acceptance_required", KK.acceptanceRequired, Typed(XSD.boolean)),
    Prop("escalation_to", KK.escalationTo, Ref()),
    Prop("failure_modes", KK.failureMode, NestedList(FAILURE_MODE, "failure-modes", key="id")),
    *_VALIDITY, _LAST_CHECKED, *_SOURCED,
)

SIGNAL = _element(
    model.Signal, "signals", (KK.Signal,),
    _ID, *_NAMED,
    Prop("enters_at", KK.entersAt, Ref()),
    _PHASE,
    _LAST_CHECKED,
    *_SOURCED,
)

OBSERVATION = _element(
    model.Observation, "observations", (KK.Observation, PROV.Entity),
    _ID,
    Prop("about", KK.about, Refs(KK.aboutSequence)),
    Prop("metric", KK.metric, Concept(model.Metric)),
    Prop("description", DCTERMS.description, Text("nl")),
    Prop("period", DCTERMS.temporal, Text()),
    Prop("region", KK.region, Text()),
    Prop("assessment", KK.assessment, Concept(model.Assessment)),
    Prop("value", KK.value, Amount()),
    Prop("value_max", KK.valueMax, Amount()),
    Prop("lower_bound", KK.lowerBound, Typed(XSD.boolean)),
    Prop("unit", KK.unitLabel, Text()),
    Prop("categories", KK.category, Concepts(Category, KK.categorySequence)),
    Prop("description_en", DCTERMS.description, Text("en")),
    Prop("note", SKOS.note, Text("nl")),
    _LAST_CHECKED,
    *_SOURCED,
)

# the element kinds, in the order of graph.model.ELEMENT_KINDS
ELEMENTS: tuple[ClassMap, ...] = (SOURCE, PHASE, ORGANISATION, LEGAL_BASIS, INSTRUMENT, HANDOFF, SIGNAL, OBSERVATION)
NESTED: tuple[ClassMap, ...] = (NORM, FAILURE_MODE, DURATION)


# --- walking the maps ----------------------------------------------------------------

class GraphWriter:
    """Writes model objects into ``g`` as their maps say; ``region`` makes IRIs."""

    def __init__(self, graph: Graph, region: str):
        self.g = graph
        self.region = region

    def iri(self, element_id: str) -> URIRef:
        return element_iri(self.region, element_id)

    def add(self, subject: Node, predicate: Node, obj: Node) -> None:
        self.g.add((subject, predicate, obj))

    def sequence(self, subject: Node, predicate: URIRef, items: list[URIRef] | list[Literal]) -> None:
        """An RDF list of ``items`` as the object of ``predicate``."""
        head = BNode()
        Collection(self.g, head, list(items))
        self.add(subject, predicate, head)

    def element(self, class_map: ClassMap, element: Any, node: URIRef | None = None) -> URIRef:
        """Write ``element`` at ``node`` (default: the IRI of its id); returns the node."""
        subject = self.iri(element.id) if node is None else node
        more = class_map.more_classes(element) if class_map.more_classes else ()
        for cls in (*class_map.classes, *more):
            self.add(subject, RDF.type, cls)
        for link, make in class_map.links:
            self.add(subject, link, make(self.region))
        for prop in class_map.props:
            value = getattr(element, prop.attribute)
            predicate = prop.predicate_for(element)
            if value is not None and predicate is not None:
                prop.value.write(self, subject, predicate, value, element)
        for derived in class_map.derived:
            value = derived.get(element)
            if value is not None:
                derived.value.write(self, subject, derived.predicate, value, element)
        return subject


class GraphReader:
    """Reads nodes back into the records of ``docs/data-format.md`` as their maps
    say, collecting every problem (located as ``"{file}#<subject IRI>"``)
    instead of stopping at the first.

    Every text it returns passes :meth:`string`, so nothing that cannot be
    printed or written as UTF-8 leaves it.
    """

    def __init__(self, graph: Graph, file: str):
        self.g = graph
        self.file = printable(file)
        self.problems: list[Problem] = []
        self._locations: dict[str, str] = {}

    # --- locations and problems ---------------------------------------------
    def where(self, node: Node) -> str:
        return f"{self.file}#<{printable(str(node))}>"

    def problem(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.where(node), printable(field), printable(message)))

    def locate(self, field: str, node: Node) -> None:
        """Record that nested ``field`` lives at ``node`` (for precise problems)."""
        self._locations[field] = self.where(node)

    # --- values ------------------------------------------------------------------------
    def string(self, node: Node, field: str, text: str) -> str:
        """``text``, or, when it holds an unpaired surrogate (a ``\\uD800`` escape),
        a problem and the text with U+FFFD in its place.

        >>> r = GraphReader(Graph(), "x.ttl")
        >>> r.string(URIRef("https://w3id.org/ketenkaart/id/r"), "title", "Voor\\ud800beeld")
        'Voor\\ufffdbeeld'
        >>> print(r.problems[0])
        x.ttl#<https://w3id.org/ketenkaart/id/r>: title: 'Voor\\ud800beeld' holds \\ud800, \
half of a UTF-16 surrogate pair, which is no Unicode character
        """
        found = _SURROGATE.search(text)
        if found is None:
            return text
        self.problem(node, field, f"{text!r} holds {printable(found.group())}, half of a UTF-16 surrogate pair, "
                                  "which is no Unicode character")
        return _SURROGATE.sub("\ufffd", text)

    def python(self, node: Node, field: str, value: Node) -> Any:
        """A typed literal's Python value; its text when ill-typed or of another kind."""
        if isinstance(value, Literal) and not value.ill_typed:
            python = value.toPython()
            if not isinstance(python, (Node, str)):
                return python
        return self.string(node, field, str(value))

    def one(self, node: Node, predicates: tuple[URIRef, ...], field: str,
            langs: set[str | None] | None = None) -> Node | None:
        """The single value of ``predicates`` (literals tagged one of ``langs``
        when given), None when there is none; a problem when there are more."""
        values = [value for predicate in predicates for value in self.g.objects(node, predicate)]
        if langs is not None:
            values = [v for v in values if isinstance(v, Literal) and v.language in langs]
        if len(values) > 1:
            names = " or ".join(curie(predicate) for predicate in predicates)
            self.problem(node, field, f"expected one value of {names}, found {len(values)}")
            return None
        return values[0] if values else None

    def many(self, node: Node, predicate: URIRef, sequence: URIRef, field: str,
             order: Callable[[list[str]], list[str]], literals: bool = False) -> list[str]:
        """The ids (local names) of every value of ``predicate`` (with ``literals``:
        the text of every literal), in the order of the RDF list at ``sequence``
        when there is one, else in ``order``."""
        expected, what, text = (Literal, "a literal", str) if literals else (URIRef, "an IRI", local_id)
        values = list(self.g.objects(node, predicate))
        for value in values:
            if not isinstance(value, expected):
                self.problem(node, field, f"{curie(predicate)} must be {what}, found {value!r}")
        ids = [self.string(node, field, text(value)) for value in values]
        heads = list(self.g.objects(node, sequence))
        if len(heads) == 1:
            listed = [self.string(node, field, text(item)) for item in self.rdf_list(heads[0])]
            if sorted(listed) == sorted(ids):
                return listed
            self.problem(node, field, f"{curie(sequence)} lists other values than {curie(predicate)}")
        elif len(heads) > 1:
            self.problem(node, field, f"expected one {curie(sequence)}, found {len(heads)}")
        return order(ids)

    def rdf_list(self, head: Node) -> list[Node]:
        """The members of an RDF list; stops at a cycle instead of looping."""
        items: list[Node] = []
        seen: set[Node] = set()
        node: Node | None = head
        while node is not None and node != RDF.nil and node not in seen:
            seen.add(node)
            first = self.g.value(node, RDF.first)
            if first is not None:
                items.append(first)
            node = self.g.value(node, RDF.rest)
        return items

    def ordered(self, node: Node, predicate: URIRef) -> list[Node]:
        """The objects of ``predicate`` by their ``kk:position`` (unpositioned last)."""
        def position(child: Node) -> tuple[int, str]:
            value = self.g.value(child, KK.position)
            python = value.toPython() if isinstance(value, Literal) else None
            return (python if isinstance(python, int) and not isinstance(python, bool) else 1 << 30, str(child))

        return sorted(self.g.objects(node, predicate), key=position)

    # --- nodes ---------------------------------------------------------------------------
    def subjects(self, class_map: ClassMap) -> list[Node]:
        """The nodes read as ``class_map``'s kind, sorted."""
        found: set[Node] = set()
        for cls in class_map.subject_classes:
            found.update(self.g.subjects(RDF.type, cls))
        return sorted(found, key=str)

    def fields(self, class_map: ClassMap, node: Node, prefix: str = "") -> dict[str, Any]:
        """The record of ``node`` (absent and empty values left out); problems
        name fields as ``{prefix}{name}``."""
        data: dict[str, Any] = {}
        for prop in class_map.props:
            data[prop.name] = prop.value.read(self, node, prop.predicates, prefix + prop.name)
        for derived in class_map.derived:
            if derived.restore is None:
                continue
            value = derived.value.read(self, node, (derived.predicate,), prefix + derived.name)
            if value is None:
                continue
            updates, message = derived.restore(value, data)
            for key, update in updates.items():
                if data.get(key) is None:
                    data[key] = update
            if message is not None:
                self.problem(node, prefix + derived.name, message)
        return {key: value for key, value in data.items() if value is not None and value != []}

    def element(self, class_map: ClassMap, node: Node) -> tuple[dict[str, Any], dict[str, str]]:
        """The record of an element node, and where its nested parts are
        (``norm``, ``durations[0]``, …)."""
        self._locations = {}
        data = self.fields(class_map, node)
        return data, self._locations
