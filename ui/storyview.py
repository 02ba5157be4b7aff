"""What a case story shows: its part of the map, and per step what is lit, told and asked. No Streamlit.

A story's map is a part of the chain in its own stable layout (the same for
every step): the hand-offs the story names, their organisations, the
organisations and ways in it names. Hand-offs are numbered with the step
where they first appear. At step *i* the elements of that step are marked,
those of earlier steps drawn normally, and those still to come faded.

>>> from graph.examples import toy_chain
>>> from graph.stories import Story, StoryStep
>>> story = Story("s", "Toy", ("trainers",), (
...     StoryStep("In", "Police report.", ("ho-politie-vt",)),
...     StoryStep("On", "To the Board.", ("ho-vt-raad", "raad"))))
>>> part = story_part(toy_chain(), story)
>>> part.handoffs, part.organisations
(('ho-politie-vt', 'ho-vt-raad'), ('politie', 'raad', 'veilig-thuis'))
>>> [sorted(now) for now, _ in step_states(toy_chain(), story)]
[['ho-politie-vt', 'politie', 'veilig-thuis'], ['ho-vt-raad', 'raad', 'veilig-thuis']]
>>> view = story_view(toy_chain(), story, 1)
>>> view.edge("ho-vt-raad").highlight is not None, view.edge("ho-vt-raad").label
(True, '2')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from html import escape

from graph.model import ChainModel, HandOff, Instrument, Organisation, Signal
from graph.stories import Story
from ui.i18n import text
from ui.mapview import HIGHLIGHT, MapFilter, MapPart, MapView, map_view
from ui.plain import source_html

__all__ = ["player_data", "step_elements", "step_states", "story_part", "story_sources", "story_view"]


def story_part(model: ChainModel, story: Story) -> MapPart:
    """The part of the chain a story's map shows (its layout is kept for the whole story)."""
    handoffs: list[str] = []
    orgs: set[str] = set()
    for element_id in story.elements():
        element = model.index.get(element_id)
        if isinstance(element, HandOff):
            handoffs.append(element.id)
            orgs |= {element.from_org, element.to_org}
        elif isinstance(element, Organisation):
            orgs.add(element.id)
        elif isinstance(element, Signal):
            orgs.add(element.enters_at)
        elif isinstance(element, Instrument):
            orgs |= {o for o in element.applied_by if o in model.index}
    return MapPart(f"story:{story.id}", tuple(sorted(orgs)), tuple(dict.fromkeys(handoffs)), numbered=False)


def step_elements(model: ChainModel, story: Story, index: int) -> set[str]:
    """Ids drawn for one step: its hand-offs with their organisations, its organisations and ways in,
    and for an instrument the organisations applying it."""
    part = story_part(model, story)
    found: set[str] = set()
    for element_id in story.steps[index].elements:
        element = model.index.get(element_id)
        if isinstance(element, HandOff):
            found |= {element.id, element.from_org, element.to_org}
        elif isinstance(element, Organisation):
            found.add(element.id)
        elif isinstance(element, Signal):
            found |= {element.id, element.enters_at, "entry:" + element.id}
        elif isinstance(element, Instrument):
            found |= {o for o in element.applied_by if o in part.organisations}
    return found


def step_states(model: ChainModel, story: Story) -> list[tuple[set[str], set[str]]]:
    """Per step: (ids lit at this step, ids shown at an earlier step)."""
    states = []
    before: set[str] = set()
    for i in range(len(story.steps)):
        now = step_elements(model, story, i)
        states.append((now, set(before)))
        before |= now
    return states


def _first_step(model: ChainModel, story: Story) -> dict[str, int]:
    first: dict[str, int] = {}
    for i in range(len(story.steps)):
        for element_id in step_elements(model, story, i):
            first.setdefault(element_id, i + 1)
    return first


def _base_view(model: ChainModel, story: Story, lang: str, terms: Mapping[str, str] | None = None) -> MapView:
    view = map_view(model, MapFilter(), lang=lang, part=story_part(model, story), terms=terms)
    first = _first_step(model, story)
    edges = tuple(replace(e, label=str(first[e.id])) if e.id in first and e.kind == "handoff" else e
                  for e in view.edges)
    return replace(view, edges=edges)


def story_view(model: ChainModel, story: Story, index: int | None = None, lang: str = "nl",
               terms: Mapping[str, str] | None = None) -> MapView:
    """The story's map at step ``index`` (0-based): that step marked, later steps faded; all steps
    drawn normally when ``index`` is None. ``terms``: glossary abbreviations for the legend."""
    view = _base_view(model, story, lang, terms)
    if index is None:
        return view
    now, before = step_states(model, story)[index]
    nodes = tuple(replace(n, highlight=HIGHLIGHT if n.id in now else None,
                          faded=n.id not in now and n.id not in before) for n in view.nodes)
    edges = tuple(replace(e, highlight=HIGHLIGHT if e.id in now else None, highlighted=e.id in now,
                          faded=e.id not in now and e.id not in before) for e in view.edges)
    entries = view.legend if any(e.key == "highlight" for e in view.legend) else view.legend + tuple(
        e for e in map_view(model, MapFilter(highlight=("x",)), lang=lang).legend if e.key == "highlight")
    return replace(view, nodes=nodes, edges=edges, legend=entries)


def story_sources(model: ChainModel, story: Story) -> list[str]:
    """The story's own sources and its steps', known to the chain, in order of first mention."""
    ids = list(story.sources) + [s for step in story.steps for s in step.sources]
    return [s for s in dict.fromkeys(ids) if s in model.index]


def player_data(model: ChainModel, story: Story, lang: str = "nl") -> dict:
    """What the story player (app and offline HTML) needs: the map, and per step the lit ids and the
    texts as escaped HTML."""
    from ui.mapdraw import map_scene
    from ui.mapsvg import scene_svg

    view = story_view(model, story, None, lang)
    svg = scene_svg(map_scene(view), embed_font=False)
    steps = []
    for i, (now, before) in enumerate(step_states(model, story)):
        step = story.steps[i]
        question = step.text("question", lang)
        sources = "".join(f"<li>{source_html(model, s, lang, text('detail.unverified', lang))}</li>"
                          for s in step.sources if s in model.index)
        steps.append({
            "title": escape(step.text("title", lang)),
            "narrative": "".join(f"<p>{escape(p.strip())}</p>" for p in step.text("narrative", lang).split("\n\n")
                                 if p.strip()),
            "question": escape(question) if question else "",
            "sources": f"<ul>{sources}</ul>" if sources else "",
            "now": sorted(now),
            "before": sorted(before),
        })
    return {"svg": svg, "width": view.width, "height": view.height, "steps": steps,
            "title": escape(story.text("title", lang))}
