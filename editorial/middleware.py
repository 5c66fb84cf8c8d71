from django.http import HttpResponseBadRequest


class RejectNulBytesMiddleware:
    """Answer 400 to URLs containing NUL characters.

    No valid URL here has one, and PostgreSQL refuses NUL in text parameters, so such a
    request would otherwise reach a database lookup and fail there with a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *(v for _, vs in request.GET.lists() for v in vs)]
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest("Invalid character in URL.", content_type="text/plain")
        return self.get_response(request)
