"""Known news sites (``rasd/gazetteers/sources.json``): recognise a site from its name as a
page prints it, from its id as a data set gives it, or from an article URL."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from rasd.arabic import normalize

SITES_PATH = Path(__file__).resolve().parent / "gazetteers" / "sources.json"


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name_ar: str
    name_en: str
    country: str
    domains: tuple[str, ...]
    aliases: tuple[str, ...]


class SiteRegistry:
    """Look-ups over the known sites; names compare in normalized form."""

    def __init__(self, sites: list[Site]) -> None:
        self._by_id: dict[str, Site] = {}
        self._by_name: dict[str, Site] = {}
        self._domains: list[tuple[str, str, Site]] = []
        for site in sites:
            _claim(self._by_id, site.id, site)
            for name in (site.name_ar, site.name_en, *site.aliases):
                _claim(self._by_name, normalize(name), site)
            for domain in site.domains:
                host, _, path = domain.lower().partition("/")
                self._domains.append((host, "/" + path if path else "", site))
        # Longest host and path first, so bbc.com/arabic wins over a plain bbc.com.
        self._domains.sort(key=lambda entry: (-len(entry[0]), -len(entry[1])))

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, site_id: str) -> Site | None:
        return self._by_id.get(site_id.strip().lower())

    def by_name(self, name: str) -> Site | None:
        """The site whose name or alias ``name`` is (spelling variants allowed)."""
        return self._by_name.get(normalize(name))

    def by_url(self, url: str) -> Site | None:
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return None
        host = (parts.hostname or "").removeprefix("www.")
        for domain, path, site in self._domains:
            if (host == domain or host.endswith("." + domain)) and parts.path.startswith(path):
                return site
        return None

    def resolve(self, source: str | None, url: str | None = None) -> Site | None:
        """The site a record names as its source (id, name or domain), else the one its
        URL is on."""
        if source:
            site = self.get(source) or self.by_name(source)
            if site is None and "." in source and " " not in source.strip():
                site = self.by_url(source if "://" in source else f"http://{source}")
            if site:
                return site
        return self.by_url(url) if url else None


def _claim(table: dict[str, Site], key: str, site: Site) -> None:
    owner = table.setdefault(key, site)
    if owner is not site:
        raise ValueError(f"sources.json: {key!r} names both {owner.id} and {site.id}")


@cache
def load_sites(path: Path = SITES_PATH) -> SiteRegistry:
    data = json.loads(path.read_text(encoding="utf-8"))
    return SiteRegistry(
        [
            Site(
                id=entry["id"],
                name_ar=entry["name_ar"],
                name_en=entry["name_en"],
                country=entry["country"],
                domains=tuple(entry["domains"]),
                aliases=tuple(entry.get("aliases", ())),
            )
            for entry in data["sites"]
        ]
    )
