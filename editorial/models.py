"""Every model of the app, for Django: each is defined in the room it belongs to."""

from editorial.content.models import (
    Alternative,
    AlternativeTag,
    ArticleAuthor,
    ArticleBody,
    ArticleBodyDependency,
    ArticleCard,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
    Author,
    DraftByline,
    HomePage,
    SectionPage,
)
from editorial.corrections.models import ArticleCorrection
from editorial.importing.models import WordPressOrigin
from editorial.operations.models import Heartbeat
from editorial.planning.models import Assignment, CalendarFeed
from editorial.previews.models import ShareablePreview, ShareablePreviewAccess
from editorial.readership.models import ArticleDailyViews, FlushedViewBatch
from editorial.review.models import EditorialReviewTask, ReviewClaim

__all__ = [
    "Alternative",
    "AlternativeTag",
    "ArticleAuthor",
    "ArticleBody",
    "ArticleBodyDependency",
    "ArticleCard",
    "ArticleCorrection",
    "ArticleDailyViews",
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "Assignment",
    "Author",
    "CalendarFeed",
    "DraftByline",
    "EditorialReviewTask",
    "FlushedViewBatch",
    "Heartbeat",
    "HomePage",
    "ReviewClaim",
    "SectionPage",
    "ShareablePreview",
    "ShareablePreviewAccess",
    "WordPressOrigin",
]
