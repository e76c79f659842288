"""Document templates: plain-text files rendered with Django's template engine into blocks, which
docx.py and pdf.py lay out. One line is one block; what it starts with says what it is:

    # 标题           a title line, centred and large (the agency, then the document's title)
    ^ 居中           a centred line (the document number)
    ## 小标题        a section heading
    : 文字           a line without first-line indent (当事人：…, signatures)
    > 文字           a right-aligned line (the agency and the date at the end)
    | 甲 | 乙 |      a table row; consecutive rows form one table
    文字             a paragraph, first line indented by two characters

Blank lines are dropped. The defaults are templates/<kind>.txt beside this module; an agency replaces one
with its own (CaseDocumentTemplate). Templates are rendered by a private engine without loaders or tag
libraries beyond filters.py, against plain data (context.py), so a template sees nothing else."""

import hashlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template import Context, Engine, TemplateSyntaxError

from .kinds import KINDS

DEFAULTS_DIR = Path(__file__).resolve().parent / "templates"
GUARD = "\u2060"  # put before data lines that look like markup, removed after parsing
MARKERS = ("#", "^", ":", ">", "|")
MAX_TEMPLATE_CHARS = 100_000


@dataclass
class Block:
    kind: str  # title, center, heading, plain, right, para, table
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


@cache
def engine() -> Engine:
    return Engine(loaders=[], autoescape=False, libraries={}, builtins=["zhifa.cases.documents.filters"])


def default_text(kind: str) -> str:
    return (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def check_template(text: str) -> None:
    """Refuse (ValidationError on "text") a template that is empty, too long or does not compile."""
    if not text.strip():
        raise ValidationError({"text": "模板内容不能为空"})
    if len(text) > MAX_TEMPLATE_CHARS:
        raise ValidationError({"text": f"模板过长（不超过{MAX_TEMPLATE_CHARS}字）"})
    try:
        engine().from_string(text)
    except TemplateSyntaxError as exc:
        raise ValidationError({"text": f"模板语法错误：{exc}"}) from exc


def _guard(value):
    """Data never becomes markup: a data line that starts like a marker gets an invisible guard, and a
    "|" inside data (which would split a table row) becomes the full-width "｜"."""
    if isinstance(value, str):
        lines = value.replace("|", "｜").split("\n")
        return "\n".join(GUARD + line if line.lstrip().startswith(MARKERS) else line for line in lines)
    if isinstance(value, dict):
        return {k: _guard(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_guard(v) for v in value]
    return value


def render_text(text: str, data: dict) -> str:
    return engine().from_string(text).render(Context(_guard(data), autoescape=False))


def parse(rendered: str) -> list[Block]:
    blocks: list[Block] = []
    for raw in rendered.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("|"):
            cells = [cell.strip().replace(GUARD, "") for cell in line.strip("|").split("|")]
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
            continue
        for prefix, kind in (
            ("##", "heading"),
            ("#", "title"),
            ("^", "center"),
            (":", "plain"),
            (">", "right"),
        ):
            if line.startswith(prefix):
                blocks.append(Block(kind, line[len(prefix) :].strip().replace(GUARD, "")))
                break
        else:
            blocks.append(Block("para", line.replace(GUARD, "")))
    return blocks


def render_blocks(kind: str, data: dict, text: str | None = None) -> list[Block]:
    """The document of `kind` as blocks, from `text` (an agency's template) or the default."""
    if kind not in KINDS:
        raise ValueError(kind)
    return parse(render_text(text if text is not None else default_text(kind), data))
