"""A layered (Sugiyama-style) layout of the chain map, computed in Python.

The map keeps one horizontal lane per :class:`~graph.model.Domain` and the
phases of the chain as columns, left to right. Within that frame the layout
follows the classic layered steps:

1. **Columns.** Each organisation stands in the phase the data lists first
   for it (where it enters the chain). Phases without an organisation are
   dropped; a phase crowded with organisations gets more layers while the
   map stays narrow enough to read.
2. **Order.** Within each lane and column, organisations are ordered and
   given rows by repeated barycentre sweeps (each goes towards the mean
   height of the partners it hands off to), the order of the lanes is chosen
   among all permutations, and a local search swaps neighbours while that
   removes crossings. Hand-offs that only pass information weigh less, so
   hiding them (the default) leaves the clearest picture.
3. **Coordinates.** Column widths and row heights follow the labels, which
   are measured in the map font (:mod:`ui.fonts`), so no label overlaps.
4. **Routes.** Orthogonal, with rounded corners: every hand-off leaves its
   organisation sideways, runs vertically only in the gaps between columns,
   on a track of its own (tracks ordered so that few runs cross), and
   horizontally through other columns only where no node is. Ports on a
   node's side are ordered by where their partner sits, so lines do not
   cross at the node.

Everything is deterministic: the same model gives the same layout, and the
layout of the whole chain is the one the map keeps under every filter. The
geometry is plain data (:class:`Layout`), shared by the app, the SVG and PNG
exports and the PDF handouts; :func:`count_crossings` counts crossings on the
drawn paths.

Examples
--------
>>> from graph.examples import toy_chain
>>> layout = layered_layout(toy_chain())
>>> [lane.id for lane in layout.lanes]
['veiligheid-straf', 'zorg', 'jeugdbescherming']
>>> [column.id for column in layout.columns]
['signalering', 'veiligheidsbeoordeling', 'hulpverlening', 'jeugdbescherming']
>>> politie, vt = layout.box("politie"), layout.box("veilig-thuis")
>>> politie.x < vt.x and politie.lane == "veiligheid-straf"
True
>>> count_crossings(layout)
0
>>> layout == layered_layout(toy_chain())
True
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from graph.model import (
    ChainModel,
    Domain,
    HandOff,
    Organisation,
    OrganisationKind,
    Passes,
    Phase,
    Signal,
)
from graph.text import element_name
from ui.fonts import text_width

__all__ = [
    "HEAD_FONT",
    "LANE_ORDER",
    "LINE",
    "NODE_FONT",
    "Box",
    "Column",
    "Lane",
    "Layout",
    "PhaseBand",
    "Route",
    "count_crossings",
    "layered_layout",
    "node_label",
    "overlapping_boxes",
    "route_points",
    "sample_path",
    "wrap",
]

# Lanes top to bottom when nothing else decides (the layout may reorder them to cross less).
LANE_ORDER: tuple[Domain, ...] = (Domain.BESTUUR, Domain.VEILIGHEID_STRAF, Domain.ZORG, Domain.JEUGDBESCHERMING)

# Sizes in map units (one unit is one CSS pixel at scale 1).
NODE_FONT = 16.0
HEAD_FONT = 16.0  # lane and phase headings, bold
LINE = 20.0  # line height of node labels
PAD_X = 9.0
PAD_Y = 6.0
MAX_TEXT = 158.0  # the widest line of a node label
MAX_LINES = 3  # preferred; a name without a shorter form may take
HARD_LINES = 4
MAX_WIDTH = 1600.0  # crowded phases get more layers while the map stays this narrow
COLUMN_GAP = 46.0  # the gap between columns assumed before routing
MIN_GAP = 26.0
TRACK_SPACING = 6.5  # between vertical runs in a gap
ROW_GAP = 12.0
LANE_HEAD = 26.0  # room for the lane name at the top of each lane
LANE_PAD = 8.0
LANE_GAP = 10.0
MARGIN = 10.0
SIGNAL_GAP = 14.0  # between a way in (signal) and the organisation it enters at
PORT_STEP = 7.0
TRACK_STEP = 4.0
INFORMATION_WEIGHT = 0.3
_SWAP_LIMIT = 40  # above this many runs in one gap, the sorted order is kept (the swap search is cubic)

Point = tuple[float, float]
# A path is "M" then "L"/"C" commands: ("M", x, y), ("L", x, y), ("C", x1, y1, x2, y2, x, y).
Command = tuple


@dataclass(frozen=True)
class Box:
    """A node on the map: an organisation or a way in (signal), its place and its wrapped label."""

    id: str
    kind: str  # "organisations" or "signals"
    lane: str  # a Domain value
    column: int  # index into Layout.columns
    x: float  # centre
    y: float  # centre
    width: float
    height: float
    labels: tuple[tuple[str, tuple[str, ...]], ...]  # (language, lines)
    shape: str  # "box", "pill" (a post), "dashed" (a collaboration), "person" (a family member), "tag" (a way in)

    def lines(self, lang: str = "nl") -> tuple[str, ...]:
        """The label lines in ``lang`` (Dutch when that language is missing)."""
        found = dict(self.labels)
        return found.get(lang) or found.get("nl") or next(iter(found.values()), ())

    @property
    def left(self) -> float:
        return self.x - self.width / 2

    @property
    def right(self) -> float:
        return self.x + self.width / 2

    @property
    def top(self) -> float:
        return self.y - self.height / 2

    @property
    def bottom(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class Route:
    """The drawn path of one hand-off (or of a way in to its organisation)."""

    id: str
    source: str
    target: str
    path: tuple[Command, ...]
    mid: Point  # where a badge or label goes
    end_direction: Point  # unit vector of the arrow at the end
    kind: str = "handoff"  # or "entry"

    def svg_path(self) -> str:
        """The path as SVG path data.

        >>> Route("r", "a", "b", (("M", 0, 0), ("L", 10, 0)), (5, 0), (1, 0)).svg_path()
        'M0 0L10 0'
        """
        return "".join(c[0] + " ".join(_num(v) for v in c[1:]) for c in self.path)


@dataclass(frozen=True)
class Lane:
    id: str  # a Domain value
    y_min: float
    y_max: float


@dataclass(frozen=True)
class Column:
    """A layer of the layout; a crowded phase spans more than one."""

    id: str  # the phase id, with "#2", "#3"... for a phase's further layers
    phase: str
    x_min: float
    x_max: float

    @property
    def x(self) -> float:
        return (self.x_min + self.x_max) / 2


@dataclass(frozen=True)
class PhaseBand:
    """A phase heading over the layers (columns) of that phase."""

    id: str  # a phase id
    x_min: float
    x_max: float
    labels: tuple[tuple[str, tuple[str, ...]], ...]  # (language, heading lines)

    @property
    def x(self) -> float:
        return (self.x_min + self.x_max) / 2

    def lines(self, lang: str = "nl") -> tuple[str, ...]:
        found = dict(self.labels)
        return found.get(lang) or found.get("nl") or ()


@dataclass(frozen=True)
class Layout:
    """Positions and paths of a map, in map units; ``header`` is the height of the phase headings."""

    boxes: tuple[Box, ...]
    routes: tuple[Route, ...]
    lanes: tuple[Lane, ...]
    columns: tuple[Column, ...]
    phases: tuple[PhaseBand, ...]
    width: float
    height: float
    header: float

    @cached_property
    def _boxes(self) -> dict[str, Box]:
        return {b.id: b for b in self.boxes}

    @cached_property
    def _routes(self) -> dict[str, Route]:
        return {r.id: r for r in self.routes}

    def box(self, element_id: str) -> Box:
        """The box of an organisation or signal (KeyError when it is not on this map)."""
        return self._boxes[element_id]

    def has_box(self, element_id: str) -> bool:
        return element_id in self._boxes

    def route(self, route_id: str) -> Route:
        return self._routes[route_id]

    def has_route(self, route_id: str) -> bool:
        return route_id in self._routes

    def bounds(self, ids: Iterable[str], margin: float = 24.0) -> tuple[float, float, float, float] | None:
        """``(x0, y0, x1, y1)`` around the boxes and routes with these ids (None when none is here)."""
        xs: list[float] = []
        ys: list[float] = []
        for element_id in ids:
            if self.has_box(element_id):
                b = self.box(element_id)
                xs += [b.left, b.right]
                ys += [b.top, b.bottom]
            elif self.has_route(element_id):
                for x, y in route_points(self.route(element_id), 4):
                    xs.append(x)
                    ys.append(y)
        if not xs:
            return None
        return (max(0.0, min(xs) - margin), max(0.0, min(ys) - margin),
                min(self.width, max(xs) + margin), min(self.height, max(ys) + margin))


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text.removesuffix(".0")


# --- labels -------------------------------------------------------------------------------------------------------

def _break_word(word: str, size: float, width: float, bold: bool) -> list[str]:
    """Split one word that is wider than ``width`` into hyphenated parts (Dutch: after a linking 's' if possible)."""
    parts: list[str] = []
    rest = word
    while text_width(rest, size, bold) > width and len(rest) > 6:
        fits = [i for i in range(3, len(rest) - 2) if text_width(rest[:i] + "-", size, bold) <= width]
        if not fits:
            break
        cut = fits[-1]
        existing = [i + 1 for i in range(2, cut) if rest[i] == "-"]
        linking = [i + 1 for i in range(3, cut) if rest[i] == "s" and i + 1 >= len(rest) * 0.35]
        if existing:
            cut = existing[-1]
            parts.append(rest[:cut])
        else:
            cut = linking[-1] if linking else cut
            parts.append(rest[:cut] + "-")
        rest = rest[cut:]
    parts.append(rest)
    return parts


def wrap(text: str, size: float = NODE_FONT, width: float = MAX_TEXT, max_lines: int | None = None,
         bold: bool = False) -> tuple[str, ...]:
    """``text`` broken into lines no wider than ``width`` in the map font.

    Words are kept whole when they fit; a longer word breaks at a hyphen it
    has, else after a linking *s* (Dutch compounds), else where it must.
    With ``max_lines``, the last line ends in an ellipsis when text is left.

    >>> wrap("Raad voor de Kinderbescherming")
    ('Raad voor de', 'Kinderbescherming')
    >>> wrap("Veiligheidsbeoordeling", width=120, bold=True)
    ('Veiligheids-', 'beoordeling')
    >>> wrap("een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien", width=80, max_lines=2)
    ('een twee', 'drie vie…')
    """
    words: list[str] = []
    for word in text.split():
        words += _break_word(word, size, width, bold)
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and text_width(lines[-1] + " " + word, size, bold) <= width:
            lines[-1] += " " + word
        elif lines and lines[-1].endswith("-") and text_width(lines[-1] + word, size, bold) <= width \
                and not lines[-1][:-1].endswith(" "):
            lines.append(word)
        else:
            lines.append(word)
    if max_lines and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1].rstrip("-")
        while last and text_width(last + "…", size, bold) > width:
            last = last[:-1].rstrip()
        kept[-1] = last + "…"
        lines = kept
    return tuple(lines)


def node_label(element: Organisation | Signal, lang: str = "nl") -> str:
    """What a node says: the name, else the name without its bracketed part, else the abbreviation.

    The first that fits the node in :data:`MAX_LINES` lines without breaking a word is taken.

    >>> from graph.model import Organisation, OrganisationKind, Domain
    >>> org = Organisation("ocw", "Dienst Onderwijs, Cultuur, Welzijn en Sport van de gemeente Den Haag (OCW)",
    ...                    OrganisationKind.ORGANISATION, Domain.BESTUUR, "r", ("s",), abbreviation="OCW")
    >>> node_label(org)
    'OCW'
    >>> node_label(Organisation("p", "Politie (eenheid Den Haag)", OrganisationKind.ORGANISATION,
    ...                         Domain.ZORG, "r", ("s",)))
    'Politie'
    """
    name = element_name(element, lang)
    if isinstance(element, Signal):
        return name
    bare = name.split(" (")[0].strip() if " (" in name else name
    candidates = [bare] if bare != name else [name]
    abbreviation = getattr(element, "abbreviation", None)
    if abbreviation:
        candidates.append(abbreviation)
    for candidate in candidates:
        if _fits(candidate):
            return candidate
    return candidates[-1] if abbreviation else bare


def _fits(text: str) -> bool:
    return all(text_width(word, NODE_FONT) <= MAX_TEXT for word in text.split()) and \
        len(wrap(text)) <= MAX_LINES


def _heading_lines(text: str, width: float) -> tuple[str, ...]:
    return wrap(text, HEAD_FONT, width, max_lines=3, bold=True)


_SHAPES = {OrganisationKind.ORGANISATION: "box", OrganisationKind.POST: "pill",
           OrganisationKind.COLLABORATION: "dashed", OrganisationKind.PERSON: "person"}


# --- the layered layout ---------------------------------------------------------------------------------------------

@dataclass
class _Node:
    id: str
    kind: str
    lane: str
    candidates: list[int]
    labels: dict[str, tuple[str, ...]]
    width: float
    height: float
    shape: str
    column: int = 0
    signals: list[_Node] = field(default_factory=list)

    @property
    def block_height(self) -> float:
        return self.height + sum(s.height + SIGNAL_GAP for s in self.signals)

    @property
    def block_width(self) -> float:
        return max([self.width] + [s.width for s in self.signals])


@dataclass(frozen=True)
class _Edge:
    id: str
    source: str
    target: str
    weight: float


def _weight(handoff: HandOff) -> float:
    return INFORMATION_WEIGHT if set(handoff.passes) <= {Passes.INFORMATION} else 1.0


def layered_layout(
    model: ChainModel,
    organisations: Iterable[str] | None = None,
    handoffs: Iterable[str] | None = None,
    *,
    signals: bool = True,
    languages: Sequence[str] = ("nl", "en"),
    lane_order: Sequence[str] | None = None,
    label: Callable[[Organisation | Signal, str], str] = node_label,
    max_width: float = MAX_WIDTH,
) -> Layout:
    """Lay out the chain (or a part of it) as a layered map.

    Parameters
    ----------
    model : ChainModel
    organisations : iterable of str, optional
        The organisations on the map (default: all). Hand-offs count only
        when both ends are on the map.
    handoffs : iterable of str, optional
        The hand-offs on the map (default: all between the organisations).
    signals : bool
        Whether the ways in (signals) stand above the organisation they
        enter at.
    languages : sequence of str
        Labels are wrapped in each language and every box fits the widest,
        so switching language moves nothing.
    lane_order : sequence of str, optional
        Domain values top to bottom; default: the order with the fewest
        crossings (ties: :data:`LANE_ORDER`).
    label : callable
        ``label(element, lang)``: the text of a node (default :func:`node_label`).
    max_width : float
        A phase crowded with organisations is split into more layers while
        the map stays narrower than this (map units).

    Returns
    -------
    Layout

    Examples
    --------
    >>> from graph.examples import toy_chain
    >>> part = layered_layout(toy_chain(), ["raad", "kinderrechter"])
    >>> [b.id for b in part.boxes], [r.id for r in part.routes]
    (['kinderrechter', 'raad'], ['ho-raad-kinderrechter'])
    >>> [c.id for c in part.columns]
    ['jeugdbescherming']
    """
    phases = sorted(model.phases, key=lambda p: (p.order, p.id))
    phase_index = {p.id: i for i, p in enumerate(phases)}
    wanted = set(organisations) if organisations is not None else None
    orgs = [o for o in model.organisations if wanted is None or o.id in wanted]
    org_ids = {o.id for o in orgs}
    chosen = set(handoffs) if handoffs is not None else None
    edges_ho = [h for h in model.handoffs if h.from_org in org_ids and h.to_org in org_ids and h.from_org != h.to_org
                and (chosen is None or h.id in chosen)]
    edges = [_Edge(h.id, h.from_org, h.to_org, _weight(h)) for h in edges_ho]

    nodes: dict[str, _Node] = {}
    for org in orgs:
        labels = {lang: wrap(label(org, lang), max_lines=HARD_LINES) for lang in languages}
        width = max(max((text_width(line, NODE_FONT) for line in lines), default=20.0) for lines in labels.values())
        lines_n = max(len(lines) for lines in labels.values())
        candidates = list(dict.fromkeys(phase_index[p] for p in org.phases if p in phase_index))
        if not candidates:
            candidates = sorted({phase_index[h.phase] for h in edges_ho
                                 if org.id in (h.from_org, h.to_org) and h.phase in phase_index}) or [0]
        nodes[org.id] = _Node(org.id, "organisations", org.domain.value, candidates, labels,
                              width + 2 * PAD_X, lines_n * LINE + 2 * PAD_Y, _SHAPES.get(org.kind, "box"))
    if signals:
        for sig in model.signals:
            owner = nodes.get(sig.enters_at)
            if owner is None:
                continue
            labels = {lang: wrap(label(sig, lang), max_lines=MAX_LINES) for lang in languages}
            width = max(max((text_width(line, NODE_FONT) for line in lines), default=20.0) for lines in labels.values())
            lines_n = max(len(lines) for lines in labels.values())
            owner.signals.append(_Node(sig.id, "signals", owner.lane, [], labels, width + 2 * PAD_X + 10,
                                       lines_n * LINE + 2 * PAD_Y, "tag"))

    _assign_columns(nodes, edges)
    used = sorted({n.column for n in nodes.values()})
    column_phases = _split_crowded(nodes, edges, [phases[c] for c in used], used, max_width)
    _room_for_ports(nodes, edges)

    present = [d.value for d in LANE_ORDER if any(n.lane == d.value for n in nodes.values())]
    present += sorted({n.lane for n in nodes.values()} - set(present))
    if lane_order is not None:
        lanes = [d for d in lane_order if d in present] + [d for d in present if d not in lane_order]
        orders = [tuple(lanes)]
    elif len(present) <= 5 and len(edges) <= 300:
        orders = list(itertools.permutations(present))
    else:
        orders = [tuple(present)]
    best: tuple[float, int, tuple[str, ...], dict[str, int]] | None = None
    for rank, order in enumerate(orders):
        slots = _order(nodes, edges, order)
        score = _proxy_crossings(nodes, edges, order, slots)
        if best is None or (score, rank) < (best[0], best[1]):
            best = (score, rank, order, slots)
    assert best is not None or not nodes
    lane_seq, slots = (best[2], best[3]) if best else ((), {})
    if len(edges) <= 150:
        slots = _local_search(nodes, edges, lane_seq, slots)
    return _coordinates(nodes, edges, lane_seq, slots, column_phases, languages)


def _phase_width(phase_nodes: list[_Node], phase: object) -> float:
    words = [w for lang in ("nl", "en") for w in element_name(phase, lang).split()]
    heading = min(max(text_width(w, HEAD_FONT, True) for w in words), 150.0)
    return max([70.0, heading] + [n.block_width for n in phase_nodes])


def _split_crowded(nodes: dict[str, _Node], edges: list[_Edge], phases: list, used: list[int],
                   max_width: float) -> list:
    """Give crowded phases more layers while the map fits ``max_width``; renumber node columns to layers.

    Returns the phase of each layer, left to right.
    """
    index = {c: i for i, c in enumerate(used)}
    for node in nodes.values():
        node.column = index[node.column]
    members: dict[int, list[_Node]] = {}
    for node in nodes.values():
        members.setdefault(node.column, []).append(node)
    widths = [_phase_width(members.get(i, []), p) for i, p in enumerate(phases)]
    layers = [1] * len(phases)

    def crowd(i: int) -> float:
        cells: dict[str, int] = {}
        for n in members.get(i, []):
            cells[n.lane] = cells.get(n.lane, 0) + 1
        return max(cells.values(), default=0) / layers[i]

    def total() -> float:
        return 2 * MARGIN + sum(layers[i] * (widths[i] + COLUMN_GAP) for i in range(len(phases)))

    while True:
        i = max(range(len(phases)), key=lambda j: (crowd(j), -j), default=None)
        if i is None or crowd(i) < 3:
            break
        layers[i] += 1
        if total() > max_width:
            layers[i] -= 1
            break
    # Within a split phase, organisations that mostly receive go right, those that mostly send go left.
    flow: dict[str, float] = dict.fromkeys(nodes, 0.0)
    weight: dict[str, float] = dict.fromkeys(nodes, 0.0)
    for e in edges:
        flow[e.source] -= e.weight
        flow[e.target] += e.weight
        weight[e.source] += e.weight
        weight[e.target] += e.weight
    first_layer = []
    layer = 0
    for i in range(len(phases)):
        first_layer.append(layer)
        layer += layers[i]
    for i, phase_nodes in members.items():
        k = layers[i]
        cells: dict[str, list[_Node]] = {}
        for n in phase_nodes:
            cells.setdefault(n.lane, []).append(n)
        for cell in cells.values():
            cell.sort(key=lambda n: (flow[n.id] / weight[n.id] if weight[n.id] else 0.0, n.id))
            if k == 1:
                subs = [0] * len(cell)
            elif len(cell) <= k:
                subs = _place([(flow[n.id] / weight[n.id] + 1) / 2 * (k - 1) if weight[n.id] else 0.0 for n in cell], k)
            else:
                size, extra = divmod(len(cell), k)
                subs = [g for g in range(k) for _ in range(size + (1 if g < extra else 0))]
            for n, sub in zip(cell, subs, strict=True):
                n.column = first_layer[i] + sub
    return [p for i, p in enumerate(phases) for _ in range(layers[i])]


def _room_for_ports(nodes: dict[str, _Node], edges: list[_Edge]) -> None:
    """Make a node tall enough that the lines on each of its sides stay :data:`PORT_STEP` apart."""
    count: dict[tuple[str, str], int] = {}
    for e in edges:
        ca, cb = nodes[e.source].column, nodes[e.target].column
        sa, sb = ("right", "left") if ca < cb else ("left", "right") if ca > cb else ("right", "right")
        count[(e.source, sa)] = count.get((e.source, sa), 0) + 1
        count[(e.target, sb)] = count.get((e.target, sb), 0) + 1
    for (node_id, _), k in count.items():
        node = nodes[node_id]
        node.height = max(node.height, (k - 1) * PORT_STEP + 14.0)


def _assign_columns(nodes: dict[str, _Node], edges: list[_Edge]) -> None:
    """Each organisation in the phase the data lists first for it (where it enters the chain).

    Without phases of its own: the earliest phase of its hand-offs.
    """
    del edges
    for node in nodes.values():
        node.column = node.candidates[0]


def _cells(nodes: dict[str, _Node]) -> dict[tuple[str, int], list[str]]:
    cells: dict[tuple[str, int], list[str]] = {}
    for node in sorted(nodes.values(), key=lambda n: n.id):
        cells.setdefault((node.lane, node.column), []).append(node.id)
    return cells


def _lane_rows(cells: dict[tuple[str, int], list[str]], lanes: Sequence[str]) -> dict[str, int]:
    return {lane: max((len(m) for (ln, _), m in cells.items() if ln == lane), default=0) for lane in lanes}


def _offsets(rows: dict[str, int], lanes: Sequence[str]) -> dict[str, float]:
    offsets: dict[str, float] = {}
    y = 0.0
    for lane in lanes:
        offsets[lane] = y
        y += rows[lane] + 1.0
    return offsets


def _place(desired: list[float], rows: int) -> list[int]:
    """Increasing slots in ``range(rows)`` closest (least squares) to the desired positions, in order."""
    k = len(desired)
    if k == 0:
        return []
    inf = float("inf")
    # cost[i][s]: best cost of the first i+1 items with item i at slot s
    cost = [[inf] * rows for _ in range(k)]
    back = [[-1] * rows for _ in range(k)]
    for s in range(rows):
        cost[0][s] = (s - desired[0]) ** 2
    for i in range(1, k):
        best, arg = inf, -1
        for s in range(rows):
            if s - 1 >= 0 and cost[i - 1][s - 1] < best:
                best, arg = cost[i - 1][s - 1], s - 1
            if best < inf:
                cost[i][s] = best + (s - desired[i]) ** 2
                back[i][s] = arg
    s = min(range(rows), key=lambda j: (cost[k - 1][j], j))
    slots = [0] * k
    for i in range(k - 1, -1, -1):
        slots[i] = s
        s = back[i][s]
    return slots


def _order(nodes: dict[str, _Node], edges: list[_Edge], lanes: Sequence[str]) -> dict[str, int]:
    """Rows of every node within its lane, by barycentre sweeps; the best sweep by proxy crossings."""
    cells = _cells(nodes)
    rows = _lane_rows(cells, lanes)
    offsets = _offsets(rows, lanes)
    slots = {node_id: i for members in cells.values() for i, node_id in enumerate(members)}
    neighbours: dict[str, list[tuple[str, float]]] = {n: [] for n in nodes}
    for e in edges:
        neighbours[e.source].append((e.target, e.weight))
        neighbours[e.target].append((e.source, e.weight))
    columns = sorted({c for (_, c) in cells})
    best = (_proxy_crossings(nodes, edges, lanes, slots), dict(slots))
    for sweep in range(10):
        sequence = columns if sweep % 2 == 0 else columns[::-1]
        for column in sequence:
            for lane in lanes:
                members = cells.get((lane, column))
                if not members:
                    continue
                desired: dict[str, float] = {}
                for node_id in members:
                    total = weight = 0.0
                    for other, w in neighbours[node_id]:
                        o = nodes[other]
                        y = offsets[o.lane] + slots[other]
                        total += w * (min(max(y - offsets[lane], -0.5), rows[lane] - 0.5))
                        weight += w
                    desired[node_id] = total / weight if weight else float(slots[node_id])
                members.sort(key=lambda n: (desired[n], slots[n], n))
                placed = _place([desired[n] for n in members], rows[lane])
                slots.update(zip(members, placed, strict=False))
        score = _proxy_crossings(nodes, edges, lanes, slots)
        if score < best[0]:
            best = (score, dict(slots))
    return best[1]


def _segments(nodes: dict[str, _Node], edges: Sequence[_Edge], lanes: Sequence[str],
              slots: dict[str, int]) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]], np.ndarray]:
    """Proxy geometry: each edge as one or two straight segments in (column, row) space."""
    rows = _lane_rows(_cells(nodes), lanes)
    offsets = _offsets(rows, lanes)
    starts, ends, owners, weights = [], [], [], []
    for e in edges:
        a, b = nodes[e.source], nodes[e.target]
        pa = (a.column * 3.0, offsets[a.lane] + slots[a.id])
        pb = (b.column * 3.0, offsets[b.lane] + slots[b.id])
        if a.column == b.column:
            mid = (a.column * 3.0 + 1.2, (pa[1] + pb[1]) / 2)
            for p, q in ((pa, mid), (mid, pb)):
                starts.append(p)
                ends.append(q)
                owners.append((e.source, e.target))
                weights.append(e.weight)
        else:
            starts.append(pa)
            ends.append(pb)
            owners.append((e.source, e.target))
            weights.append(e.weight)
    return np.array(starts, dtype=float).reshape(-1, 2), np.array(ends, dtype=float).reshape(-1, 2), owners, \
        np.array(weights, dtype=float)


def _crossing_matrix(p: np.ndarray, q: np.ndarray, p2: np.ndarray, q2: np.ndarray) -> np.ndarray:
    """Which segments (p, q) properly cross which segments (p2, q2): a boolean matrix."""
    def orient(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        return np.sign(
            (b[..., 0] - a[..., 0]) * (c[..., 1] - a[..., 1]) - (b[..., 1] - a[..., 1]) * (c[..., 0] - a[..., 0])
        )

    a, b = p[:, None, :], q[:, None, :]
    c, d = p2[None, :, :], q2[None, :, :]
    o1 = orient(a, b, c)
    o2 = orient(a, b, d)
    o3 = orient(c, d, a)
    o4 = orient(c, d, b)
    return (o1 * o2 < 0) & (o3 * o4 < 0)


def _proxy_crossings(nodes: dict[str, _Node], edges: Sequence[_Edge], lanes: Sequence[str],
                     slots: dict[str, int]) -> float:
    p, q, owners, weights = _segments(nodes, edges, lanes, slots)
    if len(p) < 2:
        return 0.0
    total = 0.0
    chunk = 400
    for start in range(0, len(p), chunk):
        block = _crossing_matrix(p[start:start + chunk], q[start:start + chunk], p, q)
        rows_idx, cols_idx = np.nonzero(block)
        for i, j in zip(rows_idx + start, cols_idx, strict=True):
            if j <= i:
                continue
            if set(owners[i]) & set(owners[j]):
                continue
            total += weights[i] * weights[j]
    return total


def _local_search(nodes: dict[str, _Node], edges: list[_Edge], lanes: Sequence[str],
                  slots: dict[str, int]) -> dict[str, int]:
    """Move single nodes to another free row of their cell, or swap two, while crossings drop."""
    cells = _cells(nodes)
    rows = _lane_rows(cells, lanes)
    slots = dict(slots)
    score = _proxy_crossings(nodes, edges, lanes, slots)
    for _ in range(3):
        improved = False
        for (lane, _column), members in sorted(cells.items()):
            for node_id in sorted(members):
                taken = {slots[m]: m for m in members}
                for target in range(rows[lane]):
                    if target == slots[node_id]:
                        continue
                    trial = dict(slots)
                    other = taken.get(target)
                    if other is not None:
                        trial[other] = slots[node_id]
                    trial[node_id] = target
                    trial_score = _proxy_crossings(nodes, edges, lanes, trial)
                    if trial_score < score - 1e-9:
                        slots, score, improved = trial, trial_score, True
                        taken = {slots[m]: m for m in members}
        if not improved:
            break
    return slots


def _coordinates(nodes: dict[str, _Node], edges: list[_Edge], lanes: Sequence[str], slots: dict[str, int],
                 phases: list, languages: Sequence[str]) -> Layout:
    n_columns = len(phases)
    widths = [0.0] * n_columns
    for node in nodes.values():
        widths[node.column] = max(widths[node.column], node.block_width)
    # one band per phase over its layers; a phase's heading decides the width of a lone layer
    spans: list[tuple[Phase, int, int]] = []
    for c, phase in enumerate(phases):
        if spans and spans[-1][0] is phase:
            spans[-1] = (phase, spans[-1][1], c)
        else:
            spans.append((phase, c, c))
    for phase, first, last in spans:
        names = [element_name(phase, lang) for lang in languages]
        longest_word = max(text_width(w, HEAD_FONT, True) for name in names for w in name.split())
        need = max(70.0, min(longest_word, 150.0))
        if first == last:
            widths[first] = max(widths[first], need)
    band_lines = []
    for phase, first, last in spans:
        band_width = sum(widths[first:last + 1]) + (last - first) * MIN_GAP
        band_lines.append(tuple((lang, _heading_lines(element_name(phase, lang), band_width)) for lang in languages))
    head_lines = max((len(lines) for labels in band_lines for _, lines in labels), default=1)
    header = head_lines * (HEAD_FONT * 1.25) + 14.0

    # heights: rows per lane, node centres
    centre_y: dict[str, float] = {}
    lane_bands: list[Lane] = []
    row_spans: dict[str, list[tuple[float, float]]] = {}
    y = header
    for lane in lanes:
        members = [n for n in nodes.values() if n.lane == lane]
        if not members:
            continue
        top = y
        count = max(slots[n.id] for n in members) + 1
        heights = [0.0] * count
        for n in members:
            heights[slots[n.id]] = max(heights[slots[n.id]], n.block_height)
        row_top = top + LANE_HEAD
        spans_y: list[tuple[float, float]] = []
        for r in range(count):
            h = heights[r] + ROW_GAP if heights[r] else ROW_GAP * 0.75
            spans_y.append((row_top, row_top + h))
            row_top += h
        for n in members:
            r_top, r_bottom = spans_y[slots[n.id]]
            cursor = (r_top + r_bottom) / 2 - n.block_height / 2
            for sig in n.signals:
                centre_y[sig.id] = cursor + sig.height / 2
                cursor += sig.height + SIGNAL_GAP
            centre_y[n.id] = cursor + n.height / 2
        bottom = row_top + LANE_PAD
        lane_bands.append(Lane(lane, round(top, 1), round(bottom, 1)))
        row_spans[lane] = spans_y
        y = bottom + LANE_GAP
    total_height = y - LANE_GAP + MARGIN

    plans, verticals = _plan_routes(nodes, edges, centre_y, lane_bands, row_spans)
    tracks, gap_tracks = _assign_tracks(verticals)
    gaps = [max(MIN_GAP, (gap_tracks.get(c, 0) + 1) * TRACK_SPACING) for c in range(n_columns)]
    x_left: list[float] = []
    x = MARGIN
    for c in range(n_columns):
        x_left.append(x)
        x += widths[c] + gaps[c]
    total_width = x + MARGIN

    columns_list = []
    seen: dict[str, int] = {}
    for c, phase in enumerate(phases):
        seen[phase.id] = seen.get(phase.id, 0) + 1
        layer_id = phase.id if seen[phase.id] == 1 else f"{phase.id}#{seen[phase.id]}"
        columns_list.append(Column(layer_id, phase.id, round(x_left[c], 1), round(x_left[c] + widths[c], 1)))
    bands = tuple(PhaseBand(phase.id, round(x_left[first], 1), round(x_left[last] + widths[last], 1), labels)
                  for (phase, first, last), labels in zip(spans, band_lines, strict=False))

    boxes: dict[str, Box] = {}
    for n in nodes.values():
        cx = x_left[n.column] + widths[n.column] / 2
        for sig in n.signals:
            boxes[sig.id] = _box(sig, cx, centre_y[sig.id], n.column, languages)
        boxes[n.id] = _box(n, cx, centre_y[n.id], n.column, languages)

    def track_x(gap: int, key: tuple[str, int]) -> float:
        k = gap_tracks.get(gap, 0)
        return x_left[gap] + widths[gap] + gaps[gap] * (tracks[key] + 1) / (k + 1)

    routes: list[Route] = []
    for edge_id, (source, target, points, direction) in sorted(plans.items()):
        resolved: list[Point] = []
        for spec, y_value in points:
            if spec[0] == "node":
                box = boxes[spec[1]]
                resolved.append((box.right if spec[2] == "right" else box.left, y_value))
            else:
                resolved.append((track_x(spec[1], spec[2]), y_value))
        path = _rounded(resolved)
        longest = max(itertools.pairwise(resolved), key=lambda pq: abs(pq[1][0] - pq[0][0]) + abs(pq[1][1] - pq[0][1]))
        mid = ((longest[0][0] + longest[1][0]) / 2, (longest[0][1] + longest[1][1]) / 2)
        routes.append(Route(edge_id, source, target, _round(path), (round(mid[0], 1), round(mid[1], 1)), direction))
    for n in nodes.values():
        box = boxes[n.id]
        for sig in n.signals:
            s = boxes[sig.id]
            path = [("M", s.x, s.bottom), ("L", box.x, box.top)]
            routes.append(Route("entry:" + sig.id, sig.id, n.id, _round(path),
                                (round(s.x, 1), round((s.bottom + box.top) / 2, 1)), (0.0, 1.0), kind="entry"))
    ordered = tuple(sorted(boxes.values(), key=lambda b: (b.kind != "organisations", b.id)))
    return Layout(boxes=ordered, routes=tuple(sorted(routes, key=lambda r: (r.kind != "handoff", r.id))),
                  lanes=tuple(lane_bands), columns=tuple(columns_list), phases=bands,
                  width=round(total_width, 1), height=round(total_height, 1), header=round(header, 1))


def _box(node: _Node, x: float, y: float, column: int, languages: Sequence[str]) -> Box:
    return Box(node.id, node.kind, node.lane, column, round(x, 1), round(y, 1), round(node.width, 1),
               round(node.height, 1), tuple((lang, node.labels[lang]) for lang in languages), node.shape)


# --- routes ---------------------------------------------------------------------------------------------------------

# A waypoint's x is symbolic until the gaps have their widths: ("node", id, side) or ("track", gap, key).
_Spec = tuple
_Vertical = tuple  # (gap, y_from, y_to, entry_side, exit_side, key)


def _plan_routes(nodes: dict[str, _Node], edges: list[_Edge], centre_y: dict[str, float], lanes: list[Lane],
                 row_spans: dict[str, list[tuple[float, float]]]
                 ) -> tuple[dict[str, tuple[str, str, list[tuple[_Spec, float]], Point]], list[_Vertical]]:
    """Orthogonal routes with symbolic x: sideways out of a node, vertical only in the gaps between
    columns (one track each), horizontal through other columns only where no node is."""
    half = {n.id: n.height / 2 for n in nodes.values()}
    column = {n.id: n.column for n in nodes.values()}
    sides: dict[tuple[str, str], list[tuple[float, str, str]]] = {}
    plan_sides: dict[str, tuple[str, str]] = {}
    for e in edges:
        ca, cb = column[e.source], column[e.target]
        sa, sb = ("right", "left") if ca < cb else ("left", "right") if ca > cb else ("right", "right")
        plan_sides[e.id] = (sa, sb)
        sides.setdefault((e.source, sa), []).append((centre_y[e.target], e.id, "out"))
        sides.setdefault((e.target, sb), []).append((centre_y[e.source], e.id, "in"))
    ports: dict[tuple[str, str], float] = {}
    for (node_id, _side), items in sides.items():
        items.sort(key=lambda t: (t[0], t[1], t[2]))
        k = len(items)
        step = min(PORT_STEP, (2 * half[node_id] - 10.0) / max(k - 1, 1)) if k > 1 else 0.0
        for i, (_, edge_id, direction) in enumerate(items):
            ports[(edge_id, direction)] = centre_y[node_id] + (i - (k - 1) / 2) * step

    spans_by_column: dict[int, list[tuple[float, float]]] = {}
    for n in nodes.values():
        top = centre_y[n.id] - n.height / 2
        for sig in n.signals:
            top = min(top, centre_y[sig.id] - sig.height / 2)
        spans_by_column.setdefault(n.column, []).append((top, centre_y[n.id] + n.height / 2))

    def free(y: float, lo: int, hi: int) -> bool:
        return all(not (t - 6 < y < b + 6) for c in range(lo, hi + 1) for t, b in spans_by_column.get(c, ()))

    channels: list[float] = []
    for lane in lanes:
        spans = row_spans[lane.id]
        channels.append(spans[0][0] - 3.0)
        channels += [(b + t) / 2 for (_, b), (t, _) in itertools.pairwise(spans)]
        channels.append(spans[-1][1] + 2.0)
    channels += [(u.y_max + d.y_min) / 2 for u, d in itertools.pairwise(lanes)]

    plans: dict[str, tuple[str, str, list[tuple[_Spec, float]], Point]] = {}
    verticals: list[_Vertical] = []
    channel_use: dict[float, int] = {}
    for e in sorted(edges, key=lambda e: e.id):
        ca, cb = column[e.source], column[e.target]
        sa, sb = plan_sides[e.id]
        ya, yb = ports[(e.id, "out")], ports[(e.id, "in")]
        start: tuple[_Spec, float] = (("node", e.source, sa), ya)
        end: tuple[_Spec, float] = (("node", e.target, sb), yb)
        points: list[tuple[_Spec, float]] = [start]

        def turn(gap: int, y_from: float, y_to: float, entry: str, leave: str, index: int,
                 edge_id: str = e.id, points: list[tuple[_Spec, float]] = points) -> None:
            key = (edge_id, index)
            points.append((("track", gap, key), y_from))
            points.append((("track", gap, key), y_to))
            verticals.append((gap, y_from, y_to, entry, leave, key))

        if ca == cb:
            turn(ca, ya, yb, "L", "L", 0)
            end_direction = (-1.0, 0.0)
        else:
            forward = ca < cb
            step = 1 if forward else -1
            first_gap = ca if forward else ca - 1
            last_gap = cb - 1 if forward else cb
            inner = (min(ca, cb) + 1, max(ca, cb) - 1)
            entry, leave = ("L", "R") if forward else ("R", "L")
            if abs(ya - yb) < 0.5 and (inner[0] > inner[1] or free(ya, *inner)):
                pass  # a straight line
            elif abs(cb - ca) == 1 or free(yb, *inner):
                turn(first_gap, ya, yb, entry, leave, 0)
            elif free(ya, *inner):
                turn(last_gap, ya, yb, entry, leave, 0)
            else:
                usable = [c for c in channels if free(c, *inner)] or channels
                y_run = min(usable, key=lambda c: (abs(c - ya) + abs(c - yb), abs(c - ya), c))
                k = channel_use.get(round(y_run, 1), 0)
                channel_use[round(y_run, 1)] = k + 1
                if k and free(y_run + ((k + 1) // 2) * TRACK_SPACING * (1 if k % 2 else -1), *inner):
                    y_run += ((k + 1) // 2) * TRACK_SPACING * (1 if k % 2 else -1)
                turn(first_gap, ya, y_run, entry, leave, 0)
                turn(last_gap, y_run, yb, entry, leave, 1)
            end_direction = (1.0, 0.0) if forward else (-1.0, 0.0)
            del step
        points.append(end)
        plans[e.id] = (e.source, e.target, points, end_direction)
    return plans, verticals


def _assign_tracks(verticals: list[_Vertical]) -> tuple[dict[tuple[str, int], int], dict[int, int]]:
    """One track per vertical run in each gap, ordered left to right so that few runs cross."""
    by_gap: dict[int, list[_Vertical]] = {}
    for v in verticals:
        by_gap.setdefault(v[0], []).append(v)
    tracks: dict[tuple[str, int], int] = {}
    counts: dict[int, int] = {}
    for gap, runs in by_gap.items():
        def preferred(v: _Vertical) -> tuple[float, str]:
            _, y0, y1, entry, leave, key = v
            down = y1 > y0
            if entry == "L" and leave == "R":
                value = -y0 if down else y0
            elif entry == "R" and leave == "L":
                value = y0 if down else -y0
            else:  # out and back on the same side: wider loops outside
                value = abs(y1 - y0) if entry == "L" else -abs(y1 - y0)
            return value, key[0]

        order = sorted(runs, key=preferred)
        best = _gap_crossings(order) if len(order) <= _SWAP_LIMIT else 0
        improved = True
        while improved and best:
            improved = False
            for i in range(len(order) - 1):
                trial = [*order[:i], order[i + 1], order[i], *order[i + 2:]]
                score = _gap_crossings(trial)
                if score < best:
                    order, best, improved = trial, score, True
        for i, v in enumerate(order):
            tracks[v[5]] = i
        counts[gap] = len(order)
    return tracks, counts


def _gap_crossings(order: list[_Vertical]) -> int:
    """Crossings inside one gap for this left-to-right order of the vertical runs."""
    k = len(order)
    pieces = []
    for i, (_, y0, y1, entry, leave, _) in enumerate(order):
        ends = {"L": -1.0, "R": float(k)}
        pieces.append(((ends[entry], float(i), y0), (float(i), min(y0, y1), max(y0, y1)), (float(i), ends[leave], y1)))
    total = 0
    for a in range(k):
        for b in range(a + 1, k):
            for h in (pieces[a][0], pieces[a][2]):
                x, y_lo, y_hi = pieces[b][1]
                if min(h[0], h[1]) < x < max(h[0], h[1]) and y_lo < h[2] < y_hi:
                    total += 1
            for h in (pieces[b][0], pieces[b][2]):
                x, y_lo, y_hi = pieces[a][1]
                if min(h[0], h[1]) < x < max(h[0], h[1]) and y_lo < h[2] < y_hi:
                    total += 1
    return total


def _rounded(points: list[Point], radius: float = 6.0) -> list[Command]:
    """An orthogonal polyline with rounded corners (quarter circles as cubic curves)."""
    clean: list[Point] = []
    for p in points:
        if not clean or abs(p[0] - clean[-1][0]) > 0.05 or abs(p[1] - clean[-1][1]) > 0.05:
            clean.append(p)
    path: list[Command] = [("M", *clean[0])]
    for i in range(1, len(clean) - 1):
        (x0, y0), (x1, y1), (x2, y2) = clean[i - 1], clean[i], clean[i + 1]
        d_in = math.hypot(x1 - x0, y1 - y0)
        d_out = math.hypot(x2 - x1, y2 - y1)
        r = min(radius, d_in / 2, d_out / 2)
        if r < 0.5:
            path.append(("L", x1, y1))
            continue
        ux, uy = (x1 - x0) / d_in, (y1 - y0) / d_in
        vx, vy = (x2 - x1) / d_out, (y2 - y1) / d_out
        sx, sy = x1 - ux * r, y1 - uy * r
        ex, ey = x1 + vx * r, y1 + vy * r
        k = 0.552 * r
        path.append(("L", sx, sy))
        path.append(("C", sx + ux * k, sy + uy * k, ex - vx * k, ey - vy * k, ex, ey))
    path.append(("L", *clean[-1]))
    return path


def _round(path: list[Command]) -> tuple[Command, ...]:
    return tuple((c[0], *(round(float(v), 1) for v in c[1:])) for c in path)


# --- measuring a layout ---------------------------------------------------------------------------------------------

def sample_path(commands: Iterable[Command], steps: int = 12) -> list[Point]:
    """Points along path commands (``M``, ``L``, ``C``; each curve sampled in ``steps`` pieces).

    >>> sample_path((("M", 0, 0), ("C", 5, 0, 5, 10, 10, 10)), 2)
    [(0.0, 0.0), (5.0, 5.0), (10.0, 10.0)]
    """
    points: list[Point] = []
    for command in commands:
        op = command[0]
        if op in ("M", "L"):
            points.append((float(command[1]), float(command[2])))
        elif op == "C":
            x0, y0 = points[-1]
            x1, y1, x2, y2, x3, y3 = (float(v) for v in command[1:])
            for i in range(1, steps + 1):
                t = i / steps
                u = 1 - t
                points.append((u ** 3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t ** 3 * x3,
                               u ** 3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t ** 3 * y3))
    return points


def route_points(route: Route, steps: int = 12) -> list[Point]:
    """The drawn path of a route as points (each curve sampled in ``steps`` pieces)."""
    return sample_path(route.path, steps)


def count_crossings(layout: Layout, route_ids: Iterable[str] | None = None) -> int:
    """How often two drawn hand-offs cross (hand-offs sharing an organisation are not counted).

    Each point where two paths cross counts once; ways in (signals) are
    left out, as are routes not in ``route_ids`` when given.
    """
    wanted = set(route_ids) if route_ids is not None else None
    polylines = []
    for route in layout.routes:
        if route.kind != "handoff" or (wanted is not None and route.id not in wanted):
            continue
        pts = np.array(route_points(route, 16))
        polylines.append((route, pts[:-1], pts[1:], pts.min(axis=0), pts.max(axis=0)))
    total = 0
    for i in range(len(polylines)):
        ra, pa, qa, lo_a, hi_a = polylines[i]
        for j in range(i + 1, len(polylines)):
            rb, pb, qb, lo_b, hi_b = polylines[j]
            if {ra.source, ra.target} & {rb.source, rb.target}:
                continue
            if (hi_a < lo_b).any() or (hi_b < lo_a).any():
                continue
            total += int(_crossing_matrix(pa, qa, pb, qb).sum())
    return total


def overlapping_boxes(layout: Layout) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap (a correct layout has none).

    >>> from graph.examples import toy_chain
    >>> overlapping_boxes(layered_layout(toy_chain()))
    []
    """
    found: list[tuple[str, str]] = []
    boxes = sorted(layout.boxes, key=lambda b: b.left)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b.left >= a.right:
                break
            if a.top < b.bottom and b.top < a.bottom:
                found.append((a.id, b.id) if a.id <= b.id else (b.id, a.id))
    return sorted(found)
