"""执法流程图: an SVG drawn from catalog.procedures.flow (itself read from the case state machine's
table), so the published chart and the steps the system runs are one and the same.

Pure string building, no dependency. The states stand top to bottom in one column, each a box with its
label and, under it, its rule (time limit or condition); arrows, labelled with their action, join
consecutive states. Branch edges (`flow.branches`) between two states of the column run down a lane on
the left, labelled with their condition; a state beside the column (`flow.side`: the hearing, 不予立案)
stands in a column on the right, beside the states it joins, and its edges run across to them. Every
arrow carries data-from/data-to, so a test can read the chart's edges back.
"""

import itertools
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from . import procedures

FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif"

LABEL_SIZE = 16
RULE_SIZE = 13
EDGE_SIZE = 12
TITLE_SIZE = 19
LINE_GAP = 1.45  # line height as a multiple of the font size

BOX_WIDTH = 330
SIDE_WIDTH = 220
BOX_PAD_X = 14
BOX_PAD_Y = 10
ROW_GAP = 46  # vertical space between two boxes (holds the arrow)
LANE_GAP = 22  # horizontal distance between two left lanes
LANE_LABEL_WIDTH = 150  # room left of the lanes for the labels of their edges
SIDE_GAP = 150  # between the column and the side column (holds the label of the edge)
MARGIN = 20

COLORS = {
    "box": "#ffffff",
    "border": "#a61b29",
    "side": "#fff7e6",
    "side_border": "#d48806",
    "text": "#222222",
    "muted": "#606266",
    "edge": "#444444",
    "branch": "#1f5fa8",
}


def text_width(text: str, size: float) -> float:
    """Roughly how wide `text` is: a CJK character is a square, Latin letters and digits about half."""
    return sum(size * (0.55 if ord(ch) < 0x2E80 else 1.0) for ch in text)


def wrap(text: str, width: float, size: float) -> list[str]:
    """`text` cut into lines no wider than `width` (CJK text can break between any two characters)."""
    if not text:
        return []
    lines, line = [], ""
    for ch in text:
        if line and text_width(line + ch, size) > width:
            lines.append(line)
            line = ""
        line += ch
    lines.append(line)
    return lines


@dataclass
class Box:
    step: procedures.Step
    x: float
    y: float
    width: float
    label_lines: list[str]
    rule_lines: list[str]
    side: bool = False

    @property
    def height(self) -> float:
        return box_height(self.label_lines, self.rule_lines)

    @property
    def cx(self) -> float:
        return self.x + self.width / 2

    @property
    def cy(self) -> float:
        return self.y + self.height / 2

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height


def box_height(label_lines: list[str], rule_lines: list[str]) -> float:
    height = 2 * BOX_PAD_Y + len(label_lines) * LABEL_SIZE * LINE_GAP
    if rule_lines:
        height += 4 + len(rule_lines) * RULE_SIZE * LINE_GAP
    return height


def _box_lines(step: procedures.Step, width: float) -> tuple[list[str], list[str]]:
    inner = width - 2 * BOX_PAD_X
    return wrap(step.label, inner, LABEL_SIZE), wrap(step.rule, inner, RULE_SIZE)


def _attrs(**attrs) -> str:
    return " ".join(
        f"{name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}" for name, value in attrs.items()
    )


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(lines: list[str], *, x: float, y: float, size: float, anchor="middle", **attrs) -> str:
    """One <text> element, a <tspan> per line; `y` is the baseline of the first line."""
    spans = "".join(
        f'<tspan x="{_num(x)}" dy="{_num(0 if i == 0 else size * LINE_GAP)}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f"<text {_attrs(x=_num(x), y=_num(y), font_size=_num(size), text_anchor=anchor, **attrs)}>"
        f"{spans}</text>"
    )


