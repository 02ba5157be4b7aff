"""The one "did you mean" of ketenkaart: the nearest known names to a mistyped one.

Used for unknown ids (CLI, map search, model look-ups), unknown references
and unknown field names in data files, so every place suggests alike.

>>> nearest("raad", ["raad", "ho-vt-raad", "ho-vt-raad-oud", "politie"])
['raad', 'ho-vt-raad', 'ho-vt-raad-oud']
>>> nearest("sourcs", ["id", "name", "sources"])
['sources']
>>> nearest("zzz", ["id", "name"])
[]
>>> did_you_mean("veilig-tuis", ["veilig-thuis", "politie"])
'; did you mean: veilig-thuis?'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["nearest", "did_you_mean", "SIMILARITY_CUTOFF"]

# Below this difflib ratio two names are not alike enough to suggest.
SIMILARITY_CUTOFF = 0.6
# Above this many candidates only the most alike by character pairs are compared with difflib
# (difflib alone is quadratic in practice; thousands of bad references must stay fast).
_PREFILTER_ABOVE = 100
_PREFILTER_KEEP = 40


def _bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset((text,))


def nearest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates closest to ``word``, best first.

    Candidates containing ``word`` (or contained in it) come first, then the
    others alike enough (difflib ratio at least :data:`SIMILARITY_CUTOFF`);
    within each group by similarity, ties by name. Case is ignored.
    """
    pool = sorted(set(candidates))
    needle = word.lower()
    if not needle or not pool:
        return []
    if len(pool) > _PREFILTER_ABOVE:
        mine = _bigrams(needle)
        contains = [c for c in pool if needle in c.lower() or c.lower() in needle]
        scored = sorted(pool, key=lambda c: (-len(mine & _bigrams(c.lower())) / len(mine | _bigrams(c.lower())), c))
        pool = sorted(set(contains[:n]) | set(scored[:_PREFILTER_KEEP]))
    ratio = {c: difflib.SequenceMatcher(None, needle, c.lower()).ratio() for c in pool}
    contains = [c for c in pool if needle in c.lower() or c.lower() in needle]
    close = [c for c in pool if ratio[c] >= SIMILARITY_CUTOFF and c not in contains]
    ranked = sorted(contains, key=lambda c: (-ratio[c], c)) + sorted(close, key=lambda c: (-ratio[c], c))
    return ranked[:n]


def did_you_mean(word: str, candidates: Iterable[str], n: int = 3) -> str:
    """``"; did you mean: a, b?"`` for the :func:`nearest` candidates, or ``""`` when none is near."""
    close = nearest(word, candidates, n)
    return "; did you mean: " + ", ".join(close) + "?" if close else ""
