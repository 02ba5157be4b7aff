"""The RDF vocabulary of ketenkaart: namespaces, the closed ``kk`` terms and
the SKOS concepts that stand for the model's enumerations.

``KK`` is a closed :class:`rdflib.namespace.DefinedNamespace`: a misspelled
term raises instead of silently minting a new IRI.

>>> KK.HandOff
rdflib.term.URIRef('https://w3id.org/ketenkaart/def#HandOff')
>>> KK["from"]
rdflib.term.URIRef('https://w3id.org/ketenkaart/def#from')
>>> KK.handoff
Traceback (most recent call last):
...
AttributeError: term 'handoff' not in namespace 'https://w3id.org/ketenkaart/def#'

Enumeration values are SKOS concepts in one concept scheme per enumeration:

>>> from graph.model import NormUnit
>>> concept(NormUnit.WORKING_DAYS)
rdflib.term.URIRef('https://w3id.org/ketenkaart/def/norm-unit#working-days')
>>> member_of(NormUnit, concept(NormUnit.WORKING_DAYS)) is NormUnit.WORKING_DAYS
True
"""

from __future__ import annotations

from enum import StrEnum

from rdflib import URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
    DefinedNamespace,
    Namespace,
)
from rdflib.term import Node

from graph.model import (
    Assessment,
    Domain,
    LegalBasisKind,
    Metric,
    NormKind,
    NormUnit,
    OrganisationKind,
    Passes,
    RegieHolder,
    SourceAuthority,
    SourceKind,
    Status,
)
from graph.text import LEGAL_BASIS_KIND_NAMES
from graph.vocab import CATEGORY_NAMES, Category

__all__ = [
    "CONCEPT_LABELS",
    "DCAT",
    "ELI",
    "KK",
    "KK_DEF",
    "KK_ID",
    "ORG_KIND_CLASS",
    "PREFIXES",
    "SCHEMA",
    "SCHEMES",
    "SH",
    "concept",
    "curie",
    "dataset_iri",
    "element_iri",
    "local_id",
    "member_of",
    "phase_scheme_iri",
    "regeling_iri",
    "scheme_iri",
]

KK_DEF = "https://w3id.org/ketenkaart/def#"
KK_ID = "https://w3id.org/ketenkaart/id/"
_SCHEME_BASE = "https://w3id.org/ketenkaart/def/"

