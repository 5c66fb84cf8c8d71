"""Editors find alternatives in the admin by tag and by publication state."""

from django.urls import reverse

import pytest
from taggit.models import Tag

from ..factories import AlternativeFactory

LIST_URL = reverse("wagtailsnippets_editorial_alternative:list")


def listed_titles(response):
    return {alternative.title for alternative in response.context["object_list"]}


@pytest.mark.django_db
def test_alternatives_filter_by_tag(admin_client):
    tagged = AlternativeFactory(title="Engage Actively")
    tagged.tags.add("linkedin")
    tagged.save()
    AlternativeFactory(title="Attend Events")

    response = admin_client.get(LIST_URL, {"tags": Tag.objects.get(name="linkedin").pk})

    assert response.status_code == 200
    assert listed_titles(response) == {"Engage Actively"}


@pytest.mark.django_db
def test_alternatives_filter_by_live_state(admin_client):
    AlternativeFactory(title="Published one")
    draft = AlternativeFactory(title="Draft one")
    draft.unpublish()

    response = admin_client.get(LIST_URL, {"live": "false"})

    assert listed_titles(response) == {"Draft one"}
