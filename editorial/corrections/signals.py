"""A saved or deleted note changes what readers see of its article at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from editorial.content.dependencies import CORRECTIONS, PAGE
from editorial.pagecache.dependencies import invalidates
from editorial.pagecache.versions import invalidate

from .models import ArticleCorrection


@receiver(post_save, sender=ArticleCorrection, dispatch_uid="editorial_correction_saved")
@receiver(post_delete, sender=ArticleCorrection, dispatch_uid="editorial_correction_deleted")
@invalidates(PAGE, CORRECTIONS)
def invalidate_article(sender, instance, **kwargs):
    invalidate(PAGE(instance.page_id), CORRECTIONS())
