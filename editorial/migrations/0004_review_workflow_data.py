"""Roles and the "Editorial review" workflow, so every fresh database has them.

Wagtail's first migrations create two groups on the root page: "Editors" (add and edit:
what we call an author) and "Moderators" (also publish and lock: what we call an
editor). We rename them to "Authors" and "Editors" rather than add two more groups, so
members keep the role they had, then give each exactly the permissions below on the
site's home page. Wagtail's "Moderators approval" workflow is switched off in favour of
"Editorial review". Running this again (or on a database set up by hand) converges on the
same state.
"""

from django.db import migrations

AUTHOR_PAGE_PERMISSIONS = ["add_page"]  # "add" alone: create, and edit only what you own
EDITOR_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "lock_page",
    "unlock_page",
    "bulk_delete_page",
]
AUTHOR_MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("editorial", "alternative", "add_alternative"),
    ("editorial", "alternative", "change_alternative"),
    # Own profile only: AuthorPermissionPolicy narrows this to the linked account.
    ("editorial", "author", "change_author"),
]
EDITOR_MODEL_PERMISSIONS = [("wagtailadmin", "admin", "access_admin")] + [
    ("editorial", model, f"{action}_{model}")
    for model in ("alternative", "author")
    for action in ("add", "change", "delete", "publish", "lock", "unlock")
]
AUTHOR_COLLECTION_PERMISSIONS = [("wagtailimages", "image", ["add", "choose"])]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
    ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # Permissions are normally created after migrations; a fresh database needs them now.
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )[0]


def role_groups(apps):
    Group = apps.get_model("auth", "Group")
    names = set(Group.objects.values_list("name", flat=True))
    if "Authors" not in names and {"Editors", "Moderators"} <= names:
        Group.objects.filter(name="Editors").update(name="Authors")
        Group.objects.filter(name="Moderators").update(name="Editors")
    return Group.objects.get_or_create(name="Authors")[0], Group.objects.get_or_create(
        name="Editors"
    )[0]


def grant(apps, group, home, root_collection, page_perms, model_perms, collection_perms):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group.permissions.set([permission(apps, *spec) for spec in model_perms])
    GroupPagePermission.objects.filter(group=group).delete()
    for codename in page_perms:
        GroupPagePermission.objects.create(
            group=group, page=home, permission=permission(apps, "wagtailcore", "page", codename)
        )
    GroupCollectionPermission.objects.filter(group=group).delete()
    if root_collection is None:
        return
    for app_label, model, actions in collection_perms:
        for action in actions:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=permission(apps, app_label, model, f"{action}_{model}"),
            )


def create_roles_and_workflow(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Site = apps.get_model("wagtailcore", "Site")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    EditorialReviewTask = apps.get_model("editorial", "EditorialReviewTask")

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    root_collection = Collection.objects.filter(depth=1).first()
    authors, editors = role_groups(apps)
    grant(
        apps,
        authors,
        home,
        root_collection,
        AUTHOR_PAGE_PERMISSIONS,
        AUTHOR_MODEL_PERMISSIONS,
        AUTHOR_COLLECTION_PERMISSIONS,
    )
    grant(
        apps,
        editors,
        home,
        root_collection,
        EDITOR_PAGE_PERMISSIONS,
        EDITOR_MODEL_PERMISSIONS,
        EDITOR_COLLECTION_PERMISSIONS,
    )

    default = Workflow.objects.filter(name="Moderators approval").first()
    if default is not None:
        WorkflowPage.objects.filter(workflow=default).delete()
        Workflow.objects.filter(pk=default.pk).update(active=False)
        Task.objects.filter(workflow_tasks__workflow=default).update(active=False)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="editorialreviewtask"
    )
    task = EditorialReviewTask.objects.filter(name="Editor approval").first()
    if task is None:
        task = EditorialReviewTask.objects.create(name="Editor approval", content_type=task_type)
    task.groups.set([editors])

    workflow, _ = Workflow.objects.get_or_create(name="Editorial review")
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    alternative_type, _ = ContentType.objects.get_or_create(
        app_label="editorial", model="alternative"
    )
    WorkflowContentType.objects.update_or_create(
        content_type=alternative_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_review_workflow"),
        # After every Wagtail migration that grants to its default groups by name.
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, migrations.RunPython.noop)]
