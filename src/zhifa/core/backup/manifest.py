"""The manifest of a backup: what a restore checks before it writes anything, and after."""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from zhifa.cases.evidence.storage import hash_file

NAME = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    created_at: str
    product_version: str
    database_vendor: str
    files: list[dict] = field(
        default_factory=list
    )  # {"path", "size", "sha256"}, path relative, "/"-separated
    # {"agency_id", "head_seq", "head_hash"} per record chain, then {"audit": true, …} for the audit chain
    chain_heads: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, root: Path, path: Path) -> None:
        sha256, size = hash_file(path)
        self.files.append({"path": path.relative_to(root).as_posix(), "size": size, "sha256": sha256})

    def write(self, root: Path) -> str:
        """Write manifest.json; returns its sha256 (for the operator to keep apart from the backup)."""
        body = json.dumps({"format": FORMAT, **self.__dict__}, ensure_ascii=False, indent=1, sort_keys=True)
        (root / NAME).write_text(body, encoding="utf-8")
        return hashlib.sha256(body.encode()).hexdigest()

    @classmethod
    def read(cls, root: Path) -> "Manifest":
        data = json.loads((root / NAME).read_text(encoding="utf-8"))
        if data.pop("format", None) != FORMAT:
            raise ValueError("清单格式不受支持")
        return cls(**data)


def mismatches(manifest: Manifest, root: Path) -> list[str]:
    """Every way the directory differs from its manifest: missing, resized, changed and extra files."""
    problems = []
    listed = {entry["path"] for entry in manifest.files}
    for entry in manifest.files:
        path = root / entry["path"]
        relative = Path(entry["path"])  # a listed path never reaches outside the backup
        if relative.is_absolute() or ".." in relative.parts or not path.is_file():
            problems.append(f"缺少文件：{entry['path']}")
            continue
        sha256, size = hash_file(path)
        if size != entry["size"]:
            problems.append(f"文件大小不符：{entry['path']}（清单 {entry['size']} 字节，实际 {size} 字节）")
        elif sha256 != entry["sha256"]:
            problems.append(f"文件内容被改动（SHA-256 不符）：{entry['path']}")
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        if name != NAME and name not in listed:
            problems.append(f"清单之外的文件：{name}")
    return problems
