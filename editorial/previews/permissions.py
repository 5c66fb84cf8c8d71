"""Who may share an article's draft through a link."""

from wagtail.permissions import page_permission_policy

from editorial.content.models import ArticlePage


def can_share_preview(user, page):
    """Whether ``user`` may create and revoke shareable links to ``page``'s draft.

    The publish permission is read from the page permissions rather than from
    ``can_publish()``, which the four-eyes rule narrows: sharing is not signing off.
    """
    if not user.is_active or not isinstance(page.specific_deferred, ArticlePage):
        return False
    return page.permissions_for_user(user).can_edit() and (
        page_permission_policy.user_has_permission_for_instance(user, "publish", page)
    )
