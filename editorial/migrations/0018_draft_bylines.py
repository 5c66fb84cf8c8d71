"""Draft bylines: the byline of each article's newest revision, as rows.

Existing articles get theirs from their newest revision, or from their saved byline
when they have none.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_draft_bylines(apps, schema_editor):
    ArticlePage = apps.get_model("editorial", "ArticlePage")
    ArticleAuthor = apps.get_model("editorial", "ArticleAuthor")
    Author = apps.get_model("editorial", "Author")
    DraftByline = apps.get_model("editorial", "DraftByline")
    Revision = apps.get_model("wagtailcore", "Revision")
    known_authors = set(Author.objects.values_list("pk", flat=True))
    for page_id, revision_id in ArticlePage.objects.values_list("pk", "latest_revision_id"):
        revision = Revision.objects.filter(pk=revision_id).first() if revision_id else None
        if revision is not None:
            bylines = revision.content.get("article_authors") or []
            author_ids = {byline.get("author") for byline in bylines}
        else:
            author_ids = set(
                ArticleAuthor.objects.filter(page_id=page_id).values_list("author_id", flat=True)
            )
        DraftByline.objects.bulk_create(
            [
                DraftByline(page_id=page_id, author_id=author_id)
                for author_id in author_ids & known_authors
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0017_view_batches"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="DraftByline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="draft_bylines",
                        to="editorial.author",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="draft_bylines",
                        to="editorial.articlepage",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("page", "author"), name="unique_draft_byline")
                ],
            },
        ),
        migrations.RunPython(fill_draft_bylines, migrations.RunPython.noop),
    ]
