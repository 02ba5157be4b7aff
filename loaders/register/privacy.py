"""The register's privacy gate for free text: refuse direct identifiers.

Every free-text field of the register (a knelpunt's description and the
evidence discussed, an agreement, a role, a systeemknelpunt) passes this gate
before it is stored, imported or shown. The detection is the case logs' one
privacy gate (:func:`loaders.cases.guard.find_in_texts`, issue 12): the same
normalisation and the same kinds, so a spelling that gets past one cannot get
past the other. The kinds, as the register names them:

- ``BSN``: nine digits in any grouping or script (``123.456.782``, full-width digits) passing the 11-proef;
- ``e-mailadres``: also international (IDN) names and ``[at]`` spellings;
- ``telefoonnummer``: Dutch numbers in the usual spellings (``06-12345678``, ``(070) 123 45 67``, ``+31 (0)6 …``);
- ``postcode``: ``2511 AB`` in any case and spacing;
- ``adres``: a street name with a house number, ``Postbus 123``;
- ``IBAN``: passing mod-97;
- ``geboortedatum``: a date next to a word for birth, or a full date more than 12 years back;
- ``naam``: a likely person name (name lists and name shapes; measured recall, see ``docs/security.md``).

The error names the field and the kind, never the value:

>>> refuse_identifiers("beschrijving", "VT kreeg geen terugkoppeling van het lokaal team.")
'VT kreeg geen terugkoppeling van het lokaal team.'
>>> refuse_identifiers("beschrijving", "BSN 1112.22.333 van moeder")
Traceback (most recent call last):
...
loaders.register.errors.IdentifierRefused: beschrijving: refused: this text looks like it contains BSN (value not
shown). Describe the case without names, BSN, addresses, dates of birth or contact details.
>>> find_identifiers("mail naar info@voorbeeld.nl of bel 06-12345678")
('e-mailadres', 'telefoonnummer')
>>> find_identifiers("overleg op 12-03-2026 over 5 casussen van 2025")
()
"""

from __future__ import annotations

from collections.abc import Sequence

from loaders.cases.guard import find_in_texts, passes_elfproef
from loaders.register.errors import IdentifierRefused, InvalidInput

__all__ = ["DUTCH_KINDS", "MAX_TEXT", "checked_length", "find_identifiers", "find_identifiers_in", "passes_elfproef",
           "refuse_identifiers"]

# Free text is short by design: a knelpunt is a sentence or two, not a case file.
MAX_TEXT = 1000

# The gate's kinds as the register names them (in the gate's order).
DUTCH_KINDS = {"bsn": "BSN", "email": "e-mailadres", "phone": "telefoonnummer", "postcode": "postcode",
               "iban": "IBAN", "date-of-birth": "geboortedatum", "person-name": "naam", "address": "adres"}


def find_identifiers_in(texts: Sequence[str]) -> list[tuple[str, ...]]:
    """The kinds of direct identifier in each text (Dutch names), by one scan of the gate."""
    return [tuple(DUTCH_KINDS[k] for k in kinds if k in DUTCH_KINDS) for kinds in find_in_texts(texts)]


def find_identifiers(text: str) -> tuple[str, ...]:
    """The kinds of direct identifier in ``text`` (Dutch names, in the gate's order); ``()`` when clean."""
    return find_identifiers_in([text])[0]


def checked_length(field: str, text: str | None) -> str | None:
    """``text`` stripped (None when blank); :class:`InvalidInput` when longer than :data:`MAX_TEXT`."""
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    if len(text) > MAX_TEXT:
        raise InvalidInput(field, f"at most {MAX_TEXT} characters, got {len(text)}",
                           f"hoogstens {MAX_TEXT} tekens, nu {len(text)}")
    return text


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
    text = checked_length(field, text)
    if text is None:
        return None
    kinds = find_identifiers(text)
    if kinds:
        raise IdentifierRefused(field, kinds)
    return text
