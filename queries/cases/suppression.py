"""Small-cell suppression: a figure resting on fewer than N cases shows as ``<N``.

Every count that leaves the engine (CLI text, JSON, the UI through the
dataclasses of :mod:`queries.cases.stats`) goes through :func:`suppress` first,
so a suppressed value is never stored next to its label. The threshold comes
from :attr:`graph.settings.Settings.suppression_threshold` (at least 5,
configurable upwards only).

Examples
--------
>>> suppress(3)
Count(value=None, threshold=5)
>>> str(suppress(3)), str(suppress(12)), str(suppress(0))
('<5', '12', '0')
>>> suppress(7, threshold=10).label
'<10'
>>> suppress(7, threshold=4)
Traceback (most recent call last):
...
graph.errors.ChainError: suppression threshold must be a whole number >= 5, got 4
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import ChainError
from graph.settings import MIN_SUPPRESSION_THRESHOLD

__all__ = ["Count", "suppress", "check_threshold", "share"]


def check_threshold(threshold: int) -> int:
    """Return ``threshold`` if it is allowed (an int >= 5), else raise ChainError.

    >>> check_threshold(5)
    5
    """
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < MIN_SUPPRESSION_THRESHOLD:
        raise ChainError(
            f"suppression threshold must be a whole number >= {MIN_SUPPRESSION_THRESHOLD}, got {threshold!r}"
        )
    return threshold


@dataclass(frozen=True)
class Count:
    """A case count after suppression.

    ``value`` is None when the true count was between 1 and ``threshold - 1``;
    the true count is then not kept anywhere. Zero is shown as zero: it rests
    on no case.
    """

    value: int | None
    threshold: int

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def label(self) -> str:
        """``"<5"`` when suppressed, else the number."""
        return f"<{self.threshold}" if self.value is None else str(self.value)

    def __str__(self) -> str:
        return self.label

    def to_json(self) -> int | str:
        """The number, or the ``"<5"`` label when suppressed."""
        return self.label if self.value is None else self.value


def suppress(n: int | None, threshold: int = MIN_SUPPRESSION_THRESHOLD) -> Count:
    """Suppress a count: 1..threshold-1 becomes ``<threshold``.

    Parameters
    ----------
    n : int or None
        The true count (None is treated as 0).
    threshold : int
        Smallest count shown; at least 5.

    Returns
    -------
    Count
    """
    check_threshold(threshold)
    n = int(n or 0)
    if 0 < n < threshold:
        return Count(None, threshold)
    return Count(n, threshold)


def share(part: Count, whole: Count) -> float | None:
    """``part / whole`` when neither is suppressed and ``whole`` > 0, else None.

    >>> share(suppress(10), suppress(40))
    0.25
    >>> share(suppress(2), suppress(40)) is None
    True
    """
    if part.value is None or whole.value is None or whole.value == 0:
        return None
    return part.value / whole.value
