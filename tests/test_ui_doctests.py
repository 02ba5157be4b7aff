"""The examples in the docstrings of the UI's library modules run as tests (``ui`` is not a
doctest path of the test run, because its page scripts only run under Streamlit)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "ui.fonts", "ui.layout", "ui.mapview", "ui.mapdraw", "ui.mapsvg", "ui.search", "ui.links", "ui.plain",
    "ui.tables", "ui.present", "ui.overview", "ui.storyview", "ui.components.legend", "ui.exports.pdf",
    "ui.exports.html", "ui.exports.story", "ui.i18n",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
