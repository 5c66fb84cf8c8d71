# ruff: noqa: E501

from django.db import migrations

import wagtail.fields


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0010_search_title_body_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="homepage",
            name="body",
            field=wagtail.fields.StreamField(
                [("trending_posts", 3), ("latest_posts", 3)],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Leave empty for the default heading.",
                            "max_length": 80,
                            "required": False,
                        },
                    ),
                    1: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {"default": 3, "help_text": "At most 12.", "max_value": 12, "min_value": 1},
                    ),
                    2: (
                        "wagtail.blocks.PageChooserBlock",
                        (),
                        {
                            "help_text": "Only articles of this section; leave empty for the whole site.",
                            "page_type": ["editorial.SectionPage"],
                            "required": False,
                        },
                    ),
                    3: (
                        "wagtail.blocks.StructBlock",
                        [[("heading", 0), ("count", 1), ("section", 2)]],
                        {},
                    ),
                },
                help_text="Lists of trending or latest articles, shown with this page's own list.",
            ),
        ),
        migrations.AlterField(
            model_name="sectionpage",
            name="body",
            field=wagtail.fields.StreamField(
                [("trending_posts", 3), ("latest_posts", 3)],
                blank=True,
                block_lookup={
                    0: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Leave empty for the default heading.",
                            "max_length": 80,
                            "required": False,
                        },
                    ),
                    1: (
                        "wagtail.blocks.IntegerBlock",
                        (),
                        {"default": 3, "help_text": "At most 12.", "max_value": 12, "min_value": 1},
                    ),
                    2: (
                        "wagtail.blocks.PageChooserBlock",
                        (),
                        {
                            "help_text": "Only articles of this section; leave empty for the whole site.",
                            "page_type": ["editorial.SectionPage"],
                            "required": False,
                        },
                    ),
                    3: (
                        "wagtail.blocks.StructBlock",
                        [[("heading", 0), ("count", 1), ("section", 2)]],
                        {},
                    ),
                },
                help_text="Lists of trending or latest articles, shown with this page's own list.",
            ),
        ),
    ]
