"""The site's URLs plus one view that fails, to see what readers get on a server error."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("database password is hunter2")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
