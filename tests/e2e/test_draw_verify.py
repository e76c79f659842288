"""核验抽取 (/gs/inspections/verify/): the browser reruns a 双随机 draw from its published file with
static/inspections/verify_draw.js, and must agree with the server's algorithm (inspections/drawing.py)
on every draw — different strata, decimal ratios, several pools, 回避 pairs."""

import hashlib
import json

import pytest
from playwright.sync_api import Page, expect

from zhifa.inspections import drawing

pytestmark = pytest.mark.e2e


def _seed(n: int) -> str:
    return hashlib.sha256(f"seed-{n}".encode()).hexdigest()


def _input(n: int, *, ratios, per_subject=1, pools=1, conflicts=()) -> drawing.DrawInput:
    candidates = {
        stratum: sorted(f"{stratum}{i:04d}" for i in range(count))
        for stratum, count in zip(drawing.STRATA, (n, 2 * n, 3 * n, 1), strict=True)
    }
    inspector_pools = [
        {"agency": f"91110000MA00000{p}XX", "inspectors": sorted(f"P{p}-{i:03d}" for i in range(5 + p))}
        for p in range(pools)
    ]
    return drawing.DrawInput(
        candidates=candidates,
        ratios=ratios,
        inspector_pools=inspector_pools,
        per_subject=per_subject,
        conflicts=sorted([list(pair) for pair in conflicts]),
    )


DRAWS = [
    (1, _input(7, ratios={"A": "100", "B": "50", "C": "10", "D": "0"})),
    (2, _input(40, ratios={"A": "2.5", "B": "33", "C": "7.25", "D": "100"}, per_subject=2)),
    (3, _input(12, ratios={"A": "25", "B": "25", "C": "25"}, per_subject=2, pools=2)),
    (
        4,
        _input(
            5,
            ratios={"A": "100", "B": "100", "C": "0", "D": "0"},
            per_subject=3,
            conflicts=[("A0000", "P0-000"), ("A0000", "P0-001"), ("B0003", "P0-004")],
        ),
    ),
    (5, _input(300, ratios={"A": "1", "B": "0.5", "C": "3", "D": "100"}, per_subject=2, pools=3)),
]


def draw_file(n: int, data: drawing.DrawInput) -> dict:
    seed = _seed(n)
    return {
        "algorithm": drawing.ALGORITHM,
        "candidate_hash": data.digest(),
        "seed_commitment": drawing.seed_commitment(seed),
        "seed": seed,
        "input": data.as_json(),
        "result": drawing.run(seed, data),
        "overrides": [],
    }


@pytest.fixture
def verifier(page: Page) -> Page:
    response = page.goto("/gs/inspections/verify/")
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("核验双随机抽取结果")
    return page


@pytest.mark.parametrize(("n", "data"), DRAWS, ids=[f"draw{n}" for n, _ in DRAWS])
def test_the_browser_draws_exactly_what_the_server_drew(verifier, n, data):
    browser_result = verifier.evaluate(
        "([seed, input]) => recompute(seed, input)", [_seed(n), data.as_json()]
    )
    assert browser_result == drawing.run(_seed(n), data)
    browser_hash = verifier.evaluate(
        "async (input) => toHex(await sha256(new TextEncoder().encode(canonical(input))))", data.as_json()
    )
    assert browser_hash == data.digest()


def test_a_published_file_is_verified_with_a_plain_chinese_summary(verifier, tmp_path):
    document = draw_file(2, DRAWS[1][1])
    subjects = sum(len(codes) for codes in document["result"]["subjects"].values())
    officers = len({code for codes in document["result"]["inspectors"].values() for code in codes})
    assert (subjects, officers) == (1 + 27 + 9 + 1, 5)
    path = tmp_path / "draw-1-1.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True))
    verifier.get_by_label("选择抽取文件").set_input_files(str(path))
    expect(verifier.get_by_test_id("draw-verify-result")).to_have_text(
        "已核验：按公布的随机种子重新抽取，结果与公布名单一致（抽取对象38个，执法人员5名）。"
        "候选名单和随机种子均与抽取前公布的哈希值一致。"
    )


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (
            lambda d: d["result"]["subjects"]["A"].reverse(),
            "未通过：按公布的随机种子重新抽取，结果与公布名单不一致",
        ),
        (
            lambda d: d["input"]["candidates"]["A"].pop(),
            "未通过：候选名单与抽取前公布的哈希值不一致，名单可能被改动过",
        ),
        (lambda d: d.update(seed=_seed(99)), "未通过：随机种子与抽取前公布的种子承诺不一致"),
        (lambda d: d.update(algorithm="other/1"), "不是本平台公布的抽取文件，无法核验"),
    ],
)
def test_a_changed_file_fails_with_the_reason(verifier, tamper, message):
    document = draw_file(1, DRAWS[0][1])
    document["result"]["subjects"]["A"] = list(document["result"]["subjects"]["A"])
    tamper(document)
    assert verifier.evaluate("(text) => verifyDrawFile(text)", json.dumps(document)) == [False, message]
