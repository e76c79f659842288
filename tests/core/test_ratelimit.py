"""Rate limits and sessions across workers (issue 16 item 7): the client's address read from a configured
proxy only, and the per-minute budgets and sessions kept in the Redis every worker shares.

Runs against the Redis on 127.0.0.1:6379 (ZHIFA_TEST_REDIS_URL to change it), database 15, under a key
prefix of its own per test: a missing Redis is a failure, not a skip — the point is that it is shared."""

import os
import subprocess
import sys
import uuid

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache.backends.redis import RedisCache
from django.test import Client, RequestFactory

from zhifa.accounts.choices import RoleCode
from zhifa.core import ratelimit

REDIS_URL = os.environ.get("ZHIFA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SEARCH = "/gs/decisions/"
LIMITED = "查询过于频繁"


def _request(remote="198.51.100.10", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


# ---- the client's address -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "client"),
    [
        # no proxy configured: the header is anyone's to write, so it is ignored
        ([], "198.51.100.10", "203.0.113.7", "198.51.100.10"),
        ([], "198.51.100.10", None, "198.51.100.10"),
        # from the configured proxy: the address it appended
        (["10.0.0.0/8"], "10.0.0.2", "203.0.113.7", "203.0.113.7"),
        # a client's own X-Forwarded-For is kept by nginx left of what it appends: only the right end counts
        (["10.0.0.0/8"], "10.0.0.2", "1.1.1.1, 203.0.113.7", "203.0.113.7"),
        # two proxies of ours in a row (a load balancer, then nginx)
        (["10.0.0.0/8", "192.0.2.5"], "10.0.0.2", "1.1.1.1, 203.0.113.7, 192.0.2.5", "203.0.113.7"),
        # not from the proxy: the header is ignored
        (["10.0.0.0/8"], "198.51.100.10", "203.0.113.7", "198.51.100.10"),
        # from the proxy without a header, or with garbage in it: the proxy's own address
        (["10.0.0.0/8"], "10.0.0.2", None, "10.0.0.2"),
        (["10.0.0.0/8"], "10.0.0.2", "not-an-address", "10.0.0.2"),
        # ports and IPv6
        (["10.0.0.0/8"], "10.0.0.2", "203.0.113.7:51234", "203.0.113.7"),
        (["::1/128"], "::1", "2001:db8::7", "2001:db8::7"),
        (["::1/128"], "::1", "[2001:db8::8]:443", "2001:db8::8"),
    ],
)
def test_the_client_address_comes_from_the_configured_proxy_only(
    settings, proxies, remote, forwarded, client
):
    settings.ZHIFA_TRUSTED_PROXIES = proxies
    assert ratelimit.client_ip(_request(remote, forwarded)) == client


def test_a_missing_remote_address_is_unknown(settings):
    settings.ZHIFA_TRUSTED_PROXIES = []
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR")
    assert ratelimit.client_ip(request) == "unknown"
    assert ratelimit.login_client_ip(request) is None  # axes' log stores an IP address or nothing


def test_another_forwarded_header_can_be_configured(settings):
    settings.ZHIFA_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ZHIFA_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert ratelimit.client_ip(request) == "203.0.113.9"


# ---- budgets in the shared Redis ------------------------------------------------------------------------


def _redis(prefix: str) -> RedisCache:
    """A cache client of its own, as another worker process would build from the same settings."""
    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


@pytest.fixture
def prefix():
    name = f"zhifa-test-{uuid.uuid4().hex[:12]}"
    yield name
    client = _redis(name)._cache.get_client(write=True)
    for key in client.scan_iter(f"{name}:*"):
        client.delete(key)


@pytest.fixture
def shared_cache(settings, prefix, monkeypatch):
    """The project's default cache on Redis (what ZHIFA_REDIS_URL configures), in a fixed minute."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    monkeypatch.setattr(ratelimit, "current_window", lambda: 29_000_000)
    return prefix


def test_two_workers_spend_one_budget(prefix, monkeypatch):
    monkeypatch.setattr(ratelimit, "current_window", lambda: 29_000_000)
    first, second = _redis(prefix), _redis(prefix)
    request = _request("203.0.113.7")
    spent = [ratelimit.over(request, "publicity:search", 3, cache=worker) for worker in (first, second) * 2]
    assert spent == [False, False, False, True]
    # another client's budget is its own
    assert ratelimit.over(_request("203.0.113.8"), "publicity:search", 3, cache=second) is False


def test_a_worker_in_another_process_spends_the_same_budget(shared_cache, tmp_path):
    """A real second process, configured only by ZHIFA_REDIS_URL and ZHIFA_CACHE_PREFIX as a deployment is,
    spends two searches of a client; this process then has one left."""
    child = """
import django
django.setup()
from django.test import RequestFactory
from zhifa.core import ratelimit
ratelimit.current_window = lambda: 29_000_000
request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
print([ratelimit.over(request, "publicity:search", 3) for _ in range(2)])
"""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhifa.settings",
        "ZHIFA_REDIS_URL": REDIS_URL,
        "ZHIFA_CACHE_PREFIX": shared_cache,
        "ZHIFA_VAR_DIR": str(tmp_path),
        "ZHIFA_DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    env.pop("ZHIFA_TRUSTED_PROXIES", None)
    out = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[False, False]"
    request = _request("203.0.113.7")
    assert [ratelimit.over(request, "publicity:search", 3) for _ in range(2)] == [False, True]


def test_the_portal_search_limit_holds_across_workers(db, shared_cache, settings, client):
    settings.ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE = 3
    other_worker = _redis(shared_cache)
    for _ in range(2):
        ratelimit.over(_request("127.0.0.1"), "publicity:search", 3, cache=other_worker)
    assert client.get(SEARCH, {"q": "食品"}).status_code == 200
    limited = client.get(SEARCH, {"q": "食品"})
    assert limited.status_code == 429 and LIMITED in limited.content.decode()
    assert limited["Retry-After"] == "60"


def test_behind_the_proxy_each_user_has_a_budget_of_their_own(db, shared_cache, settings):
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE = 2
    nginx = Client(REMOTE_ADDR="10.0.0.2")

    def search(user):
        return nginx.get(SEARCH, {"q": "食品"}, HTTP_X_FORWARDED_FOR=user).status_code

    assert [search("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert [search("203.0.113.8") for _ in range(3)] == [200, 200, 429]


def test_a_forged_header_without_a_configured_proxy_buys_no_budget(db, shared_cache, settings):
    settings.ZHIFA_TRUSTED_PROXIES = []
    settings.ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE = 2
    visitor = Client(REMOTE_ADDR="198.51.100.10")
    codes = [
        visitor.get(SEARCH, {"q": "食品"}, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 429, 429]


def test_the_complaint_lookup_limit_is_counted_by_the_same_helper(db, shared_cache, settings):
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE = 1
    nginx = Client(REMOTE_ADDR="10.0.0.2")
    other_worker = _redis(shared_cache)
    ratelimit.over(_request("10.0.0.2", "203.0.113.7"), "complaints:lookup", 1, cache=other_worker)
    limited = nginx.post("/gs/complaints/track/", {"code": "X"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert limited.status_code == 429
    fresh = nginx.post("/gs/complaints/track/", {"code": "X"}, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert fresh.status_code == 200


def test_a_session_opened_on_one_worker_is_found_by_another(db, shared_cache, agencies, make_user):
    user = make_user(agencies["east_market"], RoleCode.OFFICER, username="east_officer")
    one = Client()
    one.force_login(user)
    key = one.cookies["sessionid"].value
    # the session is in Redis, where another worker's own client finds it
    stored = _redis(shared_cache).get(f"django.contrib.sessions.cached_db{key}")
    assert stored[SESSION_KEY] == str(user.pk)
    other = Client()
    other.cookies["sessionid"] = key
    assert other.get("/").status_code == 200
    assert other.get("/", follow=False).wsgi_request.user == user


def test_the_login_log_names_the_client_behind_the_proxy(db, settings, agencies, make_user):
    from axes.models import AccessAttempt

    make_user(agencies["east_market"], RoleCode.OFFICER, username="east_officer")
    settings.ZHIFA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    nginx = Client(REMOTE_ADDR="10.0.0.2")
    nginx.post(
        "/accounts/login/",
        {"username": "east_officer", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
