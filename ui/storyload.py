"""The case stories the app offers for the chain it shows: read and validated once per model.

Stories come from ``KETENKAART_STORIES`` (a folder of YAML files or a
workbook) when set, else from the built-in ``loaders/data/stories``. A story
that does not fit the chain shown (an unknown id, a missing field) is left
out, and its problems are listed for the people who edit stories.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from graph.errors import ChainError, Problem
from graph.model import ChainModel
from graph.stories import Story
from loaders.resources import builtin_path
from loaders.stories import check_stories

__all__ = ["STORIES_ENV", "overview_handoffs", "stories", "story_problems", "story_source"]

STORIES_ENV = "KETENKAART_STORIES"


def story_source() -> Path | None:
    """Where the stories are read from (None when there are none)."""
    configured = os.environ.get(STORIES_ENV)
    if configured:
        return Path(configured)
    try:
        return builtin_path("stories")
    except ChainError:
        return None


@st.cache_resource(max_entries=4, show_spinner=False, hash_funcs={ChainModel: id})
def _load(model: ChainModel, source: str) -> tuple[tuple[Story, ...], tuple[Problem, ...]]:
    found, problems = check_stories(Path(source), model)
    return found, tuple(problems)


def _checked(model: ChainModel) -> tuple[tuple[Story, ...], tuple[Problem, ...]]:
    source = story_source()
    if source is None:
        return (), ()
    return _load(model, str(source))


def stories(model: ChainModel) -> tuple[Story, ...]:
    """The stories that fit this chain, the overview story first."""
    found = _checked(model)[0]
    return tuple(sorted(found, key=lambda s: (not s.overview, s.location, s.id)))


def story_problems(model: ChainModel) -> tuple[Problem, ...]:
    """Why stories were left out (file, line, field, message)."""
    return _checked(model)[1]


def overview_handoffs(model: ChainModel) -> tuple[str, ...] | None:
    """The hand-offs of the curated overview for this chain in story order, or None (then computed)."""
    for story in stories(model):
        if story.overview:
            handoffs = [e for e in story.elements() if model.index.get(e) is not None and model.kind_of(e) == "handoffs"]
            return tuple(handoffs) or None
    return None
