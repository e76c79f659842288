"""Full-text search over the masked public text, on SQLite and PostgreSQL.

Chinese has no spaces, so words cannot be split; we match substrings. Both databases index trigrams:
SQLite an FTS5 table with the trigram tokenizer (kept in step by triggers), PostgreSQL a pg_trgm GIN
index that serves LIKE '%…%'. Both need at least three characters; a shorter query falls back to a
plain LIKE, bounded by the other filters and the page size.
"""

from django.db import connection
from django.db.models import QuerySet

MIN_INDEXED = 3
MAX_QUERY = 100  # longer queries are cut: no decision summary is searched by a paragraph

SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS publicity_search USING fts5("
    "search_text, content='publicity_disclosure', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS publicity_search_ai AFTER INSERT ON publicity_disclosure BEGIN "
    "INSERT INTO publicity_search(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS publicity_search_ad AFTER DELETE ON publicity_disclosure BEGIN "
    "INSERT INTO publicity_search(publicity_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS publicity_search_au AFTER UPDATE OF search_text ON publicity_disclosure "
    "BEGIN INSERT INTO publicity_search(publicity_search, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO publicity_search(rowid, search_text) VALUES (new.id, new.search_text); END",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS publicity_search_au",
    "DROP TRIGGER IF EXISTS publicity_search_ad",
    "DROP TRIGGER IF EXISTS publicity_search_ai",
    "DROP TABLE IF EXISTS publicity_search",
]
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS publicity_search_trgm ON publicity_disclosure "
    "USING gin (search_text gin_trgm_ops)",
]
POSTGRES_TEARDOWN = ["DROP INDEX IF EXISTS publicity_search_trgm"]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_SETUP, "postgresql": POSTGRES_SETUP}.get(vendor, []))


def uninstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, {"sqlite": SQLITE_TEARDOWN, "postgresql": POSTGRES_TEARDOWN}.get(vendor, []))


def clean_query(q: str) -> str:
    """Whitespace collapsed, control characters dropped, length bounded: any input is safe to pass on
    (it is only ever a bound parameter)."""
    q = "".join(c for c in (q or "") if c.isprintable())
    return " ".join(q.split())[:MAX_QUERY]


def matching(queryset: QuerySet, q: str) -> QuerySet:
    """`queryset` narrowed to rows whose public text contains every space-separated term of `q`."""
    for term in clean_query(q).split(" "):
        if not term:
            continue
        if connection.vendor == "sqlite" and len(term) >= MIN_INDEXED:
            phrase = '"' + term.replace('"', '""') + '"'
            queryset = queryset.extra(
                where=[
                    "publicity_disclosure.id IN (SELECT rowid FROM publicity_search WHERE publicity_search MATCH %s)"
                ],
                params=[phrase],
            )
        else:
            queryset = queryset.filter(search_text__contains=term)
    return queryset
