"""Issue 11 on the shipped Haaglanden data: each corrected fact pinned to its source,
the chain complete (the criminal route through the OM and the strafrechter, the
family as actors, every organisation in a hand-off), the chain as it stood on
1 January 2012, aliases, source authority and last_checked.

A pinned fact names the element, the field (``norm.amount`` for a nested part),
the value and the source that says it; the source must be cited by that element
(or part, or the legal basis in question) and be official or primary.
"""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from graph.model import ChainModel, OrganisationKind, SourceAuthority, Status
from graph.settings import default_data_dir
from loaders.load import load_model
from loaders.resources import GLOSSARY, builtin_path
from queries.asof import as_of
from queries.routes import routes
from queries.sources import unchecked_since
from tests.test_haaglanden_data import _facts

TODAY = dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def model() -> ChainModel:
    return load_model(default_data_dir())


# (element, field, value, source). A tuple field passes when it contains the value;
# "~" before a value means "the text contains it". For legal_bases the source is the
# legal basis's own.
CORRECTED_FACTS = [
    # who supervises special conditions, on which article, and when supervision starts
    ("rechter-bijzondere-voorwaarden-reclassering", "from_org", "strafrechter", "stb-2012-5"),
    ("rechter-bijzondere-voorwaarden-reclassering", "regie_after", "openbaar-ministerie", "stb-2012-5"),
    ("rechter-bijzondere-voorwaarden-reclassering", "legal_bases", "sr-14d", "stb-2012-5"),
    ("rechter-bijzondere-voorwaarden-reclassering", "norm.amount", 30, "stb-2012-5"),
    ("rechter-bijzondere-voorwaarden-reclassering", "norm.kind", "statutory", "stb-2012-5"),
    ("bijzondere-voorwaarden-reclasseringstoezicht", "applied_by", "strafrechter", "stb-2012-5"),
    # police data: regular provision to listed recipients (Wpg 18 lid 1 + Bpg 4:2) vs ad hoc (19)
    ("politie-zorgmelding-vt", "legal_bases", "wpg-art-18-lid-1-bpg", "stb-2011-412-bpg"),
    ("politie-slachtofferhulp", "legal_bases", "wpg-art-18-lid-1-bpg", "stb-2007-550-bpg"),
    # the ZVH casusoverleg under the WGS (in force 1-3-2025)
    ("politie-casusoverleg-vhh", "legal_bases", "wgs", "rijksoverheid-wgs-2024"),
    ("vt-casusoverleg-vhh", "legal_bases", "wgs", "rijksoverheid-wgs-2024"),
    ("casusoverleg", "legal_bases", "wgs", "rijksoverheid-wgs-2024"),
    ("wgs", "valid_from", dt.date(2025, 3, 1), "rijksoverheid-wgs-2024"),
    # BW 1:305 repealed: the GI informs the Raad under 1:265j/k
    ("gi-mededeling-plaatsing-rvdk", "legal_bases", "bw1-265j", "tekst-bw1-265j"),
    ("gi-mededeling-plaatsing-rvdk", "legal_bases", "bw1-265k", "tekst-bw1-265k"),
    ("gi-mededeling-plaatsing-rvdk", "norm.amount", 2, "tekst-bw1-265j"),
    # BW 1:265b without the college decision
    ("bw1-265b", "title", "~geen besluit van het college meer nodig", "tekst-bw1-265b"),
    ("college-besluit-muhp-rvdk", "valid_to", dt.date(2025, 7, 5), "tekst-bw1-265b"),
    ("machtiging-uithuisplaatsing", "legal_bases", "bw1-265c", "tekst-bw1-265c"),
    # Veilig Thuis's statutory terms as norms
    ("professional-melding-vt", "norm.amount", 5, "igj-wachttijden-vt-2023"),
    ("professional-melding-vt", "norm.description", "~Uitvoeringsbesluit Wmo 2015", "tekst-wmo-4-1-1"),
    ("vt-overdracht-na-onderzoek", "norm.amount", 10, "igj-wachttijden-vt-2023"),
    ("vt-overdracht-na-onderzoek", "norm.kind", "statutory", "igj-wachttijden-vt-2023"),
    ("vt-terugkoppeling-melder", "norm.kind", "statutory", "tekst-wmo-4-1-1"),
    ("wmo-2015-art-4-1-1", "status", "verified", "tekst-wmo-4-1-1"),
    ("wmo-2015-art-2-1-1", "title", "~Het gemeentebestuur draagt zorg", "tekst-wmo-2-1-1"),
    ("vt-informeert-om", "legal_bases", "wmo-2015-art-4-1-1", "tekst-wmo-4-1-1"),
    ("vt-hulpacceptatie-om", "legal_bases", "wmo-2015-art-4-1-1", "tekst-wmo-4-1-1"),
    # current legal names and renames since 2017
    ("jeugdbescherming-west", "name", "Stichting Jeugdbescherming west Haaglanden", "rbdha-2018-8143"),
    ("jeugdbescherming-west", "abbreviation", "JBw", "rbdha-2025-13486"),
    (
        "veilig-thuis-haaglanden",
        "description",
        "~Gemeenschappelijke regeling Gemeentelijke Gezondheidsdienst Haaglanden en Veilig Thuis",
        "stcrt-2017-75595-gr-ggd-vt",
    ),
    (
        "raad-voor-de-kinderbescherming",
        "aliases",
        "Raad voor de Kinderbescherming, Regio Haaglanden",
        "rbdha-2015-9328",
    ),
    ("kinderrechter", "aliases", "team Jeugd- en Zorgrecht", "rbdha-2020-5245"),
    # the CIT works 24/7 and voluntarily
    ("crisisinterventieteam", "description", "~dag en nacht (7x24 uur)", "jbw-cit"),
    ("crisisinterventieteam", "description", "~vrijwillige basis", "jbw-cit"),
    ("acute-crisis-buiten-kantoortijd", "description", "~dag en nacht", "jbw-cit"),
    # the Doorbraakteam does not take over regie; members, minister, raadscommissie
    ("escalatie-politie-doorbraakteam", "regie_after", "politie", "seed-brief-burgemeester-2018"),
    ("escalatie-gi-doorbraakteam", "regie_after", "jeugdbescherming-west", "seed-brief-burgemeester-2018"),
    ("escalatie-rvdk-doorbraakteam", "from_org", "raad-voor-de-kinderbescherming", "seed-brief-burgemeester-2018"),
    ("escalatie-cit-doorbraakteam", "from_org", "crisisinterventieteam", "seed-brief-burgemeester-2018"),
    ("escalatie-vhh-doorbraakteam", "from_org", "veiligheidshuis-haaglanden", "seed-brief-burgemeester-2018"),
    ("doorbraakteam-minister-vws", "to_org", "minister-vws", "seed-brief-burgemeester-2018"),
    ("doorbraakteam-rapportage-raadscommissie", "to_org", "raadscommissie-den-haag", "seed-brief-burgemeester-2018"),
    (
        "doorbraakteam-huiselijk-geweld",
        "description",
        "~de casus blijft bij de partner",
        "seed-brief-burgemeester-2018",
    ),
    # VT advice on extending a huisverbod is practice
    ("vt-advies-verlenging-huisverbod", "norm.kind", "practice", "rn-huisverbod-corona"),
    # the Raad's 10-day start norm was 2019; no current day norm is published
    ("vt-verzoek-onderzoek-rvdk", "norm.amount", None, "rvdk-wachttijden"),
    (
        "vt-verzoek-onderzoek-rvdk",
        "norm.description",
        "~In 2019 gold een norm van 10 dagen",
        "inspectie-wachtlijst-rvdk-2019",
    ),
    # meldcode decree amended (afwegingskader 2019); Handelingsprotocol VT 2019
    ("besluit-verplichte-meldcode", "title", "~gewijzigd met ingang van 1-1-2019", "stcrt-2017-46221-meldcode"),
    ("handelingsprotocol-veilig-thuis-2019", "valid_from", dt.date(2019, 1, 1), "vtzeeland-handelingsprotocol-2019"),
    ("veiligheidsbeoordeling", "description", "~Handelingsprotocol 2019", "vtzeeland-handelingsprotocol-2019"),
    # exchange bases that were empty or weak
    ("lokaal-team-inlichtingen-gi", "legal_bases", "jeugdwet-art-7-3-11", "tekst-jeugdwet-7-3-11"),
    ("om-slachtofferhulp", "legal_bases", "wjsg-art-39f", "tekst-wjsg-39f"),
    ("om-slachtofferhulp", "legal_bases", "om-aanwijzing-wjsg-2018a003", "om-aanwijzing-hgkm-2022a001-pagina"),
    ("reclassering-casusoverleg-vhh", "legal_bases", "avg-art-10", "eurlex-avg"),
    (
        "om-adviesaanvraag-reclassering",
        "legal_bases",
        "reclasseringsregeling-1995-art-8",
        "stb-2017-220-reclasseringsregeling",
    ),
    # links no longer pinned to a stale (2021) or future (2027) version
    ("tekst-jeugdwet", "url", "https://wetten.overheid.nl/BWBR0034925", "tekst-jeugdwet"),
    ("tekst-besluit-jeugdwet", "url", "https://wetten.overheid.nl/BWBR0035779", "tekst-besluit-jeugdwet"),
    (
        "tekst-wpg-machtigingsbesluit-2021",
        "url",
        "https://wetten.overheid.nl/BWBR0045999",
        "tekst-wpg-machtigingsbesluit-2021",
    ),
    # the huisverbod: appeal by the person barred, at the bestuursrechter; begeleiding by the RN team
    ("huisverbod-beroep-bestuursrechter", "from_org", "uithuisgeplaatste", "rvs-2021-820"),
    ("huisverbod-beroep-bestuursrechter", "to_org", "bestuursrechter", "rvs-2021-820"),
    ("huisverbod-begeleiding-reclassering", "to_org", "reclassering-team-huisverboden", "rn-huisverbod-ellen"),
    ("huisverbod-begeleiding-reclassering", "regie_after", "burgemeester-den-haag", "rn-huisverbod-corona"),
    # validity
    ("veilig-thuis-haaglanden", "valid_from", dt.date(2015, 1, 1), "seed-notitie-politie-2018"),
    ("doorbraakteam-huiselijk-geweld", "valid_from", dt.date(2018, 1, 1), "seed-brief-burgemeester-2018"),
    # context a 2026 policy maker expects
    (
        "regiovisie-aanpak-huiselijk-geweld-haaglanden",
        "title",
        "~verlengd tot uiterlijk 2026",
        "meldcodehaaglanden-regiovisie",
    ),
    (
        "regiovisie-aanpak-huiselijk-geweld-haaglanden",
        "title",
        "~regiovisie Jeugdhulp Haaglanden",
        "meldcodehaaglanden-regiovisie",
    ),
    (
        "toekomstscenario-kind-en-gezinsbescherming",
        "valid_from",
        dt.date(2021, 3, 30),
        "huiselijkgeweld-kamerbrief-toekomstscenario-2021",
    ),
    (
        "wet-verbetering-beschikbaarheid-jeugdzorg",
        "url",
        "https://zoek.officielebekendmakingen.nl/dossier/kst-36546-6.html",
        "kst-36546",
    ),
]


