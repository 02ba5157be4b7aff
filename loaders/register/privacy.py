"""The register's privacy gate for free text: refuse direct identifiers.

Every free-text field of the register (a knelpunt's description and the
evidence discussed, an agreement, a role, a systeemknelpunt) passes
:func:`refuse_identifiers` before it is stored, imported or shown. It is the
one place the register decides; when the shared detection core of the case
logs (``loaders/cases/guard.py``) lands, this function delegates to it.

The baseline finds:

- ``BSN``: nine digits (also written with spaces, dots or dashes) passing the 11-proef;
- ``e-mailadres``: an e-mail address, also with international (IDN) names;
- ``telefoonnummer``: Dutch numbers in the usual spellings (``06-12345678``, ``070 123 4567``,
  ``+31 (0)6 1234 5678``, ``0031 70 …``);
- ``postcode``: a Dutch postcode (``2511 AB``);
- ``adres``: a street name with a house number (``Laan van Meerdervoort 12``);
- ``IBAN``: a bank account number passing the mod-97 check;
- ``geboortedatum``: a date next to a word for birth (``geboren``, ``geb.``, ``DOB``…),
  or a full date before 2000.

The error names the field and the kind, never the value:

>>> refuse_identifiers("beschrijving", "VT kreeg geen terugkoppeling van het lokaal team.")
'VT kreeg geen terugkoppeling van het lokaal team.'
>>> refuse_identifiers("beschrijving", "BSN 1112.22.333 van moeder")
Traceback (most recent call last):
...
loaders.register.errors.IdentifierRefused: beschrijving: refused: this text looks like it contains BSN (value not shown). Describe the case without names, BSN, addresses, dates of birth or contact details.
>>> find_identifiers("mail naar jan@voorbeeld.nl of bel 06-12345678")
('e-mailadres', 'telefoonnummer')
>>> find_identifiers("overleg op 12-03-2026 over 5 casussen van 2025")
()
"""

from __future__ import annotations

import re

from loaders.register.errors import IdentifierRefused

__all__ = ["MAX_TEXT", "find_identifiers", "passes_elfproef", "refuse_identifiers"]

# Free text is short by design: a knelpunt is a sentence or two, not a case file.
MAX_TEXT = 1000

_SEP = r"[ .\-]?"
# nine digits, bare or in the usual groupings: 123456782, 1234.56.782, 123.456.782, 123 45 67 82
_BSN = re.compile(
    rf"(?<![\d.\-])(?:(\d{{4}}){_SEP}(\d{{2}}){_SEP}(\d{{3}})|(\d{{3}}){_SEP}(\d{{3}}){_SEP}(\d{{3}})"
    rf"|(\d{{3}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}})|(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{2}}){_SEP}(\d{{3}})"
    rf"|(\d{{9}}))(?![\d])"
)
_EMAIL = re.compile(r"[\w.%+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}", re.UNICODE)
_EMAIL_OBFUSCATED = re.compile(r"[\w.\-]+\s*(?:\[at\]|\(at\)|\s+at\s+)\s*[\w\-]+\s*(?:\[dot\]|\(dot\)|\.)\s*[a-z]{2,}", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+31|0031|0)[ \-.]?(?:\(0\)[ \-.]?)?(?:\(?\d\)?[ \-.]?){9}(?!\d)"
)
_POSTCODE = re.compile(r"(?<![\w])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w])")
_STREET = re.compile(
    r"\b[\w'\-]*(?:straat|laan|weg|plein|gracht|kade|singel|dreef|hof|dijk|steeg|pad|park|burgwal)"
    r"(?:\s+[\w'\-]+){0,3}?\s+\d{1,4}(?:\s?[a-zA-Z]\b|-\d+)?\b",
    re.IGNORECASE,
)
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_DATE = r"(?:\d{1,2}[-/. ]\d{1,2}[-/. ](?:19|20)\d{2}|\d{1,2} (?:jan|feb|mrt|maa|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.? (?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})"
_BIRTH_WORD = re.compile(
    rf"(?:geboren|geb\.|geboortedatum|geboortedag|\bdob\b|date of birth|born|\bgeb\b)[^\d]{{0,20}}{_DATE}", re.IGNORECASE
)
_OLD_DATE = re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.]19\d{2}(?!\d)|(?<!\d)19\d{2}-\d{2}-\d{2}(?!\d)")


def passes_elfproef(digits: str) -> bool:
    """Whether nine digits pass the BSN 11-proef (weights 9..2, then -1).

    >>> passes_elfproef("111222333"), passes_elfproef("123456789"), passes_elfproef("000000000")
    (True, False, False)
    """
    if not re.fullmatch(r"[0-9]{9}", digits) or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0


def _iban_ok(candidate: str) -> bool:
    text = candidate.replace(" ", "")
    if not 15 <= len(text) <= 34:
        return False
    moved = text[4:] + text[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def find_identifiers(text: str) -> tuple[str, ...]:
    """The kinds of direct identifier in ``text`` (Dutch names, in a fixed order); ``()`` when clean."""
    kinds: list[str] = []
    upper = text.upper()
    ibans = [m for m in _IBAN.finditer(upper) if _iban_ok(m.group(0))]
    for m in ibans:  # an account number is not also a phone number or a BSN
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    phones = list(_PHONE.finditer(text))
    for m in phones:  # nor is a phone number a BSN
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    for match in _BSN.finditer(text):
        if passes_elfproef("".join(g for g in match.groups() if g)):
            kinds.append("BSN")
            break
    if _EMAIL.search(text) or _EMAIL_OBFUSCATED.search(text):
        kinds.append("e-mailadres")
    if phones:
        kinds.append("telefoonnummer")
    if _POSTCODE.search(text):
        kinds.append("postcode")
    if _STREET.search(text):
        kinds.append("adres")
    if ibans:
        kinds.append("IBAN")
    if _BIRTH_WORD.search(text) or _OLD_DATE.search(text):
        kinds.append("geboortedatum")
    return tuple(kinds)


def refuse_identifiers(field: str, text: str | None) -> str | None:
    """Return ``text`` (stripped) when it holds no direct identifier; else raise.

    Parameters
    ----------
    field : str
        The field's name, shown in the error (``"beschrijving"``, ``"knelpunten[2].afspraak"``).
    text : str or None
        The free text; None and blank pass as None.

    Raises
    ------
    IdentifierRefused
        Names ``field`` and the kinds found; the value is never echoed.
    InvalidInput
        The text is longer than :data:`MAX_TEXT` characters.
    """
    from loaders.register.errors import InvalidInput

    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput(field, f"at most {MAX_TEXT} characters, got {len(text)}",
                           f"hoogstens {MAX_TEXT} tekens, nu {len(text)}")
    kinds = find_identifiers(text)
    if kinds:
        raise IdentifierRefused(field, kinds)
    return text
