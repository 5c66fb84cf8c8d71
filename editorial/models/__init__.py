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
    "Author",
    "EditorialReviewTask",
    "HomePage",
    "SectionPage",
    "ShareablePreview",
    "ShareablePreviewAccess",
]
