"""The detection core of the one privacy gate for case event logs (issue 12).

Every case-log path reads the file as text first (all columns VARCHAR, no cast) and calls
:func:`guard` before any other code touches a value. The gate scans, inside DuckDB and without
a Python loop over rows:

- **every column** (case id and timestamp included) and, for XES, **every attribute** value;
- **every column name and attribute key** (as a name, and as a value: a header can hold data);

after normalising each distinct value (:mod:`loaders.cases.normalise`: Unicode compatibility
fold, case fold, separators), for these kinds:

``bsn``
    9 digits, written together or in groups of 2–4 (``123.456.782``, ``123 45 67 82``), or a
    whole value of 8 digits (a number column that lost its leading zero, also ``12.345.672``,
    ``12345672.0`` and ``1.2345672E7``), passing the 11-proef. An 8-digit value that is also a
    valid ``yyyymmdd`` date is not counted in a column that mostly holds such dates.
``email``
    local part and domain in any script (IDN), also ``jan [at] example.nl`` and ``jan @ x.nl``.
``phone``
    Dutch numbers: ``0`` + 9 digits, ``31``/``+31``/``0031`` + 9 digits, an optional ``(0)``,
    any grouping by spaces, dots, dashes, slashes or brackets. A group that starts a national
    number must be ``06`` or at least 3 digits long, so a date never reads as a phone number.
``postcode``
    ``1234 AB`` in any case and spacing; a lower-case pair after a blank that is an ordinary word
    or unit (``2023 en``, ``500 mg``) is not counted.
``iban``
    country code, check digits and account for the country's IBAN length (ISO 13616 registry),
    in groups or not, passing mod-97.
``date-of-birth``
    a date after a birth keyword (``geboren``, ``geb.``, ``geboortedatum``, ``DOB``, ``born``…),
    or any date (in any column, the timestamp column included) more than 12 years before the
    median event date of the log (a birth date, or an event log that mixes in such dates).
``person-name``
    a listed name that is not an ordinary word (``Jansen``, ``Fatima``), or a *shape* of a name:
    first name + surname or capitalised word, tussenvoegsel + surname, initials or a form of
    address + capitalised word (``J. de Vries``, ``mevr. Bakker``), ``met``/``namens`` + a
    capitalised first name. The lists are :class:`NameLists`: built in, plus the ``deduce``
    lists when that package is installed. Measured recall, not a promise (see the tests).
``address``
    a street word (``…straat``, ``…laan``, ``…weg``, ``…plein``, ``…gracht``, ``…kade``,
    ``…singel``…) + house number, ``Laan van … 12``, ``Postbus 123``. Measured recall.
``identifying-column``
    a column name or attribute key that says it holds identifiers (``client_naam``, ``VoorNaam``,
    ``geb_datum``, ``e-mail``, ``tel_nr``, ``woonadres``, ``BSN_kind``, ``Phone1``…).

A :class:`Finding` names the column, the kind and the number of rows; it never holds a value.
A column whose *name* itself holds a value-identifier is named by position only. Any error while
scanning (DuckDB messages can quote rows) becomes :class:`PrivacyScanFailed`, with no data and no
chained exception.

>>> import duckdb
>>> con = duckdb.connect()
>>> _ = con.execute("CREATE TABLE log AS SELECT * FROM (VALUES ('c1', '2024-03-04 09:00', "
...                 "'Melding ontvangen', 'bsn 111.222.333')) t(case_id, timestamp, activity, opmerking)")
>>> [str(f) for f in scan(con, "log")]
["column 'opmerking': bsn in 1 row"]
>>> guard(con, "log", "log.csv")
Traceback (most recent call last):
...
loaders.cases.guard.IdentifiersFound: log.csv: refused, the log contains direct identifiers (values not shown):
  column 'opmerking': bsn in 1 row
Pseudonymise the log (drop these columns or values, hash case ids) before loading it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.metadata
import itertools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from graph.errors import ChainError
from loaders.cases import names_nl
from loaders.cases.normalise import (
    column_name_words,
    digit_view_sql,
    fold_sql,
    name_key,
    sql_literal,
)

__all__ = [
    "IBAN_LENGTHS",
    "KINDS",
    "Finding",
    "IdentifiersFound",
    "NameLists",
    "PrivacyScanFailed",
    "find_in_texts",
    "guard",
    "identifying_column_name",
    "passes_elfproef",
    "passes_mod97",
    "scan",
]

KINDS = ("bsn", "email", "phone", "postcode", "iban", "date-of-birth", "person-name", "address",
         "identifying-column")


# --- findings and errors ----------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Identifiers of one kind in one column (or attribute): a label, a kind, a count, no value.

    >>> str(Finding("column 'opmerking'", "email", 2))
    "column 'opmerking': email in 2 rows"
    """

    column: str
    kind: str
    count: int

    def __str__(self) -> str:
        noun = "row" if self.count == 1 else "rows"
        return f"{self.column}: {self.kind} in {self.count} {noun}"


class IdentifiersFound(ChainError):
    """The log holds direct identifiers and is refused. The message has labels and counts only."""

    def __init__(self, source: str, findings: Sequence[Finding]):
        self.source = source
        self.findings = tuple(findings)
        lines = [f"{source}: refused, the log contains direct identifiers (values not shown):"]
        lines += [f"  {finding}" for finding in self.findings]
        lines.append("Pseudonymise the log (drop these columns or values, hash case ids) before loading it.")
        super().__init__("\n".join(lines))


