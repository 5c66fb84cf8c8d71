"""Admin forms that fill in what the editor would otherwise type every time."""

from wagtail.admin.forms import WagtailAdminPageForm


class ArticlePageForm(WagtailAdminPageForm):
    """Puts the writer's own ``Author`` profile first on the byline of a new article."""

    def __init__(self, data=None, files=None, *args, **kwargs):
        from editorial.models import ArticleAuthor, Author

        instance, user = kwargs.get("instance"), kwargs.get("for_user")
        if (
            data is None
            and instance is not None
            and instance.pk is None
            and user is not None
            and not instance.article_authors.all()
        ):
            profile = Author.objects.filter(user=user).first()
            if profile is not None:
                instance.article_authors = [ArticleAuthor(author=profile)]
        super().__init__(data, files, *args, **kwargs)
