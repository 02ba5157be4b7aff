"""The knelpunten list: one row per element with all its reasons, and a scale where hoog needs practice."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from graph.errors import ChainError
from graph.examples import toy_chain
from graph.model import (
    Assessment,
    ChainModel,
    Metric,
    NormUnit,
    Observation,
    Source,
    SourceKind,
)
from graph.settings import default_data_dir
from graph.vocab import Category
from loaders.load import load_model
from queries.bottlenecks import Severity
from queries.evidence import Evidence, EvidenceKind
from queries.knelpunten import HOOG_SOURCES, RECENT_YEARS, Knelpunt, Ranking, handoffs_by_rank, knelpunten


def row_of(ranking: Ranking, element: str) -> Knelpunt:
    """The ranking's row of ``element``, which must be there."""
    found = ranking.row(element)
    assert found is not None, element
    return found

def observation(id: str, about: str, period: str, source: str, *, assessment=Assessment.OVER_NORM,
                metric=Metric.MEAN_WAIT, categories=(Category.WAITING,)) -> Observation:
    return Observation(id=id, about=(about,), metric=metric, description=f"wacht {id}", period=period,
                       region="toy", assessment=assessment, sources=(source,), value=30,
                       unit=NormUnit.CALENDAR_DAYS.value, categories=categories)


def with_observations(*observations: Observation, sources: tuple[str, ...] = ()) -> ChainModel:
    model = toy_chain()
    extra = tuple(Source(id=s, kind=SourceKind.REPORT, title=s.upper()) for s in sources)
    return dataclasses.replace(model, sources=model.sources + extra,
                               observations=model.observations + tuple(observations))


class Provider:
    def __init__(self, *items: Evidence):
        self.items = items

    def evidence_for(self, element_id):
        return tuple(e for e in self.items if e.element == element_id)


def test_one_row_per_element_with_every_reason():
    ranking = knelpunten(toy_chain())
    ids = [r.element for r in ranking.rows]
    assert len(ids) == len(set(ids))
    assert ranking.elements == len(toy_chain().handoffs) + len(toy_chain().organisations)
    row = row_of(ranking, "ho-vt-lokaal-team")
    codes = {r.code for r in row.reasons}
    assert {"ping-pong", "no-legal-basis", "no-regie", "reported-problem"} <= codes  # rules and its failure mode
    assert row.explanation_nl and row.explanation_en and row.explanation_nl != row.explanation_en


def test_structure_and_paper_alone_never_make_hoog():
    ranking = knelpunten(toy_chain())  # one observation from one source: not enough
    assert ranking.count(Severity.HOOG) == 0
    assert all(r.severity is not Severity.HOOG for r in ranking.rows)
    assert row_of(ranking, "ho-vt-raad").severity is Severity.AANDACHT


def test_hoog_needs_recent_confirming_evidence_from_two_sources():
    second = observation("obs-tweede", "ho-vt-raad", "2024", "rapport-b")
    model = with_observations(second, sources=("rapport-b",))
    row = row_of(knelpunten(model), "ho-vt-raad")
    assert row.severity is Severity.HOOG
    assert set(row.recent_sources) == {"toy-source", "rapport-b"}
    assert row.explanation_nl.startswith("2 bronnen uit de praktijk")
    assert HOOG_SOURCES == 2


def test_old_evidence_is_aandacht_however_many_sources():
    old = observation("obs-oud", "ho-vt-raad", "2010", "rapport-b")
    model = with_observations(old, sources=("rapport-b",))
    ranking = knelpunten(model)
    row = row_of(ranking, "ho-vt-raad")
    assert ranking.reference == dt.date(2023, 12, 31) and ranking.recent_from == dt.date(2018, 12, 31)
    assert row.severity is Severity.AANDACHT and row.recent_sources == ("toy-source",)
    assert set(row.practice_sources) == {"toy-source", "rapport-b"}
    # with an earlier reference day the 2010 figure would count as recent
    earlier = knelpunten(model, as_of=dt.date(2012, 1, 1), recent_years=RECENT_YEARS)
    assert row_of(earlier, "ho-vt-raad").severity is Severity.HOOG


def test_figures_that_do_not_confirm_never_raise_a_row():
    context = observation("obs-volume", "ho-vt-raad", "2024", "rapport-b", assessment=Assessment.CONTEXT,
                          metric=Metric.VOLUME, categories=())
    within = observation("obs-binnen", "ho-vt-raad", "2024", "rapport-c", assessment=Assessment.WITHIN_NORM)
    model = with_observations(context, within, sources=("rapport-b", "rapport-c"))
    row = row_of(knelpunten(model), "ho-vt-raad")
    assert row.severity is Severity.AANDACHT
    assert row.practice_sources == ("toy-source",)
    assert "obs-volume" not in row.explanation_nl


