"""双随机抽取 — the deterministic, verifiable draw algorithm (no Django: `zhifa verify-draw` and anyone
with Python can rerun it from a draw file alone).

Commit–reveal. Before the draw the agency publishes
  * candidate_hash = SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of the draw input
    {"candidates", "ratios", "inspector_pools", "per_subject", "conflicts"}, and
  * seed_commitment = SHA-256 of the seed (64 hex characters, i.e. 32 random bytes).
After the draw the seed is revealed and the draw file published; anyone checks both hashes and reruns.

The algorithm (版本 zhifa-draw/1):
 1. Random stream. For a label L, block i (i = 0, 1, 2 …) is SHA-256(seed_bytes ‖ 0x00 ‖ L ‖ 0x00 ‖
    i as 8 bytes big-endian); each block yields four 64-bit big-endian words, in order. below(m) takes
    the next word w and rejects it while w ≥ 2^64 − (2^64 mod m) (so every value is equally likely),
    then returns w mod m.
 2. Subjects, per stratum (risk level A, B, C, D in that order), from that stratum's candidate codes in
    ascending order (the file must list them so; duplicates are refused). The number drawn is
    k = ⌈N × ratio ÷ 100⌉ (ratio in percent, capped at N). With the stream labelled "subjects:<stratum>",
    a partial Fisher–Yates shuffle: for i = 0 … k−1, j = i + below(N − i), swap positions i and j; the
    first k codes, in that order, are drawn.
 3. Inspectors, for every drawn subject in the order of step 2 (strata A→D), for every inspector pool
    (one pool per participating agency, codes ascending) in file order: with the stream labelled
    "inspectors" (one stream for the whole draw), repeat r = below(pool size) until `per_subject`
    distinct inspectors are chosen, skipping an inspector already chosen for this subject or listed in
    `conflicts` with this subject (回避: own residence region, inspected this subject last time,
    declared relation). A subject with fewer eligible inspectors than needed refuses the whole draw.

Why not one HMAC per candidate (sorting all candidates by HMAC(seed, code))? It is as verifiable, but
costs one HMAC for every candidate — 500,000 per draw at provincial scale, about a second in Python —
while the shuffle above costs one hash per four drawn subjects. Both depend only on the published
inputs and the seed, so the choice changes speed, not verifiability.
"""

import hashlib
import itertools
import json
import math
import operator
import struct
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

ALGORITHM = "zhifa-draw/1"
STRATA = ("A", "B", "C", "D")
_TWO_64 = 1 << 64
_FOUR_WORDS = struct.Struct(">4Q")


class DrawError(ValueError):
    """The input cannot be drawn from (message in Chinese, for the user)."""


