"""Replace Wagtail's placeholder "Welcome" page with our HomePage as the site root.

Every fresh database then serves the publication's front page, with or without demo
content. A tree that already has other content at the top is left alone.
"""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("editorial.HomePage")

    placeholder = Page.objects.filter(
        depth=2, path="00010001", content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    if placeholder is None or Page.objects.filter(depth=2).count() != 1:
        return
    Site.objects.filter(root_page=placeholder).delete()
    placeholder.delete()

    content_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="homepage")
    home = HomePage.objects.create(
        title="The Working Week",
        draft_title="The Working Week",
        slug="home",
        content_type=content_type,
        locale=Locale.objects.order_by("pk").first(),
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Site.objects.create(
        hostname="localhost",
        port=80,
        root_page=home,
        is_default_site=True,
        site_name="The Working Week",
    )


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_initial")]

    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
