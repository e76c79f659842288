"""The demo, loaded once per test process and shared by every test that asks for `demo_db`.

Loading the demo (`zhifa demo --no-serve`) takes about 35 s of CPU on SQLite and more on PostgreSQL; the
suite used to load it some thirty times (per module and per test). Now the first test that asks for
`demo_db` loads it inside an outer transaction that stays open while the following tests also ask for it;
each of them runs in its own savepoint (pytest-django's `db`), module fixtures that add to the demo (the
crawl's admin activity, the access walk's outsiders) in a savepoint of their own (`layer`). The outer
transaction is rolled back before the first test that does not ask for `demo_db` (`pytest_runtest_setup`
in tests/conftest.py) and at the end of the session, so no other test ever sees the demo.
`pytest_collection_modifyitems` moves the tests that ask for it after the other database tests and before the
transactional ones (whose flush empties the seeded roles), in their order, so
each xdist worker, which runs its tests in collection order, loads the demo at most once.

A test of the demo command itself (idempotence from an empty database) must not ask for `demo_db`.
"""

import io
from contextlib import contextmanager

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

FIXTURE = "demo_db"


class SharedDemo:
    def __init__(self) -> None:
        self.atomic = None
        self.blocker = None
        self.media = None
        self.layers = 0
        self.loaded_at = None  # when the demo was loaded: its 期限提醒 are those of that day

    @property
    def loaded(self) -> bool:
        return self.atomic is not None

    def load(self, blocker, media) -> None:
        if self.loaded:
            return
        self.blocker, self.media = blocker, media
        self.loaded_at = timezone.now()
        with blocker.unblock(), override_settings(MEDIA_ROOT=media):
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                call_command("demo", no_serve=True, stdout=io.StringIO())
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic

    def drop(self) -> None:
        """Roll the demo back (a no-op when it is not loaded)."""
        if not self.loaded:
            return
        if self.layers:
            raise RuntimeError("the shared demo is rolled back while a module still builds on it")
        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)

    @contextmanager
    def layer(self):
        """What a module adds to the demo for its tests, rolled back after them."""
        with self.blocker.unblock(), override_settings(MEDIA_ROOT=self.media), transaction.atomic():
            self.layers += 1
            try:
                yield
            finally:
                self.layers -= 1
                transaction.set_rollback(True)


SHARED = SharedDemo()


def uses_demo(item) -> bool:
    return FIXTURE in getattr(item, "fixturenames", ())
