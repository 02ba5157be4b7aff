"""Case stories: the shipped stories fit the Haaglanden chain; stories are validated like the chain
data (every problem with file and line or sheet and row, field, and a "did you mean"); the workbook
form reads back what was written; and a story's map lights each step."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from graph.errors import ChainDataError
from graph.examples import toy_chain
from graph.model import HandOff
from loaders.resources import builtin_path
from loaders.stories import (
    check_stories,
    load_stories,
    read_story_workbook,
    write_story_workbook,
)
from ui.storyview import step_states, story_part, story_view

GOOD = """\
id: melding
title: Een melding
audience: [trainers]
steps:
  - title: Politie meldt
    narrative: De politie meldt bij Veilig Thuis.
    elements: [ho-politie-vt]
    question: Wat weet Veilig Thuis nu?
  - title: Naar de Raad
    narrative: Veilig Thuis vraagt de Raad om onderzoek.
    elements: [ho-vt-raad, raad]
    sources: [toy-law]
"""


@pytest.fixture(scope="module")
def haaglanden():
    from loaders.load import load_model

    return load_model()


@pytest.fixture(scope="module")
def shipped(haaglanden):
    return load_stories(builtin_path("stories"), haaglanden)


def problems_of(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "verhaal.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChainDataError) as info:
        load_stories(path, toy_chain())
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_at_least_four_shipped_stories_and_an_overview(shipped, haaglanden):
    assert len([s for s in shipped if not s.overview]) >= 4
    overview = [s for s in shipped if s.overview]
    assert len(overview) == 1
    handoffs = [e for e in overview[0].elements() if isinstance(haaglanden.index.get(e), HandOff)]
    assert 10 <= len(handoffs) <= 14
    for story in shipped:
        assert story.title_en and story.summary
        assert all(step.narrative_en and step.title_en for step in story.steps), story.id


def test_shipped_stories_cite_the_seed_documents(shipped, haaglanden):
    seeds = {s.id for s in haaglanden.sources if s.file}
    cited = {src for story in shipped for src in story.sources + tuple(x for st in story.steps for x in st.sources)}
    assert seeds <= cited


def test_doorbraakteam_story_says_regie_does_not_move(shipped):
    story = next(s for s in shipped if s.id == "vastgelopen-casus-doorbraakteam")
    escalation = next(step for step in story.steps if "escalatie-vt-doorbraakteam" in step.elements)
    assert "verplaatst de regie niet" in escalation.narrative
    assert "does not move the lead" in escalation.narrative_en


def test_a_good_story_loads(tmp_path):
    path = tmp_path / "melding.yaml"
    path.write_text(GOOD, encoding="utf-8")
    (story,) = load_stories(path, toy_chain())
    assert story.id == "melding" and len(story.steps) == 2
    assert story.steps[0].question == "Wat weet Veilig Thuis nu?"
    assert story.steps[1].sources == ("toy-law",)


def test_unknown_element_names_file_line_field_and_nearest(tmp_path):
    found = problems_of(tmp_path, GOOD.replace("elements: [ho-vt-raad, raad]", "elements: [ho-vt-raad, raadd]"))
    assert found == ["verhaal.yaml:11: steps[1].elements[1]: unknown element 'raadd'; did you mean: raad?"]


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("audience: [trainers]", "audience: [trainerz]") \
        .replace("    narrative: De politie meldt bij Veilig Thuis.\n", "") \
        .replace("sources: [toy-law]", "sources: [toy-lawx]") \
        .replace("title: Een melding", "title: Een melding\nsumary: typo")
    found = problems_of(tmp_path, text)
    assert any(p.startswith("verhaal.yaml:3: sumary: unknown field 'sumary'; did you mean: summary") for p in found)
    assert any("audience[0]: unknown audience 'trainerz'; did you mean: trainers" in p for p in found)
    assert any("steps[0].narrative: required field is missing" in p for p in found)
    assert any("steps[1].sources[0]: unknown source 'toy-lawx'; did you mean: toy-law" in p for p in found)
    assert len(found) == 4


def test_a_legal_basis_is_a_source_not_a_map_element(tmp_path):
    found = problems_of(tmp_path, GOOD.replace("elements: [ho-politie-vt]", "elements: [bw1-255]"))
    assert found == [("verhaal.yaml:7: steps[0].elements[0]: a legal basis cannot be shown on the map; "
                     "name it under sources")]


def test_syntax_errors_and_duplicates(tmp_path):
    assert problems_of(tmp_path, "id: x\ntitle: [unclosed\n")[0].startswith("verhaal.yaml:")
    folder = tmp_path / "twee"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ChainDataError) as info:
        load_stories(folder, toy_chain())
    assert "duplicate story id 'melding'" in str(info.value)


def test_check_keeps_the_good_stories_and_lists_the_bad(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("id: melding", "id: ander").replace("[ho-politie-vt]", "[nope]"),
                                     encoding="utf-8")
    stories, problems = check_stories(tmp_path, toy_chain())
    assert [s.id for s in stories] == ["melding"]
    assert len(problems) == 1 and "b.yaml:7" in str(problems[0])


def test_workbook_round_trip_and_row_locations(tmp_path, shipped, haaglanden):
    book = tmp_path / "verhalen.xlsx"
    write_story_workbook(shipped, book)
    from dataclasses import replace

    assert [replace(s, location="") for s in load_stories(book, haaglanden)] == \
        [replace(s, location="") for s in shipped]
    from openpyxl import load_workbook

    wb = load_workbook(book)
    wb["stappen"]["I3"] = "politie; nope-nope"  # column I: the elements of the second step
    wb.save(book)
    with pytest.raises(ChainDataError) as info:
        load_stories(book, haaglanden)
    assert f"{book}[stappen]:3: steps[1].elements[1]: unknown element 'nope-nope'" in str(info.value)


def test_a_workbook_that_unpacks_huge_is_not_opened(tmp_path):
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", "a" * 30_000_000)
    records, problems = read_story_workbook(bomb)
    assert not records and "unpacks to" in str(problems[0])


def test_a_story_map_lights_each_step(shipped, haaglanden):
    story = next(s for s in shipped if s.id == "school-naar-ots")
    part = story_part(haaglanden, story)
    assert "kinderrechter-ots-gi" in part.handoffs and "meldcode-professionals" in part.organisations
    states = step_states(haaglanden, story)
    assert "professional-melding-vt" in states[2][0] and "professional-melding-vt" not in states[2][1]
    view = story_view(haaglanden, story, 2)
    assert view.edge("professional-melding-vt").highlight
    assert view.edge("kinderrechter-ots-gi").faded  # a later step
    assert view.edge("professional-melding-vt").label == "3"


def test_step_numbers_on_story_maps_never_overlap(shipped, haaglanden):
    from ui.mapdraw import _label_size, badge_positions

    for story in shipped:
        view = story_view(haaglanden, story, 0)
        where = badge_positions(view)
        boxes = [(where[e.id], _label_size(e.label)) for e in view.edges if e.label]
        for i, ((ax, ay), (aw, ah)) in enumerate(boxes):
            for (bx, by), (bw, bh) in boxes[i + 1:]:
                assert abs(ax - bx) >= (aw + bw) / 2 or abs(ay - by) >= (ah + bh) / 2, story.id
