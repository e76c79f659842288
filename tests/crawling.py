"""The crawl the product-wide checks share: follow every same-site link from some start pages as one
client, a few URLs per URL name, and return what was opened (with its status) and the forms each page
posts to, besides the failures (5xx, a link that answers 4xx, text a `checker` objects to).
tests/test_crawl.py checks the text of every page; tests/test_access_walk.py replays the object URLs as
a user of another agency. Also the demo site (the shared demo, tests/shared_demo.py)."""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.urls import Resolver404, resolve

PER_PATTERN = 3  # URLs followed per resolved URL name, per user
# Per user, the pages a crawl may open at most: a guard against a runaway crawl, never reached today.
MAX_PAGES = 600

# Links never followed: they change state on GET by design (none today) or leave the HTML product.
SKIP_PREFIXES = ("/static/", "/api/docs")


@dataclass
class Crawl:
    """What one crawl found: failures (reported all at once), every URL opened with its status, and the
    URLs the opened pages' POST forms send to (url → the page that shows the form)."""

    failures: list[str] = field(default_factory=list)
    opened: dict[str, int] = field(default_factory=dict)
    post_forms: dict[str, str] = field(default_factory=dict)


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(
    client,
    starts: list[str],
    who: str,
    offences: Callable[[str], list[str]] | None = None,
    per_pattern: int = PER_PATTERN,
    buttons: bool = False,
) -> Crawl:
    """Crawl as `client` (logged in as `who`, or "公众"); `offences(text)` names what is wrong with a
    visible text (None: the text is not checked); `per_pattern` URLs followed per URL name; `buttons`:
    each page's action rows hold at most one main button (`crowded_rows`)."""
    client.raise_request_exception = False  # a 500 is a finding, reported with the others
    result = Crawl()
    failures = result.failures
    shown: dict[tuple[str, str], list[str]] = {}
    crowded: dict[tuple[str, ...], list[str]] = {}
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
        name = url_name(path) or path
        if per_name.get(name, 0) >= per_pattern:
            continue
        per_name[name] = per_name.get(name, 0) + 1
        opened += 1
        response = client.get(url)
        status = response.status_code
        result.opened[url] = status
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
        if offences is not None:
            for text in visible_texts(doc):
                for offence in offences(text):
                    shown.setdefault((offence, text[:80]), []).append(url)
        if buttons:
            for labels in crowded_rows(doc):
                crowded.setdefault(labels, []).append(url)
        for form in doc.xpath("//form"):
            if (form.get("method") or "get").lower() == "post":
                action = _local(urljoin(url, (form.get("action") or "").strip() or url))
                result.post_forms.setdefault(action, url)
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
    for labels, urls in crowded.items():
        more = f"（另有{len(urls) - 1}页）" if len(urls) > 1 else ""
        named = "".join(f"「{label}」" for label in labels)
        failures.append(f"{who} 在 {urls[0]}{more} 看到同一行有{len(labels)}个主按钮：{named}")
    return result


def _same_site(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver")


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


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


# ---- one main button per action row (docs/architecture.md §5 "Look and layout") ----------------------

# What the stylesheets draw as a main (filled blue) button: Bootstrap's btn-primary, and the older markup
# console.css and zhifa.css draw alike — a bare <button> and class "button", unless marked otherwise.
_NOT_PRIMARY = {"btn", "link", "toast-close", "secondary", "danger"}


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _looks_primary(element) -> bool:
    classes = _classes(element)
    if "btn-primary" in classes:
        return True
    if element.tag == "button":
        return not classes & _NOT_PRIMARY
    return element.tag == "a" and "button" in classes and not classes & _NOT_PRIMARY


def _hidden(element) -> bool:
    """Not shown to a person: under a hidden attribute or d-none, inside a template, or a noscript (the
    console runs its scripts)."""
    return any(
        e.get("hidden") is not None or e.tag in ("template", "noscript") or "d-none" in _classes(e)
        for e in (element, *element.iterancestors())
    )


def _only_this_button(form) -> bool:
    """A form that is only a way to post one button (hidden inputs aside) stands in the row its button
    is in: the row is the form's container."""
    controls = form.xpath(".//button | .//a | .//select | .//textarea | .//input[not(@type='hidden')]")
    return len(controls) == 1 and not (form.text or "").strip()


def action_row(button):
    """The row a button stands in: the element whose children the buttons of one row are — its parent,
    past a form that holds only this button (a POST action among links) and inline wrappers; a button in
    a table cell stands in the table row (a list's per-row buttons)."""
    row = button.getparent()
    while row is not None and (
        row.tag in ("span", "strong", "em") or (row.tag == "form" and _only_this_button(row))
    ):
        row = row.getparent()
    if row is not None and row.tag in ("td", "th"):
        row = row.getparent()
    return row


def _label(button) -> str:
    text = " ".join(button.text_content().split()) or button.get("value") or ""
    return text or button.get("aria-label") or button.get("title") or "（无文字）"


def crowded_rows(doc) -> list[tuple[str, ...]]:
    """The action rows of a page holding more than one visible main button, each as its buttons' labels.
    The convention (§5): one btn-primary per row, the page's or form's main action; the others are
    btn-outline-secondary, btn-danger (删除/作废) or btn-outline-danger (停用/吊销/驳回)."""
    rows: dict[object, list[str]] = {}
    for button in doc.iter("a", "button", "input"):
        if button.tag == "input" and button.get("type") not in ("submit", "button"):
            continue
        if _looks_primary(button) and not _hidden(button):
            rows.setdefault(action_row(button), []).append(_label(button))
    return [tuple(labels) for labels in rows.values() if len(labels) > 1]


# ---- the demo site: the shared demo (tests/shared_demo.py), with what a module adds rolled back after it ----


@pytest.fixture(scope="module")
def demo_site(demo_db):
    """The shared demo with the admin activity the 三员's pages list, for the module's tests."""
    with demo_db.layer():
        _admin_activity()
        yield


def _admin_activity() -> None:
    """What the demo does not make and the 三员's pages list: an admin change (操作日志) and a failed
    login that locked an account (登录锁定, 登录失败)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from django.utils import timezone

    from zhifa.accounts.models import User
    from zhifa.core.models import Agency
    from zhifa.core.services import audit_admin_action

    agency = Agency.objects.order_by("pk").first()
    audit_admin_action(User.objects.get(username="sysadmin"), agency, "修改机关：简称")
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
