"""The case-story player component: the story's map with the step lit, the narrative and the
discussion question beside it, next and previous by button or arrow key.

The whole story is sent once; steps change in the browser at once, and the
player tells Python which step shows (so the address keeps it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
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


def _step(value: object) -> int | None:
    head = value.split(":", 1)[0] if isinstance(value, str) else ""
    return int(head) if head.isdigit() else None


def _seq(value: object) -> int:
    tail = value.split(":", 1)[1] if isinstance(value, str) and ":" in value else ""
    return int(tail) if tail.isdigit() else 0


def story_player(data: dict, *, key: str, index: int, text: dict[str, str], present: bool = False,
                 legend: str = "", on_step: Callable[[int], None] | None = None) -> PlayerEvent:
    """Mount the player on ``data`` (:func:`ui.storyview.player_data`) at step ``index`` (0-based).

    ``on_step(step)`` runs before the next run of the page when the player moved (1-based), so
    the page already knows the step the browser shows.
    """
    signature = hashlib.sha1(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()[:16]
    ack_key = f"{key}__ack"
    payload = {**data, "signature": signature, "index": index, "text": text, "present": present, "legend": legend,
               "min_px": 18 if present else 12, "max_scale": 2.0 if present else 1.6,
               "ack": st.session_state.get(ack_key, 0)}

    def moved() -> None:
        value = (st.session_state.get(key) or {}).get("goto")
        step = _step(value)
        if step is not None:
            st.session_state[ack_key] = _seq(value)
            if on_step is not None:
                on_step(step)

    result = _component()(key=key, data=payload, default={"goto": None}, on_goto_change=moved,
                          on_clicked_change=lambda: None)
    return PlayerEvent(step=_step(getattr(result, "goto", None)), clicked=getattr(result, "clicked", None))