def canonical(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sha256_hex(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def seed_commitment(seed: str) -> str:
    return sha256_hex(seed)


class Stream:
    """The random stream of step 1 (see the module docstring). Blocks are hashed in batches and their
    words handed out in order: the same sequence as one block at a time, with less interpreter work."""

    def __init__(self, seed: str, label: str):
        self._prefix = hashlib.sha256(bytes.fromhex(seed) + b"\x00" + label.encode() + b"\x00")
        self._words = self._generate()

    def _generate(self) -> Iterator[int]:
        block, batch = 0, 4
        while True:
            digests = []
            for number in range(block, block + batch):
                digest = self._prefix.copy()
                digest.update(number.to_bytes(8, "big"))
                digests.append(digest.digest())
            block += batch
            yield from struct.unpack(f">{4 * batch}Q", b"".join(digests))
            batch = min(batch * 2, 1024)

    def below(self, m: int) -> int:
        return below(self._words, m)


def below(words: Iterator[int], m: int) -> int:
    """A uniform integer in [0, m) from the stream's words, by rejection (step 1)."""
    limit = _TWO_64 - _TWO_64 % m
    for word in words:
        if word < limit:
            return word % m
    raise AssertionError("the stream is endless")


@dataclass(frozen=True)
class DrawInput:
    """What the draw is computed from; its hash is published before the draw (candidate_hash)."""

    candidates: dict[str, list[str]]  # stratum → subject codes, ascending
    ratios: dict[str, str]  # stratum → percent, as decimal text ("1", "2.5")
    inspector_pools: list[dict]  # [{"agency": code, "inspectors": [codes ascending]}]
    per_subject: int
    conflicts: list[list[str]]  # [[subject code, inspector code]], sorted

    def as_json(self) -> dict:
        return {
            "candidates": self.candidates,
            "ratios": self.ratios,
            "inspector_pools": self.inspector_pools,
            "per_subject": self.per_subject,
            "conflicts": self.conflicts,
        }

    def digest(self) -> str:
        return sha256_hex(canonical(self.as_json()))

    @classmethod
    def from_json(cls, data: dict) -> "DrawInput":
        return cls(
            candidates={k: list(v) for k, v in data["candidates"].items()},
            ratios=dict(data["ratios"]),
            inspector_pools=[
                {"agency": p["agency"], "inspectors": list(p["inspectors"])} for p in data["inspector_pools"]
            ],
            per_subject=int(data["per_subject"]),
            conflicts=[list(pair) for pair in data["conflicts"]],
        )


def sample_size(count: int, ratio: str) -> int:
    try:
        percent = Decimal(ratio)
    except InvalidOperation as exc:
        raise DrawError(f"抽查比例“{ratio}”不是数字") from exc
    if not percent.is_finite() or percent < 0 or percent > 100:
        raise DrawError(f"抽查比例“{ratio}”应在0至100之间")
    return min(count, math.ceil(count * percent / 100))


def _ensure_ascending(codes: Sequence[str], what: str) -> None:
    if all(map(operator.lt, codes, codes[1:])):  # the fast path, in C; the loop below names the fault
        return
    for previous, current in itertools.pairwise(codes):
        if not previous < current:
            problem = "重复" if previous == current else "未按编码升序排列"
            raise DrawError(f"{what}{problem}：{previous}、{current}")


def check_input(data: DrawInput) -> None:
    """Codes ascending and unique, as step 2 and 3 require: checked once when the input is fixed
    (commit) and by the verifier — not on every run, which at 500,000 candidates would double its cost."""
    for stratum, codes in data.candidates.items():
        if stratum not in STRATA:
            raise DrawError(f"未知的风险等级“{stratum}”")
        _ensure_ascending(codes, f"风险等级{stratum}的检查对象")
    for pool in data.inspector_pools:
        _ensure_ascending(pool["inspectors"], f"{pool['agency']}的检查人员")
    for stratum in STRATA:
        sample_size(len(data.candidates.get(stratum, [])), data.ratios.get(stratum, "0"))
    if data.per_subject < 1:
        raise DrawError("每个检查对象至少抽取1名检查人员")


def draw_subjects(
    seed: str, candidates: dict[str, list[str]], ratios: dict[str, str]
) -> dict[str, list[str]]:
    drawn = {}
    for stratum in STRATA:
        codes = candidates.get(stratum, [])
        k = sample_size(len(codes), ratios.get(stratum, "0"))
        words, swapped = Stream(seed, f"subjects:{stratum}")._words, {}
        picked, n = [], len(codes)
        for i in range(k):
            j = i + below(words, n - i)
            picked.append(swapped.get(j, j))
            swapped[j] = swapped.get(i, i)
        drawn[stratum] = [codes[index] for index in picked]
    return drawn


def shortfalls(data: DrawInput, subjects: Sequence[str]) -> list[str]:
    """Why inspectors cannot be drawn: for each pool and subject lacking eligible inspectors, how many
    are missing (the draw is refused when this is not empty)."""
    problems = []
    conflicted = _conflicts_by_subject(data.conflicts)
    # only a subject with 回避 pairs can lack inspectors once every pool is large enough
    drawn_with_conflicts = [subject for subject in subjects if subject in conflicted]
    for pool in data.inspector_pools:
        members = set(pool["inspectors"])
        if len(members) < data.per_subject:
            problems.append(
                f"{pool['agency']}：符合条件的检查人员{len(members)}名，每个对象需{data.per_subject}名，"
                f"还差{data.per_subject - len(members)}名"
            )
            continue
        for subject in drawn_with_conflicts:
            eligible = len(members) - len(conflicted[subject] & members)
            if eligible < data.per_subject:
                problems.append(
                    f"{pool['agency']}：对象{subject}回避后可选检查人员{eligible}名，"
                    f"还差{data.per_subject - eligible}名"
                )
    return problems


def _conflicts_by_subject(conflicts: list[list[str]]) -> dict[str, set[str]]:
    by_subject: dict[str, set[str]] = {}
    for subject, inspector in conflicts:
        by_subject.setdefault(subject, set()).add(inspector)
    return by_subject


def draw_inspectors(seed: str, data: DrawInput, subjects: Sequence[str]) -> dict[str, list[str]]:
    if problems := shortfalls(data, subjects):
        raise DrawError(
            "检查人员不足，无法抽取：" + "；".join(problems[:5]) + ("……" if len(problems) > 5 else "")
        )
    conflicted = _conflicts_by_subject(data.conflicts)
    words, assigned, nobody = Stream(seed, "inspectors")._words, {}, frozenset()
    pools = [(pool["inspectors"], len(pool["inspectors"])) for pool in data.inspector_pools]
    limits = {size: _TWO_64 - _TWO_64 % size for _, size in pools}
    for subject in subjects:
        excluded = conflicted.get(subject, nobody)
        chosen: list[str] = []
        for members, size in pools:
            wanted, limit = len(chosen) + data.per_subject, limits[size]
            while len(chosen) < wanted:
                word = next(words)
                if word >= limit:  # the rejection of step 1, inlined: this loop is the hot path
                    continue
                code = members[word % size]
                if code not in excluded and code not in chosen:
                    chosen.append(code)
        assigned[subject] = chosen
    return assigned


def run(seed: str, data: DrawInput) -> dict:
    """The result of the draw: {"subjects": {stratum: [codes]}, "inspectors": {subject: [codes]}}."""
    if len(seed) != 64:
        raise DrawError("随机种子应为64位十六进制字符")
    try:
        bytes.fromhex(seed)
    except ValueError as exc:
        raise DrawError("随机种子应为64位十六进制字符") from exc
    subjects = draw_subjects(seed, data.candidates, data.ratios)
    in_order = [code for stratum in STRATA for code in subjects[stratum]]
    return {"subjects": subjects, "inspectors": draw_inspectors(seed, data, in_order)}


def verify(document: dict) -> list[str]:
    """Problems of a draw file, empty when it is sound: the input matches the published hash, the seed
    matches its commitment, and rerunning the algorithm gives exactly the recorded result."""
    try:
        if document.get("algorithm") != ALGORITHM:
            return [f"不支持的算法“{document.get('algorithm')}”，应为{ALGORITHM}"]
        data = DrawInput.from_json(document["input"])
        seed, result = document["seed"], document["result"]
        commitment, published_hash = document["seed_commitment"], document["candidate_hash"]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        return [f"抽取文件格式不正确：缺少或无法读取 {exc}"]
    problems = []
    if data.digest() != published_hash:
        problems.append("候选名单（抽取输入）的哈希值与抽取前公布的不一致：名单被改动过")
    if not isinstance(seed, str) or seed_commitment(seed) != commitment:
        problems.append("随机种子与抽取前公布的种子承诺不一致")
        return problems
    try:
        check_input(data)
        expected = run(seed, data)
    except DrawError as exc:
        return [*problems, f"无法重新计算：{exc}"]
    if expected != result:
        problems.append("按公布的算法、名单和种子重新计算的结果与文件中的抽取结果不一致")
    for override in document.get("overrides", []):
        if not str(override.get("reason", "")).strip():
            problems.append(f"人工调整（{override.get('subject')}）没有写明理由")
    return problems
