"""Form data for the Wagtail admin's article editor, as a browser would post it."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield


def add_article_url(section):
    return reverse("wagtailadmin_pages:add", args=("editorial", "articlepage", section.pk))


def article_form(authors, alternatives, **overrides):
    data = {
        "title": "Working the Room",
        "slug": "working-the-room",
        "standfirst": "How to make a networking event worth the evening.",
        "article_authors": inline_formset([{"author": author.pk} for author in authors]),
        "tags": "networking, events",
        "related_links": inline_formset([]),
        "body": streamfield(
            [
                ("heading", {"text": "Before You Go", "anchor": ""}),
                ("paragraph", rich_text("<p>Pick <b>three</b> people to meet.</p>")),
                (
                    "key_points",
                    {
                        "points": streamfield(
                            [
                                ("item", {"title": "Prepare", "text": rich_text("<p>Read.</p>")}),
                                ("item", {"title": "Listen", "text": rich_text("<p>Ask.</p>")}),
                            ]
                        )
                    },
                ),
                (
                    "alternatives",
                    {
                        "heading": "",
                        "intro": rich_text("<p>Or try these:</p>"),
                        "alternatives": streamfield([("item", alt.pk) for alt in alternatives]),
                    },
                ),
                ("quote", {"quote": "Be curious.", "attribution": "A mentor"}),
                ("callout", {"tone": "tip", "title": "Tip", "text": rich_text("<p>Smile.</p>")}),
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)
