"""Normalisation before matching: one Python reference and the DuckDB SQL that does the same.

Identifiers are matched on a normalised copy of every value, never on the raw text, so that
spellings which only *look* different are caught:

1. **Unicode.** NFC, then a compatibility fold toward ASCII in the spirit of NFKC: full-width
   forms (``１２３`` → ``123``, ``＠`` → ``@``), every other script's decimal digits, mathematical
   and circled digits, superscripts; every space separator (no-break, thin, ideographic…) becomes
   a space and every dash (en, em, minus, hyphen…) a hyphen-minus; combining marks left over after
   NFC, zero-width and bidi control characters are deleted (they can split a number or a word).
2. **Case.** Lower case (DuckDB ``lower``, Unicode-aware).
3. **Separators** (numbers only, :func:`digit_view`): ``(0)`` after a country code is dropped,
   brackets become spaces, times of day are cut out (so a date next to a time never reads as one
   long number), runs of blanks become one, and blanks around ``. , / -`` are removed.

DuckDB 2.0 has ``nfc_normalize``, ``strip_accents``, ``lower``, ``regexp_replace`` and
``translate`` but no NFKC; ``translate`` rebuilds its character map for every row, so the
compatibility table is split into a small full-width table and the rest, and each is applied
only to values that hold one of its characters (a cheap RE2 test first).

>>> fold("１２３.４５６.７８２")
'123.456.782'
>>> fold("Jan\\u00a0de\\u2009Vries")
'jan de vries'
>>> digit_view("tel. (070) 123 45 67")
'tel.070 123 45 67'
>>> digit_view("+31 (0)6 - 1234 5678")
'+31 6-1234 5678'
>>> digit_view("2023-01-01 10:00:00 06-12345678")
'2023-01-01 : 06-12345678'
"""
# ruff: noqa: RUF002 - full-width and other look-alike characters are the test data here

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "column_name_words",
    "digit_view",
    "digit_view_sql",
    "fold",
    "fold_sql",
    "name_key",
    "name_key_sql",
    "sql_literal",
]