class PrivacyScanFailed(ChainError):
    """The scan itself failed; the cause is withheld because database messages can quote data.

    >>> str(PrivacyScanFailed("log.csv", "ConversionException"))
    'log.csv: the privacy scan failed (ConversionException; details withheld, they may quote data)'
    """

    def __init__(self, source: str, error_type: str):
        self.source = source
        self.error_type = error_type
        super().__init__(f"{source}: the privacy scan failed ({error_type}; details withheld, they may quote data)")


# --- checks with a Python reference ------------------------------------------------------------


def passes_elfproef(digits: str) -> bool:
    """Whether 9 digits pass the BSN 11-proef (weights 9..2, then -1 for the last digit).

    >>> passes_elfproef("111222333"), passes_elfproef("123456782"), passes_elfproef("123456789")
    (True, True, False)
    >>> passes_elfproef("000000000")
    False
    """
    if not re.fullmatch(r"[0-9]{9}", digits) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=False)) - int(digits[8])
    return total % 11 == 0


# ISO 13616 IBAN lengths per country (the SWIFT IBAN registry, plus MA which banks use).
IBAN_LENGTHS = {
    "ad": 24, "ae": 23, "al": 28, "at": 20, "az": 28, "ba": 20, "be": 16, "bg": 22, "bh": 22, "br": 29,
    "by": 28, "ch": 21, "cr": 22, "cy": 28, "cz": 24, "de": 22, "dk": 18, "do": 28, "ee": 20, "eg": 29,
    "es": 24, "fi": 18, "fo": 18, "fr": 27, "gb": 22, "ge": 22, "gi": 23, "gl": 18, "gr": 27, "gt": 28,
    "hr": 21, "hu": 28, "ie": 22, "il": 23, "iq": 23, "is": 26, "it": 27, "jo": 30, "kw": 30, "kz": 20,
    "lb": 28, "lc": 32, "li": 21, "lt": 20, "lu": 20, "lv": 21, "ma": 28, "mc": 27, "md": 24, "me": 22,
    "mk": 19, "mr": 27, "mt": 31, "mu": 30, "nl": 18, "no": 15, "pk": 24, "pl": 28, "ps": 29, "pt": 25,
    "qa": 29, "ro": 24, "rs": 22, "sa": 24, "sc": 31, "se": 24, "si": 19, "sk": 24, "sm": 27, "st": 25,
    "sv": 28, "tl": 23, "tn": 24, "tr": 26, "ua": 29, "va": 22, "vg": 24, "xk": 20,
}


def passes_mod97(iban: str) -> bool:
    """Whether an IBAN (any case, separators allowed) has its country's length and passes mod-97.

    >>> passes_mod97("NL91 ABNA 0417 1643 00"), passes_mod97("NL91ABNA0417164301")
    (True, False)
    """
    compact = re.sub(r"[^0-9a-z]", "", iban.lower())
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


# --- identifying column names ------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Whole words (or two adjacent words joined) that say a column holds identifiers.
_ID_WORDS = _words("""
naam namen name names voornaam voornamen achternaam roepnaam geslachtsnaam meisjesnaam tussenvoegsel
voorletters initialen firstname lastname surname fullname givenname familyname forename initials
adres adressen address addr adr straat straatnaam street huisnummer huisnr hnr housenumber postcode
postcodes zipcode zip postal postalcode woonplaats woonadres city residence
geboortedatum gebdatum gebdat geb geboren geboorte geboorteplaats geboortejaar birthdate birthday dob birth
bsn burgerservicenummer sofinummer sofi ssn bsnnummer anummer
email mail emailadres mailadres telefoon telefoonnummer telnr tel phone mobiel mobile gsm cell cellphone
iban rekeningnummer bankrekening paspoort passport paspoortnummer rijbewijs kenteken ipadres
gebruikersnaam username
""")
# Word beginnings/endings of Dutch and English compounds (``woonadres``, ``clientnaam``, ``BSNkind``).
_ID_PARTS = ("naam", "name", "adres", "address", "straat", "street", "telefoon", "phone", "geboorte", "birth",
             "email", "bsn", "postcode", "iban", "huisnummer", "woonplaats")
# Qualifiers that make "naam"/"name" the name of something other than a person.
_NOT_PERSON = _words("""
activity activiteit activiteits event gebeurtenis org organisation organisatie organization afdeling team
concept file bestand process proces status product dienst service stap step task taak resource role rol
column kolom sheet tabel table field veld host server app applicatie project variant type soort categorie
category handoff overdracht
""")
# The canonical columns of a case log and the standard XES keys are never identifying by name.
_CANONICAL = frozenset({"case_id", "timestamp", "activity", "organisation", "concept:name", "time:timestamp",
                        "org:resource", "org:group", "org:role", "lifecycle:transition", "lifecycle:model",
                        "concept:instance", "identity:id", "cost:total", "cost:currency"})


def identifying_column_name(name: str) -> bool:
    """Whether a column name or attribute key says it holds direct identifiers.

    >>> [identifying_column_name(n) for n in ("client_naam", "VoorNaam", "geb_datum", "e-mail", "tel_nr",
    ...                                       "woonadres", "BSN_kind", "Phone1", "adres_cliënt")]
    [True, True, True, True, True, True, True, True, True]
    >>> [identifying_column_name(n) for n in ("case_id", "activity", "activity_name", "organisatienaam",
    ...                                       "concept:name", "aantal_kinderen", "kanaal")]
    [False, False, False, False, False, False, False]
    """
    if name.strip().lower() in _CANONICAL:
        return False
    words = column_name_words(name)
    if not words:
        return False
    candidates = list(words) + [a + b for a, b in itertools.pairwise(words)]
    for i, word in enumerate(candidates):
        if word in _ID_WORDS:
            qualifier = words[i - 1] if 0 < i < len(words) else ""
            if word in ("naam", "name", "namen", "names") and qualifier in _NOT_PERSON:
                continue
            return True
    for word in words:
        for part in _ID_PARTS:
            if word != part and (word.startswith(part) or word.endswith(part)):
                stem = word[: -len(part)] if word.endswith(part) else word[len(part):]
                if part in ("naam", "name") and (stem in _NOT_PERSON or stem.rstrip("s") in _NOT_PERSON):
                    continue
                return True
    return False


