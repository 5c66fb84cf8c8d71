"""Article rendering: bylines in order, tags that link, reading time, alternatives."""

import pytest

from editorial.models import ArticleAuthor

from ..factories import (
    AlternativeFactory,
    ArticleFactory,
    AuthorFactory,
    alternatives_block,
    paragraph,
)


def byline_names(html):
    start = html.index('class="byline"')
    return [
        chunk.split(">", 1)[1].split("<", 1)[0]
        for chunk in html[start : html.index("</span>", start)].split('rel="author"')[1:]
    ]


@pytest.mark.django_db
def test_byline_lists_every_author_in_editor_order(client, section):
    zoe, adam, mia = (AuthorFactory(name=n) for n in ("Zoe Adams", "Adam Zane", "Mia Ng"))
    article = ArticleFactory(parent=section, authors=[zoe, adam, mia])

    html = client.get(article.url).content.decode()

    assert byline_names(html) == ["Zoe Adams", "Adam Zane", "Mia Ng"]
    assert 'href="/authors/zoe-adams/"' in html


@pytest.mark.django_db
def test_byline_follows_reordering(client, section):
    first, second = AuthorFactory(name="First Person"), AuthorFactory(name="Second Person")
    article = ArticleFactory(parent=section, authors=[first, second])
    article.article_authors = [ArticleAuthor(author=second), ArticleAuthor(author=first)]
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    assert byline_names(html) == ["Second Person", "First Person"]
    assert ArticleAuthor.objects.filter(page=article).count() == 2


@pytest.mark.django_db
def test_tags_render_and_link_to_their_pages(client, section):
    article = ArticleFactory(parent=section, tags=["remote work", "café culture"])

    response = client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/tags/remote-work/" rel="tag">remote work</a>' in html
    assert "/tags/caf%C3%A9-culture/" in html or "/tags/café-culture/" in html
    assert client.get("/tags/café-culture/").status_code == 200


@pytest.mark.django_db
def test_reading_time_grows_with_the_body(section):
    words = " ".join(["word"] * 1000)
    short = ArticleFactory(parent=section, body=[paragraph("A few words.")])
    long = ArticleFactory(parent=section, body=[paragraph(words)])

    assert short.reading_time == 1
    assert long.reading_time == 5


@pytest.mark.django_db
def test_reading_time_counts_inserted_alternatives(section):
    alternative = AlternativeFactory(summary="<p>" + " ".join(["tip"] * 500) + "</p>")
    article = ArticleFactory(parent=section, body=[alternatives_block([alternative])])

    assert article.reading_time == 3


@pytest.mark.django_db
def test_unpublished_alternative_disappears_without_breaking_the_article(client, section):
    shown = AlternativeFactory(title="Join Groups")
    hidden = AlternativeFactory(title="Secret Shortcut")
    article = ArticleFactory(parent=section, body=[alternatives_block([shown, hidden])])
    hidden.save_revision().publish()
    hidden.unpublish()

    response = client.get(article.url)

    assert response.status_code == 200
    assert "Join Groups" in response.content.decode()
    assert "Secret Shortcut" not in response.content.decode()


@pytest.mark.django_db
def test_alternative_draft_changes_stay_off_the_public_page(client, section):
    alternative = AlternativeFactory(title="Engage Actively")
    article = ArticleFactory(parent=section, body=[alternatives_block([alternative])])
    alternative.title = "Engage Aggressively"
    alternative.save_revision()

    html = client.get(article.url).content.decode()

    assert "Engage Actively" in html
    assert "Engage Aggressively" not in html


@pytest.mark.django_db
def test_draft_article_is_not_served(client, section):
    draft = ArticleFactory(parent=section, live=False)

    assert client.get(f"/{section.slug}/{draft.slug}/").status_code == 404