# Characters deleted after NFC: combining marks without a precomposed form, format characters
# (zero-width space/joiners, soft hyphen, bidi controls, BOM).
_DELETE_RE = r"[\p{Mn}\p{Me}\p{Cf}]"
_DELETE_PY = re.compile(r"[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
                        r"\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
                        r"\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_SPACE_RE = r"[\p{Zs}\x{2028}\x{2029}\x{85}\t\r\n\x{0B}\x{0C}]"
_DASH_RE = r"[\p{Pd}\x{2212}]"
_FULLWIDTH_FROM = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
_FULLWIDTH_TO = "".join(chr(c) for c in range(0x21, 0x7F))


@lru_cache(maxsize=1)
def _compat_table() -> tuple[str, str, str]:
    """(from, to, RE2 class) for the compatibility characters outside the full-width block.

    Decimal digits of every script map to ASCII digits; characters whose NFKC form is one
    printable ASCII character map to it (mathematical digits and letters, circled digits,
    superscripts, small form variants such as ``﹫``); a few look-alike full stops map to ``.``.
    """
    src: list[str] = []
    dst: list[str] = []
    for cp in list(range(0x80, 0xFF01)) + list(range(0xFF5F, 0x20000)):
        c = chr(cp)
        cat = unicodedata.category(c)
        if cat in ("Cs", "Co", "Cn", "Zs", "Pd", "Mn", "Me", "Cf"):
            continue
        if cat == "Nd":
            target = str(unicodedata.decimal(c))
        else:
            k = unicodedata.normalize("NFKC", c)
            target = k if len(k) == 1 and k.isascii() and k.isprintable() and k != c else ""
        if c in "\u3002\uff61\u2024":  # ideographic / half-width full stop, one-dot leader
            target = "."
        if target:
            src.append(c)
            dst.append(target)
    ranges: list[tuple[int, int]] = []
    for c in src:
        cp = ord(c)
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    cls = "[" + "".join(f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges) + "]"
    return "".join(src), "".join(dst), cls


@lru_cache(maxsize=1)
def _py_table() -> dict[int, str]:
    src, dst, _ = _compat_table()
    table = {ord(a): b for a, b in zip(src, dst, strict=False)}
    table.update({ord(a): b for a, b in zip(_FULLWIDTH_FROM, _FULLWIDTH_TO, strict=False)})
    return table


def sql_literal(text: str) -> str:
    """A SQL string literal for ``text`` (single quotes doubled).

    >>> sql_literal("it's")
    "'it''s'"
    """
    return "'" + text.replace("'", "''") + "'"


def fold(text: str) -> str:
    """The Python reference of :func:`fold_sql`: Unicode fold, lower case, one kind of space.

    >>> fold("ＢＳＮ：１１１２２２３３３")
    'bsn:111222333'
    >>> fold("jan@MÜNCHEN.de")
    'jan@münchen.de'
    >>> fold("06\\u201312345678")  # en dash
    '06-12345678'
    """
    text = unicodedata.normalize("NFC", text)
    text = _DELETE_PY.sub("", text)
    text = "".join(" " if unicodedata.category(c) == "Zs" or c in "\u2028\u2029\x85\t\r\n\x0b\x0c" else
                   "-" if unicodedata.category(c) == "Pd" or c == "\u2212" else c for c in text)
    # Python lower-cases İ (U+0130) to two characters, DuckDB to one: follow DuckDB.
    return text.translate(_py_table()).replace("\u0130", "i").lower()


def fold_sql(expr: str, *, lower: bool = True) -> str:
    """DuckDB SQL computing :func:`fold` of the VARCHAR expression ``expr``.

    Pure-ASCII values skip every Unicode step (one RE2 test), so the common case costs little.
    With ``lower=False`` the case is kept (postcodes and names look at capitals).
    """
    src, dst, cls = _compat_table()
    u = f"nfc_normalize({expr})"
    u = f"regexp_replace({u}, '{_DELETE_RE}', '', 'g')"
    u = f"regexp_replace({u}, '{_SPACE_RE}', ' ', 'g')"
    u = f"regexp_replace({u}, '{_DASH_RE}', '-', 'g')"
    u = (f"CASE WHEN regexp_matches({u}, '[\\x{{FF01}}-\\x{{FF5E}}]') "
         f"THEN translate({u}, {sql_literal(_FULLWIDTH_FROM)}, {sql_literal(_FULLWIDTH_TO)}) ELSE {u} END")
    u = (f"CASE WHEN regexp_matches({u}, '{cls}') THEN translate({u}, {sql_literal(src)}, {sql_literal(dst)}) "
         f"ELSE {u} END")
    ascii_path = f"regexp_replace({expr}, '[\\t\\r\\n\\x0B\\x0C]', ' ', 'g')"
    out = f"(CASE WHEN regexp_matches({expr}, '[^\\x00-\\x7F]') THEN {u} ELSE {ascii_path} END)"
    return f"lower{out}" if lower else out


# Times of day: cut out before digit groups are joined, so "06-02-2023 08:00" never reads as
# a ten-digit phone number. A dot-separated time only counts right after a date.
_TIME_RE = r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
_DATE_DOT_TIME_RE = (r"((?:^|[^0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}))"
                     r"[ t]+[0-9]{1,2}[.][0-9]{2}(?:[.][0-9]{2}(?:,[0-9]+)?)?")


def digit_view(folded: str) -> str:
    """The Python reference of :func:`digit_view_sql`; input is already :func:`fold`-ed.

    >>> digit_view("bsn 123 . 456 . 782")
    'bsn 123.456.782'
    >>> digit_view("gesprek op 01-02-2023 10.00")
    'gesprek op 01-02-2023 :'
    """
    s = re.sub(r"\(\s*0\s*\)", " ", folded)
    s = re.sub(r"[()\[\]{}]", " ", s)
    s = re.sub(_DATE_DOT_TIME_RE, r"\1 : ", s)
    s = re.sub(_TIME_RE, " : ", s)
    s = re.sub(r"\s+", " ", s)
    s = re.sub(r"\s*([.,/\-])\s*", r"\1", s)
    return s.strip(" ")


def digit_view_sql(folded: str) -> str:
    """DuckDB SQL computing :func:`digit_view` of an already folded expression."""
    s = f"regexp_replace({folded}, '\\(\\s*0\\s*\\)', ' ', 'g')"
    s = f"regexp_replace({s}, '[()\\[\\]{{}}]', ' ', 'g')"
    s = f"regexp_replace({s}, '{_DATE_DOT_TIME_RE}', '\\1 : ', 'g')"
    s = f"regexp_replace({s}, '{_TIME_RE}', ' : ', 'g')"
    s = f"regexp_replace({s}, '\\s+', ' ', 'g')"
    s = f"regexp_replace({s}, '\\s*([.,/\\-])\\s*', '\\1', 'g')"
    return f"trim({s})"


def name_key(word: str) -> str:
    """The key a word is looked up under in the name lists: folded, accents stripped.

    >>> name_key("Zoë"), name_key("ÖZTÜRK"), name_key("'t")
    ('zoe', 'ozturk', "'t")
    """
    text = unicodedata.normalize("NFKD", fold(word).replace("\u2019", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).rstrip(".")


def name_key_sql(expr: str) -> str:
    """DuckDB SQL computing :func:`name_key` of a folded word."""
    return f"rtrim(strip_accents(replace({expr}, '\u2019', '''')), '.')"


def column_name_words(name: str) -> list[str]:
    """Split a column or attribute name into lower-case words: camelCase, snake, kebab, digits.

    >>> column_name_words("VoorNaam"), column_name_words("BSN_kind"), column_name_words("e-mail")
    (['voor', 'naam'], ['bsn', 'kind'], ['e', 'mail'])
    >>> column_name_words("Phone1"), column_name_words("geb.datum"), column_name_words("clientNAAM")
    (['phone'], ['geb', 'datum'], ['client', 'naam'])
    """
    text = fold(name)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    original = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name))
    original = "".join(c for c in original if not unicodedata.combining(c))
    words: list[str] = []
    # camelCase boundaries come from the original capitals; everything else from the folded text.
    for part in re.split(r"[^A-Za-z]+", original):
        words += [w.lower() for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+", part)]
    if not words:
        words = [w for w in re.split(r"[^a-z]+", text) if w]
    return [w for w in words if w]
