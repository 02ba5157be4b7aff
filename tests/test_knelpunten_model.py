"""The data issue 13 added: observations, failure-mode categories and periods, regie while waiting, the
main route and the legal-basis kinds, checked by the builder and carried by every format."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from graph.errors import ChainDataError
from graph.model import Assessment, Metric, period_bounds
from graph.settings import default_data_dir
from loaders.build import build_model, model_to_records
from loaders.load import load_model
from loaders.records import Record, RecordSet

VARIANTS = Path(__file__).parent / "data" / "variants"


@pytest.fixture(scope="module")
def haaglanden():
    return load_model(default_data_dir())


def records_of(model) -> list[Record]:
    return [Record(kind, copy.deepcopy(data), f"{kind}.yaml:{i}") for kind, items in model_to_records(model).items()
            for i, data in enumerate(items, 1)]


def problems(records: list[Record]) -> list[str]:
    with pytest.raises(ChainDataError) as err:
        build_model(RecordSet(records, region="toy"))
    return [f"{p.field}: {p.message}" for p in err.value.problems]


def edit(kind: str, id: str, **changes):
    def apply(records: list[Record]) -> list[Record]:
        for r in records:
            if r.kind == kind and r.data.get("id") == id:
                for key, value in changes.items():
                    if value is None:
                        r.data.pop(key, None)
                    else:
                        r.data[key] = value
        return records
    return apply


@pytest.fixture
def toy_records():
    return records_of(load_model(VARIANTS / "toy"))


def test_periods():
    assert period_bounds("2018-10/2018-12") == (dt.date(2018, 10, 1), dt.date(2018, 12, 31))
    assert period_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    for bad in ("2019/2018", "2018-13", "Q4 2018", "2018/2019/2020"):
        with pytest.raises(ValueError):
            period_bounds(bad)


def test_a_failure_mode_needs_a_category_from_the_closed_list(toy_records):
    for r in toy_records:
        if r.kind == "handoffs" and r.data.get("failure_modes"):
            r.data["failure_modes"][0].pop("category")
            r.data["failure_modes"][0]["period"] = "Q4 2018"
    found = problems(toy_records)
    assert "failure_modes[0].category: required field is missing" in found
    assert any(p.startswith("failure_modes[0].period: must be a period") for p in found)


def test_observation_checks(toy_records):
    edit("observations", "obs-raad-wacht", unit="jaren", value_max=2)(toy_records)
    found = problems(toy_records)
    assert any(p.startswith("unit: mean-wait is a duration") for p in found), found
    assert "value_max: value_max 2 is below value 4" in found


def test_observation_references_and_categories(toy_records):
    edit("observations", "obs-raad-wacht", about=["ho-vt-raad", "bw1-255"], categories=["wachten"])(toy_records)
    found = problems(toy_records)
    assert "about[1]: unknown hand-off or organisation 'bw1-255' (it is a legal basis)" in found
    assert any(p.startswith("categories[0]: 'wachten' is not allowed") for p in found)


def test_an_observation_value_needs_its_unit_and_a_range_its_bottom(toy_records):
    edit("observations", "obs-raad-volume", unit=None)(toy_records)
    edit("observations", "obs-raad-wacht", value=None)(toy_records)
    found = problems(toy_records)
    assert "unit: a value needs its unit" in found
    assert any(p.startswith("value_max: value_max is the top of a range") for p in found)


def test_regie_while_waiting_needs_its_source(toy_records):
    edit("handoffs", "ho-vt-raad", regie_while_waiting_sources=None)(toy_records)
    assert any(p.startswith("regie_while_waiting_sources: regie_while_waiting and regie_while_waiting_sources go")
               for p in problems(toy_records))


def test_the_variants_carry_the_new_fields_in_every_format():
    expected = load_model(VARIANTS / "toy")
    assert len(expected.observations) == 2 and expected.handoff("ho-vt-raad").main_route
    assert expected.observation("obs-raad-wacht").value_max == 13.5
    assert expected.observation("obs-raad-volume").value == 0
    for path in (VARIANTS / "toy.xlsx", VARIANTS / "toy.ttl"):
        assert load_model(path) == expected, path


def test_haaglanden_observations_are_sourced_and_honest_about_how_they_were_read(haaglanden):
    assert len(haaglanden.observations) >= 50
    for obs in haaglanden.observations:
        for source_id in obs.sources:
            assert haaglanden.kind_of(source_id) == "sources"
        if obs.metric is Metric.FINDING:
            assert obs.value is None
        assert obs.assessment in Assessment
        assert obs.period_start <= obs.period_end
    news_only = [o for o in haaglanden.observations
                 if all(haaglanden.source(s).kind.value == "news" for s in o.sources)]
    assert news_only and all(o.status.value == "unverified" for o in news_only)


def test_every_haaglanden_failure_mode_has_a_category(haaglanden):
    modes = [m for h in haaglanden.handoffs for m in h.failure_modes]
    assert modes and all(m.category is not None for m in modes)
    assert sum(1 for m in modes if m.period) >= len(modes) - 3


def test_flow_is_derived_from_what_passes(haaglanden):
    for ho in haaglanden.handoffs:
        assert ho.flow == ("case" if {"case", "responsibility"} & {p.value for p in ho.passes} else "information")


def test_an_unverified_observation_says_why(haaglanden):
    for obs in haaglanden.observations:
        if obs.status.value != "unverified":
            continue
        news_only = all(haaglanden.source(s).authority is not None and not haaglanden.source(s).verifies
                        for s in obs.sources)
        reason = obs.note or ""
        assert news_only or any(w in reason for w in ("via", "alleen", "niet", "samenvatting", "opiniestuk")), obs.id
