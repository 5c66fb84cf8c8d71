"""Old WordPress addresses of the form ``/?p=<id>``.

Wagtail's redirects answer only requests that would be a 404, and ``/?p=123`` is the
home page with a query string, so the imported redirect for it would never be asked.
This looks it up first, for requests that carry ``p`` and nothing costs the others.
"""

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect

from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect


class WordPressPostIdRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        post_id = request.GET.get("p", "")
        if request.method in ("GET", "HEAD") and post_id.isdigit() and request.path == "/":
            redirect = get_redirect(request, Redirect.normalise_path(f"/?p={post_id}"))
            if redirect is not None and redirect.link:
                response_class = (
                    HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect
                )
                return response_class(redirect.link)
        return self.get_response(request)
