"""Editors add, change and delete corrections; authors do not (a correction is an
editorial statement about published work)."""

from django.db import migrations

CORRECTION_PERMISSIONS = ["add", "change", "delete"]


def grant_editors(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="articlecorrection"
    )
    for action in CORRECTION_PERMISSIONS:
        # Permissions are normally created after migrations; a fresh database needs them now.
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_articlecorrection",
            defaults={"name": f"Can {action} article correction"},
        )
        editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0008_previews_corrections")]

    operations = [migrations.RunPython(grant_editors, migrations.RunPython.noop)]
