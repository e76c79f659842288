"""Who is asking, and how often: the client address behind a trusted reverse proxy, and per-minute budgets
counted in the shared cache.

`client_ip(request)` is REMOTE_ADDR unless that address is one of ZHIFA_TRUSTED_PROXIES (addresses or
CIDRs, e.g. the nginx in front of gunicorn): then the forwarded header (ZHIFA_CLIENT_IP_HEADER, by default
X-Forwarded-For) is read from its right end, skipping the trusted proxies, and the first address that is not
one is the client. A header from anyone else is ignored — without a configured proxy a client could
otherwise write any address it likes there and get a fresh budget with each request.

`over(request, scope, limit)` counts one request of `scope` by this client in the current minute in the
cache ZHIFA_RATELIMIT_CACHE (default "default": Redis when ZHIFA_REDIS_URL is set, so every worker on every
machine spends the same budget; the per-process memory cache otherwise, fine for one process only).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.utils import timezone

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

WINDOW_SECONDS = 60
UNKNOWN = "unknown"


@lru_cache(maxsize=8)
def _networks(configured: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in configured)


def trusted_proxies() -> tuple[Network, ...]:
    """ZHIFA_TRUSTED_PROXIES as networks (settings.py has already split and checked the list)."""
    return _networks(tuple(getattr(settings, "ZHIFA_TRUSTED_PROXIES", ())))


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # [v6]:port
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # v4:port
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the client that sent `request` (see the module docstring); "unknown" when none."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_proxies()
    if not networks or not _trusted(_address(remote), networks):
        return remote or UNKNOWN
    header = getattr(settings, "ZHIFA_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")
    hops = [hop for hop in request.META.get(header, "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:  # garbage in the chain: what lies left of it cannot be trusted
            break
        if not _trusted(address, networks):
            return str(address)
    # Every hop is one of our proxies (or the header is missing): the nearest one is the client.
    return remote or UNKNOWN


def login_client_ip(request) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the same address for the login log, None when unknown (the log's column is
    an IP address field)."""
    address = client_ip(request)
    return None if address == UNKNOWN else address


def limit_cache() -> BaseCache:
    return caches[getattr(settings, "ZHIFA_RATELIMIT_CACHE", "default")]


def over(request, scope: str, limit: int, *, cache: BaseCache | None = None) -> bool:
    """Count one request of `scope` by this client in the current minute; True once past `limit`."""
    return spend(f"{scope}:{client_ip(request)}", limit, cache=cache)


def current_window() -> int:
    """The number of the current minute (the budget's key changes with it)."""
    return int(timezone.now().timestamp() // WINDOW_SECONDS)


def spend(subject: str, limit: int, *, cache: BaseCache | None = None) -> bool:
    """Count one use of `subject`'s budget in the current minute; True once past `limit`."""
    cache = cache or limit_cache()
    key = f"ratelimit:{subject}:{current_window()}"
    timeout = WINDOW_SECONDS + 10
    cache.add(key, 0, timeout=timeout)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        count = 1
    return count > limit
