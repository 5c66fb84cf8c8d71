from django.urls import path

from editorial import beacon, views

app_name = "editorial"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_index, name="tag"),
    path("authors/<str:slug>/", views.author_detail, name="author"),
    path("views/", beacon.count_view, name="views"),
]
