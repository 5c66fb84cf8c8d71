from editorial.workflows import EditorialReviewTask

from .analytics import ArticleDailyViews
from .corrections import ArticleCorrection
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
    HomePage,
    SectionPage,
)
from .planning import Assignment, CalendarFeed, ReviewClaim
from .previews import ShareablePreview, ShareablePreviewAccess
from .snippets import Alternative, AlternativeTag, Author

__all__ = [
    "Alternative",
    "AlternativeTag",
    "ArticleAuthor",
    "ArticleCorrection",
    "ArticleDailyViews",
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "Assignment",
    "Author",
    "CalendarFeed",
    "EditorialReviewTask",
    "HomePage",
    "ReviewClaim",
    "SectionPage",
    "ShareablePreview",
    "ShareablePreviewAccess",
]
