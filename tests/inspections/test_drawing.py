"""The draw algorithm on its own: deterministic, verifiable, uniform, and every tampering detected."""

import secrets

import pytest

from zhifa.inspections import drawing

SEED = "5f" * 32


def make_input(n=200, inspectors=10, conflicts=()):
    codes = sorted(f"91000000{i:010d}" for i in range(n))
    return drawing.DrawInput(
        candidates={"A": codes[: n // 2], "B": codes[n // 2 : 3 * n // 4], "C": codes[3 * n // 4 :], "D": []},
        ratios={"A": "1", "B": "2", "C": "10", "D": "30"},
        inspector_pools=[{"agency": "X", "inspectors": [f"JZ{i:04d}" for i in range(inspectors)]}],
        per_subject=2,
        conflicts=[list(pair) for pair in conflicts],
    )


def document(data, seed=SEED):
    return {
        "algorithm": drawing.ALGORITHM,
        "input": data.as_json(),
        "candidate_hash": data.digest(),
        "seed_commitment": drawing.seed_commitment(seed),
        "seed": seed,
        "result": drawing.run(seed, data),
        "overrides": [],
    }


def test_sample_sizes_round_up_per_stratum():
    result = drawing.run(SEED, make_input())
    assert {k: len(v) for k, v in result["subjects"].items()} == {"A": 1, "B": 1, "C": 5, "D": 0}
    assert all(len(set(codes)) == 2 for codes in result["inspectors"].values())


def test_same_seed_same_result_and_other_seed_other_result():
    data = make_input(n=2000)
    assert drawing.run(SEED, data) == drawing.run(SEED, data)
    assert drawing.run("a0" * 32, data) != drawing.run(SEED, data)


def test_a_sound_file_verifies():
    assert drawing.verify(document(make_input())) == []


@pytest.mark.parametrize(
    "tamper, message",
    [
        (lambda d: d["input"]["candidates"]["C"].pop(), "候选名单"),
        (lambda d: d["input"]["candidates"]["A"].__setitem__(0, "91999999999999999X"), "候选名单"),
        (lambda d: d.__setitem__("seed", "00" * 32), "种子承诺"),
        (lambda d: d["result"]["subjects"]["C"].reverse(), "结果"),
        (lambda d: d["result"]["inspectors"].__setitem__("x", ["JZ0001"]), "结果"),
    ],
    ids=["candidate removed", "candidate replaced", "seed changed", "result reordered", "result added"],
)
def test_tampered_file_fails(tamper, message):
    doc = document(make_input())
    tamper(doc)
    problems = drawing.verify(doc)
    assert problems and any(message in p for p in problems)


def test_changed_list_with_recomputed_hash_still_fails_on_result():
    """Whoever edits the list and republishes its hash still cannot make the recorded result match."""
    doc = document(make_input())
    doc["input"]["candidates"]["C"] = doc["input"]["candidates"]["C"][1:]
    doc["candidate_hash"] = drawing.DrawInput.from_json(doc["input"]).digest()
    assert drawing.verify(doc) == ["按公布的算法、名单和种子重新计算的结果与文件中的抽取结果不一致"]


def test_unsorted_or_duplicate_candidates_are_refused():
    data = make_input()
    data.candidates["A"][0], data.candidates["A"][1] = data.candidates["A"][1], data.candidates["A"][0]
    with pytest.raises(drawing.DrawError, match="升序"):
        drawing.check_input(data)
    data = make_input()
    data.candidates["A"][1] = data.candidates["A"][0]
    with pytest.raises(drawing.DrawError, match="重复"):
        drawing.check_input(data)


def test_too_few_inspectors_says_how_many_are_missing():
    with pytest.raises(drawing.DrawError, match="还差1名"):
        drawing.run(SEED, make_input(inspectors=1))


def test_conflicts_are_never_drawn_and_can_make_a_shortfall():
    data = make_input(n=40, inspectors=3)
    every = [c for codes in data.candidates.values() for c in codes]
    conflicted = drawing.DrawInput(**{**data.__dict__, "conflicts": sorted([c, "JZ0000"] for c in every)})
    result = drawing.run(SEED, conflicted)
    assert all("JZ0000" not in codes for codes in result["inspectors"].values())
    two = sorted([c, i] for c in every[:1] for i in ("JZ0000", "JZ0001"))
    with pytest.raises(drawing.DrawError, match="回避后可选检查人员1名，还差1名"):
        drawing.run(SEED, drawing.DrawInput(**{**data.__dict__, "ratios": {"A": "100"}, "conflicts": two}))


# Critical values of the chi-square distribution at p = 0.001 (tables; no scipy needed).
CHI2_CRITICAL_0_001 = {9: 27.877, 19: 43.820, 49: 85.351}


def chi_square(counts, expected):
    return sum((observed - expected) ** 2 / expected for observed in counts)


def test_subject_draw_is_uniform():
    """Every candidate is equally likely: over 4,000 draws of 5 out of 50, each is drawn ~400 times."""
    codes = [f"C{i:03d}" for i in range(50)]
    counts = dict.fromkeys(codes, 0)
    draws = 4000
    for _ in range(draws):
        for code in drawing.draw_subjects(secrets.token_hex(32), {"A": codes}, {"A": "10"})["A"]:
            counts[code] += 1
    statistic = chi_square(counts.values(), draws * 5 / 50)
    assert statistic < CHI2_CRITICAL_0_001[49], statistic


def test_inspector_draw_is_uniform():
    data = make_input(n=40, inspectors=20)
    counts = dict.fromkeys(data.inspector_pools[0]["inspectors"], 0)
    draws = 1000
    for _ in range(draws):
        for codes in drawing.run(secrets.token_hex(32), data)["inspectors"].values():
            for code in codes:
                counts[code] += 1
    total = sum(counts.values())
    assert chi_square(counts.values(), total / 20) < CHI2_CRITICAL_0_001[19]


def test_first_position_is_uniform_too():
    """Order matters for who is drawn first; the first pick of 10 candidates is uniform."""
    codes = [f"C{i}" for i in range(10)]
    counts = dict.fromkeys(codes, 0)
    for _ in range(5000):
        counts[drawing.draw_subjects(secrets.token_hex(32), {"A": codes}, {"A": "10"})["A"][0]] += 1
    assert chi_square(counts.values(), 500) < CHI2_CRITICAL_0_001[9]