# --- name lists ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameLists:
    """The words the person-name detector looks up, as :func:`loaders.cases.normalise.name_key` keys.

    >>> lists = NameLists.builtin()
    >>> "jansen" in lists.surnames_strong, "de" in lists.interfixes
    (True, True)
    """

    first_strong: frozenset[str]
    first_weak: frozenset[str]
    surnames_strong: frozenset[str]
    surnames_weak: frozenset[str]
    interfixes: frozenset[str]
    titles: frozenset[str]
    not_names: frozenset[str]
    # Names from a large external list: each counts only capitalised and with a sign (a title,
    # initials, "met"/"namens"…, or a first name followed by a listed surname), never alone.
    first_extra: frozenset[str] = frozenset()
    surnames_extra: frozenset[str] = frozenset()

    @classmethod
    def builtin(cls) -> NameLists:
        """The lists shipped with ketenkaart (:mod:`loaders.cases.names_nl`)."""
        return cls(
            first_strong=names_nl.FIRST_NAMES_STRONG,
            first_weak=names_nl.FIRST_NAMES_WEAK,
            surnames_strong=names_nl.SURNAMES_STRONG,
            surnames_weak=names_nl.SURNAMES_WEAK,
            interfixes=names_nl.INTERFIXES,
            titles=names_nl.TITLES,
            not_names=names_nl.NOT_NAMES,
        )

    @classmethod
    def default(cls) -> NameLists:
        """The lists the gate uses unless told otherwise: :meth:`builtin`, whatever is installed.

        The gate is deterministic: the optional ``deduce`` package never changes what it finds
        by being installed. Its lists are an explicit opt-in (:meth:`from_deduce`, passed as
        ``names=`` to :func:`scan`, :func:`guard` or :func:`loaders.cases.events.load_events`).

        >>> NameLists.default() == NameLists.builtin()
        True
        """
        return cls.builtin()

    @classmethod
    def from_deduce(cls) -> NameLists:
        """The built-in lists extended with the lookup lists of the ``deduce`` package, if installed.

        ``deduce`` (UMC Utrecht, LGPL-3.0-or-later) ships about 15,000 first names and 10,500
        surnames for de-identifying Dutch clinical text. Only its data files are read (through
        the package metadata, nothing of it is imported). Its names become *extra* names
        (:attr:`first_extra`, :attr:`surnames_extra`): so many of them are also words
        ("Dienst", "Fase", "Bruggen") that none counts on its own; names that its own
        exception and common-word lists mark as words, and names of one or two letters, are left out.

        Raises
        ------
        graph.errors.ChainError
            ``deduce`` is not installed.
        """
        try:
            dist = importlib.metadata.distribution("deduce")
        except importlib.metadata.PackageNotFoundError:
            raise ChainError("the deduce name lists are not installed (pip install deduce)") from None

        def read(suffix: str) -> set[str]:
            for file in dist.files or ():
                if str(file).replace("\\", "/").endswith(suffix):
                    text = Path(file.locate()).read_text(encoding="utf-8")
                    return {name_key(line.strip()) for line in text.splitlines() if line.strip()}
            return set()

        base = cls.builtin()
        words = (read("whitelist/lst_common_word/items.txt") | read("whitelist/lst_stop_word/items.txt")
                 | read("names/lst_first_name/exceptions.txt") | read("names/lst_surname/exceptions.txt")
                 | base.not_names | base.interfixes | base.titles)
        first = {w for w in read("names/lst_first_name/items.txt") if len(w) > 2 and " " not in w}
        sur = {w for w in read("names/lst_surname/items.txt") | read("names/lst_interfix_surname/items.txt")
               if len(w) > 2 and " " not in w}
        return dataclasses.replace(base, first_extra=frozenset(first - words), surnames_extra=frozenset(sur - words))

    def classes(self) -> dict[str, str]:
        """Key -> one class letter: ``X`` never a name, ``T`` title, ``V`` tussenvoegsel, ``N``
        strong name, ``b``/``f``/``s`` weak first name and surname / first name / surname,
        ``y``/``g``/``z`` the same from the extra lists, ``M`` a word that introduces a person."""
        out: dict[str, str] = {}
        for key in self.first_extra | self.surnames_extra:
            out[key] = "y" if key in self.first_extra and key in self.surnames_extra else (
                "g" if key in self.first_extra else "z")
        for key in _CONTEXT_WORDS:
            out[key] = "M"
        for key in self.first_weak | self.surnames_weak:
            out[key] = "b" if key in self.first_weak and key in self.surnames_weak else (
                "f" if key in self.first_weak else "s")
        for key in self.first_strong | self.surnames_strong:
            out[key] = "N"
        for key in self.interfixes:
            out[key] = "V"
        for key in self.titles:
            out[key] = "T"
        for key in self.not_names:
            out[key] = "X"
        return out


# --- the SQL of each kind -----------------------------------------------------------------------

_SEP = "[ .,/\\-]"


def _elfproef_sql(x: str) -> str:
    # TRY_CAST: DuckDB evaluates both sides of AND, also for candidates of the wrong length.
    terms = " + ".join(f"{9 - i} * TRY_CAST(substr({x}, {i + 1}, 1) AS INTEGER)" for i in range(8))
    return (f"coalesce(regexp_full_match({x}, '[0-9]{{9}}') AND {x} <> '000000000' "
            f"AND (({terms}) - TRY_CAST(substr({x}, 9, 1) AS INTEGER)) % 11 = 0, false)")


