"""A case story as a handout (PDF: one step per page, or compact) and as one offline HTML presentation.

>>> from graph.examples import toy_chain
>>> from graph.stories import Story, StoryStep
>>> story = Story("s", "Toy <story>", ("trainers",), (StoryStep("In", "Police report.", ("ho-politie-vt",),
...                                                             question="Who acts?"),))
>>> story_pdf(toy_chain(), story)[:5]
b'%PDF-'
>>> page = story_html(toy_chain(), story)
>>> "Toy &lt;story&gt;" in page and "ketenkaartStory(" in page
True
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from html import escape
from pathlib import Path

from graph.model import ChainModel
from graph.stories import AUDIENCES, Story
from ui.components.legend import legend_html
from ui.exports.html import page_shell
from ui.exports.pdf import (
    MARGIN,
    HandoutInfo,
    _flow,
    _header,
    _source_paragraph,
    draw_scene,
    page_size,
)
from ui.fonts import supported
from ui.i18n import text
from ui.mapdraw import map_scene
from ui.storyview import player_data, story_sources, story_view

__all__ = ["story_html", "story_pdf"]

_COMPONENTS = Path(__file__).resolve().parent.parent / "components"


def _p(value: str) -> str:
    return escape(supported(value))


def story_pdf(model: ChainModel, story: Story, *, lang: str = "nl", compact: bool = False, paper: str = "A4",
              day: dt.date | None = None) -> bytes:
    """The story as a PDF handout: one step per page (its map lit, narrative, question, sources), or
    ``compact``: the story's map once, then every step in a list."""
    from reportlab.pdfgen.canvas import Canvas

    info = HandoutInfo(model, lang, day)
    width, height = page_size(paper)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1)
    title = story.text("title", lang)
    canvas.setTitle(title)
    canvas.setAuthor("ketenkaart")
    canvas.setSubject(info.line())
    audience = ", ".join(AUDIENCES[a][1 if lang == "en" else 0] for a in story.audience if a in AUDIENCES)
    subtitle = text("story.meta", lang, audience=audience, n=len(story.steps))
    page = [1]

    def new_page(sub: str = subtitle) -> float:
        canvas.showPage()
        page[0] += 1
        return _header(canvas, width, height, title, sub, info, page[0])

    # page one: what the story is, and its whole map with the steps numbered
    top = _header(canvas, width, height, title, subtitle, info, page[0])
    scene = map_scene(story_view(model, story, None, lang), legend=True)
    text_w = 250.0
    area_w, area_h = width - 3 * MARGIN - text_w, top - MARGIN
    scale = min(area_w / scene.width, area_h / scene.height)
    draw_scene(canvas, scene, MARGIN, top, scale)
    intro = [(_p(story.text("summary", lang)), 10, False)] if story.summary else []
    intro.append((escape(text("legend.steps", lang)), 11, True))
    intro += [(f"{i}. {_p(step.text('title', lang))}", 10, False) for i, step in enumerate(story.steps, start=1)]
    _flow(canvas, intro, width - MARGIN - text_w, top, text_w, MARGIN + 6, new_page)

    if compact:
        y = new_page()
        body = []
        for i, step in enumerate(story.steps, start=1):
            body.append((f"{i}. {_p(step.text('title', lang))}", 12, True))
            body += [(_p(part), 10, False) for part in step.text("narrative", lang).split("\n\n") if part.strip()]
            question = step.text("question", lang)
            if question:
                body.append((f"<b>{escape(text('story.question', lang))}:</b> {_p(question)}", 10, False))
        _flow(canvas, body, MARGIN, y, width - 2 * MARGIN, MARGIN + 6, new_page)
    else:
        for i, step in enumerate(story.steps):
            sub = text("story.step_of", lang).format(i=i + 1, n=len(story.steps)) + ": " + step.text("title", lang)
            y = new_page(sub)
            scene = map_scene(story_view(model, story, i, lang), legend=False)
            area_w, area_h = width - 3 * MARGIN - text_w, y - MARGIN
            scale = min(area_w / scene.width, area_h / scene.height)
            draw_scene(canvas, scene, MARGIN, y, scale)
            body = [(f"{i + 1}. {_p(step.text('title', lang))}", 13, True)]
            body += [(_p(part), 10.5, False) for part in step.text("narrative", lang).split("\n\n") if part.strip()]
            question = step.text("question", lang)
            if question:
                body.append((escape(text("story.question", lang)), 11, True))
                body.append((_p(question), 10.5, False))
            if step.sources:
                body.append((escape(text("detail.sources", lang)), 10, True))
                body += [(_source_paragraph(model, s, lang), 8.5, False) for s in step.sources if s in model.index]
            _flow(canvas, body, width - MARGIN - text_w, y, text_w, MARGIN + 6, lambda sub=sub: new_page(sub))

    sources = story_sources(model, story)
    if sources:
        y = new_page()
        _flow(canvas, [(escape(text("detail.sources", lang)), 12, True)] +
              [(_source_paragraph(model, s, lang), 9, False) for s in sources],
              MARGIN, y, width - 2 * MARGIN, MARGIN + 6, new_page)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@lru_cache(maxsize=1)
def _player_assets() -> tuple[str, str]:
    css = "".join((_COMPONENTS / n).read_text(encoding="utf-8") for n in ("storyplayer.css",))
    js = (_COMPONENTS / "storyplayer-core.js").read_text(encoding="utf-8")
    return css, js


_INIT = """
(function () {
  var data = JSON.parse(document.getElementById("kk-data").textContent);
  var root = document.querySelector(".kk-player");
  var start = parseInt((location.hash.match(/stap-(\\d+)/) || [])[1] || "1", 10) - 1;
  data.index = Math.max(0, Math.min(data.steps.length - 1, isNaN(start) ? 0 : start));
  window.__ketenkaartStory = ketenkaartStory(root, data, {
    linkFor: function (k) { return "#stap-" + k; },
    onStep: function (k) { history.replaceState(null, "", "#stap-" + k); },
    onSelect: null
  });
  root.querySelector(".kk-map").setAttribute("data-ready", "1");
})();
"""


def story_html(model: ChainModel, story: Story, *, lang: str = "nl") -> str:
    """The story as one self-contained HTML presentation (arrow keys step; ``#stap-3`` links a step)."""
    data = player_data(model, story, lang)
    data["legend"] = legend_html(story_view(model, story, 0, lang))
    data["text"] = {"prev": text("story.prev", lang), "next": text("story.next", lang),
                    "step_of": text("story.step_of", lang), "question": text("story.question", lang),
                    "sources": text("detail.sources", lang), "link": text("story.link", lang),
                    "steps": text("story.steps", lang), "fit": text("map.fit", lang), "hint": text("map.hint", lang),
                    "zoom_in": text("map.zoom_in", lang), "zoom_out": text("map.zoom_out", lang)}
    data["min_px"], data["max_scale"] = 14, 2.0
    css, js = _player_assets()
    info = HandoutInfo(model, lang)
    body = (f'<h1>{escape(story.text("title", lang))}</h1><p class="kk-sub">{escape(info.line())}</p>'
            '<div class="kk-player"></div>')
    return page_shell(title=story.text("title", lang), lang=lang, body=body, data=data, init=_INIT, extra_css=css,
                      extra_js=js)
