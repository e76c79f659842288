"""The product-wide crawl: logged in as every demo role, and as the public, follow every same-site link
from the home page (and /gs/ for the public), a few URLs per URL pattern. It fails on any 5xx, on a link
shown to a user that answers 403/404 (or any other 4xx) for that user, and on visible text that shows an
internal code (a TextChoices value, a dotted model name, a snake_case identifier) or an English word
outside a short allow-list, and on an action row holding more than one visible main button
(tests/crawling.crowded_rows; docs/architecture.md §5 "Look and layout"). All failures of a crawl are
reported at once.

The demo data is the shared demo (tests/shared_demo.py: loaded once per test process, in a transaction
rolled back after its tests), so the crawl stays within a couple of minutes."""

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models

from tests import crawling
from tests.crawling import crawl
from zhifa.demo.accounts import USERS

# English a page may show: names of formats, standards and units that Chinese users use as they are.
_ALLOWED = "API OpenAPI Excel PDF DOCX XLSX ZIP SHA JSON CSV ID URL HTTP HTTPS PNG JPG JPEG Token Bearer"
_ALLOWED += " Authorization Merkle RFC SVG Word WPS Swagger KB MB GB IP UTF"
_ALLOWED += " zw"  # 拼音首字母的示例（搜索框的提示）
ALLOWED_WORDS = {word.lower() for word in _ALLOWED.split()}
FILE_EXTENSIONS = {"pdf", "docx", "xlsx", "zip", "json", "csv", "txt", "png", "jpg", "jpeg", "html"}

ROLE_USERS = [username for username, *_ in USERS if username not in ("dh_zf2", "qs_zf2")]


# ---- what counts as an internal code --------------------------------------------------------------


def _text_choices() -> list[type[models.TextChoices]]:
    """Every TextChoices class of the project: each app's choices modules (the app's own and its feature
    packages', e.g. supervision/actions/choices.py) are imported, then every subclass is collected, so a
    class defined anywhere in zhifa (a models module, a feature package) counts."""
    for app in apps.get_app_configs():
        if not app.name.startswith("zhifa."):
            continue
        root = Path(app.path)
        for path in sorted(root.rglob("choices.py")):
            parts = path.relative_to(root).with_suffix("").parts
            importlib.import_module(".".join((app.name, *parts)))

    def subclasses(cls: type) -> list[type]:
        return [c for sub in cls.__subclasses__() for c in (sub, *subclasses(sub))]

    return [c for c in subclasses(models.TextChoices) if c.__module__.startswith("zhifa.")]


def _choice_codes() -> set[str]:
    """The values of every TextChoices of the project, except values that are Chinese words or numbers."""
    return {
        code
        for choices in _text_choices()
        for code, label in choices.choices
        # A value its own label shows (风险等级 "A（低风险）") is a word people use.
        if re.fullmatch(r"[A-Za-z][A-Za-z0-9_.\-]*", code) and code not in str(label)
    }


def _model_names() -> set[str]:
    return {f"{m._meta.app_label}.{m._meta.model_name}" for m in apps.get_models()}


TOKEN = re.compile(r"[A-Za-z0-9*][A-Za-z0-9_.\-:/@*]*[A-Za-z0-9*]|[A-Za-z]")
EMPTY_CHOICE = re.compile(r"^-{3,}$")