def _windows_sql(s: str) -> str:
    """Every run of 1..14 consecutive digit groups of every digit chain in ``s``, as structs
    ``d`` (digits), ``f`` (first group), ``k`` (groups), ``lo``/``hi`` (shortest/longest group)."""
    chains = f"regexp_extract_all({s}, '\\+?[0-9]+(?:{_SEP}[0-9]+)*')"
    groups = f"list_transform({chains}, lambda ch: string_split_regex(ltrim(ch, '+'), '{_SEP}'))"
    window = ("struct_pack(d := array_to_string(g[i:i + w], ''), f := g[i], k := len(g[i:i + w]), "
              "lo := list_min(list_transform(g[i:i + w], lambda x: len(x))), "
              "hi := list_max(list_transform(g[i:i + w], lambda x: len(x))))")
    per_chain = (f"flatten(list_transform(range(1, len(g) + 1), "
                 f"lambda i: list_transform(range(0, 14), lambda w: {window})))")
    return f"flatten(list_transform({groups}, lambda g: {per_chain}))"


def _bsn9_sql(windows: str) -> str:
    ok = f"len(x.d) = 9 AND (x.k = 1 OR (x.lo >= 2 AND x.hi <= 4)) AND {_elfproef_sql('x.d')}"
    return f"len(list_filter({windows}, lambda x: {ok})) > 0"


def _phone_sql(windows: str) -> str:
    national = "(regexp_full_match(x.d, '0[1-9][0-9]{8}') AND (x.k = 1 OR len(x.f) >= 3 OR x.f = '06'))"
    international = ("(regexp_full_match(x.d, '(?:0031|31)0?[1-9][0-9]{8}') "
                     "AND (x.f IN ('31', '0031') OR len(x.f) >= 11))")
    return f"len(list_filter({windows}, lambda x: {national} OR {international})) > 0"


# Phone numbers are looked for after IBAN-shaped text is blanked: its account digits are no phone.
def _no_iban(s: str) -> str:
    return (f"regexp_replace({s}, '[a-z]{{2}}[0-9]{{2}}(?:[ .\\-]?[a-z0-9]{{4}}){{2,7}}(?:[ .\\-]?[a-z0-9]{{1,4}})?', "
            "' ', 'g')")


def _bsn8_sql(lowered: str) -> str:
    """A whole value that is a BSN stored as a number (leading zero lost, thousands marks, float)."""
    v = f"trim({lowered})"
    plain = f"regexp_full_match({v}, '[0-9]{{8}}(?:\\.0+)?|[0-9]{{2}}[., ][0-9]{{3}}[., ][0-9]{{3}}')"
    plain_digits = f"'0' || substr(regexp_replace({v}, '[^0-9]', '', 'g'), 1, 8)"
    sci = f"regexp_full_match({v}, '[0-9](?:\\.[0-9]+)?e\\+?0?[78]')"
    sci_digits = f"lpad(CAST(CAST(TRY_CAST({v} AS DOUBLE) AS BIGINT) AS VARCHAR), 9, '0')"
    return (f"(({plain} AND {_elfproef_sql(plain_digits)}) OR "
            f"({sci} AND coalesce(TRY_CAST({v} AS DOUBLE) < 1e9 AND {_elfproef_sql(sci_digits)}, false)))")


_COMPACT_DATE = "(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_L = "\\p{L}\\p{N}"
_EMAIL = (f"[{_L}._%+\\-'!#$&*/=?^{{|}}~]+@[{_L}](?:[{_L}\\-]*[{_L}])?"
          f"(?:\\.[{_L}](?:[{_L}\\-]*[{_L}])?)*\\.(?:\\p{{L}}{{2,}}|xn--[a-z0-9\\-]+)")


def _email_sql(lowered: str) -> str:
    t = f"regexp_replace({lowered}, '\\s*[\\[({{<]\\s*(?:at|apenstaart)\\s*[\\])}}>]\\s*', '@', 'g')"
    t = f"regexp_replace({t}, '\\s*[\\[({{<]\\s*(?:dot|punt)\\s*[\\])}}>]\\s*', '.', 'g')"
    t = f"regexp_replace({t}, '\\s*@\\s*', '@', 'g')"
    return f"regexp_matches({t}, {sql_literal(_EMAIL)})"


# Ordinary two-letter words and units that may follow a four-digit number in lower case.
_POSTCODE_WORDS = sorted(_words("en in op de te om of na al er is we ze je me an at to on by or as be do go he if it "
                                 "my "
                                 "no so up us ja nu zo ik uw ge ca vs km kg mg ml cm mm ms kb mb gb pc st jr nr cl dl "
                                 "hl ha kw pk ct ex eu uu dd jj hh pp"))


def _postcode_sql(cased: str) -> str:
    u = f"regexp_replace({cased}, '\\s+', ' ', 'g')"
    found = f"regexp_extract_all({u}, '(?:^|[^{_L}])([1-9][0-9]{{3}}[ \\-]?[A-Za-z]{{2}})(?:$|[^{_L}])', 1)"
    words = "[" + ", ".join(sql_literal(w) for w in _POSTCODE_WORDS) + "]"
    ordinary = (f"(regexp_matches(x, '[0-9][ \\-][a-z]{{2}}$') AND list_contains({words}, right(x, 2)))")
    return f"len(list_filter({found}, lambda x: NOT {ordinary})) > 0"


