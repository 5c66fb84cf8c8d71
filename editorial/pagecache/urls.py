from django.urls import path

from .fragments import fragment_view

app_name = "pagecache"

urlpatterns = [path("<slug:name>/<str:token>/", fragment_view, name="fragment")]