def _value(element, field: str):
    if "." in field:
        part, attr = field.split(".", 1)
        return getattr(getattr(element, part), attr)
    value = getattr(element, field)
    return value.value if hasattr(value, "value") else value


def _cited_by(model: ChainModel, element, field: str, expected: object) -> tuple[str, ...]:
    if field == "legal_bases":
        assert isinstance(expected, str)
        return model.legal_basis(expected).sources
    if field.startswith("norm."):
        return element.norm.sources
    return element.sources


@pytest.mark.parametrize("element_id, field, expected, source_id", CORRECTED_FACTS,
                         ids=[f"{e}.{f}" for e, f, _, _ in CORRECTED_FACTS])
def test_a_corrected_fact_is_in_the_data_and_rests_on_an_official_or_primary_source(model, element_id, field, expected,
                                                                                    source_id):
    element = model.get(element_id)
    value = _value(element, field)
    if isinstance(expected, str) and expected.startswith("~"):
        assert expected[1:] in (value or ""), (element_id, field, value)
    elif isinstance(value, tuple):
        assert expected in value, (element_id, field, value)
    else:
        if hasattr(value, "value"):
            value = value.value
        assert value == expected, (element_id, field, value)
    source = model.source(source_id)
    if model.kind_of(element_id) != "sources":
        assert source_id in _cited_by(model, element, field, expected), (element_id, field, source_id)
    assert source.authority is not None and source.authority.verifies, (source_id, source.authority)


