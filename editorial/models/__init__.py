from editorial.workflows import EditorialReviewTask

from .pages import ArticleAuthor, ArticlePage, ArticleTag, HomePage, SectionPage
from .snippets import Alternative, AlternativeTag, Author

__all__ = [
    "Alternative",
    "AlternativeTag",
    "ArticleAuthor",
    "ArticlePage",
    "ArticleTag",
    "Author",
    "EditorialReviewTask",
    "HomePage",
    "SectionPage",
]
