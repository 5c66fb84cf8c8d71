from editorial.workflows import EditorialReviewTask

from .analytics import ArticleDailyViews
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
    HomePage,
    SectionPage,
)
from .planning import Assignment, CalendarFeed, ReviewClaim
from .snippets import Alternative, AlternativeTag, Author

__all__ = [
    "Alternative",
    "AlternativeTag",
    "ArticleAuthor",
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
]
