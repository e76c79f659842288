"""开放数据 feed of the published entries, JSON and CSV, paged by id (`?after=<last id>`): stable while
new entries are published, and as fast on page 5,000 as on page 1. Each row is the frozen entry plus its
record hash; a superseded, withdrawn or expired entry leaves the feed. An entry whose stored text is not
a JSON object (services always write one; bulk-loaded rows may not) is left out with a warning, never a
500: the other entries and the paging are unchanged, and each entry shown is still the one hashed."""

import csv
import json
import logging
from io import StringIO

from django.http import HttpResponse, JsonResponse
from django.urls import reverse

from zhifa.core.exports import safe_row

from .. import selectors
from ..http import cacheable

log = logging.getLogger(__name__)
PAGE_SIZE = 500
COLUMNS = [
    "id",
    "version",
    "supersedes",
    "agency",
    "agency_credit_code",
    "kind",
    "number",
    "subject_kind",
    "subject",
    "credit_code",
    "items",
    "conclusion",
    "summary",
    "decided_on",
    "published_on",
]


def _page(request):
    after = request.GET.get("after", "")
    after = int(after) if after.isdigit() and len(after) < 12 else 0
    rows = list(
        selectors.published()
        .filter(id__gt=after)
        .order_by("id")
        .values_list("id", "entry", "record_hash")[: PAGE_SIZE + 1]
    )
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    entries = [
        parsed | {"record_hash": record_hash}
        for pk, entry, record_hash in rows
        if (parsed := _readable(pk, entry)) is not None
    ]
    # paged by the last row read, shown or not: a left-out entry never ends or repeats the feed
    next_after = rows[-1][0] if more else None
    return entries, next_after


def _readable(pk: int, entry: str) -> dict | None:
    """The stored entry as the object it encodes, or None (logged) when it is not a JSON object."""
    try:
        parsed = json.loads(entry)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        log.warning("公示条目 %s 的规范JSON无法读取，已从开放数据中略去", pk)
        return None
    return parsed


@cacheable
def feed_json(request):
    entries, next_after = _page(request)
    next_url = f"{reverse('publicity_public:feed_json')}?after={next_after}" if next_after else None
    return JsonResponse({"entries": entries, "next": next_url}, json_dumps_params={"ensure_ascii": False})


@cacheable
def feed_csv(request):
    entries, next_after = _page(request)
    out = StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with the BOM
    writer = csv.writer(out)
    writer.writerow(safe_row([*COLUMNS, "record_hash"]))
    for entry in entries:
        # defused like every spreadsheet cell: a subject named "=HYPERLINK(…)" is text, not a formula
        # (the JSON feed keeps the entries exactly as hashed)
        writer.writerow(safe_row([*(entry.get(c, "") for c in COLUMNS), entry["record_hash"]]))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    if next_after:
        response["Link"] = f'<{reverse("publicity_public:feed_csv")}?after={next_after}>; rel="next"'
    return response