def _box_svg(box: Box) -> str:
    fill, stroke = (COLORS["side"], COLORS["side_border"]) if box.side else (COLORS["box"], COLORS["border"])
    parts = [
        f'<g class="step" data-step={quoteattr(box.step.code)}>',
        f"<title>{escape(box.step.label + ('：' + box.step.rule if box.step.rule else ''))}</title>",
        f"<rect {_attrs(x=_num(box.x), y=_num(box.y), width=_num(box.width), height=_num(box.height), rx=6, fill=fill, stroke=stroke, stroke_width=1.5)}/>",
    ]
    baseline = box.y + BOX_PAD_Y + LABEL_SIZE
    parts.append(
        _text(box.label_lines, x=box.cx, y=baseline, size=LABEL_SIZE, font_weight="bold", fill=COLORS["text"])
    )
    if box.rule_lines:
        rule_y = box.y + BOX_PAD_Y + len(box.label_lines) * LABEL_SIZE * LINE_GAP + 4 + RULE_SIZE
        parts.append(
            _text(box.rule_lines, x=box.cx, y=rule_y, size=RULE_SIZE, fill=COLORS["muted"], class_="rule")
        )
    parts.append("</g>")
    return "".join(parts)


def _path(
    points: list[tuple[float, float]], *, marker: str, color: str, edge: tuple[str, str], dashed: bool = False
) -> str:
    d = " ".join(f"{'M' if i == 0 else 'L'}{_num(x)},{_num(y)}" for i, (x, y) in enumerate(points))
    extra = {"stroke_dasharray": "6 4"} if dashed else {}
    return (
        f"<path {_attrs(d=d, fill='none', stroke=color, stroke_width=1.5, marker_end=f'url(#{marker})', **extra)}"
        f" {_attrs(data_from=edge[0], data_to=edge[1])}/>"
    )