def _iban_sql(lowered: str) -> str:
    found = f"regexp_extract_all({lowered}, '(?:^|[^a-z0-9])([a-z]{{2}}[0-9]{{2}}(?:[ .\\-]?[a-z0-9]){{11,32}})', 1)"
    lengths = "MAP {" + ", ".join(f"'{k}': {v}" for k, v in IBAN_LENGTHS.items()) + "}"
    compact = "regexp_replace(x, '[^0-9a-z]', '', 'g')"
    cand = f"left({compact}, coalesce({lengths}[left(x, 2)], 0))"
    digits = ("array_to_string(list_transform(string_split(substr(y, 5) || left(y, 4), ''), "
              "lambda ch: CASE WHEN ch >= 'a' THEN CAST(ascii(ch) - 87 AS VARCHAR) ELSE ch END), '')")
    # A leading '0' keeps the list non-empty (list_reduce refuses an empty list) and changes no remainder.
    mod97 = (f"list_reduce(list_transform(string_split('0' || {digits}, ''), lambda z: TRY_CAST(z AS INTEGER)), "
             "lambda a, b: (a * 10 + b) % 97)")
    checked = f"list_transform(list_transform({found}, lambda x: {cand}), lambda y: len(y) >= 15 AND {mod97} = 1)"
    return f"list_bool_or({checked})"


_MONTHS = "jan|feb|mrt|maa|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec"
_DATE_IN_TEXT = (f"[0-9]{{1,2}}[-/. ][0-9]{{1,2}}[-/. ][0-9]{{2,4}}|[0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}}"
                 f"|[0-9]{{1,2}}\\s*(?:{_MONTHS})\\p{{L}}*\\.?\\s*[0-9]{{2,4}}|(?:19|20)[0-9]{{2}}")
_BIRTH_WORDS = ("geboren|geb\\.?|geboortedatum|geb\\.?\\s?datum|gebdat|geboortedag|geboortejaar|verjaardag"
                "|dob|d\\.o\\.b\\.?|born|birth\\s?date|date of birth|birthday")


def _birth_keyword_sql(lowered: str) -> str:
    return (f"regexp_matches({lowered}, '(?:^|[^\\p{{L}}])(?:{_BIRTH_WORDS})\\s*[:\\-]?\\s*"
            f"(?:(?:op|on|in|d\\.d\\.)\\s*)?(?:{_DATE_IN_TEXT})')")


def _earliest_date_sql(lowered: str) -> str:
    """The earliest plausible calendar date written in the value (NULL when none)."""
    iso = f"regexp_extract_all({lowered}, '(?:^|[^0-9])([0-9]{{4}}[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}})(?:[^0-9]|$)', 1)"
    dmy = f"regexp_extract_all({lowered}, '(?:^|[^0-9])([0-9]{{1,2}}[-/.][0-9]{{1,2}}[-/.][0-9]{{4}})(?:[^0-9]|$)', 1)"
    txt = (f"regexp_extract_all({lowered}, '(?:^|[^0-9])([0-9]{{1,2}}\\s*(?:{_MONTHS})\\p{{L}}*\\.?\\s*[0-9]{{4}})"
           f"(?:[^0-9]|$)', 1)")
    iso_d = "list_transform(" + iso + ", lambda x: TRY_CAST(regexp_replace(x, '[/.]', '-', 'g') AS DATE))"
    dmy_re = "'^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$'"
    dmy_d = (f"list_transform({dmy}, lambda x: coalesce(TRY_CAST(regexp_replace(x, {dmy_re}, '\\3-\\2-\\1') AS DATE), "
             f"TRY_CAST(regexp_replace(x, {dmy_re}, '\\3-\\1-\\2') AS DATE)))")
    months = "['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec']"
    mon = ("replace(replace(replace(replace(left(regexp_extract(x, '\\p{L}+'), 3), 'maa', 'mrt'), 'mar', 'mrt'), "
           "'may', 'mei'), 'oct', 'okt')")
    txt_d = (f"list_transform({txt}, lambda x: TRY_CAST(regexp_extract(x, '([0-9]{{4}})$', 1) || '-' || "
             f"CAST(list_position({months}, {mon}) AS VARCHAR) || '-' || "
             f"regexp_extract(x, '^([0-9]{{1,2}})', 1) AS DATE))")
    dates = f"list_concat({iso_d}, {dmy_d}, {txt_d})"
    plausible = "x IS NOT NULL AND year(x) > 1900 AND x <> DATE '1970-01-01'"
    return f"list_min(list_filter({dates}, lambda x: {plausible}))"


_STREET_WORDS = ("straat|str\\.|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|park|steeg|markt|baan|burgwal|wal"
                 "|haven|kanaal|boulevard|allee|plantsoen|passage|poort|oord|dam|vaart|vliet|hoven|wetering|zijde|hage"
                 "|straatweg|kwartier|pad|werf|einde|hout")
# Street words that are a whole street name on their own ("Markt 1", "Boulevard 40").
_STREET_ALONE = "markt|plein|boulevard|kade|singel|gracht|dreef|laan|straat|brink|esplanade|wal|dam"


def _address_sql(lowered: str) -> str:
    number = "([1-9][0-9]{0,3})(?:\\s?[a-z]{1,2}|[-/][0-9]{1,4})?(?:[^\\p{L}0-9]|$)"
    suffix = (f"regexp_extract_all({lowered}, '(?:\\p{{L}}{{2,}}(?:{_STREET_WORDS})"
              f"|(?:^|[^\\p{{L}}])(?:{_STREET_ALONE}))"
              f"\\s?{number}', 1)")
    prefix = (f"regexp_extract_all({lowered}, '(?:^|[^\\p{{L}}])(?:laan|plein|kade|singel|weg|straat|dreef|hof|gracht)"
              f"\\s(?:van|der|de|den|het|op|ten|ter|voor|aan|bij|achter|over)(?:\\s\\p{{L}}+){{1,3}}\\s{number}', 1)")
    not_year = "lambda x: NOT (len(x) = 4 AND (starts_with(x, '19') OR starts_with(x, '20')))"
    postbus = f"regexp_matches({lowered}, '(?:^|[^\\p{{L}}])postbus\\s?[0-9]{{1,5}}(?:[^0-9]|$)')"
    return (f"(len(list_filter({suffix}, {not_year})) > 0 OR len(list_filter({prefix}, {not_year})) > 0 "
            f"OR {postbus})")


