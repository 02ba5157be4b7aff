"""A tiny, synthetic chain for doctests and unit tests.

Five organisations, one signal, six hand-offs; built directly from the model
classes so it needs no files. Deliberately imperfect, so every gap rule has
something to find:

- ``ho-vt-lokaal-team`` has no legal basis, no norm and no regie holder;
- ``ho-lokaal-team-vt`` sends the case back (ping-pong with the one above);
- ``ho-politie-vt`` is the only way in (a bridge);
- ``ho-vt-raad`` has an observed wait over its norm (``obs-raad-wacht``), and
  while the Raad has not started, regie stays with the sender.

>>> model = toy_chain()
>>> [o.id for o in model.organisations]
['kinderrechter', 'lokaal-team', 'politie', 'raad', 'veilig-thuis']
>>> len(model.handoffs)
6
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Assessment,
    ChainModel,
    Domain,
    FailureMode,
    HandOff,
    Instrument,
    LegalBasis,
    LegalBasisKind,
    Metric,
    Norm,
    NormKind,
    NormUnit,
    Observation,
    Organisation,
    OrganisationKind,
    Passes,
    Phase,
    RegieHolder,
    Signal,
    Source,
    SourceKind,
    Status,
)
from graph.vocab import Category

__all__ = ["toy_chain"]

_SRC = ("toy-source",)


def _org(
    id: str, name: str, domain: Domain, phase: str, kind: OrganisationKind = OrganisationKind.ORGANISATION
) -> Organisation:
    return Organisation(id=id, name=name, kind=kind, domain=domain, region="toy", sources=_SRC, phases=(phase,))


def toy_chain() -> ChainModel:
    """Return the toy chain (see module docstring)."""
    sources = (
        Source(id="toy-source", kind=SourceKind.SEED, title="Synthetic example chain", file="toy"),
        Source(id="toy-law", kind=SourceKind.LAW, title="Example law", url="https://wetten.overheid.nl/BWBR0000000"),
    )
    phases = (
        Phase(id="signalering", name="Signalering", name_en="Signalling", order=1, sources=_SRC),
        Phase(id="veiligheidsbeoordeling", name="Veiligheidsbeoordeling", name_en="Safety assessment", order=2,
              sources=_SRC),
        Phase(id="hulpverlening", name="Hulpverlening", name_en="Support", order=3, sources=_SRC),
        Phase(id="jeugdbescherming", name="Jeugdbescherming", name_en="Child protection", order=4, sources=_SRC),
    )
    organisations = (
        _org("politie", "Politie", Domain.VEILIGHEID_STRAF, "signalering"),
        _org("veilig-thuis", "Veilig Thuis", Domain.ZORG, "veiligheidsbeoordeling"),
        _org("lokaal-team", "Lokaal team", Domain.ZORG, "hulpverlening"),
        _org("raad", "Raad voor de Kinderbescherming", Domain.JEUGDBESCHERMING, "jeugdbescherming"),
        _org("kinderrechter", "Kinderrechter", Domain.JEUGDBESCHERMING, "jeugdbescherming", OrganisationKind.POST),
    )
    legal_bases = (
        LegalBasis(id="wmo-4-1-1", law_name="Wmo 2015", bwb_id="BWBR0035362", article="4.1.1", sources=("toy-law",)),
        LegalBasis(id="bw1-255", law_name="Burgerlijk Wetboek Boek 1", bwb_id="BWBR0002656", article="255",
                   sources=("toy-law",)),
        LegalBasis(id="old-rule", law_name="Vervallen regeling", kind=LegalBasisKind.POLICY_RULE, sources=_SRC,
                   valid_to=dt.date(2015, 1, 1)),
    )
    instruments = (
        Instrument(id="ots", name="Ondertoezichtstelling", abbreviation="OTS", applied_by=("kinderrechter",),
                   legal_bases=("bw1-255",), phase="jeugdbescherming", sources=_SRC),
    )
    five_days = Norm(description="binnen 5 werkdagen", amount=5, unit=NormUnit.WORKING_DAYS, sources=("toy-law",))
    handoffs = (
        HandOff(id="ho-politie-vt", from_org="politie", to_org="veilig-thuis", trigger="Incident met kinderen",
                passes=(Passes.INFORMATION, Passes.CASE), phase="signalering", legal_bases=("wmo-4-1-1",),
                norm=five_days, regie_after="veilig-thuis", feedback_required=True, acceptance_required=True,
                escalation_to="raad", main_route=True, sources=_SRC),
        HandOff(id="ho-vt-lokaal-team", from_org="veilig-thuis", to_org="lokaal-team",
                trigger="Vrijwillige hulp mogelijk",
                passes=(Passes.CASE, Passes.RESPONSIBILITY), phase="hulpverlening", sources=_SRC,
                failure_modes=(FailureMode(id="uit-beeld", description="Risico's raken uit beeld na overdracht",
                                           description_en="Risks drop out of sight after the hand-off", sources=_SRC,
                                           category=Category.REGIE, period="2018/2020"),)),
        HandOff(id="ho-lokaal-team-vt", from_org="lokaal-team", to_org="veilig-thuis", trigger="Hulp lukt niet",
                passes=(Passes.CASE,), phase="hulpverlening", legal_bases=("wmo-4-1-1",), regie_after="veilig-thuis",
                feedback_required=False, sources=_SRC, status=Status.UNVERIFIED),
        HandOff(id="ho-vt-raad", from_org="veilig-thuis", to_org="raad", trigger="Hulp niet geaccepteerd",
                passes=(Passes.CASE, Passes.INFORMATION), phase="jeugdbescherming", legal_bases=("wmo-4-1-1",),
                norm=Norm(description="start onderzoek binnen 10 dagen", amount=10, unit=NormUnit.CALENDAR_DAYS,
                          kind=NormKind.AGREED, sources=_SRC),
                regie_after="raad", regie_while_waiting=RegieHolder.SENDER, regie_while_waiting_sources=("toy-source",),
                feedback_required=True, acceptance_required=True, escalation_to="kinderrechter", main_route=True,
                sources=_SRC),
        HandOff(id="ho-raad-kinderrechter", from_org="raad", to_org="kinderrechter", trigger="Verzoek OTS",
                passes=(Passes.CASE,), phase="jeugdbescherming", instrument="ots", legal_bases=("bw1-255",),
                regie_after="kinderrechter", feedback_required=True, acceptance_required=True, main_route=True,
                sources=_SRC),
        HandOff(id="ho-vt-raad-oud", from_org="veilig-thuis", to_org="raad", trigger="Oude route",
                passes=(Passes.INFORMATION,), phase="jeugdbescherming", legal_bases=("old-rule",),
                regie_after="raad", sources=_SRC, valid_to=dt.date(2015, 1, 1)),
    )
    signals = (
        Signal(id="signaal-incident", name="Politie bij huiselijk-geweldincident", enters_at="politie",
               phase="signalering", sources=_SRC),
    )
    observations = (
        Observation(id="obs-raad-wacht", about=("ho-vt-raad",), metric=Metric.MEAN_WAIT,
                    description="Gemiddeld 30 dagen tot de start van het onderzoek", period="2023", region="toy",
                    assessment=Assessment.OVER_NORM, value=30, unit=NormUnit.CALENDAR_DAYS.value,
                    categories=(Category.WAITING,), sources=_SRC),
    )
    return ChainModel(region="toy", title="Voorbeeldketen", sources=sources, phases=phases,
                      organisations=organisations, legal_bases=legal_bases, instruments=instruments,
                      handoffs=handoffs, signals=signals, observations=observations)
