"""StreamField blocks for article bodies and the listing blocks of every page type.

Every block describes itself (icon, description, template, preview value) so that the
editor's block picker explains what it inserts. Options that only affect rendering are
kept out of ``deconstruct()`` by living on ``Meta``, so changing them needs no migration.
"""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from editorial.pagecache.fragments import include
from editorial.pagecache.recording import depends_on

from .dependencies import ALTERNATIVE, IMAGE
from .queries import model

# Body text stays simple so that articles look alike and import cleanly: no headings
# (the heading block owns those, with anchors), no embeds inside paragraphs.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class HeadingStructValue(blocks.StructValue):
    @property
    def anchor_id(self):
        return self.get("anchor") or slugify(self.get("text", ""))


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    anchor = blocks.CharBlock(
        required=False,
        max_length=80,
        help_text=_("Optional link target, e.g. 'the-ethical-dilemma'. Defaults to the text."),
    )

    def clean(self, value):
        value = super().clean(value)
        anchor = value.get("anchor")
        if anchor and slugify(anchor) != anchor:
            raise StructBlockValidationError(
                block_errors={
                    "anchor": ErrorList(
                        [
                            ValidationError(
                                gettext("Use lowercase letters, digits and hyphens only.")
                            )
                        ]
                    )
                }
            )
        return value

    class Meta:
        icon = "title"
        template = "editorial/blocks/heading_block.html"
        value_class = HeadingStructValue
        description = _("A section heading readers can link to")
        preview_value = {"text": "The Ethical Dilemma", "anchor": ""}


class KeyPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = _("Key point")


class KeyPointsBlock(blocks.StructBlock):
    points = blocks.ListBlock(KeyPointBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "editorial/blocks/key_points_block.html"
        description = _("A numbered list of points, each with a short title and its explanation")
        preview_value = {
            "points": [
                {"title": "Authenticity", "text": "<p>Connections should be earned.</p>"},
                {"title": "Trust", "text": "<p>Inflated networks erode credibility.</p>"},
            ]
        }


class AlternativesStructValue(blocks.StructValue):
    @property
    def published_alternatives(self):
        """Readers see only live alternatives; a deleted or unpublished one drops out."""
        chosen = [item for item in self.get("alternatives", []) if item is not None]
        depends_on(*ALTERNATIVE.all(item.pk for item in chosen))
        return [item for item in chosen if item.live]


class AlternativesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    intro = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES, required=False)
    alternatives = blocks.ListBlock(SnippetChooserBlock("editorial.Alternative"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "editorial/blocks/alternatives_block.html"
        value_class = AlternativesStructValue
        description = _("Reusable alternatives kept once as snippets and shown as a numbered list")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "editorial/blocks/quote_block.html"
        description = _("A pull quote with an optional attribution")
        preview_value = {
            "quote": "Credibility and trust are invaluable.",
            "attribution": "Maya Okafor",
        }


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    def get_context(self, value, parent_context=None):
        image = value.get("image")
        if image is not None:
            depends_on(IMAGE(image.pk))
        return super().get_context(value, parent_context)

    class Meta:
        icon = "image"
        template = "editorial/blocks/figure_block.html"
        description = _("An image with alt text and an optional caption")


class EmbedFigureBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text=_("A video or post URL from a provider that supports oEmbed"))
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "editorial/blocks/embed_block.html"
        description = _("A video or social post embedded from its URL")


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Warning"))],
        default="note",
    )
    title = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "editorial/blocks/callout_block.html"
        description = _("A boxed note, tip or warning set apart from the text")
        preview_value = {
            "tone": "tip",
            "title": "Before you connect",
            "text": "<p>Write a short personal note with every request.</p>",
        }


class ListingBlock(blocks.StructBlock):
    """A list of article cards; subclasses say which articles.

    Lists change with every publication or with what readers read, far more often than
    the page they are on: each is a fragment (``pagecache.fragments``) of its own, which
    the page includes, so that the page stays cached while the list changes.
    """

    heading = blocks.CharBlock(
        required=False, max_length=80, help_text=_("Leave empty for the default heading.")
    )
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=12, help_text=_("At most 12."))

    def render(self, value, context=None):
        context = context or {}
        return include(
            self.meta.fragment,
            heading=str(value.get("heading") or self.meta.default_heading),
            count=value["count"],
            eager=first_image_in_view(context),
            **self.fragment_params(value, context.get("page"), context.get("lead_article")),
        )

    def fragment_params(self, value, page, lead):
        """What the fragment lists, for ``value`` placed on ``page`` under the lead story
        ``lead`` (or None)."""
        raise NotImplementedError

    def get_preview_value(self):
        # The block picker shows the list under its default heading.
        return self.normalize({"heading": str(self.meta.default_heading), "count": 3})

    class Meta:
        default_heading = ""


def first_image_in_view(context):
    """Whether the block rendering now shows the page's first image, which the browser
    should fetch before anything else; later images load lazily. The first to ask (an
    eager image, a lead story, a list) takes it."""
    request = (context or {}).get("request")
    if request is None or getattr(request, "image_in_view", False):
        return False
    request.image_in_view = True
    return True


