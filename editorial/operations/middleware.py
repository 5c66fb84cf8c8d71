"""Request metrics, and the endpoints probes and scrapers call.

Both come first in ``MIDDLEWARE``: the metrics time every answer, and the endpoints answer
before the host name is checked, HTTPS is enforced or a session is read, so that a load
balancer or Prometheus reaching an app server by its address gets them as they are.
"""

import hmac
import ipaddress
import json
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed

from editorial.roles import client_address

from .health import readiness
from .metrics import LATENCY, REQUESTS, exposition

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def view_label(request, response):
    """The view that answered, by its URL name: one series per view whatever the URL. A
    page from the page cache was answered before any view was chosen."""
    label = getattr(request, "operations_endpoint", None)
    if label is None and request.resolver_match is not None:
        label = request.resolver_match.view_name
    if label is None:
        label = "page_cache" if response.has_header("X-Cache") else "unresolved"
    return label


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request, response)
        LATENCY.labels(view).observe(time.perf_counter() - started)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view, method, f"{response.status_code // 100}xx").inc()
        return response


def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def readyz(request):
    ready, report = readiness()
    return HttpResponse(
        json.dumps(report), status=200 if ready else 503, content_type="application/json"
    )


def may_read_metrics(request):
    """Operators only: a request from an allowed network or with the bearer token."""
    token = settings.METRICS_TOKEN
    scheme, _, offered = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if (
        token
        and scheme.lower() == "bearer"
        and hmac.compare_digest(offered.encode(), token.encode())
    ):
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.METRICS_ALLOWED_NETWORKS
    )


def metrics(request):
    if not may_read_metrics(request):
        return HttpResponse(
            "Metrics are for operators: allowed networks or a bearer token only.\n",
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(exposition(), content_type="text/plain; version=0.0.4; charset=utf-8")


ENDPOINTS = {
    "/healthz/": ("operations:healthz", healthz),
    "/readyz/": ("operations:readyz", readyz),
    "/metrics": ("operations:metrics", metrics),
}


class OperationsEndpointsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        endpoint = ENDPOINTS.get(request.path_info)
        if endpoint is None:
            return self.get_response(request)
        request.operations_endpoint, view = endpoint
        if request.method not in ("GET", "HEAD"):
            response = HttpResponseNotAllowed(["GET", "HEAD"])
        else:
            response = view(request)
        if request.method == "HEAD":
            response.content = b""
        response["Cache-Control"] = "no-store"
        return response
