"""Requests to a real server (a proxy in front of the live test server), as a client
sends them, without following redirects."""

import urllib.error
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def open_unfollowed(url, context=None):
    """The response to ``url``, an error status included, with redirects not followed;
    ``context`` is the SSL context for https."""
    try:
        handlers = [NoRedirect, urllib.request.HTTPSHandler(context=context)]
        return urllib.request.build_opener(*handlers).open(url, timeout=10)
    except urllib.error.HTTPError as error:
        return error