ELI = Namespace("http://data.europa.eu/eli/ontology#")
SCHEMA = Namespace("https://schema.org/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SH = Namespace("http://www.w3.org/ns/shacl#")


class KK(DefinedNamespace):
    """Terms the reused standards (ORG, ELI, PROV-O, SKOS, DCTERMS) lack."""

    _NS = Namespace(KK_DEF)
    _fail = True

    # classes
    Chain: URIRef  # the dataset: one region's chain
    Source: URIRef
    Phase: URIRef
    Organisation: URIRef
    LegalBasis: URIRef
    Instrument: URIRef
    Duration: URIRef
    HandOff: URIRef
    Norm: URIRef
    FailureMode: URIRef
    Signal: URIRef
    Observation: URIRef

    # dataset and shared properties
    region: URIRef
    status: URIRef
    phase: URIRef
    validFrom: URIRef
    validTo: URIRef
    lastChecked: URIRef  # the day the element or source was last checked
    position: URIRef  # order of a nested node (duration, failure mode) in its list

    # sources
    file: URIRef
    authority: URIRef  # how authoritative a source is (a source-authority concept)

    # organisations
    aliasSequence: URIRef  # the order of skos:hiddenLabel aliases, when not sorted

    # phases
    order: URIRef

    # legal bases
    lawName: URIRef
    legalBasisKind: URIRef
    paragraph: URIRef
    celex: URIRef
    urlOverride: URIRef

    # instruments
    appliedBy: URIRef
    legalBasis: URIRef
    duration: URIRef
    amount: URIRef
    unit: URIRef

    # hand-offs
    to: URIRef
    trigger: URIRef
    passes: URIRef
    instrument: URIRef
    norm: URIRef
    normKind: URIRef
    regieAfter: URIRef
    feedbackRequired: URIRef
    acceptanceRequired: URIRef
    escalationTo: URIRef
    failureMode: URIRef
    category: URIRef  # a failure mode's or an observation's category (closed vocabulary)
    regieWhileWaiting: URIRef
    regieWhileWaitingSource: URIRef
    mainRoute: URIRef
    # observations
    about: URIRef
    metric: URIRef
    assessment: URIRef
    value: URIRef
    valueMax: URIRef
    lowerBound: URIRef
    unitLabel: URIRef

    # signals
    entersAt: URIRef

    # explicit order of a multi-valued property, written only when the model's
    # order is not the canonical (sorted) one
    sourceSequence: URIRef
    passesSequence: URIRef
    appliedBySequence: URIRef
    legalBasisSequence: URIRef
    phaseSequence: URIRef
    aboutSequence: URIRef
    categorySequence: URIRef
    regieWhileWaitingSourceSequence: URIRef

    # `from` is a Python keyword: declared here so KK["from"] resolves.
    __annotations__["from"] = URIRef


PREFIXES: dict[str, str] = {
    "kk": KK_DEF,
    "org": str(ORG),
    "eli": str(ELI),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dct": str(DCTERMS),
    "schema": str(SCHEMA),
    "dcat": str(DCAT),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    # the concept schemes of the enumerations
    "status": f"{_SCHEME_BASE}status#",
    "skind": f"{_SCHEME_BASE}source-kind#",
    "sauth": f"{_SCHEME_BASE}source-authority#",
    "domain": f"{_SCHEME_BASE}domain#",
    "passes": f"{_SCHEME_BASE}passes#",
    "unit": f"{_SCHEME_BASE}norm-unit#",
    "nkind": f"{_SCHEME_BASE}norm-kind#",
    "lbkind": f"{_SCHEME_BASE}legal-basis-kind#",
    "cat": f"{_SCHEME_BASE}category#",
    "regie": f"{_SCHEME_BASE}regie-holder#",
    "metric": f"{_SCHEME_BASE}metric#",
    "assess": f"{_SCHEME_BASE}assessment#",
}

# enumeration -> concept scheme slug
SCHEMES: dict[type[StrEnum], str] = {
    Status: "status",
    SourceKind: "source-kind",
    SourceAuthority: "source-authority",
    Domain: "domain",
    Passes: "passes",
    NormUnit: "norm-unit",
    NormKind: "norm-kind",
    LegalBasisKind: "legal-basis-kind",
    Category: "category",
    RegieHolder: "regie-holder",
    Metric: "metric",
    Assessment: "assessment",
}

# (Dutch, English) preferred labels of every concept
CONCEPT_LABELS: dict[StrEnum, tuple[str, str]] = {
    Status.VERIFIED: ("geverifieerd", "verified"),
    Status.UNVERIFIED: ("niet geverifieerd", "unverified"),
    SourceKind.SEED: ("basisdocument", "seed document"),
    SourceKind.LAW: ("wettekst", "law text"),
    SourceKind.CASE_LAW: ("jurisprudentie", "case law"),
    SourceKind.REPORT: ("rapport", "report"),
    SourceKind.POLICY: ("beleidsdocument", "policy document"),
    SourceKind.NEWS: ("nieuwsbericht", "news item"),
    SourceKind.WEB: ("webpagina", "web page"),
    SourceAuthority.OFFICIAL: ("officiële publicatie", "official publication"),
    SourceAuthority.COURT_RULING: ("rechterlijke uitspraak", "court ruling"),
    SourceAuthority.REPORT: ("inspectie- of onderzoeksrapport", "inspection or research report"),
    SourceAuthority.OWN_PAGE: ("eigen pagina van de organisatie", "organisation's own page"),
    SourceAuthority.SECONDARY_COPY: ("secundaire kopie", "secondary copy"),
    SourceAuthority.NEWS: ("nieuws", "news"),
    Domain.ZORG: ("zorg", "care"),
    Domain.VEILIGHEID_STRAF: ("veiligheid en straf", "safety and criminal justice"),
    Domain.BESTUUR: ("bestuur", "public administration"),
    Domain.JEUGDBESCHERMING: ("jeugdbescherming", "child protection"),
    Passes.INFORMATION: ("informatie", "information"),
    Passes.CASE: ("casus", "case"),
    Passes.RESPONSIBILITY: ("verantwoordelijkheid", "responsibility"),
    NormUnit.HOURS: ("uren", "hours"),
    NormUnit.CALENDAR_DAYS: ("kalenderdagen", "calendar days"),
    NormUnit.WORKING_DAYS: ("werkdagen", "working days"),
    NormUnit.WEEKS: ("weken", "weeks"),
    NormUnit.MONTHS: ("maanden", "months"),
    NormKind.STATUTORY: ("wettelijke norm", "statutory norm"),
    NormKind.AGREED: ("afgesproken norm", "agreed norm"),
    NormKind.PRACTICE: ("praktijk", "practice"),
    **{kind: (name.nl, name.en) for kind, name in LEGAL_BASIS_KIND_NAMES.items()},
    **{category: (name.nl, name.en) for category, name in CATEGORY_NAMES.items()},
    RegieHolder.SENDER: ("verzender", "sender"),
    RegieHolder.RECEIVER: ("ontvanger", "receiver"),
    RegieHolder.UNCLEAR: ("onduidelijk", "unclear"),
    Metric.MEDIAN_WAIT: ("mediane wachttijd", "median wait"),
    Metric.P90_WAIT: ("wachttijd (90e percentiel)", "wait (90th percentile)"),
    Metric.MEAN_WAIT: ("gemiddelde wachttijd", "mean wait"),
    Metric.WAITING_LIST: ("wachtlijst", "waiting list"),
    Metric.SHARE_WITHIN_NORM: ("aandeel binnen de norm", "share within the norm"),
    Metric.ORGANISATIONS_MEETING_NORM: ("organisaties die de norm halen", "organisations meeting the norm"),
    Metric.LATE_VOLUME: ("aantal te laat of zonder plek", "number late or without a place"),
    Metric.CAPACITY: ("capaciteit", "capacity"),
    Metric.OCCUPANCY: ("bezetting", "occupancy"),
    Metric.MEAN_STAY: ("gemiddelde verblijfsduur", "mean length of stay"),
    Metric.VOLUME: ("aantal", "volume"),
    Metric.SHARE: ("aandeel", "share"),
    Metric.FINDING: ("bevinding", "finding"),
    Assessment.OVER_NORM: ("boven de norm", "over the norm"),
    Assessment.WAITING_LIST: ("wachtlijst of tekort", "waiting list or shortage"),
    Assessment.PROBLEM: ("knelpunt", "problem"),
    Assessment.WITHIN_NORM: ("binnen de norm", "within the norm"),
    Assessment.CONTEXT: ("context", "context"),
}

# Organisation.kind is carried by the W3C ORG class of the node (a member of
# the family, kind person, by prov:Person).
ORG_KIND_CLASS: dict[OrganisationKind, URIRef] = {
    OrganisationKind.ORGANISATION: ORG.FormalOrganization,
    OrganisationKind.POST: ORG.Post,
    OrganisationKind.COLLABORATION: ORG.OrganizationalCollaboration,
    OrganisationKind.PERSON: PROV.Person,
}


def dataset_iri(region: str) -> URIRef:
    """The IRI of a region's chain (the dataset node).

    >>> dataset_iri("haaglanden")
    rdflib.term.URIRef('https://w3id.org/ketenkaart/id/haaglanden')
    """
    return URIRef(KK_ID + region)


def element_iri(region: str, element_id: str) -> URIRef:
    """The IRI of an element.

    >>> element_iri("haaglanden", "politie")
    rdflib.term.URIRef('https://w3id.org/ketenkaart/id/haaglanden/politie')
    """
    return URIRef(f"{KK_ID}{region}/{element_id}")


def phase_scheme_iri(region: str) -> URIRef:
    """The SKOS concept scheme that holds a region's phases.

    >>> phase_scheme_iri("haaglanden")
    rdflib.term.URIRef('https://w3id.org/ketenkaart/id/haaglanden#phases')
    """
    return URIRef(f"{dataset_iri(region)}#phases")


def regeling_iri(bwb_id: str) -> URIRef:
    """The IRI of a whole regeling on wetten.overheid.nl.

    >>> regeling_iri("BWBR0024649")
    rdflib.term.URIRef('https://wetten.overheid.nl/BWBR0024649')
    """
    return URIRef(f"https://wetten.overheid.nl/{bwb_id}")


def scheme_iri(enum: type[StrEnum]) -> URIRef:
    """The SKOS concept scheme of an enumeration."""
    return URIRef(_SCHEME_BASE + SCHEMES[enum])


def concept(member: StrEnum) -> URIRef:
    """The SKOS concept of an enumeration value."""
    return URIRef(f"{scheme_iri(type(member))}#{member.value}")


def member_of(enum: type[StrEnum], iri: URIRef) -> StrEnum | None:
    """The enumeration value a concept IRI stands for, or None."""
    prefix = f"{scheme_iri(enum)}#"
    text = str(iri)
    if not text.startswith(prefix):
        return None
    try:
        return enum(text[len(prefix):])
    except ValueError:
        return None


def local_id(iri: Node | str) -> str:
    """The element id an IRI names: the part after the last ``/`` or ``#``.

    >>> local_id("https://w3id.org/ketenkaart/id/haaglanden/politie")
    'politie'
    """
    text = str(iri)
    cut = max(text.rfind("/"), text.rfind("#"))
    return text[cut + 1:]


def curie(iri: str) -> str:
    """``iri`` in the project's prefixed form, whatever prefixes a file bound;
    ``<iri>`` when no prefix covers it.

    >>> curie(KK.trigger), curie(DCTERMS.source), curie("https://example.org/x")
    ('kk:trigger', 'dct:source', '<https://example.org/x>')
    """
    text = str(iri)
    matches = [(len(ns), prefix) for prefix, ns in PREFIXES.items() if text.startswith(ns)]
    if matches:
        length, prefix = max(matches)
        local = text[length:]
        if local and not any(c in local for c in "/#?"):
            return f"{prefix}:{local}"
    return f"<{text}>"
