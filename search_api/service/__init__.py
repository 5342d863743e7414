"""What the API and the web UI do, as plain functions over an Engine: request → parse
query → build engine query → run → shape response. Routers and pages are thin wrappers
over these; each operation lives in its own module."""

from search_api.service.articles import article_highlights, get_article, similar
from search_api.service.browse import browse_countries, browse_organizations, corpus_stats
from search_api.service.export import export_hits
from search_api.service.filters import BadRequest, filtered_query, parse
from search_api.service.search import (
    DATE_BOUNDS_QUERY,
    build_search_body,
    date_bounds,
    search,
)

__all__ = [
    "DATE_BOUNDS_QUERY",
    "BadRequest",
    "article_highlights",
    "browse_countries",
    "browse_organizations",
    "build_search_body",
    "corpus_stats",
    "date_bounds",
    "export_hits",
    "filtered_query",
    "get_article",
    "parse",
    "search",
    "similar",
]