_TOKEN_RE = "['\u2019]t\\b|\\p{L}+\\.?"
# Token classes (see NameLists.classes; C = other capitalised word, I = initial) and the shapes of a
# name: a strong name; a (weak) first name + surname or capitalised word; a tussenvoegsel + weak
# surname; a title or initials + a capitalised word; "met"/"namens"… + a capitalised first name.
_SHAPE_RE = ("N|[fb]V{0,3}[sbzyCN]|[gy]V{0,3}[sbzyN]|V{1,3}[sb]|T[IV]{0,4}[NfsbgzyC]|I{1,4}V{0,3}[NfsbgzyC]"
             "|M[fbgy]")
_CONTEXT_WORDS = ("met", "namens", "door", "via", "en")
_FULL_TITLES = ("mevrouw", "meneer", "juffrouw", "heer", "dhr", "mevr", "juf", "meester", "oma", "opa", "tante", "oom",
                "moeder", "vader", "zus", "broer")


# --- the scan -----------------------------------------------------------------------------------


def _gated(cheap: str, expensive: str) -> str:
    """``expensive`` only where the cheap test holds: DuckDB evaluates both sides of AND, but a
    CASE branch only for the rows that reach it (this is what makes a 20-million-row log feasible)."""
    return f"CASE WHEN {cheap} THEN coalesce({expensive}, false) ELSE false END"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _label(text: str) -> str:
    """A printable label for a column name: control characters dropped, length capped."""
    clean = "".join(ch for ch in text if ch.isprintable())
    return repr(clean[:60] + ("…" if len(clean) > 60 else ""))


@dataclass
class _Source:
    label: str  # how findings name it
    position_label: str  # how findings name it when its name holds a value
    header_label: str  # how findings about its name name it
    name: str  # the column name or attribute key (scanned, never printed if it holds a value)
    rows: int = 0


def scan(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    columns: Sequence[str] | None = None,
    *,
    timestamp_column: str | None = "timestamp",
    attributes: str | None = None,
    names: NameLists | None = None,
    source: str = "event log",
) -> list[Finding]:
    """Scan a relation (and XES attributes) for direct identifiers; return findings, never values.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
    relation : str
        A table or view in ``con`` with the log as text. Columns of other types are cast to
        VARCHAR for the scan (that cast cannot fail).
    columns : sequence of str, optional
        The columns to scan; default every column of ``relation``.
    timestamp_column : str or None
        The column holding event times: its median date is the reference for the
        date-of-birth age rule (it is scanned like every other column).
    attributes : str, optional
        A table or view with VARCHAR columns ``key`` and ``value``: every XES attribute of the
        log (trace and event level, ``concept:name`` and ``time:timestamp`` included). Each key is
        scanned as a column name and its values as a column.
    names : NameLists, optional
        Default :meth:`NameLists.default`: the built-in lists (``deduce``'s only when passed explicitly).
    source : str
        Used only in the message of :class:`PrivacyScanFailed`.

    Returns
    -------
    list of Finding
        Sorted by column order, then kind order (:data:`KINDS`).

    Raises
    ------
    PrivacyScanFailed
        DuckDB (or anything else) failed during the scan; no data in the message.
    """
    tag = uuid.uuid4().hex[:12]
    failure: str | None = None
    try:
        return _scan(con, relation, columns, timestamp_column, attributes, names or NameLists.default(), tag)
    except Exception as exc:  # noqa: BLE001 - every failure is re-raised below, without its data
        failure = type(exc).__name__
    finally:
        for table in ("vals", "norm", "flags", "tok", "names", "keys"):
            with contextlib.suppress(Exception):  # cleanup must not mask the outcome
                con.execute(f"DROP TABLE IF EXISTS _pg_{table}_{tag}")
    # Raised outside the except block, so the DuckDB error is not even attached as context.
    raise PrivacyScanFailed(source, failure)


def guard(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    source: str,
    columns: Sequence[str] | None = None,
    *,
    timestamp_column: str | None = "timestamp",
    attributes: str | None = None,
    names: NameLists | None = None,
) -> None:
    """Raise :class:`IdentifiersFound` when :func:`scan` finds anything; ``source`` names the file.

    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE t AS SELECT 'c1' AS case_id, '2024-03-04' AS timestamp, "
    ...                 "'Zorgmelding verzonden' AS activity")
    >>> guard(con, "t", "log.csv") is None
    True
    """
    findings = scan(con, relation, columns, timestamp_column=timestamp_column, attributes=attributes,
                    names=names, source=source)
    if findings:
        raise IdentifiersFound(source, findings)


