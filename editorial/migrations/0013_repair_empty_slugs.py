"""Author slugs may be left empty in the admin (they are made from the name), and every
tag, author and page saved with an empty slug before slugs were ensured gets one: an
empty slug made each page linking the object, and the sitemap, fail."""

from django.db import migrations, models
from django.db.models import Value
from django.db.models.functions import Concat, Substr

from editorial.content.slugs import derived_slug, slug_for


def repair_tags(apps):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.filter(slug=""):
        tag.slug = derived_slug(tag.name, "tag")
        tag.save(update_fields=["slug"])


def repair_authors(apps):
    Author = apps.get_model("editorial", "Author")
    for author in Author.objects.filter(slug=""):
        slug = slug_for(author.name, "author")
        if Author.objects.filter(slug=slug).exists():
            slug = derived_slug(author.name, "author")
        author.slug = slug
        author.save(update_fields=["slug"])


def repair_pages(apps):
    """A page's URL path ends in its slug, and its descendants' paths start with it."""
    Page = apps.get_model("wagtailcore", "Page")
    for page in Page.objects.filter(slug="", depth__gt=1).order_by("path"):
        siblings = Page.objects.filter(path__startswith=page.path[:-4], depth=page.depth)
        base = derived_slug(page.title, "page")
        slug, n = base, 1
        while siblings.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        old_url_path = page.url_path
        new_url_path = f"{old_url_path[:-1]}{slug}/"
        Page.objects.filter(pk=page.pk).update(slug=slug)
        Page.objects.filter(path__startswith=page.path).update(
            url_path=Concat(Value(new_url_path), Substr("url_path", len(old_url_path) + 1))
        )


def repair(apps, schema_editor):
    repair_tags(apps)
    repair_authors(apps)
    repair_pages(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0012_article_cards"),
        ("taggit", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="author",
            name="slug",
            field=models.SlugField(
                allow_unicode=True,
                blank=True,
                help_text="The author's address on the site; made from the name when left empty.",
                max_length=120,
                unique=True,
            ),
        ),
        migrations.RunPython(repair, migrations.RunPython.noop, elidable=True),
    ]
