"""Case-id pseudonymisation for case event logs, and the names of the one privacy gate.

The gate itself is :mod:`loaders.cases.guard` (every column and XES attribute, read as text,
before any other code touches a value); :mod:`loaders.cases.events` calls it. This module keeps
the salt of the case-id hash and re-exports the gate's public names, so callers have one place
to import them from.

Case ids are replaced at load by a salted SHA-256 (:func:`case_salt`); the salt comes from
``KETENKAART_CASE_SALT`` or is generated per run and not stored, so the keys cannot be linked
across runs unless the salt is set.

>>> passes_elfproef("111222333"), passes_elfproef("123456789")
(True, False)
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping

from loaders.cases.guard import (
    Finding,
    IdentifiersFound,
    NameLists,
    PrivacyScanFailed,
    guard,
    passes_elfproef,
    scan,
)

__all__ = [
    "SALT_ENV",
    "Finding",
    "IdentifiersFound",
    "NameLists",
    "PrivacyScanFailed",
    "case_salt",
    "guard",
    "passes_elfproef",
    "scan",
]

SALT_ENV = "KETENKAART_CASE_SALT"


def case_salt(environ: Mapping[str, str] | None = None) -> str:
    """The salt for case-id hashing: ``KETENKAART_CASE_SALT`` or a fresh random one.

    A generated salt is returned to the caller only and never written anywhere.

    >>> case_salt({"KETENKAART_CASE_SALT": "s3cret"})
    's3cret'
    >>> len(case_salt({}))
    32
    """
    environ = os.environ if environ is None else environ
    salt = environ.get(SALT_ENV)
    return salt if salt else secrets.token_hex(16)
