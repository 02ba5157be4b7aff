"""Case stories for training: a case told step by step along the chain. No I/O.

A :class:`Story` has a title, an audience and steps; each :class:`StoryStep`
points at elements of the chain (hand-offs, instruments, organisations, ways
in), tells a short narrative, may ask a question for discussion and cites
sources (ids of sources or legal bases in the chain data). Texts are Dutch,
with an optional English version (``*_en``). Stories are read and validated
against a chain by :mod:`loaders.stories`.

>>> step = StoryStep(title="Melding", narrative="De school meldt.", elements=("professional-melding-vt",),
...                  question="Wat weet de school daarna?", question_en="What does the school know then?")
>>> step.text("question", "en"), step.text("narrative", "en")
('What does the school know then?', 'De school meldt.')
>>> story = Story(id="s", title="Signaal", audience=("trainers",), steps=(step,))
>>> story.elements()
('professional-melding-vt',)
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AUDIENCES", "Story", "StoryStep"]

# The closed list of audiences, with their names in Dutch and English.
AUDIENCES: dict[str, tuple[str, str]] = {
    "beleid": ("beleidsmakers", "policy makers"),
    "doorbraakteam": ("Doorbraakteam", "Doorbraakteam"),
    "trainers": ("trainers en hun groepen", "trainers and their groups"),
    "professionals": ("professionals in de keten", "professionals in the chain"),
}


@dataclass(frozen=True)
class StoryStep:
    title: str
    narrative: str
    elements: tuple[str, ...]
    question: str | None = None
    sources: tuple[str, ...] = ()
    title_en: str | None = None
    narrative_en: str | None = None
    question_en: str | None = None

    def text(self, field: str, lang: str = "nl") -> str:
        """``title``, ``narrative`` or ``question`` in ``lang`` (Dutch when there is no English)."""
        english = getattr(self, f"{field}_en", None) if lang == "en" else None
        return english or getattr(self, field) or ""


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    audience: tuple[str, ...]
    steps: tuple[StoryStep, ...]
    summary: str = ""
    sources: tuple[str, ...] = ()
    title_en: str | None = None
    summary_en: str | None = None
    overview: bool = False  # the chain's main route: the overview map shows these hand-offs
    location: str = ""  # where it was read from (file or workbook), for messages to its editor

    def text(self, field: str, lang: str = "nl") -> str:
        """``title`` or ``summary`` in ``lang`` (Dutch when there is no English)."""
        english = getattr(self, f"{field}_en", None) if lang == "en" else None
        return english or getattr(self, field) or ""

    def elements(self) -> tuple[str, ...]:
        """Every element the story points at, in order of first mention."""
        return tuple(dict.fromkeys(e for step in self.steps for e in step.elements))