def flowchart_svg(flow: procedures.Flow, *, title: str) -> str:
    """The flow chart of `flow` as a standalone SVG document titled `title`."""
    prefix = f"flow-{flow.procedure}"
    main_codes = {step.code for step in flow.steps}
    side_steps = {step.code: step for step in flow.side}
    side_codes = list(side_steps)
    for source, target, _ in flow.branches:
        for code in (source, target):
            if code not in main_codes and code not in side_codes:
                side_codes.append(code)
    lane_branches = [b for b in flow.branches if b[0] in main_codes and b[1] in main_codes]
    side_branches = [b for b in flow.branches if b not in lane_branches]

    left = MARGIN + (LANE_LABEL_WIDTH + len(lane_branches) * LANE_GAP if lane_branches else 0)
    title_lines = wrap(title, max(BOX_WIDTH + 2 * left, 480) - 2 * MARGIN, TITLE_SIZE)
    top = MARGIN + len(title_lines) * TITLE_SIZE * LINE_GAP + 14

    boxes: dict[str, Box] = {}
    y = top
    for step in flow.steps:
        label_lines, rule_lines = _box_lines(step, BOX_WIDTH)
        boxes[step.code] = Box(step, left, y, BOX_WIDTH, label_lines, rule_lines)
        y += boxes[step.code].height + ROW_GAP
    bottom = y - ROW_GAP

    # Each side step stands in a column of its own (so no edge runs through another side box), half a
    # row below the step of the column that leads into it: the hearing between 告知 and 决定.
    side_x = left + BOX_WIDTH + SIDE_GAP
    for i, code in enumerate(side_codes):
        step = side_steps.get(code) or procedures.Step(code, code)
        label_lines, rule_lines = _box_lines(step, SIDE_WIDTH)
        height = box_height(label_lines, rule_lines)
        sources = [boxes[s] for s, t, _ in flow.branches if t == code and s in boxes and not boxes[s].side]
        if sources:
            source = sources[0]
            below = [b for b in boxes.values() if not b.side and b.y > source.y]
            mid = (source.cy + min(below, key=lambda b: b.y).cy) / 2 if below else source.cy
        else:
            neighbours = [boxes[t] for s, t, _ in flow.branches if s == code and t in boxes]
            mid = sum(b.cy for b in neighbours) / len(neighbours) if neighbours else top + height / 2
        x = side_x + i * (SIDE_WIDTH + SIDE_GAP / 2)
        boxes[code] = Box(step, x, max(top, mid - height / 2), SIDE_WIDTH, label_lines, rule_lines, side=True)

    width = (
        side_x + len(side_codes) * (SIDE_WIDTH + SIDE_GAP / 2) - SIDE_GAP / 2
        if side_codes
        else left + BOX_WIDTH
    ) + MARGIN
    height = max([bottom, *(b.bottom for b in boxes.values())]) + MARGIN

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" {_attrs(width=_num(width), height=_num(height), viewBox=f"0 0 {_num(width)} {_num(height)}", font_family=FONT_FAMILY, role="img", aria_label=title)}>',
        f"<title>{escape(title)}</title>",
        "<defs>",
        *(
            f'<marker id="{prefix}-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
            f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
            for name, color in (("arrow", COLORS["edge"]), ("branch", COLORS["branch"]))
        ),
        "</defs>",
        '<rect width="100%" height="100%" fill="#ffffff"/>',
        _text(
            title_lines,
            x=width / 2,
            y=MARGIN + TITLE_SIZE,
            size=TITLE_SIZE,
            font_weight="bold",
            fill=COLORS["text"],
        ),
    ]

    # the straight line through the steps, each arrow labelled beside it
    for i, (upper, lower) in enumerate(itertools.pairwise(flow.steps)):
        a, b = boxes[upper.code], boxes[lower.code]
        out.append(
            _path(
                [(a.cx, a.bottom), (b.cx, b.y)],
                marker=f"{prefix}-arrow",
                color=COLORS["edge"],
                edge=(upper.code, lower.code),
            )
        )
        if i < len(flow.line) and flow.line[i]:
            out.append(
                _text(
                    [flow.line[i]],
                    x=a.cx + 8,
                    y=(a.bottom + b.y) / 2 + EDGE_SIZE / 2 - 2,
                    size=EDGE_SIZE,
                    anchor="start",
                    fill=COLORS["edge"],
                    class_="action",
                )
            )

    # branches between two steps of the column: down a lane on the left
    for lane, (source, target, condition) in enumerate(lane_branches):
        a, b = boxes[source], boxes[target]
        lane_x = left - LANE_GAP * (lane + 1)
        ya, yb = a.cy + (6 if b.cy > a.cy else -6), b.cy + (-6 if b.cy > a.cy else 6)
        out.append(
            _path(
                [(a.x, ya), (lane_x, ya), (lane_x, yb), (b.x, yb)],
                marker=f"{prefix}-branch",
                color=COLORS["branch"],
                edge=(source, target),
                dashed=True,
            )
        )
        lines = wrap(condition, LANE_LABEL_WIDTH - 10, EDGE_SIZE)
        label_y = (ya + yb) / 2 - (len(lines) - 1) * EDGE_SIZE * LINE_GAP / 2 + EDGE_SIZE / 2
        out.append(
            _text(
                lines,
                x=lane_x - 6,
                y=label_y,
                size=EDGE_SIZE,
                anchor="end",
                fill=COLORS["branch"],
                class_="branch",
            )
        )

    # branches to or from a side step: across to the right
    for source, target, condition in side_branches:
        a, b = boxes[source], boxes[target]
        if b.side and not a.side:  # column → side: right, then down (or up) into the side box
            end_y = b.y if b.cy >= a.cy else b.bottom
            points = [(a.right, a.cy), (b.cx, a.cy), (b.cx, end_y)]
            label_x, label_y = (a.right + b.cx) / 2, a.cy - 6
        elif a.side and not b.side:  # side → column: down (or up) out of the side box, then left
            start_y = a.bottom if b.cy >= a.cy else a.y
            points = [(a.cx, start_y), (a.cx, b.cy), (b.right, b.cy)]
            label_x, label_y = (a.cx + b.right) / 2, b.cy - 6
        else:  # side → side (not in today's flows): straight
            points = [(a.cx, a.bottom), (b.cx, b.y)]
            label_x, label_y = a.cx + 8, (a.bottom + b.y) / 2
        out.append(
            _path(
                points, marker=f"{prefix}-branch", color=COLORS["branch"], edge=(source, target), dashed=True
            )
        )
        lines = wrap(condition, SIDE_GAP - 16, EDGE_SIZE)
        label_y -= (len(lines) - 1) * EDGE_SIZE * LINE_GAP
        out.append(_text(lines, x=label_x, y=label_y, size=EDGE_SIZE, fill=COLORS["branch"], class_="branch"))

    out.extend(_box_svg(box) for box in boxes.values())
    out.append("</svg>")
    return "\n".join(out)
