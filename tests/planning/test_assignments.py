"""Assignments: editors commission and manage them, authors see their own, overdue stands out."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from editorial.models import Assignment

from ..factories import ROLES, ArticleFactory, AuthorFactory, UserFactory, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(cast):
    """The shared ``cast``, with an assignment for "author" and one for "other_author"."""
    mine = Assignment.objects.create(
        working_title="Mine to write", due_date=timezone.localdate() + timedelta(days=7)
    )
    mine.assignees.add(cast["author"].author_profile)
    cast["assignment"] = mine
    cast["other"] = Assignment.objects.create(
        working_title="Someone else's", due_date=timezone.localdate() + timedelta(days=7)
    )
    cast["other"].assignees.add(cast["other_author"].author_profile)
    return cast


def form_data(cast, **overrides):
    data = {
        "working_title": "How to ask for a raise",
        "page": "",
        "section": cast["section"].pk,
        "assignees": [cast["author"].author_profile.pk],
        "due_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
        "status": "open",
        "notes": "800 words",
    }
    data.update(overrides)
    return data


def refused(response, who):
    """Wagtail answers a refused admin request with a redirect: to log in, or home."""
    if who == "anonymous":
        return response.status_code == 302 and "/admin/login/" in response["Location"]
    return response.status_code in (302, 403, 404) and response.get("Location", "") in (
        "",
        reverse("wagtailadmin_home"),
    )


@pytest.mark.parametrize(
    "who, sees",
    [
        ("anonymous", None),
        ("author", {"Mine to write"}),
        ("other_author", {"Someone else's"}),
        ("editor", {"Mine to write", "Someone else's"}),
        ("admin", {"Mine to write", "Someone else's"}),
    ],
)
def test_list_shows_editors_everything_and_authors_their_own(client, cast, who, sees):
    sign_in(client, cast[who])

    response = client.get(reverse("assignments:index"))

    if sees is None:
        assert refused(response, who)
        return
    assert response.status_code == 200
    html = response.content.decode()
    shown = {
        title
        for title in ("Mine to write", "Someone else's")
        if title.replace("'", "&#x27;") in html
    }
    assert shown == sees


@pytest.mark.parametrize(
    "who, allowed", list(zip(ROLES, [False, False, False, True, True], strict=True))
)
def test_only_editors_create_assignments(client, cast, who, allowed):
    sign_in(client, cast[who])

    form = client.get(reverse("assignments:add"))
    response = client.post(reverse("assignments:add"), form_data(cast))

    created = Assignment.objects.filter(working_title="How to ask for a raise").first()
    if allowed:
        assert form.status_code == 200
        assert response.status_code == 302
        assert created.created_by == cast[who]
        assert list(created.assignees.all()) == [cast["author"].author_profile]
    else:
        assert refused(form, who) and refused(response, who)
        assert created is None


@pytest.mark.parametrize(
    "who, allowed", list(zip(ROLES, [False, False, False, True, True], strict=True))
)
def test_only_editors_edit_and_delete_assignments(client, cast, who, allowed):
    mine = cast["assignment"]
    sign_in(client, cast[who])

    edited = client.post(
        reverse("assignments:edit", args=[mine.pk]), form_data(cast, working_title="Renamed")
    )
    mine.refresh_from_db()
    assert (mine.working_title == "Renamed") == allowed
    if not allowed:
        assert refused(edited, who)

    deleted = client.post(reverse("assignments:delete", args=[cast["other"].pk]))
    assert Assignment.objects.filter(pk=cast["other"].pk).exists() != allowed
    if not allowed:
        assert refused(deleted, who)


@pytest.mark.parametrize(
    "who, own, others",
    [
        ("anonymous", False, False),
        ("author", True, False),
        ("other_author", False, True),
        ("editor", True, True),
        ("admin", True, True),
    ],
)
def test_authors_view_only_their_own_assignment(client, cast, who, own, others):
    sign_in(client, cast[who])

    for assignment, allowed in ((cast["assignment"], own), (cast["other"], others)):
        response = client.get(reverse("assignments:inspect", args=[assignment.pk]))
        if allowed:
            assert response.status_code == 200
            assert assignment.working_title in response.content.decode().replace("&#x27;", "'")
        else:
            assert refused(response, who)


def test_a_planned_article_can_later_point_at_its_draft(client, cast):
    draft = ArticleFactory(parent=cast["section"], title="The draft", live=False)
    client.force_login(cast["editor"])

    client.post(
        reverse("assignments:edit", args=[cast["assignment"].pk]),
        form_data(cast, working_title="Mine to write", page=draft.pk, status="in_progress"),
    )

    cast["assignment"].refresh_from_db()
    assert cast["assignment"].page_id == draft.pk
    assert cast["assignment"].status == "in_progress"


@pytest.mark.parametrize(
    "change",
    [
        {"due_date": "2026-02-30"},
        {"due_date": ""},
        {"assignees": []},
        {"assignees": [999999]},
        {"page": 999999},
        {"status": "bogus"},
        {"working_title": ""},
    ],
)
def test_bad_input_is_a_form_error(client, cast, change):
    client.force_login(cast["editor"])

    response = client.post(reverse("assignments:add"), form_data(cast, **change))

    assert response.status_code == 200
    assert "The assignment could not be created" in response.content.decode()
    assert not Assignment.objects.filter(working_title="How to ask for a raise").exists()


def test_unknown_assignment_ids_are_404(client, cast):
    client.force_login(cast["editor"])

    for name in ("edit", "inspect", "delete"):
        assert client.get(reverse(f"assignments:{name}", args=[999999])).status_code == 404


def test_dashboard_lists_an_authors_assignments_and_flags_overdue_ones(client, cast):
    today = timezone.localdate()
    late = Assignment.objects.create(working_title="Late piece", due_date=today - timedelta(1))
    late.assignees.add(cast["author"].author_profile)
    done = Assignment.objects.create(
        working_title="Done piece", due_date=today - timedelta(5), status="done"
    )
    done.assignees.add(cast["author"].author_profile)
    client.force_login(cast["author"])

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    start = html.index('id="editorial_my_assignments-section"')
    panel = html[start : html.index("</section>", start)]
    assert "Mine to write" in panel and "Late piece" in panel
    assert "Someone else" not in panel and "Done piece" not in panel
    assert panel.index("Late piece") < panel.index("Mine to write")
    late_row = panel[panel.index("Late piece") : panel.index("Mine to write")]
    assert "Overdue" in late_row and "editorial-overdue" in late_row
    on_time = panel[panel.index("Mine to write") :]
    assert "Overdue" not in on_time and "To do" in on_time


def test_dashboard_rows_open_the_assignment(client, cast):
    """By its working title, even once it points at an article; editors get its form."""
    assignment = cast["assignment"]
    assignment.page = cast["article"]
    assignment.save()
    AuthorFactory(name="Editor Writer", user=cast["editor"])
    assignment.assignees.add(cast["editor"].author_profile)

    for who, view in (("author", "inspect"), ("editor", "edit")):
        client.force_login(cast[who])
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        start = html.index('id="editorial_my_assignments-section"')
        panel = html[start : html.index("</section>", start)]
        url = reverse(f"assignments:{view}", args=[assignment.pk])
        assert f'<a href="{url}">Mine to write</a>' in panel, who


def test_overdue_is_flagged_in_the_list_and_only_while_active(client, cast):
    today = timezone.localdate()
    Assignment.objects.filter(pk=cast["assignment"].pk).update(due_date=today - timedelta(1))
    Assignment.objects.filter(pk=cast["other"].pk).update(
        due_date=today - timedelta(1), status="done"
    )
    client.force_login(cast["editor"])

    html = client.get(reverse("assignments:index")).content.decode()

    assert len(re.findall(r">\s*Overdue\s*<", html)) == 1
    assert not Assignment.objects.get(pk=cast["other"].pk).is_overdue


def test_editors_without_an_author_profile_see_no_assignment_panel(client, cast):
    client.force_login(cast["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="editorial_my_assignments-section"' not in html
    AuthorFactory(name="Editor Writer", user=cast["editor"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nothing is assigned to you." in html


def test_dashboard_queries_do_not_grow_with_assignments(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast["author"])
    url = reverse("wagtailadmin_home")
    client.get(url)
    with django_assert_max_num_queries(80) as base:
        client.get(url)
    for n in range(5):
        draft = ArticleFactory(parent=cast["section"], title=f"Draft {n}", live=False)
        extra = Assignment.objects.create(
            working_title=f"Extra {n}", page=draft, due_date=timezone.localdate()
        )
        extra.assignees.add(
            cast["author"].author_profile, UserFactory(role="author").author_profile
        )

    with django_assert_max_num_queries(len(base.captured_queries)):
        client.get(url)
