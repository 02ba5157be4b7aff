"""A text in Dutch and English (:class:`Phrase`), free of any other import so every
module of ``graph`` can use it (``graph.text`` re-exports it).

>>> Phrase("geen normtijd", "no norm time").in_("en")
'no norm time'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Phrase"]


class Phrase(NamedTuple):
    """A text in Dutch and English. A tuple, so ``nl, en = phrase`` works too."""

    nl: str
    en: str

    def in_(self, lang: str, **values: object) -> str:
        """The text in ``lang`` (``"en"``, else Dutch), ``str.format``-ted with ``values`` when given.

        >>> Phrase("Geselecteerd: {name}", "Selected: {name}").in_("en", name="Politie")
        'Selected: Politie'
        """
        template = self.en if lang == "en" else self.nl
        return template.format(**values) if values else template
