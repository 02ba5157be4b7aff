"""The chain map as a drawing: a :class:`Scene` of plain shapes, built once from a :class:`~ui.mapview.MapView`.

Every picture of the map is this scene in another back end: SVG for the
app, the SVG download and the offline HTML (:mod:`ui.mapsvg`), reportlab
for the PDF handouts and, through PDFium, the PNG (:mod:`ui.exports.pdf`).
So the screen, the handout and the export show the same map.

Coordinates are map units with y pointing down (as in SVG); a text's ``y``
is the middle of its first line.

>>> from graph.examples import toy_chain
>>> from ui.mapview import map_view
>>> scene = map_scene(map_view(toy_chain()))
>>> [g.id for g in scene.groups() if g.kind == "organisations"][:2]
['kinderrechter', 'lokaal-team']
>>> scene.width > 0 and scene.height > 0
True
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ui.fonts import text_width
from ui.i18n import text
from ui.layout import HEAD_FONT, LINE, NODE_FONT, sample_path
from ui.mapview import HIGHLIGHT, LegendEntry, MapEdge, MapNode, MapView

__all__ = [
    "BASELINE",
    "EDGE",
    "INK",
    "Circle",
    "Group",
    "Path",
    "Rect",
    "Scene",
    "Text",
    "badge_positions",
    "legend_rows",
    "map_scene",
    "parse_path",
    "path_points",
]

INK = "#111111"
EDGE = "#4d4d4d"  # 8:1 on white
ENTRY = "#7a6a3a"
FADED_OPACITY = 0.22
BADGE_R = 12.0
ARROW = 10.0
LEGEND_FONT = 16.0
LEGEND_ROW = 26.0
BASELINE = 0.35  # from the middle of a line of text down to its baseline, in ems

Command = tuple


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    rx: float = 0.0
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0
    dash: tuple[float, ...] = ()
    cls: str = ""


@dataclass(frozen=True)
class Path:
    commands: tuple[Command, ...]  # ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x, y), ("Z",)
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0
    dash: tuple[float, ...] = ()
    cls: str = ""


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the middle of the first line
    lines: tuple[str, ...]
    size: float
    bold: bool = False
    anchor: str = "start"  # or "middle"
    fill: str = INK
    line_height: float = 0.0  # default 1.25 * size
    cls: str = ""

    @property
    def step(self) -> float:
        return self.line_height or self.size * 1.25


Shape = Rect | Path | Circle | Text


@dataclass(frozen=True)
class Group:
    """A node, a hand-off or a part of the frame; ``id`` is the element id (empty for the frame)."""

    items: tuple[Shape, ...]
    id: str = ""
    kind: str = ""
    title: str = ""
    cls: str = ""
    opacity: float = 1.0
    hit: tuple[Command, ...] = ()  # a wide invisible stroke that catches pointer events (SVG only)


@dataclass(frozen=True)
class Scene:
    width: float
    height: float
    items: tuple[Group, ...]
    lang: str = "nl"
    label: str = ""  # what the picture is, for screen readers
    map_top: float = 0.0  # where the map itself starts (below a title)
    map_height: float = 0.0
    extras: dict[str, str] = field(default_factory=dict)

    def groups(self) -> Iterator[Group]:
        return iter(self.items)


def parse_path(path: str) -> list[Command]:
    """SVG path data of ``M``, ``L`` and ``C`` commands (as the layout writes them) as commands.

    >>> parse_path("M0 0L10 0C15 0 15 10 20 10")
    [('M', 0.0, 0.0), ('L', 10.0, 0.0), ('C', 15.0, 0.0, 15.0, 10.0, 20.0, 10.0)]
    """
    tokens = path.replace("M", " M ").replace("L", " L ").replace("C", " C ").replace("Z", " Z ").split()
    commands: list[Command] = []
    i = 0
    sizes = {"M": 2, "L": 2, "C": 6, "Z": 0}
    while i < len(tokens):
        op = tokens[i]
        n = sizes.get(op)
        if n is None:
            raise ValueError(f"unsupported path command {op!r}")
        commands.append((op, *(float(v) for v in tokens[i + 1:i + 1 + n])))
        i += 1 + n
    return commands


def path_points(path: str | tuple[Command, ...] | list[Command], steps: int = 10) -> list[tuple[float, float]]:
    """Points along a path (curves sampled in ``steps`` pieces).

    >>> path_points("M0 0L10 0C15 0 15 10 20 10", 2)
    [(0.0, 0.0), (10.0, 0.0), (15.0, 5.0), (20.0, 10.0)]
    """
    return sample_path(parse_path(path) if isinstance(path, str) else path, steps)


def _label_size(label: str) -> tuple[float, float]:
    if label.isdigit():
        return 2 * BADGE_R, 2 * BADGE_R
    return text_width(label, NODE_FONT) + 12, LINE + 4


def badge_positions(view: MapView) -> dict[str, tuple[float, float]]:
    """Where each edge label (step number, ⚠, figures) goes: on its line, clear of nodes and other labels.

    Tried along the line from its middle outwards; the first spot whose box
    touches no node and no label placed before wins (the middle when none
    is free).
    """
    placed: dict[str, tuple[float, float]] = {}
    taken: list[tuple[float, float, float, float]] = [
        (n.x - n.width / 2 - 3, n.y - n.height / 2 - 3, n.x + n.width / 2 + 3, n.y + n.height / 2 + 3)
        for n in view.nodes]
    labelled = sorted((e for e in view.edges if e.label),
                      key=lambda e: (not e.label.isdigit(), int(e.label) if e.label.isdigit() else 0, e.id))
    for edge in labelled:
        w, h = _label_size(edge.label)
        points = path_points(edge.path, 12)
        total = [0.0]
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            total.append(total[-1] + math.hypot(x1 - x0, y1 - y0))
        length = total[-1] or 1.0
        candidates = []
        for k in range(41):
            frac = 0.5 + (k + 1) // 2 * 0.0225 * (1 if k % 2 else -1)
            if not 0.08 <= frac <= 0.92:
                continue
            target = frac * length
            j = max(i for i, d in enumerate(total) if d <= target) if target > 0 else 0
            j = min(j, len(points) - 2)
            seg = total[j + 1] - total[j] or 1.0
            t = (target - total[j]) / seg
            (x0, y0), (x1, y1) = points[j], points[j + 1]
            candidates.append((x0 + t * (x1 - x0), y0 + t * (y1 - y0)))

        def free(x: float, y: float, w: float = w, h: float = h) -> bool:
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            return not any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken)

        best = next(((x, y) for x, y in candidates if free(x, y)), None)
        if best is None:  # a short or crowded line: the nearest free spot beside its middle
            cx, cy = candidates[0] if candidates else edge.mid
            spots = [(cx + r * math.cos(a * math.pi / 8), cy + r * math.sin(a * math.pi / 8))
                     for r in (h * 0.9, h * 1.4, h * 1.9, h * 2.5) for a in range(16)]
            best = next(((x, y) for x, y in spots if free(x, y)), (cx, cy))
        placed[edge.id] = best
        taken.append((best[0] - w / 2 - 2, best[1] - h / 2 - 2, best[0] + w / 2 + 2, best[1] + h / 2 + 2))
    return placed


def _node_shape(node: MapNode, stroke: str, stroke_width: float) -> Shape:
    x, y, w, h = node.x - node.width / 2, node.y - node.height / 2, node.width, node.height
    if node.shape == "pill":
        return Rect(x, y, w, h, min(h / 2, 22.0), node.colour, stroke, stroke_width, cls="kk-shape")
    if node.shape == "person":  # a member of the family: rounded, dotted border
        return Rect(x, y, w, h, min(h / 2, 22.0), node.colour, stroke, stroke_width, (2.0, 3.0), cls="kk-shape")
    if node.shape == "tag":
        tip = 10.0
        points = [(x, y), (x + w - tip, y), (x + w, y + h / 2), (x + w - tip, y + h), (x, y + h)]
        commands = [("M", *points[0])] + [("L", *p) for p in points[1:]] + [("Z",)]
        return Path(tuple(commands), node.colour, stroke, stroke_width, cls="kk-shape")
    dash = (6.0, 4.0) if node.shape == "dashed" else ()
    return Rect(x, y, w, h, 4.0, node.colour, stroke, stroke_width, dash, cls="kk-shape")


def _node(node: MapNode, colour: str | None, fade: bool) -> Group:
    stroke = colour or INK
    width = 3.5 if colour else 1.6
    lines = node.lines
    first = node.y - (len(lines) - 1) * LINE / 2
    shift = -5.0 if node.shape == "tag" else 0.0
    label = Text(node.x + shift, first, lines, NODE_FONT, anchor="middle", line_height=LINE, cls="kk-label")
    cls = "kk-node" + (" kk-faded" if fade else "") + (" kk-marked" if colour else "") + \
        (" kk-focus" if node.focused else "")
    return Group((_node_shape(node, stroke, width), label), node.id, node.kind, node.title, cls,
                 FADED_OPACITY if fade else 1.0)


def _arrow(end: tuple[float, float], direction: tuple[float, float], colour: str, scale: float) -> Path:
    x, y = end
    dx, dy = direction
    size = ARROW * scale
    bx, by = x - dx * size, y - dy * size
    px, py = -dy * size * 0.45, dx * size * 0.45
    return Path((("M", x, y), ("L", bx + px, by + py), ("L", bx - px, by - py), ("Z",)), colour, cls="kk-arrow")


def _edge(edge: MapEdge, colour: str | None, fade: bool, label_at: tuple[float, float] | None) -> Group:
    stroke = colour or (ENTRY if edge.kind == "entry" else EDGE)
    width = max(edge.width, 3.6) if colour else edge.width
    commands = tuple(parse_path(edge.path))
    # the line stops where the arrowhead starts, so a thick line does not blunt the point
    end = commands[-1][-2:]
    dx, dy = edge.end_direction
    head = ARROW * (1.0 + (width - 1.8) * 0.12)
    trimmed = commands[:-1] + ((commands[-1][0], *commands[-1][1:-2], end[0] - dx * head * 0.6,
                                end[1] - dy * head * 0.6),)
    items: list[Shape] = [
        Path(trimmed, None, stroke, width, (7.0, 5.0) if edge.dashed else (), cls="kk-line"),
        _arrow((float(end[0]), float(end[1])), edge.end_direction, stroke, 1.0 + (width - 1.8) * 0.12),
    ]
    if edge.label and label_at is not None:
        x, y = label_at
        if edge.label.isdigit():
            items.append(Circle(x, y, BADGE_R, "#ffffff", stroke, 2.0))
            items.append(Text(x, y, (edge.label,), NODE_FONT - 1, True, "middle", cls="kk-badge"))
        else:
            w, h = _label_size(edge.label)
            items.append(Rect(x - w / 2, y - h / 2, w, h, 4.0, "#ffffff", stroke, 1.0))
            items.append(Text(x, y, (edge.label,), NODE_FONT, anchor="middle", cls="kk-badge"))
    cls = "kk-edge" + (" kk-faded" if fade else "") + (" kk-marked" if colour else "") + \
        (" kk-entry" if edge.kind == "entry" else "") + (" kk-info" if edge.information else "")
    return Group(tuple(items), edge.id, edge.kind, edge.title, cls, FADED_OPACITY if fade else 1.0, hit=commands)


def _frame(view: MapView) -> Group:
    items: list[Shape] = []
    for lane in view.lanes:
        items.append(Rect(0.0, lane.y_min, view.width, lane.y_max - lane.y_min, fill=lane.colour, cls="kk-lane"))
        items.append(Text(10.0, lane.y_min + 14.0, (lane.label,), HEAD_FONT, True, cls="kk-lane-label"))
    top = view.lanes[0].y_min if view.lanes else view.header
    bottom = view.lanes[-1].y_max if view.lanes else view.height
    for i, column in enumerate(view.columns):
        lines = column.lines or (column.label,)
        y0 = view.header - 14 - (len(lines) - 1) * HEAD_FONT * 1.25
        items.append(Text(column.x, y0, lines, HEAD_FONT, True, "middle", cls="kk-phase"))
        if i:
            x = (view.columns[i - 1].x_max + column.x_min) / 2
            items.append(Path((("M", x, top - 4), ("L", x, bottom)), None, "#ffffff", 3.0, cls="kk-divider"))
    return Group(tuple(items), cls="kk-frame")


def _legend_symbol(entry: LegendEntry, x: float, y: float) -> list[Shape]:
    w, h = 34.0, 18.0
    if entry.symbol == "box":
        return [Rect(x, y - h / 2, w, h, 3.0, "#ffffff", INK, 1.6)]
    if entry.symbol == "pill":
        return [Rect(x, y - h / 2, w, h, 9.0, "#ffffff", INK, 1.6)]
    if entry.symbol == "person":
        return [Rect(x, y - h / 2, w, h, 9.0, "#ffffff", INK, 1.6, (2.0, 2.5))]
    if entry.symbol == "dashed-box":
        return [Rect(x, y - h / 2, w, h, 3.0, "#ffffff", INK, 1.6, (5.0, 3.0))]
    if entry.symbol == "tag":
        pts = [(x, y - h / 2), (x + w - 8, y - h / 2), (x + w, y), (x + w - 8, y + h / 2), (x, y + h / 2)]
        return [Path((("M", *pts[0]), *(("L", *p) for p in pts[1:]), ("Z",)), "#fff8e1", INK, 1.6)]
    if entry.symbol == "lane":
        return [Rect(x, y - h / 2, w, h, 0.0, entry.colour or "#eeeeee", "#999999", 1.0)]
    if entry.symbol == "mark":
        return [Path((("M", x + w / 2, y - 8), ("L", x + w / 2 + 9, y + 8), ("L", x + w / 2 - 9, y + 8), ("Z",)),
                     "#ffffff", INK, 1.6),
                Text(x + w / 2, y + 2.5, ("!",), 11.0, True, "middle")]
    colour = HIGHLIGHT if entry.symbol == "highlight" else EDGE
    width = {"thick": 6.0, "highlight": 3.6}.get(entry.symbol, 1.8)
    dash = (7.0, 5.0) if entry.symbol == "dashed" else ()
    return [Path((("M", x, y), ("L", x + w - 8, y)), None, colour, width, dash),
            _arrow((x + w, y), (1.0, 0.0), colour, 1.0)]


def legend_rows(view: MapView, width: float, steps: bool = True) -> list[list[tuple[str, LegendEntry | None]]]:
    """The legend flowed into rows that fit ``width``: symbol entries, then the numbered steps
    (unless ``steps`` is false) and the abbreviations, one per line."""
    rows: list[list[tuple[str, LegendEntry | None]]] = [[]]
    used = 0.0
    for entry in view.legend:
        need = 34 + 8 + text_width(entry.label, LEGEND_FONT) + 26
        if rows[-1] and used + need > width:
            rows.append([])
            used = 0.0
        rows[-1].append((entry.label, entry))
        used += need
    lines: list[str] = []
    if view.steps and steps:
        lines.append(text("legend.steps", view.lang))
        lines += [f"{number}. {name}" for number, _, name in view.steps]
    if view.abbreviations:
        lines.append(text("legend.abbreviations", view.lang))
        lines += [f"{short} = {full}" for short, full in view.abbreviations]
    rows += [[(line, None)] for line in lines]
    return rows


def _legend(view: MapView, top: float, width: float, steps: bool = True) -> tuple[Group, float]:
    items: list[Shape] = []
    y = top + 12 + LEGEND_ROW / 2
    for row in legend_rows(view, width - 20, steps):
        x = 10.0
        for label, entry in row:
            if entry is not None:
                items += _legend_symbol(entry, x, y)
                x += 42
            bold = entry is None and label.endswith(":")
            items.append(Text(x, y, (label,), LEGEND_FONT, bold))
            x += text_width(label, LEGEND_FONT, bold) + 26
        y += LEGEND_ROW
    return Group(tuple(items), cls="kk-legend"), y - top + 8


def map_scene(
    view: MapView,
    *,
    highlight: Mapping[str, str] | None = None,
    fade_others: bool = False,
    title: str | None = None,
    subtitle: str | None = None,
    legend: bool = False,
    steps: bool = True,
) -> Scene:
    """The map as shapes: optionally a title, the lanes and phases, hand-offs, nodes, and a legend
    (with the numbered steps unless ``steps`` is false).

    ``highlight`` maps element ids to colours (added to the view's own
    highlights); with ``fade_others`` every other element is faded.
    """
    marks = dict(highlight or {})
    groups: list[Group] = []
    head = 0.0
    if title:
        groups.append(Group((Text(10.0, 18.0, (title,), 22.0, True),), cls="kk-title"))
        head += 36.0
    if subtitle:
        groups.append(Group((Text(10.0, head + 10.0, (subtitle,), 15.0),), cls="kk-subtitle"))
        head += 26.0
    body: list[Group] = [_frame(view)]
    labels = badge_positions(view)
    for edge in sorted(view.edges, key=lambda e: (e.highlighted or e.id in marks or bool(e.highlight),
                                                   not e.faded, e.id)):
        colour = marks.get(edge.id) or edge.highlight
        fade = (edge.faded and not colour) or (fade_others and bool(marks) and edge.id not in marks)
        body.append(_edge(edge, colour, fade, labels.get(edge.id)))
    for node in view.nodes:
        colour = marks.get(node.id) or node.highlight
        fade = (node.faded and not colour) or (fade_others and bool(marks) and node.id not in marks)
        body.append(_node(node, colour, fade))
    if head:
        body = [_shift(g, head) for g in body]
    groups += body
    height = head + view.height
    if legend:
        group, legend_height = _legend(view, height, view.width, steps)
        groups.append(group)
        height += legend_height
    return Scene(view.width, height, tuple(groups), view.lang, title or text("map.aria", view.lang),
                 map_top=head, map_height=view.height)


def _shift(group: Group, dy: float) -> Group:
    def move(shape: Shape) -> Shape:
        if isinstance(shape, Rect):
            return Rect(shape.x, shape.y + dy, shape.w, shape.h, shape.rx, shape.fill, shape.stroke, shape.width,
                        shape.dash, shape.cls)
        if isinstance(shape, Circle):
            return Circle(shape.cx, shape.cy + dy, shape.r, shape.fill, shape.stroke, shape.width)
        if isinstance(shape, Text):
            return Text(shape.x, shape.y + dy, shape.lines, shape.size, shape.bold, shape.anchor, shape.fill,
                        shape.line_height, shape.cls)
        return Path(_move_commands(shape.commands, dy), shape.fill, shape.stroke, shape.width, shape.dash, shape.cls)

    return Group(tuple(move(s) for s in group.items), group.id, group.kind, group.title, group.cls, group.opacity,
                 _move_commands(group.hit, dy))


def _move_commands(commands: tuple[Command, ...], dy: float) -> tuple[Command, ...]:
    moved = []
    for c in commands:
        values = list(c[1:])
        for i in range(1, len(values), 2):
            values[i] = values[i] + dy
        moved.append((c[0], *values))
    return tuple(moved)
