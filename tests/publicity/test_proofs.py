"""Verifiable publications: RFC 6962 tree, daily checkpoints, proofs that verify offline, and tamper
detection (one flipped byte of the entry or the proof fails)."""

import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.publicity.conftest import published
from zhifa.publicity import log, merkle
from zhifa.publicity.models import LogLeaf


def naive_root(leaves):
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return merkle.node_hash(naive_root(leaves[:k]), naive_root(leaves[k:]))


def test_rfc6962_empty_tree_and_known_vector():
    # RFC 6962 test vector: the hash of an empty tree is SHA-256 of the empty string.
    assert merkle.Tree([]).root().hex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert merkle.leaf_hash(b"").hex() == "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 13, 32, 33])
def test_proofs_for_every_leaf_and_every_older_size(size):
    leaves = [merkle.leaf_hash(str(i).encode()) for i in range(size)]
    tree = merkle.Tree(leaves)
    assert tree.root() == naive_root(leaves)
    for i in range(size):
        assert merkle.verify_inclusion(i, size, leaves[i], tree.inclusion_proof(i), tree.root())
    for old in range(1, size + 1):
        proof = tree.consistency_proof(old)
        assert merkle.verify_consistency(old, size, tree.root(old), tree.root(), proof)
        if old < size:
            assert not merkle.verify_consistency(old, size, tree.root(), tree.root(), proof)


@pytest.fixture
def proof_file(agencies, tmp_path, client):
    entries = [published(agencies["east_market"], number=f"东市监许〔2026〕{n}号") for n in range(1, 4)]
    log.checkpoint_create(day=timezone.localdate())
    response = client.get(f"/gs/decisions/{entries[1].pk}/proof.json")
    assert response.status_code == 200
    path = tmp_path / "proof.json"
    path.write_bytes(response.content)
    return path


def run_verify(path):
    try:
        call_command("verify-publication", str(path))
    except SystemExit as exc:
        return exc.code
    return 0


def test_downloaded_entry_verifies_offline(proof_file, capsys):
    assert run_verify(proof_file) == 0
    assert "验证通过" in capsys.readouterr().out
    bundle = json.loads(proof_file.read_text())
    assert bundle["tree_size"] == 4  # three entries and the chain heads
    assert log.verify_bundle(proof_file.read_bytes())[0]


def flip(text: str, at: int) -> str:
    return text[:at] + ("1" if text[at] != "1" else "2") + text[at + 1 :]


def test_flipping_one_byte_of_the_entry_fails(proof_file, capsys):
    bundle = json.loads(proof_file.read_text())
    at = bundle["entry"].index("东市监许") + len("东市监许〔2026〕")
    bundle["entry"] = flip(bundle["entry"], at)
    proof_file.write_text(json.dumps(bundle, ensure_ascii=False))
    assert run_verify(proof_file) == 1
    assert "验证未通过" in capsys.readouterr().err


@pytest.mark.parametrize("part", ["inclusion_proof", "root"])
def test_flipping_one_byte_of_the_proof_fails(proof_file, part):
    bundle = json.loads(proof_file.read_text())
    if part == "root":
        bundle["root"] = flip(bundle["root"], 10)
    else:
        bundle["inclusion_proof"][0] = flip(bundle["inclusion_proof"][0], 5)
    proof_file.write_text(json.dumps(bundle))
    assert run_verify(proof_file) == 1


def test_any_single_byte_flip_of_the_file_fails(proof_file):
    raw = proof_file.read_bytes()
    for at in range(len(raw)):
        tampered = raw[:at] + bytes([raw[at] ^ 0x01]) + raw[at + 1 :]
        try:
            ok, _ = log.verify_bundle(tampered)
        except log.NotAProof:
            ok = False
        changed = json.loads(raw) != _parsed(tampered)
        assert not ok or not changed, at


def _parsed(raw):
    try:
        return json.loads(raw)
    except ValueError:
        return None


@pytest.mark.parametrize(
    "content", [b"not json", b"{}", b'{"format": "zhifa-publication-proof/1", "entry": 1}', b"\xff\xfe"]
)
def test_a_file_that_is_not_a_proof_gets_a_clear_message(tmp_path, content, capsys):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    assert run_verify(path) == 1
    assert "不是公示条目证明文件" in capsys.readouterr().err


def test_checkpoints_are_consistent_and_include_the_chain_heads(agencies, client):
    published(agencies["east_market"])
    today = timezone.localdate()
    first = log.checkpoint_create(day=today)
    published(agencies["west_market"])
    second = log.checkpoint_create(day=today + timedelta(days=1))
    assert (first.size, second.size) == (2, 4)
    heads = json.loads(LogLeaf.objects.get(index=1).data)
    assert heads["format"] == log.HEADS_FORMAT and heads["heads"]
    body = client.get(f"/gs/checkpoints/{second.day}/consistency.json").json()
    proof = [bytes.fromhex(h) for h in body["consistency_proof"]]
    assert merkle.verify_consistency(2, 4, bytes.fromhex(first.root), bytes.fromhex(second.root), proof)
    assert client.get(f"/gs/checkpoints/{first.day}/consistency.json").status_code == 404
    assert client.get("/gs/checkpoints/not-a-day/consistency.json").status_code == 404
    with pytest.raises(ValueError):
        log.checkpoint_create(day=second.day)


def test_entry_not_yet_in_a_checkpoint_has_no_proof_yet(entry, client):
    assert client.get(f"/gs/decisions/{entry.pk}/proof.json").status_code == 404
    assert "下一个每日检查点" in client.get(f"/gs/decisions/{entry.pk}/").content.decode()


NODE_RUNNER = """
const fs = require("fs");
globalThis.document = { addEventListener() {} };
eval(fs.readFileSync(process.argv[2], "utf8") + "; globalThis.verifyBundle = verifyBundle;");
verifyBundle(fs.readFileSync(process.argv[3], "utf8")).then(([ok, message]) => {
  console.log(message);
  process.exit(ok ? 0 : 1);
});
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the browser verifier")
def test_browser_verifier_agrees_with_the_command(proof_file, tmp_path):
    """The page's verify.js (SubtleCrypto) accepts the genuine file and rejects a flipped byte."""
    script = Path(__file__).parents[2] / "src/zhifa/publicity/static/publicity/verify.js"
    runner = tmp_path / "run.js"
    runner.write_text(NODE_RUNNER)

    def node(path):
        return subprocess.run(["node", str(runner), str(script), str(path)], capture_output=True, text=True)

    genuine = node(proof_file)
    assert genuine.returncode == 0 and "验证通过" in genuine.stdout
    bundle = json.loads(proof_file.read_text())
    bundle["entry"] = bundle["entry"].replace("准予许可", "准予许司")
    proof_file.write_text(json.dumps(bundle, ensure_ascii=False))
    tampered = node(proof_file)
    assert tampered.returncode == 1 and "验证未通过" in tampered.stdout
