"""The SQL normalisation does exactly what its Python reference does, and the reference folds the
spellings that issue 12 lists."""
# ruff: noqa: RUF001 - full-width and other look-alike characters are the test data here

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.cases.normalise import (
    column_name_words,
    digit_view,
    digit_view_sql,
    fold,
    fold_sql,
    name_key,
    name_key_sql,
)

# Characters that matter to the detectors, with their look-alikes from other blocks.
_ALPHABET = st.sampled_from(list(
    "0123456789 .-/()+@:,abcAZéëüßİı\t\n"
    "\uff10\uff11\uff19\uff20\uff0e\uff0d\uff08\uff09\uff21\uff41"  # full-width digits, @ . - ( ) A a
    "\u00a0\u2009\u202f\u3000\u2013\u2014\u2212\u200b\u00ad\u202e\u0301"  # spaces, dashes, invisibles, combining
    "\u0660\u0669\u06f5\u0967\U0001d7ce\u2460\u00b2"  # other digits, circled, superscript
))
_TEXT = st.lists(st.text(alphabet=_ALPHABET, max_size=24), min_size=1, max_size=60)


@settings(max_examples=40, deadline=None)
@given(_TEXT)
def test_sql_fold_and_digit_view_equal_the_python_reference(values):
    con = duckdb.connect()
    rows = con.execute(f"SELECT {fold_sql('v')}, {digit_view_sql(fold_sql('v'))}, {name_key_sql(fold_sql('v'))} "
                       "FROM (SELECT unnest(?::VARCHAR[]) AS v, unnest(range(?)) AS i) ORDER BY i",
                       [values, len(values)]).fetchall()
    assert [r[0] for r in rows] == [fold(v) for v in values]
    assert [r[1] for r in rows] == [digit_view(fold(v)) for v in values]
    assert [r[2] for r in rows] == [_name_key_like_sql(fold(v)) for v in values]


def _name_key_like_sql(folded: str) -> str:
    # name_key_sql is applied to an already folded word; DuckDB's strip_accents removes the marks.
    import unicodedata

    text = unicodedata.normalize("NFKD", folded.replace("\u2019", "'"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c))).rstrip(".")


@pytest.mark.parametrize("raw, folded", [
    ("１２３.４５６.７８２", "123.456.782"),
    ("123\u00a045\u00a067\u00a082", "123 45 67 82"),
    ("JAN@MÜNCHEN.DE", "jan@münchen.de"),
    ("０６－１２３４５６７８", "06-12345678"),
    ("06\u201312345678", "06-12345678"),
    ("1\u200b2\u200b3", "123"),
    ("\u0661\u0662\u0663", "123"),
    ("\U0001d7cf\U0001d7d0", "12"),
    ("２５１１\u3000ＡＢ", "2511 ab"),
])
def test_fold(raw, folded):
    assert fold(raw) == folded


@pytest.mark.parametrize("folded, view", [
    ("(070) 123 45 67", "070 123 45 67"),
    ("+31 (0)6 12345678", "+31 6 12345678"),
    ("06 - 12 34 56 78", "06-12 34 56 78"),
    ("2024-03-04 10:00:00", "2024-03-04 :"),
    ("04-03-2024 10.00", "04-03-2024 :"),
    ("06.12.34.56.78", "06.12.34.56.78"),  # a dotted phone number is not a date with a time
])
def test_digit_view(folded, view):
    assert digit_view(folded) == view


def test_name_key():
    assert [name_key(w) for w in ("Öztürk", "Zoë", "J.", "’t")] == ["ozturk", "zoe", "j", "'t"]


@pytest.mark.parametrize("name, words", [
    ("VoorNaam", ["voor", "naam"]), ("client_naam", ["client", "naam"]), ("e-mail", ["e", "mail"]),
    ("tel_nr", ["tel", "nr"]), ("BSN_kind", ["bsn", "kind"]), ("Phone1", ["phone"]), ("geb.datum", ["geb", "datum"]),
    ("DateOfBirth", ["date", "of", "birth"]), ("woonadres", ["woonadres"]), ("Ｅｍａｉｌ", ["email"]),
])
def test_column_name_words(name, words):
    assert column_name_words(name) == words
