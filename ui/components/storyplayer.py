"""The case-story player component: the story's map with the step lit, the narrative and the
discussion question beside it, next and previous by button or arrow key.

The whole story is sent once; steps change in the browser at once, and the
player tells Python which step shows (so the address keeps it).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import streamlit as st

from ui.fonts import font_face_css

__all__ = ["PlayerEvent", "story_player"]

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PlayerEvent:
    step: int | None = None  # the step the player moved to (1-based), in the run that follows
    clicked: str | None = None  # an element clicked on the map


@lru_cache(maxsize=1)
def _component():
    js = "\n".join((_HERE / name).read_text(encoding="utf-8")
                   for name in ("chainmap-core.js", "storyplayer-core.js", "storyplayer.js"))
    css = font_face_css() + "".join((_HERE / name).read_text(encoding="utf-8")
                                    for name in ("chainmap.css", "legend.css", "storyplayer.css"))
    return st.components.v2.component("ketenkaart_verhaal", js=js, css=css, isolate_styles=False)


def story_player(data: dict, *, key: str, index: int, text: dict[str, str], present: bool = False,
                 legend: str = "") -> PlayerEvent:
    """Mount the player on ``data`` (:func:`ui.storyview.player_data`) at step ``index`` (0-based)."""
    signature = hashlib.sha1(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    payload = {**data, "signature": signature, "index": index, "text": text, "present": present, "legend": legend,
               "min_px": 18 if present else 12, "max_scale": 2.0 if present else 1.6}
    result = _component()(key=key, data=payload, on_goto_change=lambda: None, on_clicked_change=lambda: None)
    goto = getattr(result, "goto", None)
    step = int(goto.split(":", 1)[0]) if isinstance(goto, str) and goto.split(":", 1)[0].isdigit() else None
    return PlayerEvent(step=step, clicked=getattr(result, "clicked", None))
