"""Read a chain from Turtle into canonical records.

Reads Turtle as :func:`graph.rdf.to_rdf` writes it, and hand-written Turtle
that follows ``docs/linked-data.md``. Each element becomes one
:class:`loaders.records.Record` in the form of ``docs/data-format.md``
(``from``/``to`` for hand-offs, nested ``norm``/``failure_modes``/``durations``
dicts, lists for sources and other references), located as
``"{file}#<subject IRI>"``. Nothing is validated here beyond reading: syntax
errors and values that cannot be read become problems in the returned
:class:`~loaders.records.RecordSet`; ``loaders.build.build_model`` validates
and builds.

An element's id is the last segment of its IRI (after the last ``/`` or
``#``); a reference to an IRI no element has is kept as that id, so the
builder reports it as unknown, naming the referring subject.

Examples
--------
>>> import tempfile, pathlib
>>> ttl = '''
... @prefix kk: <https://w3id.org/ketenkaart/def#> .
... @prefix dct: <http://purl.org/dc/terms/> .
... @prefix skind: <https://w3id.org/ketenkaart/def/source-kind#> .
... <https://w3id.org/ketenkaart/id/demo> a kk:Chain ; kk:region "demo" .
... <https://w3id.org/ketenkaart/id/demo/brief> a kk:Source ;
...     dct:type skind:seed ; dct:title "Brief" .
... '''
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp) / "demo.ttl"
...     _ = path.write_text(ttl, encoding="utf-8")
...     rs = read_turtle(path)
>>> rs.region, [(r.kind, r.data) for r in rs.records]
('demo', [('sources', {'id': 'brief', 'kind': 'seed', 'title': 'Brief'})])
>>> rs.records[0].location.endswith("demo.ttl#<https://w3id.org/ketenkaart/id/demo/brief>")
True
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS
from rdflib.term import Node

from graph.errors import Problem
from graph.model import (
    Domain,
    LegalBasisKind,
    NormKind,
    NormUnit,
    OrganisationKind,
    Passes,
    SourceAuthority,
    SourceKind,
    Status,
)
from graph.rdf_vocab import (
    ELI,
    KK,
    ORG_KIND_CLASS,
    SCHEMA,
    local_id,
    member_of,
    scheme_iri,
)
from loaders.records import Record, RecordSet

__all__ = ["read_turtle", "read_turtle_graph"]

_JCI = re.compile(r"^jci1\.3:c:(?P<bwb>BWBR\d{7})(?:&artikel=(?P<article>[^&]+)(?:&lid=(?P<lid>[^&]+))?)?$")

# Region of a record set whose chain node could not be read. A problem always
# accompanies it, so it never reaches a model; it keeps the builder from adding
# a second, misleading message about region.yaml.
_UNREAD = "(unread)"

_ORG_KINDS: dict[URIRef, OrganisationKind] = {cls: kind for kind, cls in ORG_KIND_CLASS.items()}
_ORG_CLASSES = (KK.Organisation, ORG.Organization, *ORG_KIND_CLASS.values())


def read_turtle(path: Path) -> RecordSet:
    """Read a Turtle file into records.

    Parameters
    ----------
    path : pathlib.Path
        A Turtle file, e.g. written by ``ketenkaart export --format ttl``.

    Returns
    -------
    RecordSet
        One record per element, the region and title of the chain, and the
        problems met while reading (a syntax error gives one problem with its
        line and no records).
    """
    path = Path(path)
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except OSError as exc:
        return RecordSet(records=[], region=_UNREAD, problems=[Problem(str(path), "file", f"cannot read: {exc.strerror or exc}")])
    except SyntaxError as exc:  # rdflib's BadSyntax
        line = getattr(exc, "lines", None)
        why = getattr(exc, "_why", None) or str(exc).splitlines()[0]
        location = f"{path}:{line + 1}" if isinstance(line, int) else str(path)
        return RecordSet(records=[], region=_UNREAD, problems=[Problem(location, "turtle", f"syntax error: {why}")])
    except Exception as exc:  # rdflib raises plain exceptions for some malformed input
        return RecordSet(records=[], region=_UNREAD, problems=[Problem(str(path), "turtle", f"cannot parse: {exc}")])
    return read_turtle_graph(graph, str(path))


def read_turtle_graph(graph: Graph, file: str) -> RecordSet:
    """Records from an already parsed graph; ``file`` names it in locations.

    >>> from graph.examples import toy_chain
    >>> from graph.rdf import to_rdf
    >>> rs = read_turtle_graph(to_rdf(toy_chain()), "toy.ttl")
    >>> sorted({r.kind for r in rs.records})
    ['handoffs', 'instruments', 'legal_bases', 'organisations', 'phases', 'signals', 'sources']
    >>> rs.problems
    []
    """
    return _Reader(graph, file).read()


class _Reader:
    def __init__(self, graph: Graph, file: str):
        self.g = graph
        self.file = file
        self.problems: list[Problem] = []

    def where(self, node: Node) -> str:
        return f"{self.file}#<{node}>"

    def problem(self, node: Node, field: str, message: str) -> None:
        self.problems.append(Problem(self.where(node), field, message))

    # --- reading values ---------------------------------------------------
    def one(self, node: Node, prop: URIRef, field: str, lang: str | None | bool = False) -> Node | None:
        """The single value of ``prop`` (for literals in ``lang`` when given;
        ``lang=None`` means untagged or ``nl``)."""
        values = list(self.g.objects(node, prop))
        if lang is not False:
            wanted = {None, "nl"} if lang is None else {lang}
            values = [v for v in values if isinstance(v, Literal) and v.language in wanted]
        if not values:
            return None
        if len(values) > 1:
            self.problem(node, field, f"expected one value of {self.g.qname(prop)}, found {len(values)}")
            return None
        return values[0]

    def text(self, node: Node, prop: URIRef, field: str, lang: str | None | bool = False) -> str | None:
        value = self.one(node, prop, field, lang)
        return None if value is None else str(value)

    def ref(self, node: Node, prop: URIRef, field: str) -> str | None:
        value = self.one(node, prop, field)
        if value is None:
            return None
        if not isinstance(value, URIRef):
            self.problem(node, field, f"{self.g.qname(prop)} must be an IRI, found {value!r}")
            return str(value)
        return local_id(value)

    def concept(self, node: Node, prop: URIRef, field: str, enum: type[StrEnum]) -> str | None:
        value = self.one(node, prop, field)
        if value is None:
            return None
        member = member_of(enum, value) if isinstance(value, URIRef) else None
        if member is None:
            self.problem(node, field, f"{value} is not a concept of <{scheme_iri(enum)}>")
            return local_id(value)
        return member.value

    def number(self, node: Node, prop: URIRef, field: str) -> Any:
        value = self.one(node, prop, field)
        if value is None:
            return None
        python = value.toPython() if isinstance(value, Literal) else value
        if isinstance(python, bool) or not isinstance(python, (int, float, Decimal)):
            return str(value)
        return float(python) if isinstance(python, Decimal) else python

    def plain(self, node: Node, prop: URIRef, field: str) -> Any:
        """A boolean, integer or date literal as its Python value."""
        value = self.one(node, prop, field)
        if value is None:
            return None
        python = value.toPython() if isinstance(value, Literal) else value
        return str(value) if isinstance(python, Literal) or isinstance(python, Node) else python

    def literals(self, node: Node, prop: URIRef, sequence: URIRef, field: str) -> list[str]:
        """Literal values of ``prop`` in the order of ``sequence`` when given, else sorted."""
        values = [str(v) for v in self.g.objects(node, prop)]
        for value in self.g.objects(node, prop):
            if not isinstance(value, Literal):
                self.problem(node, field, f"{self.g.qname(prop)} must be a literal, found {value!r}")
        heads = list(self.g.objects(node, sequence))
        if len(heads) == 1:
            ordered = [str(item) for item in self.rdf_list(heads[0])]
            if sorted(ordered) == sorted(values):
                return ordered
            self.problem(node, field, f"{self.g.qname(sequence)} lists other values than {self.g.qname(prop)}")
        elif len(heads) > 1:
            self.problem(node, field, f"expected one {self.g.qname(sequence)}, found {len(heads)}")
        return sorted(values)

    def many(self, node: Node, prop: URIRef, sequence: URIRef | None, field: str, key=sorted) -> list:
        values = list(self.g.objects(node, prop))
        for value in values:
            if not isinstance(value, URIRef):
                self.problem(node, field, f"{self.g.qname(prop)} must be an IRI, found {value!r}")
        ids = [local_id(v) for v in values]
        if sequence is not None:
            heads = list(self.g.objects(node, sequence))
            if len(heads) == 1:
                ordered = [local_id(item) for item in self.rdf_list(heads[0])]
                if sorted(ordered) == sorted(ids):
                    return ordered
                self.problem(node, field, f"{self.g.qname(sequence)} lists other values than {self.g.qname(prop)}")
            elif len(heads) > 1:
                self.problem(node, field, f"expected one {self.g.qname(sequence)}, found {len(heads)}")
        return list(key(ids))

    # --- records -------------------------------------------------------------
    def record(self, kind: str, node: Node, data: dict[str, Any], nested: dict[str, str] | None = None) -> Record:
        clean = {key: value for key, value in data.items() if value is not None and value != []}
        location = self.where(node)
        field_locations = {key: location for key in clean}
        field_locations.update(nested or {})
        return Record(kind=kind, data=clean, location=location, field_locations=field_locations)

    def common(self, node: Node) -> dict[str, Any]:
        return {
            "sources": self.many(node, DCTERMS.source, KK.sourceSequence, "sources"),
            "status": self.concept(node, KK.status, "status", Status),
        }

    def subjects(self, *classes: URIRef) -> list[Node]:
        found: set[Node] = set()
        for cls in classes:
            found.update(self.g.subjects(RDF.type, cls))
        return sorted(found, key=str)

    def read(self) -> RecordSet:
        region, title = self.chain()
        records: list[Record] = []
        for node in self.subjects(KK.Source):
            records.append(self.source(node))
        for node in self.subjects(KK.Phase):
            records.append(self.phase(node))
        for node in self.subjects(*_ORG_CLASSES):
            records.append(self.organisation(node))
        for node in self.subjects(KK.LegalBasis):
            records.append(self.legal_basis(node))
        for node in self.subjects(KK.Instrument):
            records.append(self.instrument(node))
        for node in self.subjects(KK.HandOff):
            records.append(self.handoff(node))
        for node in self.subjects(KK.Signal):
            records.append(self.signal(node))
        if region is None:
            # already reported, naming this file
            region = _UNREAD
        return RecordSet(records=records, region=region, title=title or "", problems=self.problems)

    def chain(self) -> tuple[str | None, str | None]:
        chains = self.subjects(KK.Chain)
        if len(chains) != 1:
            self.problems.append(
                Problem(self.file, "region", f"expected one kk:Chain node with kk:region, found {len(chains)}")
            )
            return None, None
        node = chains[0]
        region = self.text(node, KK.region, "region")
        if region is None:
            self.problem(node, "region", "the chain has no kk:region")
        return region, self.text(node, DCTERMS.title, "title")

    def source(self, node: Node) -> Record:
        return self.record("sources", node, {
            "id": local_id(node),
            "kind": self.concept(node, DCTERMS.type, "kind", SourceKind),
            "title": self.text(node, DCTERMS.title, "title"),
            "url": self.text(node, SCHEMA.url, "url"),
            "file": self.text(node, KK.file, "file"),
            "date": self.text(node, DCTERMS.date, "date"),
            "publisher": self.text(node, DCTERMS.publisher, "publisher"),
            "note": self.text(node, SKOS.note, "note"),
            "authority": self.concept(node, KK.authority, "authority", SourceAuthority),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            "status": self.concept(node, KK.status, "status", Status),
        })

    def phase(self, node: Node) -> Record:
        return self.record("phases", node, {
            "id": local_id(node),
            "name": self.text(node, SKOS.prefLabel, "name", lang=None),
            "name_en": self.text(node, SKOS.prefLabel, "name_en", lang="en"),
            "order": self.plain(node, KK.order, "order"),
            "description": self.text(node, DCTERMS.description, "description", lang=None),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            **self.common(node),
        })

    def organisation(self, node: Node) -> Record:
        kinds = sorted({_ORG_KINDS[t] for t in self.g.objects(node, RDF.type) if t in _ORG_KINDS})
        kind: str | None
        if len(kinds) == 1:
            kind = kinds[0].value
        elif not kinds and (node, RDF.type, ORG.Organization) in self.g:
            kind = OrganisationKind.ORGANISATION.value
        else:
            kind = None
            found = ", ".join(k.value for k in kinds) or "none"
            self.problem(node, "kind", "expected exactly one of org:FormalOrganization, org:Post, "
                                       f"org:OrganizationalCollaboration; found {found}")
        parents = list(self.g.objects(node, ORG.subOrganizationOf)) + list(self.g.objects(node, ORG.postIn))
        part_of = None
        if len(parents) > 1:
            self.problem(node, "part_of", f"expected one org:subOrganizationOf or org:postIn, found {len(parents)}")
        elif parents:
            part_of = local_id(parents[0])
        return self.record("organisations", node, {
            "id": local_id(node),
            "name": self.text(node, SKOS.prefLabel, "name", lang=None),
            "name_en": self.text(node, SKOS.prefLabel, "name_en", lang="en"),
            "kind": kind,
            "domain": self.concept(node, ORG.classification, "domain", Domain),
            "region": self.text(node, KK.region, "region"),
            "abbreviation": self.text(node, SKOS.altLabel, "abbreviation"),
            "aliases": self.literals(node, SKOS.hiddenLabel, KK.aliasSequence, "aliases"),
            "official_id": self.text(node, ORG.identifier, "official_id"),
            "part_of": part_of,
            "phases": self.many(node, KK.phase, KK.phaseSequence, "phases"),
            "description": self.text(node, DCTERMS.description, "description", lang=None),
            "valid_from": self.plain(node, KK.validFrom, "valid_from"),
            "valid_to": self.plain(node, KK.validTo, "valid_to"),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            **self.common(node),
        })

    def legal_basis(self, node: Node) -> Record:
        identifier = self.text(node, DCTERMS.identifier, "juriconnect")
        jci = _JCI.match(identifier) if identifier else None
        bwb_id = None
        regeling = self.one(node, ELI.is_part_of, "bwb_id")
        if regeling is not None:
            bwb_id = self.text(regeling, DCTERMS.identifier, "bwb_id") or local_id(regeling)
        elif jci:
            bwb_id = jci["bwb"]
        article = self.text(node, ELI.number, "article") or (jci["article"] if jci else None)
        paragraph = self.text(node, KK.paragraph, "paragraph") or (jci["lid"] if jci else None)
        url_override = self.text(node, KK.urlOverride, "url")
        page = self.text(node, SCHEMA.url, "url")
        if url_override is None and page is not None and page != _derived_url(bwb_id, article, paragraph):
            url_override = page
        return self.record("legal_bases", node, {
            "id": local_id(node),
            "law_name": self.text(node, KK.lawName, "law_name"),
            "kind": self.concept(node, KK.legalBasisKind, "kind", LegalBasisKind),
            "bwb_id": bwb_id,
            "article": article,
            "paragraph": paragraph,
            "title": self.text(node, ELI.title, "title", lang=None),
            "celex": self.text(node, KK.celex, "celex"),
            "url": url_override,
            "valid_from": self.plain(node, ELI.first_date_entry_in_force, "valid_from"),
            "valid_to": self.plain(node, ELI.date_no_longer_in_force, "valid_to"),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            **self.common(node),
        })

    def instrument(self, node: Node) -> Record:
        durations = []
        nested: dict[str, str] = {}
        for index, child in enumerate(self.ordered(node, KK.duration)):
            nested[f"durations[{index}]"] = self.where(child)
            durations.append(self.nested({
                "label": self.text(child, RDFS.label, "durations.label", lang=None),
                "amount": self.number(child, KK.amount, "durations.amount"),
                "unit": self.concept(child, KK.unit, "durations.unit", NormUnit),
                **self.common(child),
            }))
        return self.record("instruments", node, {
            "id": local_id(node),
            "name": self.text(node, SKOS.prefLabel, "name", lang=None),
            "name_en": self.text(node, SKOS.prefLabel, "name_en", lang="en"),
            "abbreviation": self.text(node, SKOS.altLabel, "abbreviation"),
            "applied_by": self.many(node, KK.appliedBy, KK.appliedBySequence, "applied_by"),
            "legal_bases": self.many(node, KK.legalBasis, KK.legalBasisSequence, "legal_bases"),
            "phase": self.ref(node, KK.phase, "phase"),
            "durations": durations,
            "description": self.text(node, DCTERMS.description, "description", lang=None),
            "valid_from": self.plain(node, KK.validFrom, "valid_from"),
            "valid_to": self.plain(node, KK.validTo, "valid_to"),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            **self.common(node),
        }, nested)

    def handoff(self, node: Node) -> Record:
        nested: dict[str, str] = {}
        norm = None
        norm_node = self.one(node, KK.norm, "norm")
        if norm_node is not None:
            nested["norm"] = self.where(norm_node)
            norm = self.nested({
                "description": self.text(norm_node, DCTERMS.description, "norm.description", lang=None),
                "amount": self.number(norm_node, KK.amount, "norm.amount"),
                "unit": self.concept(norm_node, KK.unit, "norm.unit", NormUnit),
                "kind": self.concept(norm_node, KK.normKind, "norm.kind", NormKind),
                **self.common(norm_node),
            })
        modes = []
        for index, child in enumerate(self.ordered(node, KK.failureMode)):
            nested[f"failure_modes[{index}]"] = self.where(child)
            modes.append(self.nested({
                "id": self.text(child, DCTERMS.identifier, "failure_modes.id") or local_id(child),
                "description": self.text(child, DCTERMS.description, "failure_modes.description", lang=None),
                "description_en": self.text(child, DCTERMS.description, "failure_modes.description_en", lang="en"),
                **self.common(child),
            }))
        return self.record("handoffs", node, {
            "id": local_id(node),
            "name": self.text(node, SKOS.prefLabel, "name", lang=None),
            "name_en": self.text(node, SKOS.prefLabel, "name_en", lang="en"),
            "from": self.ref(node, KK["from"], "from"),
            "to": self.ref(node, KK.to, "to"),
            "trigger": self.text(node, KK.trigger, "trigger"),
            "passes": self.passes(node),
            "phase": self.ref(node, KK.phase, "phase"),
            "instrument": self.ref(node, KK.instrument, "instrument"),
            "legal_bases": self.many(node, KK.legalBasis, KK.legalBasisSequence, "legal_bases"),
            "norm": norm,
            "regie_after": self.ref(node, KK.regieAfter, "regie_after"),
            "feedback_required": self.plain(node, KK.feedbackRequired, "feedback_required"),
            "acceptance_required": self.plain(node, KK.acceptanceRequired, "acceptance_required"),
            "escalation_to": self.ref(node, KK.escalationTo, "escalation_to"),
            "failure_modes": modes,
            "description": self.text(node, DCTERMS.description, "description", lang=None),
            "valid_from": self.plain(node, KK.validFrom, "valid_from"),
            "valid_to": self.plain(node, KK.validTo, "valid_to"),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            **self.common(node),
        }, nested)

    def signal(self, node: Node) -> Record:
        return self.record("signals", node, {
            "id": local_id(node),
            "name": self.text(node, SKOS.prefLabel, "name", lang=None),
            "name_en": self.text(node, SKOS.prefLabel, "name_en", lang="en"),
            "enters_at": self.ref(node, KK.entersAt, "enters_at"),
            "phase": self.ref(node, KK.phase, "phase"),
            "description": self.text(node, DCTERMS.description, "description", lang=None),
            "last_checked": self.plain(node, KK.lastChecked, "last_checked"),
            **self.common(node),
        })

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

    # --- helpers for nested nodes -------------------------------------------
    @staticmethod
    def nested(data: dict[str, Any]) -> dict[str, Any]:
        return {key: value for key, value in data.items() if value is not None and value != []}

    def ordered(self, node: Node, prop: URIRef) -> list[Node]:
        children = list(self.g.objects(node, prop))

        def position(child: Node) -> tuple[int, str]:
            value = self.g.value(child, KK.position)
            python = value.toPython() if isinstance(value, Literal) else None
            return (python if isinstance(python, int) and not isinstance(python, bool) else 1 << 30, str(child))

        return sorted(children, key=position)

    def passes(self, node: Node) -> list[str]:
        order = {member.value: index for index, member in enumerate(Passes)}
        return self.many(node, KK.passes, KK.passesSequence, "passes",
                         key=lambda values: sorted(values, key=lambda v: (order.get(v, len(order)), v)))


def _derived_url(bwb_id: str | None, article: str | None, paragraph: str | None) -> str | None:
    if not bwb_id:
        return None
    ref = f"jci1.3:c:{bwb_id}"
    if article:
        ref += f"&artikel={article}"
        if paragraph:
            ref += f"&lid={paragraph}"
    return f"https://wetten.overheid.nl/{ref}"

