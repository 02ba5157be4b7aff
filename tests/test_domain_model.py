"""The model fields of issue 11: source authority and the verification rule,
organisation aliases, family members as actors, last_checked and the
"not checked for two years" query. Round trips of these fields through YAML,
the workbook, Turtle and Cypher rows are covered by the hypothesis tests,
whose strategies (tests/strategies.py) draw them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from graph.errors import ChainDataError
from graph.examples import toy_chain
from graph.model import OrganisationKind, SourceAuthority, Status
from graph.rdf import to_rdf, validate_rdf
from loaders.build import build_model
from loaders.load import load_model
from loaders.readers.turtle import read_turtle_graph
from loaders.writers import write_yaml_folder
from queries.sources import authority_counts, unchecked_since


def _toy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "keten"
    write_yaml_folder(toy_chain(), folder)
    return folder


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(folder: Path, name: str, fragment: str, after: str = "") -> int:
    """The 1-based number of the first line equal to ``fragment`` (or containing it, when
    ``fragment`` has no leading space) at or after the line containing ``after``."""
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    found = (line == fragment if fragment.startswith(" ") else fragment in line for line in lines)
    return next(i for i, hit in enumerate(found) if i >= start and hit) + 1


def test_a_fact_verified_only_by_a_secondary_copy_is_an_error_naming_file_line_and_field(tmp_path):
    folder = _toy_folder(tmp_path)
    # the toy chain's only sources become a mirror and a news item
    _edit(folder, "sources.yaml", "- id: toy-law\n", "- id: toy-law\n  authority: secondary-copy\n")
    _edit(folder, "sources.yaml", "- id: toy-source\n", "- id: toy-source\n  authority: news\n")
    with pytest.raises(ChainDataError) as err:
        load_model(folder)
    messages = [str(p) for p in err.value.problems]
    assert messages and all("rests only on secondary copies or news" in m for m in messages)
    line = _line_of(folder, "handoffs.yaml", "  status: verified", after="id: ho-politie-vt")
    assert any(f"handoffs.yaml:{line}: status: verified, but" in m for m in messages), messages
    # nested facts are named by their path
    assert any(": norm.status: verified" in m for m in messages), messages


def test_one_official_source_is_enough_and_untyped_sources_are_not_judged(tmp_path):
    folder = _toy_folder(tmp_path)
    # every verified fact of the toy chain cites toy-source; toy-law is left untyped
    _edit(folder, "sources.yaml", "- id: toy-source\n", "- id: toy-source\n  authority: own-page\n")
    model = load_model(folder)
    assert model.source("toy-source").authority is SourceAuthority.OWN_PAGE
    assert authority_counts(model) == {SourceAuthority.OWN_PAGE: 1, None: 1}
    # typed as a copy, the law text no longer verifies the facts that cite only it
    _edit(folder, "sources.yaml", "- id: toy-law\n", "- id: toy-law\n  authority: secondary-copy\n")
    with pytest.raises(ChainDataError) as err:
        load_model(folder)
    only_law = {lb.id for lb in model.legal_bases if lb.sources == ("toy-law",) and lb.status is Status.VERIFIED}
    assert only_law
    assert {p.location.rsplit("/", 1)[1].split(":")[0] for p in err.value.problems} <= {
        "legal_bases.yaml", "handoffs.yaml"}
    assert sum(p.location.rsplit("/", 1)[1].startswith("legal_bases.yaml") for p in err.value.problems) == len(only_law)


def test_unknown_authority_is_reported_with_the_allowed_values(tmp_path):
    folder = _toy_folder(tmp_path)
    _edit(folder, "sources.yaml", "- id: toy-law\n", "- id: toy-law\n  authority: mirror\n")
    with pytest.raises(ChainDataError) as err:
        load_model(folder)
    (problem,) = err.value.problems
    assert problem.field == "authority" and "official-publication" in problem.message
    assert problem.location.endswith(f"sources.yaml:{_line_of(folder, 'sources.yaml', 'authority: mirror')}")


@pytest.mark.parametrize("aliases, message", [
    ('["VT; Veilig Thuis"]', "without ';'"),
    ('["VT", "VT"]', "listed twice"),
    ('[" VT"]', "no spaces around it"),
    ('"VT"', "must be a list"),
])
def test_aliases_are_short_one_line_names(tmp_path, aliases, message):
    folder = _toy_folder(tmp_path)
    _edit(folder, "organisations.yaml", "- id: politie\n", f"- id: politie\n  aliases: {aliases}\n")
    with pytest.raises(ChainDataError) as err:
        load_model(folder)
    (problem,) = err.value.problems
    assert problem.field.startswith("aliases") and message in problem.message


def test_aliases_family_members_and_last_checked_survive_turtle_and_shacl():
    model = toy_chain()
    orgs = {o.id: o for o in model.organisations}
    orgs["politie"] = dataclasses.replace(orgs["politie"], aliases=("politie Den Haag", "eenheid Den Haag"),
                                          last_checked=dt.date(2026, 11, 30))
    orgs["lokaal-team"] = dataclasses.replace(orgs["lokaal-team"], kind=OrganisationKind.PERSON)
    sources = tuple(dataclasses.replace(s, authority=SourceAuthority.OFFICIAL, last_checked=dt.date(2026, 11, 1))
                    for s in model.sources)
    changed = dataclasses.replace(model, organisations=tuple(orgs.values()), sources=sources)
    graph = to_rdf(changed)
    assert validate_rdf(graph)[0]
    assert build_model(read_turtle_graph(graph, "x.ttl")) == changed
    assert changed.organisation("politie").search_terms[:2] == ("Politie", "politie Den Haag")


def test_unchecked_since_lists_never_and_long_ago_checked_facts_first_never():
    model = toy_chain()
    recent = dataclasses.replace(model.organisation("politie"), last_checked=dt.date(2026, 6, 1))
    old = dataclasses.replace(model.organisation("raad"), last_checked=dt.date(2020, 1, 1))
    edge = dataclasses.replace(model.organisation("kinderrechter"), last_checked=dt.date(2024, 12, 2))
    model = dataclasses.replace(model, organisations=tuple(
        {o.id: o for o in (recent, old, edge)}.get(o.id, o) for o in model.organisations))
    found = unchecked_since(model, dt.date(2026, 12, 2))
    ids = [u.element for u in found]
    assert "politie" not in ids
    assert ids.index("raad") < ids.index("kinderrechter")  # oldest check first
    assert all(u.last_checked is None for u in found[: ids.index("raad")])  # never checked before any date
    assert next(u for u in found if u.element == "kinderrechter").days_since == 730  # exactly two years: listed
    assert {u.kind for u in found} >= {"sources", "organisations", "handoffs"}
    assert unchecked_since(model, dt.date(2026, 12, 2), years=10)[-1].element != "raad"  # 2020 is recent enough


def test_status_default_is_verified_for_sources_only():
    assert toy_chain().sources[0].status is Status.VERIFIED
