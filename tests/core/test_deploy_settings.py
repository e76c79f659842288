"""The settings a deployment gives through the environment (docs/deploy.md): each part is off without its
variable (`make run` needs none), and on with it. Each case reads zhifa.settings afresh in a process of its
own, as gunicorn would."""

import json
import os
import subprocess
import sys

import pytest

READ = """
import json
from zhifa import settings as s
print(json.dumps({
    "cache": s.CACHES["default"] if hasattr(s, "CACHES") else None,
    "sessions": getattr(s, "SESSION_ENGINE", None),
    "proxies": s.ZHIFA_TRUSTED_PROXIES,
    "ssl_header": getattr(s, "SECURE_PROXY_SSL_HEADER", None),
    "secure_cookies": [getattr(s, "SESSION_COOKIE_SECURE", False), getattr(s, "CSRF_COOKIE_SECURE", False)],
    "origins": s.CSRF_TRUSTED_ORIGINS,
    "header": s.ZHIFA_CLIENT_IP_HEADER,
    "storages": {k: v["BACKEND"] for k, v in s.STORAGES.items()},
    "evidence_options": s.STORAGES["evidence"].get("OPTIONS", {}),
    "databases": {k: [v["ENGINE"], v["NAME"], v.get("TEST", {}).get("MIRROR")] for k, v in s.DATABASES.items()},
    "routers": s.DATABASE_ROUTERS,
}))
"""


def _settings(tmp_path, **env) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ZHIFA_")}
    clean["ZHIFA_VAR_DIR"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", READ], env={**clean, **env}, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise RuntimeError(out.stderr.strip().splitlines()[-1])
    return json.loads(out.stdout)


def test_without_variables_everything_stays_on_one_machine(tmp_path):
    got = _settings(tmp_path)
    assert got["cache"] is None and got["sessions"] is None  # Django's memory cache, database sessions
    assert got["proxies"] == [] and got["ssl_header"] is None and got["secure_cookies"] == [False, False]
    assert got["header"] == "HTTP_X_FORWARDED_FOR" and got["origins"] == []
    local = "django.core.files.storage.FileSystemStorage"
    assert got["storages"] == {
        "default": local,
        "evidence": local,
        "staticfiles": "django.contrib.staticfiles.storage.StaticFilesStorage",
    }
    assert got["evidence_options"] == {"file_permissions_mode": 0o444}
    assert got["databases"] == {
        "default": ["django.db.backends.sqlite3", str(tmp_path / "zhifa.sqlite3"), None]
    }
    assert got["routers"] == ["zhifa.core.replica.ReplicaRouter"]


def test_a_deployment_configures_every_part(tmp_path):
    got = _settings(
        tmp_path,
        ZHIFA_DATABASE_URL="postgres://zhifa:pw@db.internal:5432/zhifa",
        ZHIFA_REPLICA_DATABASE_URL="postgres://zhifa_ro:pw@replica.internal:5432/zhifa",
        ZHIFA_REDIS_URL="redis://cache.internal:6379/2",
        ZHIFA_CACHE_PREFIX="city",
        ZHIFA_TRUSTED_PROXIES="127.0.0.1, 10.1.0.0/16",
        ZHIFA_CLIENT_IP_HEADER="X-Real-IP",
        ZHIFA_HTTPS="1",
        ZHIFA_CSRF_TRUSTED_ORIGINS="https://zhifa.gov.internal",
        ZHIFA_STORAGE="s3",
        ZHIFA_S3_BUCKET="files",
        ZHIFA_S3_EVIDENCE_BUCKET="evidence-locked",
        ZHIFA_S3_ENDPOINT_URL="http://minio.internal:9000",
        ZHIFA_S3_ADDRESSING_STYLE="path",
    )
    assert got["cache"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/2",
        "KEY_PREFIX": "city",
    }
    assert got["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert got["proxies"] == ["127.0.0.1/32", "10.1.0.0/16"]
    assert got["ssl_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert got["secure_cookies"] == [True, True] and got["origins"] == ["https://zhifa.gov.internal"]
    assert got["header"] == "HTTP_X_REAL_IP"
    assert got["storages"]["default"] == got["storages"]["evidence"] == "storages.backends.s3.S3Storage"
    assert got["evidence_options"]["bucket_name"] == "evidence-locked"
    assert got["evidence_options"]["endpoint_url"] == "http://minio.internal:9000"
    assert got["evidence_options"]["default_acl"] is None  # private objects
    assert got["databases"] == {
        "default": ["django.db.backends.postgresql", "zhifa", None],
        "replica": ["django.db.backends.postgresql", "zhifa", "default"],
    }


@pytest.mark.parametrize("proxies", ["10.0.0.300", "nginx.internal"])
def test_a_mistyped_proxy_stops_the_start(tmp_path, proxies):
    with pytest.raises(RuntimeError, match="does not appear to be an IPv4 or IPv6 network"):
        _settings(tmp_path, ZHIFA_TRUSTED_PROXIES=proxies)
