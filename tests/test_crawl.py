"""The product-wide crawl: logged in as every demo role, and as the public, follow every same-site link
from the home page (and /gs/ for the public), a few URLs per URL pattern. It fails on any 5xx, on a link
shown to a user that answers 403/404 (or any other 4xx) for that user, and on visible text that shows an
internal code (a TextChoices value, a dotted model name, a snake_case identifier) or an English word
outside a short allow-list. All failures of a crawl are reported at once.

The demo data is loaded once per module (in a transaction rolled back at the end), so the crawl stays
within a couple of minutes."""

import importlib
import io
import re
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import override_settings
from django.urls import Resolver404, resolve

from zhifa.demo.accounts import USERS

PER_PATTERN = 3  # URLs followed per resolved URL name, per user
# Per user, the pages a crawl may open at most: a guard against a runaway crawl, never reached today.
MAX_PAGES = 600

# Links never followed: they change state on GET by design (none today) or leave the HTML product.
SKIP_PREFIXES = ("/static/", "/api/docs")

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


VISIBLE_ATTRS = ("title", "placeholder", "aria-label")
HIDDEN_TAGS = {"script", "style", "template", "noscript"}


def _unchecked(element) -> bool:
    """Not text of ours to check: inside a script or style, or marked translate="no" (HTML's mark for
    a literal that must stay as it is, such as a browser's User-Agent string or a protocol constant)."""
    return element is not None and any(
        e.tag in HIDDEN_TAGS or e.get("translate") == "no" for e in (element, *element.iterancestors())
    )


def visible_texts(doc) -> list[str]:
    """The text a person sees: text nodes outside scripts and styles, a few attributes read out or shown
    on hover, and the labels of buttons given as input values."""
    texts = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        hidden = _unchecked(element)
        if not hidden and element.text and element.text.strip():
            texts.append(element.text.strip())
        parent_hidden = _unchecked(element.getparent())
        if element.tail and element.tail.strip() and not parent_hidden:
            texts.append(element.tail.strip())
        if hidden:
            continue
        for attr in VISIBLE_ATTRS:
            if element.get(attr):
                texts.append(element.get(attr))
        if element.tag == "input" and element.get("type") in ("submit", "button") and element.get("value"):
            texts.append(element.get("value"))
    return texts


# ---- the crawl ------------------------------------------------------------------------------------


def _url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, starts: list[str], who: str, checker: Checker) -> list[str]:
    client.raise_request_exception = False  # a 500 is a finding, reported with the others
    failures: list[str] = []
    shown: dict[tuple[str, str], list[str]] = {}
    seen_urls: set[str] = set()
    per_name: dict[str, int] = {}
    queue = deque((start, "（起点）") for start in starts)
    opened = 0
    while queue and opened < MAX_PAGES:
        url, referrer = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        path = urlsplit(url).path
        name = _url_name(path) or path
        if per_name.get(name, 0) >= PER_PATTERN:
            continue
        per_name[name] = per_name.get(name, 0) + 1
        opened += 1
        response = client.get(url)
        status = response.status_code
        where = f"{who} 打开 {url}（链接见于 {referrer}）"
        if status >= 500:
            failures.append(f"{where}：HTTP {status}")
            continue
        if status in (301, 302, 303, 307, 308):
            location = urljoin(url, response["Location"])
            if "/accounts/login/" in location and who != "公众":
                failures.append(f"{where}：转到登录页")
            elif _same_site(location):
                queue.appendleft((_local(location), url))
            continue
        if status >= 400:
            failures.append(f"{where}：HTTP {status}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue  # a download that opens: fine
        body = b"".join(response) if response.streaming else response.content
        doc = lxml.html.fromstring(body.decode() or "<html></html>")
        for text in visible_texts(doc):
            for offence in checker.offences(text):
                shown.setdefault((offence, text[:80]), []).append(url)
        for href in doc.xpath("//a/@href"):
            target = urljoin(url, href.strip())
            if not _same_site(target) or href.startswith(("#", "javascript:", "mailto:")):
                continue
            target = _local(target)
            if target.startswith(SKIP_PREFIXES):
                continue
            if target not in seen_urls:
                queue.append((target, url))
    for (offence, text), urls in shown.items():
        more = f"（另有{len(urls) - 1}页）" if len(urls) > 1 else ""
        failures.append(f"{who} 在 {urls[0]}{more} 看到{offence}：「{text}」")
    return failures


def _same_site(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver")


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ---- fixtures and tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("crawl_media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, media_root):
    """The demo's evidence files, written once for the module, stay where its tests look for them."""
    settings.MEDIA_ROOT = media_root


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, media_root):
    """The demo data, loaded once for the module's tests and rolled back after them."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings = override_settings(MEDIA_ROOT=media_root, PASSWORD_HASHERS=fast)
    with django_db_blocker.unblock(), settings, transaction.atomic():
        call_command("demo", no_serve=True, stdout=io.StringIO())
        _admin_activity()
        yield
        transaction.set_rollback(True)


def _admin_activity() -> None:
    """What the demo does not make and the 三员's pages list: an admin change (操作日志) and a failed
    login that locked an account (登录锁定, 登录失败)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from zhifa.accounts.models import User
    from zhifa.core.models import Agency

    agency = Agency.objects.order_by("pk").first()
    LogEntry.objects.create(
        user=User.objects.get(username="sysadmin"),
        content_type=ContentType.objects.get_for_model(Agency),
        object_id=str(agency.pk),
        object_repr=str(agency),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["简称"]}}]',
    )
    browser = {
        "username": "dh_zf2",
        "ip_address": "127.0.0.1",
        "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
        "path_info": "/accounts/login/",
        "http_accept": "text/html",
    }
    AccessAttempt.objects.create(
        **browser, attempt_time=timezone.now(), failures_since_start=5, get_data="", post_data=""
    )
    AccessFailureLog.objects.create(**browser, attempt_time=timezone.now(), locked_out=True)


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
    failures = crawl(client, ["/"], username, checker)
    assert not failures, _report(failures)


def test_crawl_as_the_public(demo_site, checker, client, db):
    failures = crawl(client, ["/gs/", "/"], "公众", checker)
    assert not failures, _report(failures)


def test_every_recorded_action_and_subject_of_the_demo_has_a_chinese_label(demo_site, db):
    from zhifa.core.models import Record
    from zhifa.core.record_labels import action_label, subject_label

    actions = set(Record.objects.values_list("action", flat=True))
    types = set(Record.objects.values_list("subject_type", flat=True))
    assert [a for a in sorted(actions) if action_label(a) == a] == []
    assert [t for t in sorted(types) if subject_label(t) == t] == []
