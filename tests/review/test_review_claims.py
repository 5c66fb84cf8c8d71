"""Review claims: one editor reviews an article at a time, and everyone can see who."""

from django.contrib.messages import get_messages
from django.urls import reverse

import pytest

from editorial.models import ArticlePage, ReviewClaim

from ..factories import ROLES, ArticleFactory, AuthorFactory, UserFactory, sign_in
from ..workflow import reload, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast, section):
    """The shared ``cast``, with another article by "author" in review."""
    writer = cast["author"]
    article = ArticleFactory(parent=section, title="Awaiting review", writer=writer, live=False)
    cast["review"] = submit(article, writer)
    return cast


def claim_url(page):
    return reverse("editorial_claim_review", args=[page.pk])


def release_url(page):
    return reverse("editorial_release_review", args=[page.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def claimant(page):
    claim = ReviewClaim.objects.filter(page=page).first()
    return claim.user if claim else None


@pytest.mark.parametrize(
    "who, allowed", list(zip(ROLES, [False, False, False, True, True], strict=True))
)
def test_only_reviewers_claim(client, cast, who, allowed):
    sign_in(client, cast[who])

    response = client.post(claim_url(cast["review"]))

    assert claimant(cast["review"]) == (cast[who] if allowed else None)
    if allowed:
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[cast["review"].pk])
    elif who == "anonymous":
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    else:
        assert response.status_code == 403


def test_an_editor_may_not_claim_their_own_article(client, cast):
    editor = cast["editor"]
    article = ArticleFactory(
        parent=cast["section"],
        owner=editor,
        authors=[AuthorFactory(name="Editor Writer", user=editor)],
        live=False,
    )
    submit(article, editor)
    client.force_login(editor)

    assert client.post(claim_url(article)).status_code == 403
    assert claimant(article) is None


def test_pages_not_in_review_cannot_be_claimed(client, cast):
    client.force_login(cast["editor"])

    assert client.post(claim_url(cast["article"])).status_code == 403
    assert client.post(claim_url(cast["section"])).status_code == 403
    assert not ReviewClaim.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/review-claims/999999/claim/",
        "/admin/review-claims/99999999999/claim/",
        "/admin/review-claims/999999/release/",
    ],
)
def test_unknown_pages_are_404(client, cast, url):
    client.force_login(cast["editor"])
    assert client.post(url).status_code == 404


def test_claims_need_a_post(client, cast):
    client.force_login(cast["editor"])
    assert client.get(claim_url(cast["review"])).status_code == 405
    assert client.get(release_url(cast["review"])).status_code == 405
    assert not ReviewClaim.objects.exists()


def test_second_editor_is_refused_with_a_clear_message(client, cast):
    first, second = cast["editor"], UserFactory(role="editor", first_name="Second")
    first.first_name, first.last_name = "Ada", "Byron"
    first.save()
    client.force_login(first)
    client.post(claim_url(cast["review"]))
    client.force_login(second)

    response = client.post(claim_url(cast["review"]), follow=True)

    assert claimant(cast["review"]) == first
    assert any("already being reviewed by Ada Byron" in m for m in messages_of(response))


def test_claiming_again_keeps_the_claim(client, cast):
    client.force_login(cast["editor"])
    client.post(claim_url(cast["review"]))
    claimed_at = ReviewClaim.objects.get().claimed_at

    client.post(claim_url(cast["review"]))

    assert ReviewClaim.objects.get().claimed_at == claimed_at


@pytest.mark.parametrize(
    "who, allowed",
    [
        ("anonymous", False),
        ("author", False),
        ("other_author", False),
        ("other editor", False),
        ("claimer", True),
        ("admin", True),
    ],
)
def test_release_is_for_the_claimer_or_an_admin(client, cast, who, allowed):
    cast["claimer"] = cast["editor"]
    cast["other editor"] = UserFactory(role="editor")
    ReviewClaim.objects.create(page=cast["review"], user=cast["claimer"])
    sign_in(client, cast[who])

    response = client.post(release_url(cast["review"]))

    assert (claimant(cast["review"]) is None) == allowed
    if who == "anonymous":
        assert response["Location"].startswith(reverse("wagtailadmin_login"))
    elif not allowed:
        assert response.status_code == 403


def test_claim_is_shown_on_the_dashboard_and_the_edit_view(client, cast):
    claimer, other = cast["editor"], cast["admin"]
    claimer.first_name, claimer.last_name = "Ada", "Byron"
    claimer.save()
    client.force_login(claimer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'action="{claim_url(cast["review"])}"' in home

    client.post(claim_url(cast["review"]))
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Claimed by you" in home
    assert f'action="{release_url(cast["review"])}"' in home
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[cast["review"].pk]))
    assert "You claimed this review" in edit.content.decode()

    client.force_login(other)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Claimed by Ada Byron" in home
    assert f'action="{claim_url(cast["review"])}"' not in home
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[cast["review"].pk]))
    assert "Ada Byron is reviewing this article" in edit.content.decode()


@pytest.mark.parametrize("ending", ["reject", "cancel"])
def test_claim_ends_with_the_review(client, cast, ending):
    ReviewClaim.objects.create(page=cast["review"], user=cast["editor"])
    state = reload(cast["review"]).current_workflow_state
    if ending == "cancel":
        state.cancel(user=cast["author"])
    else:
        task_state = state.current_task_state
        task_state.task.specific.on_action(task_state, cast["editor"], "reject")

    assert not ReviewClaim.objects.exists()


def test_claim_ends_when_the_article_is_approved(client, cast, section):
    writer = cast["author"]
    ready = ArticleFactory(
        parent=section,
        title="Ready one",
        writer=writer,
        tags=["careers"],
        ready=True,
        live=False,
    )
    ready = submit(ready, writer)
    ReviewClaim.objects.create(page=ready, user=cast["editor"])
    task_state = ready.current_workflow_state.current_task_state

    task_state.task.specific.on_action(task_state, cast["editor"], "approve")

    assert ArticlePage.objects.get(pk=ready.pk).live
    assert not ReviewClaim.objects.exists()
