"""Hypothesis round trips: a valid model with random values -> YAML folder / workbook / Turtle -> an equal model."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.model import ChainModel, Norm, NormUnit, Status
from loaders.build import build_model
from loaders.load import load_model
from loaders.readers.turtle import read_turtle
from loaders.readers.xlsx import read_workbook
from loaders.writers import write_export, write_yaml_folder

TOY = Path(__file__).parent / "data" / "variants" / "toy"
BASE = load_model(TOY)
ROUND = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a person could type: any printable character and newlines, not blank.
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs"), whitelist_characters="\n"), min_size=1,
                max_size=40).filter(lambda t: t.strip())
dates = st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2100, 12, 31))
# Excel keeps 15 significant digits, so amounts are drawn with at most that many.
amounts = st.one_of(st.integers(1, 10_000),
                    st.floats(min_value=0.001, max_value=1e6, allow_nan=False).map(lambda x: round(x, 6)))
maybe_bool = st.sampled_from([True, False, None])


@st.composite
def models(draw) -> ChainModel:
    model = BASE
    handoffs = list(model.handoffs)
    i = draw(st.integers(0, len(handoffs) - 1))
    start, end = sorted(draw(st.lists(dates, min_size=2, max_size=2)))
    norm = draw(st.one_of(st.none(), st.builds(
        Norm, description=texts, sources=st.just(("toy-law",)),
        amount=amounts, unit=st.sampled_from(list(NormUnit)), status=st.sampled_from(list(Status)))))
    handoffs[i] = replace(handoffs[i], description=draw(texts), trigger=draw(texts), name=draw(st.none() | texts),
                          feedback_required=draw(maybe_bool), acceptance_required=draw(maybe_bool),
                          valid_from=start, valid_to=draw(st.none() | st.just(end)), norm=norm)
    orgs = list(model.organisations)
    j = draw(st.integers(0, len(orgs) - 1))
    orgs[j] = replace(orgs[j], name=draw(texts), abbreviation=draw(st.none() | texts),
                      official_id=draw(st.none() | st.just("https://identifier.overheid.nl/tooi/id/oorg/oorg10103")))
    bases = list(model.legal_bases)
    k = draw(st.integers(0, len(bases) - 1))
    bases[k] = replace(bases[k], article=draw(st.none() | st.sampled_from(["1:255", "4.1.1", "2", "38v"])),
                       paragraph=draw(st.none() | st.sampled_from(["1", "3", "2a"])), title=draw(st.none() | texts))
    sources = list(model.sources)
    s = draw(st.integers(0, len(sources) - 1))
    day = draw(dates)
    sources[s] = replace(sources[s], title=draw(texts),
                         date=draw(st.sampled_from([None, str(day.year), day.isoformat()[:7], day.isoformat()])))
    instruments = [replace(ins, durations=tuple(replace(d, amount=draw(amounts)) for d in ins.durations))
                   for ins in model.instruments]
    return replace(model, title=draw(texts), handoffs=tuple(handoffs), organisations=tuple(orgs),
                   legal_bases=tuple(bases), sources=tuple(sources), instruments=tuple(instruments))


@ROUND
@given(model=models())
def test_yaml_folder_round_trip(model):
    with tempfile.TemporaryDirectory() as tmp:
        write_yaml_folder(model, Path(tmp))
        assert load_model(Path(tmp)) == model


@ROUND
@given(model=models())
def test_workbook_round_trip(model):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "keten.xlsx"
        write_export(model, "xlsx", out)
        assert build_model(read_workbook(out)) == model


@ROUND
@given(model=models())
def test_turtle_round_trip(model):
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "keten.ttl"
        write_export(model, "ttl", out)
        assert build_model(read_turtle(out)) == model
