from wagtail.signals import page_published

from editorial.renditions import ARTICLE_SPECS


def pregenerate_article_renditions(sender, instance, **kwargs):
    if instance.hero_image_id:
        instance.hero_image.get_renditions(*ARTICLE_SPECS)


def register_signal_handlers():
    from editorial.models import ArticlePage

    page_published.connect(pregenerate_article_renditions, sender=ArticlePage)
