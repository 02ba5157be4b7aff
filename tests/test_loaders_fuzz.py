"""Random and mangled input files: the loaders raise ChainDataError and nothing else.

A load either returns a model or raises :class:`graph.errors.ChainDataError`;
any other exception (KeyError, TypeError, a yaml or openpyxl error…) fails.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from graph.errors import ChainDataError, Problem
from graph.model import ChainModel
from loaders.load import load_model

TOY = Path(__file__).parent / "data" / "variants" / "toy"
BOOK = Path(__file__).parent / "data" / "variants" / "toy.xlsx"
FILES = sorted(p.name for p in TOY.glob("*.yaml"))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**20, max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(min_value=dt.date(1, 1, 1)),
    st.sampled_from(["politie", "verified", "case", "BWBR0002656", "2015-13-40", "", "toy-source", "hours"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)


def _load_only_chain_data_error(path: Path) -> None:
    try:
        model = load_model(path)
    except ChainDataError as err:
        assert err.problems and all(isinstance(p, Problem) for p in err.problems)
        assert all(isinstance(p.location, str) and isinstance(p.field, str) for p in err.problems)
        str(err)
    else:
        assert isinstance(model, ChainModel)


def _folder(tmp: str) -> Path:
    folder = Path(tmp) / "keten"
    shutil.copytree(TOY, folder)
    return folder


@FUZZ
@given(file=st.sampled_from(FILES), text=st.text(max_size=300))
def test_random_text_file(file, text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = _folder(tmp)
        (folder / file).write_text(text, encoding="utf-8")
        _load_only_chain_data_error(folder)


@FUZZ
@given(file=st.sampled_from(FILES), data=st.binary(max_size=300), keep=st.integers(0, 2000))
def test_random_bytes_spliced_into_a_valid_file(file, data, keep):
    with tempfile.TemporaryDirectory() as tmp:
        folder = _folder(tmp)
        original = (folder / file).read_bytes()
        (folder / file).write_bytes(original[:keep] + data + original[keep:])
        _load_only_chain_data_error(folder)


def _paths(node, prefix=()):
    """Every (container, key) pair in a parsed YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield node, key
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield node, i
            yield from _paths(value, (*prefix, i))


@FUZZ
@given(file=st.sampled_from(FILES), seed=st.integers(0, 2**32 - 1), replacement=values,
       action=st.sampled_from(["delete", "replace", "rename", "wrap"]), count=st.integers(1, 4))
def test_mutated_valid_file(file, seed, replacement, action, count):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = _folder(tmp)
        doc = yaml.safe_load((folder / file).read_text(encoding="utf-8"))
        for _ in range(count):
            spots = list(_paths(doc))
            if not spots:
                break
            container, key = rng.choice(spots)
            if action == "delete":
                del container[key]
            elif action == "replace":
                container[key] = copy.deepcopy(replacement)  # never a cycle
            elif action == "rename" and isinstance(container, dict):
                container[f"{key}x" if isinstance(key, str) else "x"] = container.pop(key)
            elif action == "wrap":
                container[key] = [container[key]]
        (folder / file).write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        _load_only_chain_data_error(folder)


cells = st.one_of(scalars.filter(lambda v: not isinstance(v, str) or "\x00" not in v),
                  st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1), new=st.lists(cells, min_size=1, max_size=6),
       drop_sheet=st.booleans())
def test_mangled_workbook(seed, new, drop_sheet):
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "keten.xlsx"
        book = load_workbook(BOOK)
        for value in new:
            ws = book[rng.choice(book.sheetnames)]
            row, col = rng.randint(1, ws.max_row + 1), rng.randint(1, ws.max_column + 1)
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch.isprintable())
            if (isinstance(value, float) and value != value) or value in (float("inf"), float("-inf")):
                value = str(value)
            ws.cell(row, col).value = value
        if drop_sheet:
            del book[rng.choice(book.sheetnames)]
        book.save(path)
        _load_only_chain_data_error(path)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_workbook(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "keten.xlsx"
        path.write_bytes(data)
        _load_only_chain_data_error(path)


BOMB = """a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""


def test_alias_bomb_and_self_reference_are_reported_quickly(tmp_path):
    folder = _folder(str(tmp_path))
    text = (folder / "signals.yaml").read_text()
    text = text.replace("name: Politie bij huiselijk-geweldincident", "name: &n [1, *n]")
    text = text.replace("signals:\n", "signals:\n- " + BOMB.replace("\n", "\n  ").rstrip() + "\n", 1)
    (folder / "signals.yaml").write_text(text)
    try:
        load_model(folder)
    except ChainDataError as err:
        assert any(p.field == "name" and "recursive" in p.message for p in err.problems)
        assert any(p.field == "g" and p.message == "unknown field 'g'" for p in err.problems)
        assert all(len(str(p)) < 500 for p in err.problems)
    else:  # pragma: no cover
        raise AssertionError("the broken file loaded")
