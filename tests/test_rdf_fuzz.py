"""Mangled Turtle files give the project's error type and nothing else."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ChainDataError
from graph.examples import toy_chain
from graph.model import ChainModel
from graph.rdf import to_turtle
from loaders.build import build_model
from loaders.readers.turtle import read_turtle

TOY_TTL = to_turtle(toy_chain())
LINES = TOY_TTL.splitlines()
TOKENS = sorted(set(re.findall(r"\S+", TOY_TTL)))


@st.composite
def mangled(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap-token", "truncate", "insert-text", "move"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap-token":
            tokens = lines[index].split(" ")
            position = draw(st.integers(0, len(tokens) - 1))
            tokens[position] = draw(st.sampled_from(TOKENS))
            lines[index] = " ".join(tokens)
        elif action == "truncate":
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))]
        elif action == "insert-text":
            lines[index] += draw(st.text(max_size=8))
        else:
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(index))
        if not lines:
            break
    return "\n".join(lines)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(text=mangled())
def test_mangled_turtle_gives_a_model_or_chain_data_error(text, tmp_path):
    path = tmp_path / "mangled.ttl"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        model = build_model(read_turtle(path))
    except ChainDataError as err:
        assert err.problems
        assert all(str(path) in p.location for p in err.problems), err
    else:
        assert isinstance(model, ChainModel)


def test_cyclic_sequence_list_does_not_hang(tmp_path):
    text = TOY_TTL + """
@prefix kk: <https://w3id.org/ketenkaart/def#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<https://w3id.org/ketenkaart/id/toy/ho-vt-raad> kk:sourceSequence _:l .
_:l rdf:first <https://w3id.org/ketenkaart/id/toy/toy-source> ; rdf:rest _:l .
"""
    path = tmp_path / "cycle.ttl"
    path.write_text(text, encoding="utf-8")
    model = build_model(read_turtle(path))
    assert model.get("ho-vt-raad").sources == ("toy-source",)
