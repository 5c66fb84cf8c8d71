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
from .snippets import Alternative, AlternativeTag, Author

__all__ = [
    "Alternative",
    "AlternativeTag",
    "ArticleAuthor",
    "ArticleDailyViews",
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "Author",
    "EditorialReviewTask",
    "HomePage",
    "SectionPage",
]
