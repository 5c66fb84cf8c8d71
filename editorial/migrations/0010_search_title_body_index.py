"""An index for the expression Wagtail's PostgreSQL search filters on.

Wagtail indexes ``title`` and ``body`` separately but matches ``title || body`` against
the query, which neither index serves: every search read the whole index table. This
expression index lets PostgreSQL find the matching entries directly. Other databases
search differently and get nothing.
"""

from django.db import migrations

INDEX = "editorial_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0009_previews_corrections_data"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
