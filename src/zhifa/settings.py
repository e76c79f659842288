"""The one settings module. Everything that differs between machines comes from ZHIFA_* variables."""

import ipaddress
import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("ZHIFA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """ZHIFA_SECRET_KEY, or a key generated once into var/ so sessions survive restarts."""
    if key := os.environ.get("ZHIFA_SECRET_KEY"):
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("ZHIFA_DEBUG")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ZHIFA_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "zhifa.accounts.axes_config.AxesConfig",
    "ninja",  # serves Swagger UI from its own static files, not a CDN
    "zhifa.core",
    "zhifa.accounts",
    "zhifa.registry",
    "zhifa.catalog",
    "zhifa.cases",
    "zhifa.review",
    "zhifa.publicity",
    "zhifa.inspections",
    "zhifa.supervision",
    "zhifa.complaints",
    "zhifa.social",
    "django_tasks",
    "zhifa.detection.apps.TasksDatabaseConfig",  # django_tasks_db under Chinese names
    "zhifa.detection",
    "zhifa.evaluation",
    "zhifa.collaboration",
    "zhifa.stats",
    "zhifa.jobs",
    "zhifa.exchange",
    "zhifa.audit",
    "zhifa.notifications",
    "zhifa.guidance",
    "zhifa.training",
    "zhifa.recognition",
    "zhifa.filings",
    "zhifa.equipment",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]

MIDDLEWARE = [
    # First: every log line of the request, the 500 page included, carries its id (core.requestid).
    "zhifa.core.requestid.RequestIdMiddleware",
    # the request an audit entry takes its IP from when a service is not handed it (zhifa.audit.middleware)
    "zhifa.audit.middleware.AuditRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhifa.core.hygiene.QueryParametersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Staff pages and the API are never kept by a browser or proxy cache (the portal and static files are);
    # outside the login steps below, so their redirects and pages carry the headers too.
    "zhifa.core.nocache.StaffNoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    # After auth and messages, before the login steps below: ends an idle or too old session and says so on
    # the login page.
    "zhifa.accounts.sessions.SessionTimeoutMiddleware",
    # Two-factor login before anything else, the forced password change included (accounts.twofactor).
    "zhifa.accounts.twofactor.TwoFactorRequiredMiddleware",
    "zhifa.accounts.rotation.PasswordChangeRequiredMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhifa.urls"
WSGI_APPLICATION = "zhifa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhifa.core.menu.menu_context",
                "zhifa.accounts.rotation.password_reminder",
                "zhifa.notifications.context.unread_messages",
            ],
            # money and dates formatted alike on every page (|money, |ymd, |cn_date), without {% load %}
            "builtins": ["zhifa.core.templatetags.formats", "zhifa.core.templatetags.badges"],
        },
    },
]

# Widgets render through TEMPLATES, so templates/django/forms/ may adjust them (every select's blank
# choice reads 请选择).
FORM_RENDERER = "zhifa.core.renderers.BootstrapRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("ZHIFA_DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhifa.sqlite3'}"),
        conn_max_age=int(os.environ.get("ZHIFA_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so two writers
    # queue on the busy timeout instead of failing on a lock upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "zhifa.accounts.backends.RoleBackend",
]
# 口令策略 (docs/security.md): 8 characters, 3 of 4 classes, not common, not the username or the name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "zhifa.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "zhifa.accounts.passwords.CharacterClassValidator"},
    {"NAME": "zhifa.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "zhifa.accounts.passwords.PersonalInfoValidator"},
]
# A password older than this many days is reminded on every staff page until changed.
ZHIFA_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("ZHIFA_PASSWORD_MAX_AGE_DAYS", "90"))
# Re-authentication (accounts.reauth): a sensitive action (a role change, a password reset of another,
# an export of personal data) asks for the password, and the code of a two-factor device, again when the
# session's last authentication is older than this many minutes.
ZHIFA_REAUTH_MINUTES = int(os.environ.get("ZHIFA_REAUTH_MINUTES", "5"))
# The name an authenticator app shows beside the account (accounts.twofactor).
OTP_TOTP_ISSUER = "执法通"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:workbench"
LOGOUT_REDIRECT_URL = "accounts:login"

# 会话与锁定 (docs/security.md). A session ends after ZHIFA_SESSION_IDLE_MINUTES without a request, and
# ZHIFA_SESSION_ABSOLUTE_HOURS after its login whatever the activity (accounts.sessions.SessionTimeoutMiddleware,
# which says why on the login page). The cookie and the stored session live as long as the absolute limit,
# so the middleware still finds an idle session to tell its user; every request moves its idle clock.
ZHIFA_SESSION_IDLE_MINUTES = int(os.environ.get("ZHIFA_SESSION_IDLE_MINUTES", "30"))
ZHIFA_SESSION_ABSOLUTE_HOURS = int(os.environ.get("ZHIFA_SESSION_ABSOLUTE_HOURS", "12"))
SESSION_COOKIE_AGE = ZHIFA_SESSION_ABSOLUTE_HOURS * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send X-CSRFToken

# Lockout (accounts.lockout). 5 failed logins for one account lock that account, 20 from one client address
# lock that address (a 政务外网 office sits behind one NAT address: 20 lets its staff mistype while a
# password-spraying client is stopped after 20 guesses across accounts), each for 15 minutes after its
# latest failure — long enough to make online guessing useless (at most 480 guesses a day per account),
# short enough that a locked-out officer is not kept from work (the 安全管理员 can unlock at once).
ZHIFA_LOCKOUT_ACCOUNT_FAILURES = 5
ZHIFA_LOCKOUT_ADDRESS_FAILURES = 20
AXES_FAILURE_LIMIT = "zhifa.accounts.lockout.failure_limit"  # one of the two above, for axes' one counter
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Counters are not cleared by a successful login: one login with the attacker's own account from the
# address would clear that address's counter (axes resets by every lockout parameter); they run out by the
# cool-off only.
AXES_RESET_ON_SUCCESS = False
# Every failed login is kept (AccessFailureLog): who, from where, when, and whether it locked. Never trimmed
# per account by axes (its default keeps only the latest 1000, which an attacker could push out).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 10**9
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]  # Chinese for what Django and django-axes leave in English
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns at start-up when it is missing
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/htmx", PROJECT_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/echarts", PROJECT_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/tom-select", PROJECT_DIR / "node_modules" / "tom-select" / "dist"),
    ("vendor/bootstrap", PROJECT_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", PROJECT_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
# Serve straight from the finders so `make run` needs no collectstatic step.
WHITENOISE_USE_FINDERS = True
# A person or agency picker with more choices than this searches remotely (core.pickers); a smaller one
# stays a plain <select>, which works without scripts.
ZHIFA_PICKER_PLAIN_MAX = int(os.environ.get("ZHIFA_PICKER_PLAIN_MAX", "50"))
WHITENOISE_AUTOREFRESH = DEBUG
# Files a browser asks for at the site's root (/favicon.ico), served by WhiteNoise before any login step.
WHITENOISE_ROOT = PACKAGE_DIR / "static" / "root"

MEDIA_ROOT = Path(os.environ.get("ZHIFA_MEDIA_DIR", VAR_DIR / "media"))

# Every line carries the request's id (core.requestid), which the 500 page shows the user; an error behind a
# 500 is logged by django.request with its traceback whatever DEBUG says.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zhifa.core.requestid.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "plain"},
    },
    "loggers": {
        "zhifa": {"handlers": ["console"], "level": os.environ.get("ZHIFA_LOG_LEVEL", "INFO")},
        "django.request": {"handlers": ["console"], "filters": ["request_id"], "level": "ERROR"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
# limit/offset bounded (an offset past 2^63 overflows the database): zhifa.core.params
NINJA_PAGINATION_CLASS = "zhifa.core.params.BoundedLimitOffset"

# Business settings (see DESIGN.md, domain facts).
ZHIFA_PAGE_SIZE = 20
# 执法人员管理 (seed 002 §(三), seeds 000 §9 §11, 003 §4)
ZHIFA_TRAINING_HOURS_PER_YEAR = int(os.environ.get("ZHIFA_TRAINING_HOURS_PER_YEAR", "60"))
ZHIFA_NEW_OFFICER_PUBLIC_LAW_HOURS = 30
ZHIFA_CERTIFICATE_RECHECK_YEARS = 2
ZHIFA_CERTIFICATE_EXPIRY_WARNING_DAYS = 30
ZHIFA_ROTATION_YEARS = int(os.environ.get("ZHIFA_ROTATION_YEARS", "5"))
# The 工作台's region-wide registry figures are counted ahead (registry.summaries, hourly task
# registry-summaries); a page recounts one older than this (or counted another day) itself.
ZHIFA_WORKBENCH_SUMMARY_MAX_AGE_MINUTES = int(
    os.environ.get("ZHIFA_WORKBENCH_SUMMARY_MAX_AGE_MINUTES", "120")
)
ZHIFA_REVIEWER_RATIO = 0.05
# 裁量基准定期评估 (seed 000 §12, 002 (五)): months between two evaluations of a benchmark (default 12: yearly;
# no period in the texts we hold); due and overdue ones appear on the catalogue keepers' 工作台
ZHIFA_BENCHMARK_EVALUATION_MONTHS = int(os.environ.get("ZHIFA_BENCHMARK_EVALUATION_MONTHS", "12"))
# 法制审核人员培训制度 (seed 003 四(二)3 names no hours): 法制审核业务 training per reviewer per year.
ZHIFA_REVIEWER_TRAINING_HOURS_PER_YEAR = int(os.environ.get("ZHIFA_REVIEWER_TRAINING_HOURS_PER_YEAR", "20"))
# 音像记录设备 in use per front-line officer (seed 003 三(一)4 leaves it to each 系统; an agency's own standard,
# set by its justice bureau, overrides it): equipment.clocks.
ZHIFA_EQUIPMENT_RATIO = os.environ.get("ZHIFA_EQUIPMENT_RATIO", "1")
# “三项制度”自查及工作总结 due each year on this 月-日 (seed 003 五(四): 10月底): stats.reports.clocks.
ZHIFA_SELF_CHECK_DUE = os.environ.get("ZHIFA_SELF_CHECK_DUE", "10-31")
# The county market regulator (who reviews the 随机抽查事项清单) is the 行政执法部门 named so (catalog.reviewers).
ZHIFA_MARKET_REGULATOR_NAME = os.environ.get("ZHIFA_MARKET_REGULATOR_NAME", "市场监督管理局")
# 涉企检查 (国办发〔2024〕54号): another inspection of the same enterprise within this many days, or beyond its
# yearly cap, is warned about and needs a stated reason.
ZHIFA_REINSPECTION_DAYS = int(os.environ.get("ZHIFA_REINSPECTION_DAYS", "30"))
ZHIFA_ENTERPRISE_YEARLY_CAP = int(os.environ.get("ZHIFA_ENTERPRISE_YEARLY_CAP", "2"))
# 信用修复 (publicity.repair.clocks): the minimum publication period of a penalty before a request, from the
# day of the decision — by the 失信程度 (一般 3 / 严重 12 months), and one year whatever the 失信程度 for the
# 执法领域 the NDRC measures name (特种设备、安全生产、消防): a JSON object of 执法领域 code → the 领域 named.
# Default: 应急管理 (emergency) is 安全生产; the seeded list has no 特种设备 or 消防 field — an instance that
# keeps one adds it, e.g. {"emergency": "安全生产", "fire": "消防", "special_equipment": "特种设备"}.
ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS = int(os.environ.get("ZHIFA_CREDIT_REPAIR_GENERAL_MONTHS", "3"))
ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS = int(os.environ.get("ZHIFA_CREDIT_REPAIR_SERIOUS_MONTHS", "12"))
ZHIFA_CREDIT_REPAIR_FIELD_MONTHS = int(os.environ.get("ZHIFA_CREDIT_REPAIR_FIELD_MONTHS", "12"))
ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS = json.loads(
    os.environ.get("ZHIFA_CREDIT_REPAIR_ONE_YEAR_FIELDS", '{"emergency": "安全生产"}')
)
# 投诉举报 on the portal: submissions per client address and minute (see complaints/limits.py)
ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE = int(os.environ.get("ZHIFA_COMPLAINT_SUBMITS_PER_MINUTE", "5"))


# Background tasks (django-tasks): the database backend, run by `zhifa db_worker` (`zhifa demo` starts one);
# tests use the immediate backend (tests/detection/conftest.py). ZHIFA_TASKS_BACKEND overrides.
TASKS = {"default": {"BACKEND": os.environ.get("ZHIFA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# For scale: ZHIFA_TASKS_BACKEND=django_tasks_rq.RQBackend (pip install "zhifa[tasks-redis]") queues on Redis at
# ZHIFA_TASKS_REDIS_URL, workers started with `zhifa rqworker default`; a Celery backend
# (django-tasks-celery) is named the same way. The schedule (zhifa.jobs.schedule) and the 任务运行 page work
# with any backend (docs/architecture.md, 后台任务).
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": os.environ.get("ZHIFA_TASKS_REDIS_URL", "redis://127.0.0.1:6379/0")}}
# The schedule's overrides (zhifa.jobs.schedule.SCHEDULE): {"publicity-checkpoint": {"at": "23:30"},
# "data-exchange": {"cadence": "daily"}}, as JSON in ZHIFA_SCHEDULE.
ZHIFA_SCHEDULE = json.loads(os.environ.get("ZHIFA_SCHEDULE", "{}"))
# Exports (core.exports): past this many rows a list is offered as a background job; a finished job's
# file is kept this many hours for the one who asked.
# 安全审计: days the audit log is kept at least (网络安全法 第二十一条: ≥ 6 months; a lower value fails the
# system check zhifa.audit.E001). The app never deletes entries; see zhifa.audit.retention.
ZHIFA_AUDIT_RETENTION_DAYS = int(os.environ.get("ZHIFA_AUDIT_RETENTION_DAYS", "180"))
ZHIFA_EXPORT_STREAM_ROWS = int(os.environ.get("ZHIFA_EXPORT_STREAM_ROWS", "50000"))
ZHIFA_EXPORT_KEEP_HOURS = int(os.environ.get("ZHIFA_EXPORT_KEEP_HOURS", "24"))
# Imports (core.import_limits): an uploaded sheet larger than this many bytes, or with more data rows, is
# refused before anything is written; past ZHIFA_IMPORT_SYNC_ROWS rows an import runs as a background job.
ZHIFA_IMPORT_MAX_BYTES = int(os.environ.get("ZHIFA_IMPORT_MAX_BYTES", str(10 * 1024 * 1024)))
ZHIFA_IMPORT_MAX_ROWS = int(os.environ.get("ZHIFA_IMPORT_MAX_ROWS", "50000"))
ZHIFA_IMPORT_SYNC_ROWS = int(os.environ.get("ZHIFA_IMPORT_SYNC_ROWS", "2000"))
# Evidence (cases.evidence.limits): the largest file of each kind (bytes; JSON in
# ZHIFA_EVIDENCE_KIND_MAX_BYTES overrides some or all, e.g. {"photo": 52428800}) and the most files one case
# may hold.
ZHIFA_EVIDENCE_KIND_MAX_BYTES = json.loads(os.environ.get("ZHIFA_EVIDENCE_KIND_MAX_BYTES", "{}"))
ZHIFA_EVIDENCE_MAX_PER_CASE = int(os.environ.get("ZHIFA_EVIDENCE_MAX_PER_CASE", "500"))
# 站内消息 (zhifa.notifications): the outbound channels each message is also handed to, as dotted paths of
# notifications.channels.Channel subclasses, comma-separated (default: the console, i.e. the log; a
# deployment's SMS gateway is plugged in here, docs/deploy.md 短信网关); and how many working days ahead the
# daily 期限提醒 tells of a deadline of the user's 工作台.
ZHIFA_NOTIFY_CHANNELS = [
    path.strip()
    for path in os.environ.get("ZHIFA_NOTIFY_CHANNELS", "zhifa.notifications.channels.ConsoleChannel").split(
        ","
    )
    if path.strip()
]
ZHIFA_NOTIFY_DUE_WORKDAYS = int(os.environ.get("ZHIFA_NOTIFY_DUE_WORKDAYS", "3"))
# 委托执法: the 委托机关 is reminded this many calendar days before a 受委托组织's 委托期限 ends (seed 000 §6;
# no period in the text we hold, so a setting)
# 备案 (zhifa.filings): working days the justice bureau has to acknowledge or return a filed 执法流程图 or
# 执法工作手册 (seed 000 §13, 003 五(二) set no period: default 10)
ZHIFA_FILING_REVIEW_WORKDAYS = int(os.environ.get("ZHIFA_FILING_REVIEW_WORKDAYS", "10"))
ZHIFA_ENTRUSTMENT_REMINDER_DAYS = int(os.environ.get("ZHIFA_ENTRUSTMENT_REMINDER_DAYS", "30"))


# Running beyond one machine (docs/deploy.md). Each part is off until its variable is set: `make run` needs none.

# Behind a reverse proxy (nginx): its addresses or CIDRs. Only a request arriving from one of them has its
# forwarded client address (ZHIFA_CLIENT_IP_HEADER) and scheme (X-Forwarded-Proto) believed — see
# core.ratelimit.client_ip; with the list empty both headers are ignored, whoever sends them.
ZHIFA_TRUSTED_PROXIES = [
    str(ipaddress.ip_network(p.strip(), strict=False))  # a typo fails at start-up, not silently
    for p in os.environ.get("ZHIFA_TRUSTED_PROXIES", "").split(",")
    if p.strip()
]
ZHIFA_CLIENT_IP_HEADER = "HTTP_" + os.environ.get(
    "ZHIFA_CLIENT_IP_HEADER", "X-Forwarded-For"
).strip().upper().replace("-", "_")
AXES_CLIENT_IP_CALLABLE = "zhifa.core.ratelimit.login_client_ip"  # the login log shows the same address
if ZHIFA_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Web 加固 (docs/security.md). ZHIFA_HTTPS=1: the site is served over HTTPS only — cookies never travel in
# clear, a plain-HTTP request is redirected (behind nginx the scheme is read from X-Forwarded-Proto, believed
# only with ZHIFA_TRUSTED_PROXIES set, above), and browsers are told by HSTS to use HTTPS for a year on this
# host and its subdomains. Preloading (ZHIFA_HSTS_PRELOAD=1) asks browsers to ship the rule built in: a
# commitment for the whole registered domain, so the owner opts in; until then Django's reminder (W021) is off.
if _env_bool("ZHIFA_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("ZHIFA_HSTS_PRELOAD")
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
# Content Security Policy (django-csp): scripts and styles only from this site's own files — no inline
# script or style attribute anywhere (htmx's indicator style is in zhifa.css, `htmx-config` in base.html);
# images may be data: URIs (tom-select's and the charts' icons); nothing may frame a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("ZHIFA_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# A cache shared by every worker (rate limits, sessions): Redis when ZHIFA_REDIS_URL is set, else Django's
# per-process memory cache (one process only: `make run`).
if _redis_url := os.environ.get("ZHIFA_REDIS_URL", "").strip():
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": os.environ.get("ZHIFA_CACHE_PREFIX", "zhifa"),
        }
    }
    # Sessions read from the cache, written through to the database (a Redis restart signs nobody out).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
ZHIFA_RATELIMIT_CACHE = "default"
# The portal's other budgets per client and minute (core.ratelimit; complaint submissions are above).
ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE = int(os.environ.get("ZHIFA_PUBLICITY_SEARCHES_PER_MINUTE", "30"))
ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE = int(os.environ.get("ZHIFA_COMPLAINT_LOOKUPS_PER_MINUTE", "20"))


def _storages() -> dict:
    """Files through Django's storage API: "default" (FileFields) and "evidence" (the content-addressed
    evidence store, cases.evidence.storage). The file system under MEDIA_ROOT unless ZHIFA_STORAGE=s3
    (django-storages, `pip install 'zhifa[s3]'`), any S3-compatible store (MinIO, a 政务云 object store)."""
    if os.environ.get("ZHIFA_STORAGE", "filesystem").strip().lower() != "s3":
        local = "django.core.files.storage.FileSystemStorage"
        return {
            "default": {"BACKEND": local},
            "evidence": {"BACKEND": local, "OPTIONS": {"file_permissions_mode": 0o444}},
        }
    options = {
        "bucket_name": os.environ.get("ZHIFA_S3_BUCKET", "zhifa"),
        "endpoint_url": os.environ.get("ZHIFA_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("ZHIFA_S3_REGION") or None,
        "access_key": os.environ.get("ZHIFA_S3_ACCESS_KEY") or None,
        "secret_key": os.environ.get("ZHIFA_S3_SECRET_KEY") or None,
        "default_acl": None,  # private: files are served through the application's permission checks
        "querystring_auth": True,
        "addressing_style": os.environ.get("ZHIFA_S3_ADDRESSING_STYLE") or None,  # "path" for MinIO
    }
    evidence_bucket = os.environ.get("ZHIFA_S3_EVIDENCE_BUCKET") or options["bucket_name"]
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        "evidence": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {**options, "bucket_name": evidence_bucket},
        },
    }


STORAGES = {
    **_storages(),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Read replicas: ZHIFA_REPLICA_DATABASE_URL adds the "replica" alias; code inside core.replica.using_replica()
# (dashboards, statistics) reads there, everything else and every write uses "default".
if _replica_url := os.environ.get("ZHIFA_REPLICA_DATABASE_URL", "").strip():
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url, conn_max_age=int(os.environ.get("ZHIFA_DB_CONN_MAX_AGE", "0"))
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the test database through it
DATABASE_ROUTERS = ["zhifa.core.replica.ReplicaRouter"]
