"""案卷抽取 — the verifiable draw of a 评查 campaign (no Django: `zhifa verify-campaign-draw` and anyone
with Python can rerun it from the public draw file alone).

It is the commit–reveal draw of the 双随机 inspections (inspections.drawing), on the same random stream:

  * before the draw the bureau publishes candidate_hash = SHA-256 of the canonical JSON of the input
    {"year", "per_agency", "agencies": [{"agency": credit code, "cases": [case numbers ascending]}]}
    (agencies in ascending code order) and seed_commitment = SHA-256 of the seed;
  * after the draw the seed is revealed with the result.

The algorithm (版本 zhifa-casefile-draw/1): for each agency in file order, k = min(N, per_agency) of its
N closed case files are drawn; with the stream of inspections.drawing step 1 labelled
"casefiles:<agency code>", a partial Fisher–Yates shuffle: for i = 0 … k−1, j = i + below(N − i), swap
positions i and j; the first k case numbers, in that order, are drawn. So an agency with fewer files than
the minimum has all of them drawn, and a draw below the minimum per agency is refused before any seed
is used.
"""

import itertools
import operator

from zhifa.inspections.drawing import Stream, below, canonical, seed_commitment, sha256_hex

ALGORITHM = "zhifa-casefile-draw/1"

__all__ = ["ALGORITHM", "DrawError", "check_input", "digest", "run", "seed_commitment", "verify"]


class DrawError(ValueError):
    """The input cannot be drawn from (message in Chinese, for the user)."""


def digest(data: dict) -> str:
    return sha256_hex(canonical(data))


def check_input(data: dict, minimum: int) -> None:
    """Agencies ascending and unique, each one's case numbers ascending and unique, and at least
    `minimum` files per agency asked for (all of them where an agency has fewer)."""
    per_agency = data.get("per_agency")
    if not isinstance(per_agency, int) or per_agency < minimum:
        raise DrawError(f"每个机关至少抽取{minimum}卷（不足{minimum}卷的全部抽取），本次为{per_agency}卷")
    codes = [entry["agency"] for entry in data["agencies"]]
    _ascending(codes, "机关")
    for entry in data["agencies"]:
        _ascending(entry["cases"], f"{entry['agency']}的案卷")
    if not any(entry["cases"] for entry in data["agencies"]):
        raise DrawError(f"{data.get('year')}年度辖区内没有已结案的案卷，无法抽取")


def _ascending(codes: list[str], what: str) -> None:
    if all(map(operator.lt, codes, codes[1:])):
        return
    for previous, current in itertools.pairwise(codes):
        if not previous < current:
            problem = "重复" if previous == current else "未按编号升序排列"
            raise DrawError(f"{what}{problem}：{previous}、{current}")


def _shuffle_prefix(seed: str, label: str, codes: list[str], k: int) -> list[str]:
    words, swapped, picked = Stream(seed, label)._words, dict[int, int](), list[int]()
    for i in range(k):
        j = i + below(words, len(codes) - i)
        picked.append(swapped.get(j, j))
        swapped[j] = swapped.get(i, i)
    return [codes[index] for index in picked]


def run(seed: str, data: dict) -> dict[str, list[str]]:
    """agency code → the drawn case numbers, in draw order."""
    if len(seed) != 64 or set(seed) - set("0123456789abcdef"):
        raise DrawError("随机种子应为64位十六进制字符")
    per_agency = data["per_agency"]
    return {
        entry["agency"]: _shuffle_prefix(
            seed, f"casefiles:{entry['agency']}", entry["cases"], min(per_agency, len(entry["cases"]))
        )
        for entry in data["agencies"]
    }


def verify(document: dict, minimum: int = 1) -> list[str]:
    """Problems of a campaign's draw file, empty when it is sound: the input matches the published hash,
    the seed its commitment, and rerunning gives exactly the recorded result."""
    try:
        if document.get("algorithm") != ALGORITHM:
            return [f"不支持的算法“{document.get('algorithm')}”，应为{ALGORITHM}"]
        data, seed, result = document["input"], document["seed"], document["result"]
        commitment, published_hash = document["seed_commitment"], document["candidate_hash"]
        problems = []
        if digest(data) != published_hash:
            problems.append("候选案卷名单（抽取输入）的哈希值与抽取前公布的不一致：名单被改动过")
        if not isinstance(seed, str) or seed_commitment(seed) != commitment:
            return [*problems, "随机种子与抽取前公布的种子承诺不一致"]
        check_input(data, minimum)
        if run(seed, data) != result:
            problems.append("按公布的算法、名单和种子重新计算的结果与文件中的抽取结果不一致")
        return problems
    except DrawError as exc:
        return [f"无法重新计算：{exc}"]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        return [f"抽取文件格式不正确：缺少或无法读取 {exc}"]