def test_the_repealed_and_the_wrong_are_gone(model):
    assert "bw1-305" not in model.index  # repealed 01-08-2016
    assert "wpg-verstrekking" not in model.index  # split into art. 18 lid 1 (with the Bpg), 19 and 20
    assert "rechtbank-den-haag" not in model.index  # three posts instead
    assert not any(m.id == "collegebesluit-ontbreekt" for h in model.handoffs for m in h.failure_modes)
    assert all(
        d.label != "start onderzoek Raad binnen (norm)" for d in model.instrument("verzoek-tot-onderzoek").durations
    )
    assert "tekst-besluit-jeugdwet" not in model.legal_basis("wmo-2015-art-4-1-1").sources
    for h in model.handoffs:
        if h.to_org == "doorbraakteam-huiselijk-geweld":
            assert h.regie_after == h.from_org, h.id  # the case stays with the partner


# --- the chain complete -----------------------------------------------------------


def test_a_police_call_out_reaches_bijzondere_voorwaarden_through_the_om_and_the_strafrechter(model):
    best = routes(model, "politie-bij-huiselijk-geweldincident", "bijzondere-voorwaarden-reclasseringstoezicht")[0]
    assert best.organisations == ("politie", "openbaar-ministerie", "strafrechter", "reclassering")
    assert [s.handoff for s in best.steps] == [
        "politie-pv-om", "om-dagvaarding-strafrechter", "rechter-bijzondere-voorwaarden-reclassering"]
    for route in routes(model, "politie-bij-huiselijk-geweldincident", "bijzondere-voorwaarden-reclasseringstoezicht",
                        limit=None):
        assert "bestuursrechter" not in route.organisations, route.organisations
        assert "openbaar-ministerie" in route.organisations and "strafrechter" in route.organisations