def article_id(page):
    return page.pk if isinstance(page, model("ArticlePage")) else None


class SectionListingBlock(ListingBlock):
    """A listing that editors may narrow to the articles of one section."""

    section = blocks.PageChooserBlock(
        page_type="editorial.SectionPage",
        required=False,
        help_text=_("Only articles of this section; leave empty for the whole site."),
    )

    def fragment_params(self, value, page, lead):
        # The lead story is not listed again below it.
        return {
            "section": value["section"].pk if value.get("section") else None,
            "exclude": article_id(page) or (lead.pk if lead else None),
        }


class TrendingPostsBlock(SectionListingBlock):
    class Meta:
        icon = "pick"
        description = _("The most read articles of the last days, pinned ones first")
        default_heading = _("Trending")
        fragment = "trending"


class LatestPostsBlock(SectionListingBlock):
    class Meta:
        icon = "date"
        description = _("The newest articles, of one section or of the whole site")
        default_heading = _("Latest")
        fragment = "latest"


class RelatedPostsBlock(ListingBlock):
    def fragment_params(self, value, page, lead):
        return page.related_params() if article_id(page) else {"article": None}

    class Meta:
        icon = "link"
        description = _("Articles related to this one: the editor's picks, then shared tags")
        default_heading = _("Related")
        fragment = "related"


class LeadStoryBlock(blocks.StructBlock):
    """The story the page opens with, large and with its standfirst: the editor's pick
    while it is live, else the newest article.

    The page loads it (``HomePage.get_context``) before its blocks render, so that the
    lists and rows below leave it out.
    """

    article = blocks.PageChooserBlock(
        page_type="editorial.ArticlePage",
        required=False,
        help_text=_("Leave empty to lead with the newest article."),
    )

    def render(self, value, context=None):
        story = (context or {}).get("lead_article")
        if story is None:
            return ""
        return render_to_string(
            "editorial/blocks/lead_story_block.html",
            {"articles": [story], "eager": first_image_in_view(context)},
        )

    class Meta:
        icon = "doc-full-inverse"
        description = _("One story, large: the editor's pick or the newest article")


class SectionRowBlock(blocks.StructBlock):
    """The newest articles of one section as a row of cards under its name.

    The page loads every row it shows at once (``HomePage.get_context``, one query
    however many rows, without the lead story), and each block takes its own from
    ``section_rows``.
    """

    section = blocks.PageChooserBlock(page_type="editorial.SectionPage")

    def render(self, value, context=None):
        section = value.get("section")
        row = (context or {}).get("section_rows", {}).get(section.pk if section else None)
        if row is None:
            return ""
        section, articles = row
        return render_to_string(
            "editorial/blocks/section_row_block.html",
            {
                "section": section,
                "articles": articles,
                "eager": bool(articles) and first_image_in_view(context),
            },
            request=(context or {}).get("request"),
        )

    class Meta:
        icon = "folder-open-inverse"
        description = _("The newest articles of one section, under its name")


MALFORMED_STREAM = _(
    "This content arrived incomplete or malformed, so it was not saved. Reload the page "
    "and make the change again."
)


class MalformedPostGuard:
    """Turns a POST the editor's script would never send (a missing or wrong count field,
    rich text that is not JSON) into a form error instead of a server error.

    Wagtail reads the posted blocks while Django reads the form's data, before any
    validation, and lets ``KeyError``, ``ValueError`` and the like through. The form is shown again
    with an empty stream, as there is no value to show.
    """

    def value_from_datadict(self, data, files, prefix):
        try:
            return super().value_from_datadict(data, files, prefix)
        except (AttributeError, KeyError, TypeError, ValueError):
            value = blocks.StreamValue(self, [])
            value.malformed = True
            return value

    def clean(self, value):
        if getattr(value, "malformed", False):
            raise blocks.StreamBlockValidationError(
                non_block_errors=[ValidationError(MALFORMED_STREAM, code="malformed")]
            )
        return super().clean(value)


class ListingBlocks(MalformedPostGuard, blocks.StreamBlock):
    """What editors can place on the home page and on section pages."""

    trending_posts = TrendingPostsBlock()
    latest_posts = LatestPostsBlock()


class FrontPageBlocks(MalformedPostGuard, blocks.StreamBlock):
    """What the home page is composed of, in the editor's order; each is optional."""

    lead_story = LeadStoryBlock()
    trending_posts = TrendingPostsBlock()
    latest_posts = LatestPostsBlock()
    section_row = SectionRowBlock()


class ArticleBodyBlock(MalformedPostGuard, blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="editorial/blocks/paragraph_block.html",
        description=_("Body text with bold, italic, links and lists"),
    )
    key_points = KeyPointsBlock()
    alternatives = AlternativesBlock()
    quote = QuoteBlock()
    image = FigureBlock()
    embed = EmbedFigureBlock()
    callout = CalloutBlock()
    trending_posts = TrendingPostsBlock()
    latest_posts = LatestPostsBlock()
    related_posts = RelatedPostsBlock()
