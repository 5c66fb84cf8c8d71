"""The content model: page types of the public site and the snippets they show."""

from .bodies import ArticleBody, ArticleBodyDependency
from .cards import ArticleCard
from .pages import (
    ArticleAuthor,
    ArticlePage,
    ArticleRelatedLink,
    ArticleTag,
    DraftByline,
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
    "ArticleBody",
    "ArticleBodyDependency",
    "ArticleCard",
    "ArticlePage",
    "ArticleRelatedLink",
    "ArticleTag",
    "Author",
    "DraftByline",
    "HomePage",
    "PubliclyCachedPage",
    "SectionPage",
    "TrendingSelection",
]
