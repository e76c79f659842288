"""执法流程图: the SVG is well-formed, names every state (with its rule), every action on the column's
arrows and every branch condition, puts the hearing beside the column, escapes text and says which
fonts render Chinese. (That its arrows are the case state machine's moves: tests/cases/test_transitions.)"""

import itertools
import xml.etree.ElementTree as ET

import pytest

from zhifa.catalog import procedures
from zhifa.catalog.flowchart import flowchart_svg, text_width, wrap

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode())


def texts(root: ET.Element) -> list[str]:
    """Each <text> element's whole text (its lines joined)."""
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """step code → (x, y, width, height) of its box."""
    out = {}
    for group in root.iter(f"{SVG}g"):
        rect = group.find(f"{SVG}rect")
        out[group.get("data-step")] = tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))
    return out


ORDINARY = procedures.flow(procedures.Procedure.ORDINARY)


@pytest.mark.parametrize("procedure", ["simple", "ordinary"])
def test_well_formed_with_every_step_label_and_rule(procedure):
    flow = procedures.flow(procedure)
    svg = flowchart_svg(flow, title="东区市场监督管理局 流程图")
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") and float(root.get("width")) > 0 and float(root.get("height")) > 0
    assert "Noto Sans CJK SC" in root.get("font-family") and "Microsoft YaHei" in root.get("font-family")
    words = texts(root)
    assert "东区市场监督管理局 流程图" in words
    for step in (*flow.steps, *flow.side):
        assert step.label in words, step.label
        if step.rule:
            assert step.rule in words, step.rule
    for _, _, condition in flow.branches:
        assert condition in words
    for label in flow.line:
        assert label in words


def test_one_arrow_between_consecutive_steps_and_one_per_branch():
    root = parse(flowchart_svg(ORDINARY, title="普通程序"))
    markers = [path.get("marker-end") or "" for path in root.iter(f"{SVG}path")]
    assert sum("arrow" in m for m in markers) == len(ORDINARY.steps) - 1
    assert sum("branch" in m for m in markers) == len(ORDINARY.branches)
    assert len(root.findall(f"{SVG}defs/{SVG}marker")) == 2


def test_steps_go_top_to_bottom_and_the_hearing_stands_beside_notify_and_decide():
    root = parse(flowchart_svg(ORDINARY, title="普通程序"))
    placed = boxes(root)
    column = [placed[step.code] for step in ORDINARY.steps]
    assert len({x for x, _, _, _ in column}) == 1
    for (_, y1, _, h1), (_, y2, _, _) in itertools.pairwise(column):
        assert y1 + h1 < y2  # no overlap, in order
    hearing = ORDINARY.step("hearing")
    hx, hy, _, hh = placed["hearing"]
    x, _, w, _ = placed["notified"]
    notify_mid = placed["notified"][1] + placed["notified"][3] / 2
    decided_mid = placed["decided"][1] + placed["decided"][3] / 2
    assert hx > x + w  # to the right of the column
    assert notify_mid < hy + hh / 2 < decided_mid  # between 告知 and 决定
    assert hearing.label in texts(root) and hearing.rule in texts(root)
    for (ax, ay, aw, ah), (bx, by, bw, bh) in itertools.combinations(placed.values(), 2):
        assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay  # no two boxes overlap


def test_everything_fits_in_the_canvas():
    root = parse(flowchart_svg(ORDINARY, title="普通程序"))
    width, height = float(root.get("width")), float(root.get("height"))
    for x, y, w, h in boxes(root).values():
        assert x >= 0 and x + w <= width and y >= 0 and y + h <= height


def test_text_is_escaped():
    flow = procedures.Flow(
        "simple",
        (procedures.Step("a", "甲<乙>&丙", 'rule "quoted" & <b>'), procedures.Step("b", "结束")),
        branches=(("a", "b", "条件<&>"),),
    )
    svg = flowchart_svg(flow, title='标题 <script>alert("x")</script>')
    assert "<script>" not in svg
    words = texts(parse(svg))
    assert "甲<乙>&丙" in words and 'rule "quoted" & <b>' in words and "条件<&>" in words
    assert '标题 <script>alert("x")</script>' in words


def test_long_text_wraps_into_lines_that_fit():
    long_rule = (
        "执法人员不少于两人，出示执法证件，告知当事人违法事实、理由、依据以及陈述申辩的权利，并制作现场笔录"
    )
    flow = procedures.Flow("simple", (procedures.Step("a", "现场检查", long_rule),))
    root = parse(flowchart_svg(flow, title="长文本"))
    rule = next(el for el in root.iter(f"{SVG}text") if el.get("class") == "rule")
    lines = [span.text for span in rule.iter(f"{SVG}tspan")]
    assert len(lines) > 1 and "".join(lines) == long_rule
    box_width = boxes(root)["a"][2]
    assert all(text_width(line, 13) <= box_width for line in lines)


def test_wrap():
    assert wrap("", 100, 10) == []
    assert wrap("一二三四五", 30, 10) == ["一二三", "四五"]
    assert wrap("ab12", 30, 10) == ["ab12"]  # Latin characters are narrow
