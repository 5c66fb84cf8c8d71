"""The content model: page types of the public site and the snippets they show."""

from .cards import ArticleCard
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
    HomePage,
    PubliclyCachedPage,
    SectionPage,
)
from .snippets import Alternative, AlternativeTag, Author
from .trending import TrendingSelection

__all__ = [
    "Alternative",
    "AlternativeTag",
    "ArticleAuthor",
    "ArticleCard",
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "Author",
    "HomePage",
    "PubliclyCachedPage",
    "SectionPage",
    "TrendingSelection",
]
