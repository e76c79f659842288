"""gunicorn for zhifa (docs/deploy.md): `gunicorn -c deploy/gunicorn.conf.py zhifa.wsgi`.

Sync workers, several per machine: a request holds one worker for its duration, and the work is database
bound. Every worker shares rate limits and sessions through Redis (ZHIFA_REDIS_URL); with one worker and no
Redis nothing is shared, which is all `make run` needs. Bound to the loopback only: nginx in front is the one
client, and the only address X-Forwarded-For and X-Forwarded-Proto are believed from
(ZHIFA_TRUSTED_PROXIES=127.0.0.1).
"""

import multiprocessing
import os

bind = os.environ.get("ZHIFA_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("ZHIFA_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# A 2 GB evidence file arrives in 8 MiB chunks and a case file export streams: no request should need
# more than this; a worker stuck longer is killed and replaced.
timeout = int(os.environ.get("ZHIFA_WORKER_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then (a leak in any library stays bounded); jitter so they do not all restart
# together.
max_requests = 2000
max_requests_jitter = 200
# Load the application once in the master, before forking: faster starts, less memory. Database
# connections are opened per worker after the fork (Django opens them on the first query).
preload_app = True
# gunicorn's own trust of forwarded headers (wsgi.url_scheme): only from nginx on this machine.
forwarded_allow_ips = os.environ.get("ZHIFA_GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("ZHIFA_LOG_LEVEL", "info").lower()
# The access log with the client's address as nginx forwarded it.
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(L)ss'
