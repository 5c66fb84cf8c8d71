"""Let editors (the "Editors" group) pin articles to trending and exclude them.

The permission is created here because Django only adds model permissions after all
migrations have run, too late to grant it to a group in the same ``migrate``.
"""

from django.db import migrations

CODENAME = "steer_trending"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="articlepage")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can pin articles to trending or exclude them"},
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="editorial", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        # 0004 renamed Wagtail's "Moderators" group to "Editors".
        ("editorial", "0005_trending"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