def test_the_bestuursrechter_is_only_on_the_huisverbod_appeal(model):
    touching = {h.id for h in model.handoffs if "bestuursrechter" in (h.from_org, h.to_org)}
    assert touching == {"huisverbod-beroep-bestuursrechter"}


def test_every_organisation_is_in_at_least_one_handoff(model):
    in_handoffs = {org for h in model.handoffs for org in (h.from_org, h.to_org)}
    assert [o.id for o in model.organisations if o.id not in in_handoffs] == []
    for former in (
        "school",
        "huisarts",
        "gemeente-den-haag-ocw",
        "gemeente-den-haag-szw",
        "gemeente-den-haag-bestuursdienst",
    ):
        assert former not in model.index or former in in_handoffs, former


MISSING_HANDOFFS = {  # issue 11: hand-off id -> (from, to)
    "huisverbod-begeleiding-reclassering": ("burgemeester-den-haag", "reclassering-team-huisverboden"),
    "team-huisverboden-verslag-crisisteam": ("reclassering-team-huisverboden", "crisisteam-huisverbod"),
    "vt-terugkoppeling-politie-zorgmelding": ("veilig-thuis-haaglanden", "politie"),
    "uithuisgeplaatste-onderdak-daklozenopvang": ("uithuisgeplaatste", "daklozenopvang-den-haag"),
    "wijkteam-verzoek-onderzoek-rvdk": ("jeugd-en-wijkteams", "raad-voor-de-kinderbescherming"),
    "rvdk-spoedverzoek-vots-muhp": ("raad-voor-de-kinderbescherming", "kinderrechter"),
    "volwassenen-ggz-melding-vt": ("volwassenen-ggz", "veilig-thuis-haaglanden"),
    "reclassering-melding-vt": ("reclassering", "veilig-thuis-haaglanden"),
    "huisarts-verwijzing-de-waag": ("huisarts", "de-waag"),
    "vrouwenopvang-uitstroom-woning": ("vrouwenopvang-den-haag", "gemeente-den-haag"),
    "om-informeert-slachtoffer-vrijlating": ("openbaar-ministerie", "slachtoffer-achterblijver"),
    "om-dagvaarding-strafrechter": ("openbaar-ministerie", "strafrechter"),
    "strafrechter-vonnis-om": ("strafrechter", "openbaar-ministerie"),
    "om-vordering-tenuitvoerlegging": ("openbaar-ministerie", "strafrechter"),
}


