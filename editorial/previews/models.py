"""Shareable previews: expiring, revocable links to an article's latest draft.

Only a hash of each token is stored, so the database alone never yields a working
link; the editor sees the link once, when it is created.
"""

import hashlib
import ipaddress
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from editorial.content.models.fields import optional_link
from editorial.roles import client_address

# Hours a link may live, as the editor chooses them.
LIFETIME_CHOICES = [
    (1, _("1 hour")),
    (24, _("1 day")),
    (72, _("3 days")),
    (168, _("7 days")),
    (336, _("14 days")),
]
USER_AGENT_MAX_LENGTH = 300


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def truncated_address(address):
    """The network, not the reader: IPv4 to /24 and IPv6 to /48, as analytics tools do.

    Enough to tell a newsroom's reviewer from an unexpected country, never one device.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


class ShareablePreviewQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())

    def for_token(self, token):
        """The active link for ``token``, or None (unknown, expired and revoked alike)."""
        return self.active().select_related("page").filter(token_hash=hash_token(token)).first()


class ShareablePreview(models.Model):
    page = models.ForeignKey(
        "editorial.ArticlePage", on_delete=models.CASCADE, related_name="shareable_previews"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    note = models.CharField(
        max_length=120, blank=True, help_text=_("Who the link is for, e.g. 'Legal review, Sam'.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = optional_link(settings.AUTH_USER_MODEL)

    objects = ShareablePreviewQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        if self.note:
            return gettext("Preview of “%(title)s” (%(note)s)") % {
                "title": self.page.title,
                "note": self.note,
            }
        return gettext("Preview of “%(title)s”") % {"title": self.page.title}

    @classmethod
    def create(cls, page, user, hours, note=""):
        """A new link and its token; the token is never stored and cannot be shown again."""
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(
            page=page,
            token_hash=hash_token(token),
            note=note,
            created_by=user,
            expires_at=timezone.now() + timedelta(hours=hours),
        )
        return link, token

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self, user):
        self.revoked_at = timezone.now()
        self.revoked_by = user
        self.save(update_fields=["revoked_at", "revoked_by"])

    def record_access(self, request):
        return self.accesses.create(
            ip_network=truncated_address(client_address(request)),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH],
        )


class ShareablePreviewAccess(models.Model):
    """One opening of a shareable link; the address is truncated to its network."""

    preview = models.ForeignKey(ShareablePreview, on_delete=models.CASCADE, related_name="accesses")
    accessed_at = models.DateTimeField(auto_now_add=True)
    ip_network = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=USER_AGENT_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["-accessed_at", "-pk"]
        verbose_name_plural = _("shareable preview accesses")

    def __str__(self):
        return f"{self.preview_id} at {self.accessed_at:%Y-%m-%d %H:%M}"