class Checker:
    def __init__(self, usernames: set[str]):
        self.codes = _choice_codes()
        self.model_names = _model_names()
        self.usernames = usernames

    def offences(self, text: str) -> list[str]:
        found = ["空选项（应为“请选择”）"] if EMPTY_CHOICE.match(text) else []
        for token in TOKEN.findall(text):
            offence = self._offence(token)
            if offence:
                found.append(offence)
        return found

    def _offence(self, token: str) -> str | None:
        if token in self.usernames or "/" in token or "@" in token or "*" in token:
            return None  # a login name is the user's own data; a URL or an address is shown on purpose
        if "." in token and token.rsplit(".", 1)[-1].lower() in FILE_EXTENSIONS:
            return None  # a file name
        for part in re.split(r"[:\-]", token):
            if not part:
                continue
            if part in self.codes:
                return f"选项代码 {part}"
            if part.lower() in self.model_names or re.fullmatch(r"[a-z]+\.[a-z_]+", part):
                ext = part.rsplit(".", 1)[-1].lower()
                if ext not in FILE_EXTENSIONS:
                    return f"模型名 {part}"
            if re.fullmatch(r"[A-Za-z]+(_[A-Za-z0-9]+)+", part):
                return f"标识符 {part}"
        for word in re.findall(r"[A-Za-z]{2,}", token):
            if re.search(r"\d", token) and len(token) >= 8:
                break  # a credit code, a number with letters, a digest: data, not words
            if word.lower() not in ALLOWED_WORDS:
                return f"英文 {word}"
        return None


# ---- fixtures and tests ---------------------------------------------------------------------------

# The shared demo, with its evidence files in one place for its tests.
demo_site = crawling.demo_site


@pytest.fixture(scope="module")
def checker(demo_site, django_db_blocker):
    from zhifa.accounts.models import User

    with django_db_blocker.unblock():
        return Checker(set(User.objects.values_list("username", flat=True)))


def _report(failures: list[str]) -> str:
    return f"{len(failures)} 处问题：\n" + "\n".join(dict.fromkeys(failures))


@pytest.mark.parametrize("username", ROLE_USERS)
def test_crawl_as_demo_user(demo_site, checker, client, db, username):
    from zhifa.accounts.models import User

    client.force_login(User.objects.get(username=username))
    failures = crawl(client, ["/"], username, checker.offences, buttons=True).failures
    assert not failures, _report(failures)


def test_crawl_as_the_public(demo_site, checker, client, db):
    failures = crawl(client, ["/gs/", "/"], "公众", checker.offences, buttons=True).failures
    assert not failures, _report(failures)


def test_every_recorded_action_and_subject_of_the_demo_has_a_chinese_label(demo_site, db):
    from zhifa.core.models import Record
    from zhifa.core.record_labels import action_label, subject_label

    actions = set(Record.objects.values_list("action", flat=True))
    types = set(Record.objects.values_list("subject_type", flat=True))
    assert [a for a in sorted(actions) if action_label(a) == a] == []
    assert [t for t in sorted(types) if subject_label(t) == t] == []


def test_an_action_row_with_two_main_buttons_is_found():
    """What counts as a row (tests/crawling.action_row) and as a visible main button."""
    import lxml.html

    from tests.crawling import crowded_rows

    doc = lxml.html.fromstring(
        """<html><body class="console">
        <div class="actions"><a class="btn btn-primary">立案</a><a class="btn btn-outline-danger">不予立案</a>
          <form method="post"><input type="hidden" name="csrf"><button type="submit">归档</button></form></div>
        <form class="filters"><input name="q"><button type="submit" class="btn btn-primary">查询</button>
          <a class="btn btn-outline-secondary">导出Excel</a><a class="btn btn-primary">新增</a></form>
        <table><tr><td><a class="btn btn-primary">查看</a></td><td><span><a class="button">修改</a></span></td></tr>
          <tr><td><a class="btn btn-primary">查看</a></td><td><a class="button secondary">修改</a></td></tr></table>
        <div class="card"><form method="post"><input name="a"><button class="btn btn-primary">保存</button></form></div>
        <div class="card"><form method="post"><input name="b"><button class="btn btn-primary">提交</button></form></div>
        <div class="actions"><a class="btn btn-primary" hidden>隐藏</a><noscript><button>切换</button></noscript>
          <button class="link">退出</button><a class="btn btn-primary">唯一</a></div>
        </body></html>"""
    )
    assert crowded_rows(doc) == [("立案", "归档"), ("查询", "新增"), ("查看", "修改")]