@pytest.mark.parametrize("handoff_id", sorted(MISSING_HANDOFFS))
def test_the_missing_handoffs_of_the_issue_are_in_the_chain(model, handoff_id):
    ho = model.handoff(handoff_id)
    assert (ho.from_org, ho.to_org) == MISSING_HANDOFFS[handoff_id]
    assert ho.sources and ho.last_checked == TODAY
    if ho.status is Status.UNVERIFIED:
        assert ho.description and "niet" in ho.description, handoff_id  # it says what was not found


def test_the_family_are_actors_that_handoffs_go_to_and_come_from(model):
    family = {o.id for o in model.organisations if o.kind is OrganisationKind.PERSON}
    assert family == {"slachtoffer-achterblijver", "kind", "uithuisgeplaatste"}
    for person in family:
        assert any(h.to_org == person for h in model.handoffs), person
    assert any(h.from_org in family for h in model.handoffs)


def test_context_elements_have_status_and_dates(model):
    for lb_id in ("regiovisie-aanpak-huiselijk-geweld-haaglanden", "toekomstscenario-kind-en-gezinsbescherming",
                  "wet-verbetering-beschikbaarheid-jeugdzorg", "wgs", "handelingsprotocol-veilig-thuis-2019"):
        basis = model.legal_basis(lb_id)
        assert basis.valid_from is not None and basis.title, lb_id
    # the in-force date of the Wet verbetering beschikbaarheid jeugdzorg is only in the news
    assert model.legal_basis("wet-verbetering-beschikbaarheid-jeugdzorg").status is Status.UNVERIFIED


# --- validity ------------------------------------------------------------------------


def test_the_chain_as_on_1_january_2012_has_no_veilig_thuis_and_no_doorbraakteam(model):
    then = as_of(model, dt.date(2012, 1, 1))
    for gone in ("veilig-thuis-haaglanden", "doorbraakteam-huiselijk-geweld", "mda-plus-plus-haaglanden", "wgs",
                 "wmo-2015-art-4-1-1", "college-besluit-muhp-rvdk"):
        assert gone not in then.index, gone
    assert not [h.id for h in then.handoffs if "veilig-thuis-haaglanden" in (h.from_org, h.to_org)]
    assert not [h.id for h in then.handoffs if h.to_org == "doorbraakteam-huiselijk-geweld"]
    # the huisverbod (2009) and the criminal route were there
    assert "huisverbod" in then.index and "rechter-bijzondere-voorwaarden-reclassering" in then.index
    assert routes(then, "politie-bij-huiselijk-geweldincident", "bijzondere-voorwaarden-reclasseringstoezicht")


def test_today_veilig_thuis_and_the_doorbraakteam_are_there_and_the_college_decision_is_not(model):
    now = as_of(model, TODAY)
    assert {"veilig-thuis-haaglanden", "doorbraakteam-huiselijk-geweld"} <= set(now.index)
    assert "college-besluit-muhp-rvdk" not in now.index
    assert "college-besluit-muhp-rvdk" in as_of(model, dt.date(2018, 6, 1)).index


# --- sources, aliases, last_checked ------------------------------------------------------


def test_every_source_is_typed_by_authority(model):
    assert [s.id for s in model.sources if s.authority is None] == []
    kinds = {s.authority for s in model.sources}
    assert kinds == set(SourceAuthority)