def find_in_texts(texts: Sequence[str], *, names: NameLists | None = None,
                  source: str = "free text") -> list[tuple[str, ...]]:
    """The kinds of identifier in each of ``texts`` (in :data:`KINDS` order), by one :func:`scan`.

    For free text outside case logs (the Doorbraakteam register): the same detection, so there is
    one gate. Each text is a column of a one-row table in a private in-memory database; dates are
    judged against today (a full date more than 12 years back counts as a date of birth). One call
    for all fields of a record: a scan costs tenths of a second whatever its size.

    >>> find_in_texts(["Gesprek met Jan de Vries", "VT kreeg geen terugkoppeling.", "bel 06-12345678"])
    [('person-name',), (), ('phone',)]
    """
    if not texts:
        return []
    con = duckdb.connect(":memory:", config={"enable_external_access": False})
    try:
        columns = [f"t{i}" for i in range(len(texts))]
        con.execute("CREATE TABLE texts AS SELECT " + ", ".join(f"CAST(? AS VARCHAR) AS {c}" for c in columns),
                    [str(t) for t in texts])
        findings = scan(con, "texts", timestamp_column=None, names=names, source=source)
    finally:
        con.close()
    labels = {f"column {_label(c)}": i for i, c in enumerate(columns)}
    found: list[set[str]] = [set() for _ in texts]
    for f in findings:
        if f.kind != "identifying-column" and f.column in labels:
            found[labels[f.column]].add(f.kind)
    return [tuple(k for k in KINDS if k in kinds) for kinds in found]