def test_the_regions_own_cases_confirm_on_their_own():
    log = Evidence(kind=EvidenceKind.CASE_LOG.value, title_nl="log", title_en="log", element="ho-raad-kinderrechter",
                   categories=(Category.WAITING,), period_end=dt.date(2024, 6, 30), confirms=True,
                   sources=("case-log:x",))
    synthetic = dataclasses.replace(log, confirms=False)  # a synthetic log never confirms
    with_log = knelpunten(toy_chain(), evidence=[Provider(log)])
    assert row_of(with_log, "ho-raad-kinderrechter").severity is Severity.HOOG
    with_synthetic = knelpunten(toy_chain(), evidence=[Provider(synthetic)])
    assert row_of(with_synthetic, "ho-raad-kinderrechter").severity is not Severity.HOOG


def test_register_findings_feed_the_same_interface():
    register = Evidence(kind=EvidenceKind.REGISTER.value, title_nl="Doorbraakteam", title_en="Doorbraakteam",
                        element="lokaal-team", categories=(Category.REGIE,), period_end=dt.date(2023, 5, 1),
                        confirms=True, sources=("register",), summary_nl="3 zaken vastgelopen")
    row = row_of(knelpunten(toy_chain(), evidence=[Provider(register)]), "lokaal-team")
    assert row.severity is Severity.HOOG and Category.REGIE in row.categories
    assert "3 zaken vastgelopen" in row.explanation_nl


def test_light_gaps_alone_make_laag_rows_that_are_not_flagged():
    ranking = knelpunten(toy_chain(), severity="laag")
    laag = [r for r in ranking.rows if r.severity is Severity.LAAG]
    assert laag and all(r.categories == () for r in laag)
    assert ranking.flagged == ranking.count(Severity.HOOG) + ranking.count(Severity.AANDACHT)
    assert knelpunten(toy_chain(), severity="aandacht").rows == tuple(r for r in ranking.rows if r not in laag)


def test_rows_are_ordered_by_severity_then_score():
    rows = knelpunten(load_model(default_data_dir())).rows
    keys = [(list(Severity).index(r.severity), -r.score) for r in rows]
    assert keys == sorted(keys)


def test_category_filter_and_errors():
    assert [r.element for r in knelpunten(toy_chain(), category="regie").rows] == [
        r.element for r in knelpunten(toy_chain()).rows if Category.REGIE in r.categories]
    with pytest.raises(ChainError, match="unknown category"):
        knelpunten(toy_chain(), category="wachten")
    with pytest.raises(ChainError, match="unknown level"):
        knelpunten(toy_chain(), severity="urgent")


def test_json_shape_of_the_list():
    model = toy_chain()
    data = knelpunten(model).as_dict(model)
    assert set(data) == {"summary", "knelpunten"}
    assert set(data["summary"]) >= {"elements", "hoog", "aandacht", "laag", "flagged_share", "hoog_share"}
    row = data["knelpunten"][0]
    assert row["element"] == {"id": "ho-vt-raad", "name": "Hulp niet geaccepteerd"}
    assert {"severity", "score", "categories", "explanation_nl", "explanation_en", "reasons", "sources"} <= set(row)
    assert row["reasons"][0]["origin"] == "practice" and row["reasons"][0]["figures"]


def test_haaglanden_shows_practice_before_paper():
    ranking = knelpunten(load_model(default_data_dir()))
    hoog = [r for r in ranking.rows if r.severity is Severity.HOOG]
    assert hoog and all(len(r.recent_sources) >= HOOG_SOURCES for r in hoog)
    assert all(r.explanation_nl.split(";")[0].endswith("uit de praktijk")
               or "uit de praktijk," in r.explanation_nl for r in hoog)
    # the wait at the Raad reads as a figure with its period and place
    raad = row_of(ranking, "vt-verzoek-onderzoek-rvdk")
    assert raad.severity is Severity.HOOG
    assert "(landelijk, juni 2023)" in raad.explanation_nl


def test_handoffs_by_rank_lists_every_handoff_once():
    model = load_model(default_data_dir())
    order = handoffs_by_rank(model)
    assert sorted(order) == sorted(h.id for h in model.handoffs)
    assert row_of(knelpunten(model), order[0]).severity is Severity.HOOG