def test_no_fact_is_verified_by_a_secondary_copy_or_news_only(model):
    for label, status, sources in _facts(model):
        if status is Status.VERIFIED:
            assert any(model.source(s).verifies for s in sources), label


def test_a_law_text_not_read_at_its_official_place_never_verifies_alone(model):
    """An official URL whose text was read only in a mirror (or not at all) is not a reading of the text."""
    unread = {s.id for s in model.sources
              if s.kind.value == "law" and any(w in (s.note or "") for w in (
                  "alleen in een derde-partij-spiegel", "niet op de officiële vindplaats gelezen", "niet geopend",
                  "inhoud alleen via derde partijen", "Officiële vindplaats; inhoud"))}
    assert unread  # Wth art. 2, 3, 9, Sv 257a, 509hh, Sr 38v, UAVG ...
    for label, status, sources in _facts(model):
        if status is Status.VERIFIED:
            readers = [s for s in sources if s not in unread and model.source(s).verifies]
            assert readers, label


ALIASES = {  # the abbreviations the issue names, findable per organisation
    "veilig-thuis-haaglanden": "VT", "raad-voor-de-kinderbescherming": "RvdK", "jeugdbescherming-west": "JBw",
    "veiligheidshuis-haaglanden": "ZVH", "hulpofficier-van-justitie": "HOvJ", "crisisinterventieteam": "CIT",
    "openbaar-ministerie": "OM",
}


def test_organisations_can_be_found_by_their_abbreviations_and_aliases(model):
    for org_id, short in ALIASES.items():
        assert short in model.organisation(org_id).search_terms, org_id
    assert "GI" in model.organisation("jeugdbescherming-west").search_terms
    assert "Bureau Jeugdzorg Haaglanden (tot 2015)" in model.organisation("jeugdbescherming-west").aliases


def test_the_glossary_links_abbreviations_to_their_organisation(model):
    terms = yaml.safe_load(builtin_path(GLOSSARY).read_text(encoding="utf-8"))["terms"]
    linked = [t for t in terms if "organisation" in t]
    assert set(ALIASES) <= {t["organisation"] for t in linked}
    for term in linked:
        names = {n.lower() for n in model.organisation(term["organisation"]).search_terms}
        assert term["term"].lower() in names, term["term"]
    for term in terms:
        assert "Zuid-Holland" not in f"{term['nl']} {term['en']}"  # the GI's name was wrong


def test_every_element_was_checked_in_this_pass_and_only_some_sources_were_never_checked(model):
    stale = unchecked_since(model, TODAY)
    assert {u.kind for u in stale} <= {"sources"}
    assert all(u.last_checked is None for u in stale)
    read_now = {
        "tekst-bw1-265b",
        "tekst-wmo-4-1-1",
        "rijksoverheid-wgs-2024",
        "jbw-cit",
        "seed-brief-burgemeester-2018",
    }
    assert not read_now & {u.element for u in stale}


def test_unverified_items_are_few_and_each_says_why(model):
    # observations (issue 13) are figures read in news reports as often as not: their status says how they
    # were read, and tests/test_knelpunten_model.py checks that each unverified one says why
    observations = {o.id for o in model.observations}
    unverified = [u for u in model.unverified() if u not in observations]
    assert len(unverified) < 80  # 60 before issue 11, 67 with the 29 new hand-offs and the stricter source rule
    for element_id in (u for u in unverified if "#" not in u):
        element = model.get(element_id)
        reason = getattr(element, "description", None) or getattr(element, "title", None)
        assert reason and any(w in reason for w in ("niet", "alleen", "aanname", "geen")), element_id


def test_the_audit_record_names_every_element(model):
    """docs/data-sources.md says for each element what was checked where (issue 11)."""
    from pathlib import Path

    record = (Path(__file__).resolve().parent.parent / "docs" / "data-sources.md").read_text(encoding="utf-8")
    for kind in ("organisations", "legal_bases", "instruments", "handoffs", "phases", "signals"):
        missing = [e.id for e in getattr(model, kind) if f"`{e.id}`" not in record]
        assert not missing, (kind, missing)