def _scan(
    con: duckdb.DuckDBPyConnection,
    relation: str,
    columns: Sequence[str] | None,
    timestamp_column: str | None,
    attributes: str | None,
    names: NameLists,
    tag: str,
) -> list[Finding]:
    vals, norm, flags, tok, names_t, keys = (f"_pg_{t}_{tag}"
                                             for t in ("vals", "norm", "flags", "tok", "names", "keys"))
    rel = _quote(relation)
    described = [str(row[0]) for row in con.execute(f"DESCRIBE {rel}").fetchall()]
    wanted = list(described if columns is None else columns)
    sources = [_Source(f"column {_label(c)}", f"column {i + 1}", f"name of column {i + 1}", c)
               for i, c in enumerate(wanted)]
    selects = [f"SELECT {i} AS c, CAST({_quote(c)} AS VARCHAR) AS v FROM {rel}" for i, c in enumerate(wanted)]
    con.execute(f"CREATE TEMP TABLE {vals} (c INTEGER, v VARCHAR, n BIGINT)")
    if selects:
        con.execute(f"INSERT INTO {vals} SELECT c, v, count(*) FROM ({' UNION ALL '.join(selects)}) "
                    f"WHERE v IS NOT NULL AND v <> '' GROUP BY ALL")
    if attributes is not None:
        base = len(sources)
        con.execute(f"CREATE TEMP TABLE {keys} AS SELECT key AS k, CAST({base} + row_number() OVER (ORDER BY key) - 1 "
                    f"AS INTEGER) AS c FROM (SELECT DISTINCT CAST(key AS VARCHAR) AS key FROM {_quote(attributes)} "
                    f"WHERE key IS NOT NULL)")
        for key, _ in con.execute(f"SELECT k, c FROM {keys} ORDER BY c").fetchall():
            j = len(sources) - base + 1
            sources.append(_Source(f"XES attribute {_label(str(key))}", f"XES attribute {j}",
                                   f"key of XES attribute {j}", str(key)))
        con.execute(f"INSERT INTO {vals} SELECT k.c, CAST(a.value AS VARCHAR), count(*) FROM {_quote(attributes)} a "
                    f"JOIN {keys} k ON CAST(a.key AS VARCHAR) = k.k WHERE a.value IS NOT NULL "
                    f"AND CAST(a.value AS VARCHAR) <> '' GROUP BY ALL")
    # The names themselves are scanned as values too (c = -1 - index): a header can hold data.
    if sources:
        con.execute(f"INSERT INTO {vals} SELECT -1 - i, name, 1 FROM "
                    f"(SELECT unnest(?::VARCHAR[]) AS name, unnest(range(?)) AS i)",
                    [[s.name for s in sources], len(sources)])
    for c, rows in con.execute(f"SELECT c, sum(n) FROM {vals} WHERE c >= 0 GROUP BY c").fetchall():
        sources[int(c)].rows = int(rows)

    # Normalised forms of each distinct value: u (folded, case kept), l (lower), s (digit view).
    con.execute(f"CREATE TEMP TABLE {norm} AS SELECT row_number() OVER () AS rid, c, n, u, lower(u) AS l, "
                f"{digit_view_sql('lower(u)')} AS s FROM (SELECT c, n, {fold_sql('v', lower=False)} AS u FROM {vals})")
    # Digits glued to letters are no phone number (hex ids, UUIDs); a BSN may follow letters ("bsn123…")
    # but not run into them.
    windows = _windows_sql("regexp_replace(s, '[\\p{L}0-9]*[0-9]\\p{L}[\\p{L}0-9]*', ' ', 'g')")
    phone_windows = _windows_sql(f"regexp_replace({_no_iban('s')}, '[\\p{{L}}0-9]*\\p{{L}}[\\p{{L}}0-9]*', ' ', 'g')")
    many_digits = "regexp_matches(s, '[0-9](?:[^0-9]?[0-9]){8}')"
    email = _gated("regexp_matches(l, '@|\\[at\\]|\\(at\\)')", _email_sql("l"))
    con.execute(f"""
        CREATE TEMP TABLE {flags} AS SELECT rid, c, n,
            {_gated(many_digits, _bsn9_sql(windows))} AS bsn9,
            {_gated("regexp_full_match(trim(l), '[0-9][0-9., e+]{6,14}')", _bsn8_sql('l'))} AS bsn8,
            coalesce(regexp_full_match(trim(l), '{_COMPACT_DATE}'), false) AS cdate,
            {email} AS email,
            {_gated(many_digits, _phone_sql(phone_windows))} AS phone,
            {_gated("regexp_matches(u, '[0-9]{4}[ -]*[A-Za-z]{2}')", _postcode_sql('u'))} AS postcode,
            {_gated("regexp_matches(l, '[a-z]{2}[0-9]{2}')", _iban_sql('l'))} AS iban,
            {_gated("regexp_matches(l, '[bg][eo]|dob|d[.]o[.]b|birth|verjaardag')", _birth_keyword_sql('l'))} AS dob_kw,
            CASE WHEN regexp_matches(l, '[0-9]{{4}}') THEN {_earliest_date_sql('l')} END AS earliest,
            {_gated("regexp_matches(l, '[a-z][.]?[ ]?[0-9]')", _address_sql('l'))} AS address
        FROM {norm}""")

    # Person names: tokens of each distinct value, looked up, turned into a shape string.
    classes = names.classes()
    con.execute(f"CREATE TEMP TABLE {names_t} AS SELECT unnest(?::VARCHAR[]) AS k, unnest(?::VARCHAR[]) AS cls",
                [list(classes), list(classes.values())])
    full_titles = "[" + ", ".join(sql_literal(t) for t in _FULL_TITLES) + "]"
    no_dates = f"regexp_replace(u, '(?i)[0-9]{{1,2}}\\s*(?:{_MONTHS})\\p{{L}}*\\.?', ' ', 'g')"
    no_dates = f"regexp_replace({no_dates}, '[\\p{{L}}\\p{{N}}]*[0-9][\\p{{L}}\\p{{N}}]*', ' ', 'g')"  # ids, not words
    con.execute(f"""
        CREATE TEMP TABLE {tok} AS
        WITH t AS (SELECT rid, unnest(toks) AS t, unnest(range(len(toks))) AS pos
                   FROM (SELECT rid, regexp_extract_all({no_dates}, {sql_literal(_TOKEN_RE)}) AS toks
                         FROM {norm} WHERE regexp_matches(u, '\\p{{L}}')))
        SELECT t.rid, t.pos,
            CASE
                WHEN m.cls = 'X' THEN 'w'
                WHEN m.cls = 'T' AND (ends_with(t.t, '.') OR list_contains({full_titles}, m.k)) THEN 'T'
                WHEN regexp_full_match(t.t, '\\p{{Lu}}\\.') THEN 'I'
                WHEN m.cls IN ('V', 'N', 'M') THEN m.cls
                WHEN m.cls IN ('f', 's', 'b', 'g', 'z', 'y') AND regexp_matches(t.t, '^\\p{{Lu}}') THEN m.cls
                WHEN m.cls IS NULL AND regexp_matches(t.t, '^\\p{{Lu}}') THEN 'C'
                ELSE 'w'
            END AS ch
        FROM t LEFT JOIN {names_t} m ON m.k = {_name_key_of('t.t')}""")
    name_hits = dict(con.execute(f"""
        SELECT f.c, sum(f.n) FROM {flags} f JOIN (
            SELECT rid FROM {tok} GROUP BY rid
            HAVING regexp_matches(string_agg(ch, '' ORDER BY pos), '{_SHAPE_RE}')) h ON h.rid = f.rid
        GROUP BY f.c""").fetchall())

    # The date-of-birth age rule needs the log's median event date.
    reference = None
    if timestamp_column is not None and timestamp_column in wanted:
        ts = wanted.index(timestamp_column)
        reference = con.execute(f"SELECT quantile_disc(earliest, 0.5) FROM {flags} "
                                f"WHERE c = {ts} AND earliest IS NOT NULL").fetchone()
    ref_sql = "current_date" if reference is None or reference[0] is None else f"DATE '{reference[0]}'"
    counts = con.execute(f"""
        SELECT c,
            sum(n) FILTER (WHERE bsn9 OR (bsn8 AND NOT cdate)),
            sum(n) FILTER (WHERE bsn8 AND cdate AND NOT bsn9),
            sum(n) FILTER (WHERE cdate),
            sum(n) FILTER (WHERE email),
            sum(n) FILTER (WHERE phone),
            sum(n) FILTER (WHERE postcode),
            sum(n) FILTER (WHERE iban),
            sum(n) FILTER (WHERE dob_kw OR earliest < {ref_sql} - INTERVAL 12 YEAR),
            sum(n) FILTER (WHERE address),
            sum(n)
        FROM {flags} GROUP BY c""").fetchall()

    per_source: dict[int, dict[str, int]] = {}
    for c, bsn, bsn_datey, cdate, email, phone, postcode, iban, dob, address, total in counts:
        found: dict[str, int] = {}
        bsn_rows = int(bsn or 0)
        if bsn_datey and int(cdate or 0) * 2 < int(total):  # not a column of yyyymmdd dates
            bsn_rows += int(bsn_datey)
        for kind, rows in (("bsn", bsn_rows), ("email", email), ("phone", phone), ("postcode", postcode),
                           ("iban", iban), ("date-of-birth", dob), ("person-name", name_hits.get(c)),
                           ("address", address)):
            if rows:
                found[kind] = int(rows)
        if found:
            per_source[int(c)] = found

    findings: list[Finding] = []
    for i, src in enumerate(sources):
        header = per_source.get(-1 - i, {})
        label = src.position_label if header else src.label
        for kind in KINDS:
            if kind == "identifying-column":
                if identifying_column_name(src.name):
                    findings.append(Finding(label, kind, max(src.rows, 1)))
            elif kind in per_source.get(i, {}):
                findings.append(Finding(label, kind, per_source[i][kind]))
        findings += [Finding(src.header_label, kind, 1) for kind in KINDS if kind in header]
    return findings


def _name_key_of(token: str) -> str:
    return f"rtrim(strip_accents(lower(replace({token}, '\u2019', ''''))), '.')"


