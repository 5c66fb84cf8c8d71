"""gunicorn settings for production: ``gunicorn -c config/gunicorn.py config.wsgi``.

Every value can be overridden from the environment, as gunicorn's own ``GUNICORN_CMD_ARGS``
also allows.
"""

import multiprocessing
import os
import shutil
import tempfile
from pathlib import Path

# Prometheus metrics in multiprocess mode (editorial.operations.metrics): each worker writes
# its counters to files in PROMETHEUS_MULTIPROC_DIR and /metrics adds them up. Without one
# in the environment, each gunicorn gets a folder of its own, so that two on one machine
# never mix or clear each other's. prometheus_client reads the variable when first
# imported, so it is set before.
METRICS_DIR_IS_OURS = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if METRICS_DIR_IS_OURS:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="editorial-metrics-")

from prometheus_client import multiprocess  # noqa: E402

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One request at a time per worker: nginx and Varnish in front (config/nginx.conf) read
# every request and answer whole, so no slow reader holds a worker. On two cores, five
# such workers served 9-26% more uncached articles and 7-41% more cached ones than five
# of four threads each, with about half the 99th percentile: threads of one worker take
# turns with its interpreter lock, and a worker given more readers than others keeps them
# waiting while others idle. What a worker waits on (PostgreSQL, Redis, object storage, an
# oEmbed provider while an editor saves) holds it whole, so where such waits are long,
# GUNICORN_THREADS above 1 makes gunicorn use threaded workers (gthread) instead.
# A sync worker still busy after GUNICORN_TIMEOUT is stopped: a minute by default, when
# nginx and Varnish have given up on the answer too (their default); the admin's WordPress
# import keeps within it (importing.wordpress_views.ADMIN_POSTS).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
# For threaded workers: sync workers close each connection after the answer.
keepalive = 5
# Recycle workers now and then so that a slow leak never takes a server down; rarely, as
# a new worker starts with nothing imported and nothing remembered (~1 s of slower answers):
# at 5,000 a busy server restarted a worker every few seconds.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 200_000))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """A restarted server starts counting from zero, as Prometheus expects of a restart."""
    for path in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        path.unlink()


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if METRICS_DIR_IS_OURS:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
