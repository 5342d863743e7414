"""Pool candidate articles from SaudiNewsNet for relevance judgments.

The corpus is read in place from the daily zips (never copied into the repo). Text and
patterns are both folded with :func:`rasd.arabic.normalize` (no hamza on alef, ``ه``
for ``ة``, ``ي`` for ``ى``), so patterns may be typed in natural spelling.

Pattern syntax (one positional argument is one *concept*; concepts are ANDed unless
``--any`` is given; ``|`` separates alternatives inside a concept)::

    ارهابي*            a word with any suffix, after any proclitics (و ف ب ل ك ال لل …)
    داعش               that word with proclitics only
    تنظيم الدوله       a phrase: consecutive words, each with proclitics

Examples::

    python bench/relevance/pool.py search "داعش|تنظيم الدوله|الدوله الاسلاميه" --top 40
    python bench/relevance/pool.py search "تهريب*" "مخدر*|كبتاجون|حشيش" --skip-judged q09
    python bench/relevance/pool.py show https://www.okaz.com.sa/...
    python bench/relevance/pool.py stats
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import re
import sys
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from rasd.arabic import clean_text, normalize  # noqa: E402

DATA_DIR = ROOT.parent / "shared" / "data" / "saudinewsnet"
QUERIES = Path(__file__).with_name("queries.json")
CACHE = Path(tempfile.gettempdir()) / "rasd-saudinewsnet-pool.pkl"

# Conjunction, preposition and article clitics that may precede a word.
PROCLITICS = r"(?:[وف]?(?:[بكل]?ال|لل|[بكلس])?)"


@dataclass(frozen=True, slots=True)
class Article:
    url: str
    source: str
    date: str
    title: str
    content: str
    norm_title: str
    norm_content: str


def load_corpus(data_dir: Path = DATA_DIR, cache: Path | None = CACHE) -> list[Article]:
    """Every article of the daily zips, with normalized title and content."""
    zips = sorted(data_dir.glob("*.zip"))
    stamp = [(z.name, z.stat().st_size) for z in zips]
    if cache is not None and cache.exists():
        with cache.open("rb") as fh:
            cached_stamp, articles = pickle.load(fh)
        if cached_stamp == stamp:
            return [Article(*row) for row in articles]
    articles = []
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                for item in json.loads(zf.read(member)):
                    title = clean_text(item.get("title") or "")
                    content = clean_text(item.get("content") or "")
                    articles.append(
                        Article(
                            url=item["url"],
                            source=item["source"],
                            date=item["date_extracted"][:10],
                            title=title,
                            content=content,
                            norm_title=normalize(title),
                            norm_content=normalize(content),
                        )
                    )
    if cache is not None:
        with cache.open("wb") as fh:
            # plain tuples: the cache must not depend on the module's import name
            rows = [
                (a.url, a.source, a.date, a.title, a.content, a.norm_title, a.norm_content)
                for a in articles
            ]
            pickle.dump((stamp, rows), fh)
    return articles


def fold_word(word: str) -> str:
    """Normalize a pattern word, keeping a trailing ``*``."""
    return normalize(word[:-1]) + "*" if word.endswith("*") else normalize(word)


def word_regex(word: str) -> str:
    """A normalized word, or ``stem*``, allowing proclitics before it."""
    if word.endswith("*"):
        return PROCLITICS + re.escape(word[:-1]) + r"\w*"
    return PROCLITICS + re.escape(word)


def concept_cores(concept: str) -> list[list[str]]:
    """Literal substrings every match of an alternative must contain (a cheap prefilter)."""
    return [
        [fold_word(w).rstrip("*") for w in alt.split()] for alt in concept.split("|") if alt.split()
    ]


def concept_regex(concept: str) -> re.Pattern[str]:
    """``a|b c|d*`` to one regex: alternatives, each a phrase of words."""
    alternatives = []
    for alt in concept.split("|"):
        words = [w for w in map(fold_word, alt.split()) if w.rstrip("*")]
        if words:
            alternatives.append(r"\s+".join(word_regex(w) for w in words))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


@dataclass(slots=True)
class Hit:
    article: Article
    score: float
    title_hits: int
    body_hits: int


def score(article: Article, concepts: Sequence[re.Pattern[str]], any_concept: bool) -> Hit | None:
    """Title hits count three times; body hits are capped so long articles do not win."""
    total, t_all, b_all, matched = 0.0, 0, 0, 0
    for rx in concepts:
        t = len(rx.findall(article.norm_title))
        b = len(rx.findall(article.norm_content))
        if t or b:
            matched += 1
        total += 3 * t + min(b, 6) + (0.5 if b and b <= 6 else 0)
        t_all, b_all = t_all + t, b_all + b
    if matched == 0 or (not any_concept and matched < len(concepts)):
        return None
    return Hit(article, total + matched, t_all, b_all)


def search(
    articles: Iterable[Article],
    concepts: Sequence[str],
    exclude: Sequence[str] = (),
    any_concept: bool = False,
) -> list[Hit]:
    regexes = [concept_regex(c) for c in concepts]
    excluded = [concept_regex(c) for c in exclude]
    cores = [alt for c in concepts for alt in concept_cores(c)]
    hits = []
    for a in articles:
        text = a.norm_title + " " + a.norm_content
        if not any(all(core in text for core in alt) for alt in cores):
            continue
        if any(rx.search(text) for rx in excluded):
            continue
        hit = score(a, regexes, any_concept)
        if hit is not None:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, h.article.url))
    return hits


def kwic(norm: str, rx: re.Pattern[str], width: int, limit: int) -> list[str]:
    """Contexts of the first matches, cut from the normalized text (offsets differ from
    the display text once tashkeel is removed, so the normalized text is shown)."""
    out = []
    for m in rx.finditer(norm):
        out.append(norm[max(0, m.start() - width) : m.end() + width])
        if len(out) >= limit:
            break
    return out


def load_queries(path: Path = QUERIES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def judged_urls(query_id: str, path: Path = QUERIES) -> set[str]:
    for q in load_queries(path):
        if q["id"] == query_id:
            return set(q["judgments"])
    return set()


def print_hit(rank: int, hit: Hit, concepts: Sequence[str], lead: int, contexts: int) -> None:
    a = hit.article
    print(
        f"[{rank}] score={hit.score:.1f} t={hit.title_hits} b={hit.body_hits} {a.source} {a.date}"
    )
    print(f"    {a.url}")
    print(f"    T: {a.title}")
    print(f"    L: {a.content[:lead].replace(chr(10), ' / ')}")
    if contexts:
        for c in concepts:
            for ctx in kwic(a.norm_content, concept_regex(c), 60, contexts):
                print(f"    K: …{ctx}…")


def cmd_search(args: argparse.Namespace) -> None:
    articles = load_corpus()
    hits = search(articles, args.concepts, args.exclude, args.any)
    skip = judged_urls(args.skip_judged) if args.skip_judged else set()
    hits = [h for h in hits if h.article.url not in skip]
    shown = hits[: args.top]
    tail = hits[args.top :]
    if args.sample_tail and tail:
        rng = random.Random(args.seed)
        shown += rng.sample(tail, min(args.sample_tail, len(tail)))
    if args.urls_only:
        print(json.dumps({h.article.url: None for h in shown}, ensure_ascii=False, indent=2))
        return
    print(f"# {len(hits)} matching articles; showing {len(shown)}")
    for i, h in enumerate(shown, 1):
        print_hit(i, h, args.concepts, args.lead, args.contexts)


def cmd_show(args: argparse.Namespace) -> None:
    wanted = set(args.urls)
    for a in load_corpus():
        if a.url in wanted:
            print(f"{a.url}\n{a.source} {a.date}\n{a.title}\n\n{a.content[: args.chars]}\n")


def cmd_stats(args: argparse.Namespace) -> None:
    queries = load_queries(Path(args.file))
    totals: Counter[int] = Counter()
    for q in queries:
        grades = Counter(q["judgments"].values())
        totals.update(grades)
        row = " ".join(f"{g}:{grades.get(g, 0):3d}" for g in (3, 2, 1, 0))
        print(f"{q['id']} n={len(q['judgments']):3d} {row}  {q['query']}")
    n = sum(totals.values())
    print(f"{len(queries)} queries, {n} judgments:", dict(sorted(totals.items(), reverse=True)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)

    s = sub.add_parser("search", help="rank articles matching the concepts")
    s.add_argument("concepts", nargs="+", help="one concept per argument, alternatives with |")
    s.add_argument("--exclude", action="append", default=[], help="drop articles matching this")
    s.add_argument("--any", action="store_true", help="OR the concepts instead of AND")
    s.add_argument("--top", type=int, default=40)
    s.add_argument("--sample-tail", type=int, default=0, help="add N random lower-ranked hits")
    s.add_argument("--seed", type=int, default=13)
    s.add_argument("--lead", type=int, default=220, help="characters of body to print")
    s.add_argument("--contexts", type=int, default=0, help="keyword contexts per concept")
    s.add_argument("--skip-judged", metavar="QID", help="hide urls already judged for QID")
    s.add_argument(
        "--urls-only", action="store_true", help="print a JSON skeleton {url: null} to fill in"
    )
    s.set_defaults(func=cmd_search)

    sh = sub.add_parser("show", help="print articles by url")
    sh.add_argument("urls", nargs="+")
    sh.add_argument("--chars", type=int, default=1500)
    sh.set_defaults(func=cmd_show)

    st = sub.add_parser("stats", help="judgments per query and grade")
    st.add_argument("--file", default=str(QUERIES))
    st.set_defaults(func=cmd_stats)

    args = parser.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
