"""Two editors saving the same article: both revisions are kept and the later one is told."""

from django.test import Client
from django.urls import reverse

import pytest

from ..admin_forms import article_form
from ..factories import AlternativeFactory, ArticleFactory, AuthorFactory

NOTICE = "Someone else saved this article while you were editing it"


@pytest.mark.django_db
def test_saving_over_a_newer_revision_keeps_both_and_warns(
    admin_client, django_user_model, section
):
    other_editor = Client()
    other_editor.force_login(django_user_model.objects.create_superuser("other", "o@x.org", "pw"))
    author = AuthorFactory()
    article = ArticleFactory(parent=section, authors=[author])
    opened_by_both = {"loaded_revision_id": str(article.latest_revision_id)}
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    alternatives = [AlternativeFactory()]

    first = other_editor.post(
        url,
        article_form([author], alternatives, title="First title", slug=article.slug)
        | opened_by_both,
        follow=True,
    )
    second = admin_client.post(
        url,
        article_form([author], alternatives, title="Second title", slug=article.slug)
        | opened_by_both,
        follow=True,
    )

    titles = [revision.content["title"] for revision in article.revisions.order_by("pk")]
    assert titles[-2:] == ["First title", "Second title"]
    assert NOTICE not in first.content.decode()
    assert NOTICE in second.content.decode()
