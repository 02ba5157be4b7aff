"""Closed vocabulary: node labels and relationship types, shared by every backend.

The networkx projection, the RDF mapping and the Cypher module use these
names and no others, so a typo fails in tests instead of silently creating a
new label.

>>> Label.HANDOFF.value
'HandOff'
>>> Rel("HANDS_OFF") is Rel.HANDS_OFF
True
>>> Rel("HANDSOFF")
Traceback (most recent call last):
...
ValueError: 'HANDSOFF' is not a valid Rel
"""

from __future__ import annotations

from enum import StrEnum

from graph.phrase import Phrase

__all__ = ["CATEGORY_NAMES", "LABEL_OF_KIND", "Category", "Label", "Rel"]


class Label(StrEnum):
    ORGANISATION = "Organisation"
    HANDOFF = "HandOff"
    INSTRUMENT = "Instrument"
    LEGAL_BASIS = "LegalBasis"
    SOURCE = "Source"
    PHASE = "Phase"
    SIGNAL = "Signal"
    OBSERVATION = "Observation"
    # Only in the Neo4j store (graph/cypher_rows.py): an element's nested parts as nodes of
    # their own, and the one node that stamps each push.
    NORM = "Norm"  # (HandOff)-[HAS_NORM]->(Norm)
    FAILURE_MODE = "FailureMode"  # (HandOff)-[HAS_FAILURE_MODE]->(FailureMode)
    DURATION = "Duration"  # (Instrument)-[HAS_DURATION]->(Duration)
    CHAIN_STAMP = "ChainStamp"  # region, data version, when and by whom it was pushed


class Rel(StrEnum):
    HANDS_OFF = "HANDS_OFF"  # (Organisation)-[:HANDS_OFF]->(HandOff)
    TO = "TO"  # (HandOff)-[:TO]->(Organisation)
    BASED_ON = "BASED_ON"  # (HandOff|Instrument)-[:BASED_ON]->(LegalBasis)
    USES = "USES"  # (HandOff)-[:USES]->(Instrument)
    REGIE_AFTER = "REGIE_AFTER"  # (HandOff)-[:REGIE_AFTER]->(Organisation)
    ESCALATES_TO = "ESCALATES_TO"  # (HandOff)-[:ESCALATES_TO]->(Organisation)
    IN_PHASE = "IN_PHASE"  # (HandOff|Instrument|Signal|Organisation)-[:IN_PHASE]->(Phase)
    APPLIED_BY = "APPLIED_BY"  # (Instrument)-[:APPLIED_BY]->(Organisation)
    ENTERS_AT = "ENTERS_AT"  # (Signal)-[:ENTERS_AT]->(Organisation)
    PART_OF = "PART_OF"  # (Organisation)-[:PART_OF]->(Organisation)
    SOURCED_FROM = "SOURCED_FROM"  # (any)-[:SOURCED_FROM]->(Source)
    ABOUT = "ABOUT"  # (Observation)-[:ABOUT]->(HandOff|Organisation)
    # Only in the Neo4j store: from an element to its nested parts.
    HAS_NORM = "HAS_NORM"  # (HandOff)-[:HAS_NORM]->(Norm)
    HAS_FAILURE_MODE = "HAS_FAILURE_MODE"  # (HandOff)-[:HAS_FAILURE_MODE]->(FailureMode)
    HAS_DURATION = "HAS_DURATION"  # (Instrument)-[:HAS_DURATION]->(Duration)


# model kind name -> node label
LABEL_OF_KIND: dict[str, Label] = {
    "organisations": Label.ORGANISATION,
    "handoffs": Label.HANDOFF,
    "instruments": Label.INSTRUMENT,
    "legal_bases": Label.LEGAL_BASIS,
    "sources": Label.SOURCE,
    "phases": Label.PHASE,
    "signals": Label.SIGNAL,
    "observations": Label.OBSERVATION,
}


class Category(StrEnum):
    """Why a case stalls at a hand-off: the closed vocabulary shared by failure modes,
    practice evidence and the Doorbraakteam register (values are the Dutch terms).

    >>> Category("regie") is Category.REGIE
    True
    >>> CATEGORY_NAMES[Category.WAITING].in_("en")
    'waiting time / capacity'
    """

    WAITING = "wachttijd-capaciteit"  # waiting lists, capacity shortage
    INFORMATION = "informatie"  # information arrives incomplete or unusable, or is lost
    LEGAL_BASIS = "grondslag"  # no or a weak legal basis to share information
    REGIE = "regie"  # nobody holds regie, also while the receiver has not started
    FEEDBACK = "terugkoppeling"  # no feedback to the sender
    ESCALATION = "escalatie"  # no route to escalate a stalled case
    ALIGNMENT = "afstemming-maatregelen"  # criminal, administrative and care measures not aligned
    REFUSAL = "weigering-geen-drang"  # help refused and no leverage
    OUTFLOW = "uitstroom"  # no way out: housing, aftercare
    EXPERTISE = "deskundigheid"  # expertise or quality of the work


CATEGORY_NAMES: dict[Category, Phrase] = {
    Category.WAITING: Phrase("wachttijd / capaciteit", "waiting time / capacity"),
    Category.INFORMATION: Phrase("informatie", "information"),
    Category.LEGAL_BASIS: Phrase("grondslag", "legal basis"),
    Category.REGIE: Phrase("regie", "regie (case ownership)"),
    Category.FEEDBACK: Phrase("terugkoppeling", "feedback"),
    Category.ESCALATION: Phrase("escalatie", "escalation"),
    Category.ALIGNMENT: Phrase("afstemming van maatregelen", "alignment of measures"),
    Category.REFUSAL: Phrase("weigering / geen drang", "refusal / no leverage"),
    Category.OUTFLOW: Phrase("uitstroom", "outflow"),
    Category.EXPERTISE: Phrase("deskundigheid", "expertise"),
}
