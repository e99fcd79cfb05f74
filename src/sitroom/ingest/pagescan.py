"""One streaming pass over HTML: metadata, and readable text without the page furniture.

Built on lxml's HTML parser in event mode (a parser *target*): libxml2 repairs
the markup, no tree is kept and nothing recurses, so 100,000 nested ``<div>``
cost time in proportion to their bytes and nothing more (where a tree would be
cut off at libxml2's depth limit and lose the text inside). It serves the HTML reader twice, as the source of metadata that
trafilatura leaves out (``<time datetime>``, JSON-LD) and as the fallback text
when trafilatura finds no article; the feed reader uses it to strip the markup
from entry summaries.
"""

from __future__ import annotations

import json
import re
from collections import deque
from dataclasses import dataclass
from typing import Any

from lxml import etree

# Page furniture: never article text.
_JUNK_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "option",
        "iframe",
        "object",
        "canvas",
        "dialog",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
    ]
)
# Class or id words of banners, cookie notices and the like: matched as whole
# hyphen/underscore-separated words so that "commentary-body" is not a comment box.
_JUNK_WORDS = re.compile(
    r"(?:^|[-_\s])(?:cookies?|consent|gdpr|newsletter|subscribe|advert|ads?|promo|share|social|"
    r"breadcrumbs?|navbar|sidebar|related|comments?|banner|popup|modal)(?:$|[-_\s])",
    re.IGNORECASE,
)
_JUNK_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "dialog", "alert"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_JSONLD_DEPTH = 20


@dataclass(frozen=True, slots=True)
class PageScan:
    """What one pass over a page found."""

    title: str | None
    meta: tuple[tuple[str, str], ...]
    canonical: str | None
    times: tuple[str, ...]
    jsonld_dates: tuple[str, ...]
    text: str
    max_depth: int

    def meta_value(self, *names: str) -> str | None:
        """The first non-empty content among meta tags of these names (lower case)."""
        for name in names:
            for key, value in self.meta:
                if key == name and value.strip():
                    return value.strip()
        return None


class _Scanner:
    """The parser target: lxml calls start, end and data as it reads."""

    def __init__(self, skip_furniture: bool) -> None:
        self.skip_furniture = skip_furniture
        self.pieces: list[str] = []
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self.times_in_article: list[str] = []
        self.times: list[str] = []
        self.jsonld: list[str] = []
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.in_jsonld = False
        self.article_depth = 0
        self.pre_depth = 0
        self.depth = 0
        self.max_depth = 0

    def start(self, tag: str, attrib: Any) -> None:
        a = {str(k).lower(): str(v or "") for k, v in attrib.items()}
        if self.title_parts is not None:
            # An unclosed <title> must not take the page's text with it.
            self.title = "".join(self.title_parts)
            self.title_parts = None
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a:
                self.meta.append((key, a["content"]))
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href") or None
        elif tag == "time" and a.get("datetime"):
            (self.times_in_article if self.article_depth else self.times).append(a["datetime"])
        elif tag == "title" and self.title is None:
            self.title_parts = []
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self.in_jsonld = True
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS and self.skip_tag is None:
                self.pieces.append("\n")
            return
        self.depth += 1
        self.max_depth = max(self.max_depth, self.depth)
        if tag == "body":
            # Whatever was left open in the head ends where the body begins.
            self.skip_tag, self.skip_depth = None, 0
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if self._is_junk(tag, a):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "article":
            self.article_depth += 1
        elif tag == "pre":
            self.pre_depth += 1
        if tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def end(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            # libxml2 closes void elements itself; their start did all there is to do.
            return
        self.depth -= 1
        if tag == "title" and self.title_parts is not None:
            self.title = "".join(self.title_parts)
            self.title_parts = None
        if tag == "script":
            self.in_jsonld = False
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            elif tag in ("body", "html"):
                # An unclosed <nav> must not swallow the rest of the page.
                self.skip_tag, self.skip_depth = None, 0
            return
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _BLOCK_TAGS:
            self.pieces.append("\n")

    def comment(self, text: str) -> None:
        """Comments are not text."""

    def close(self) -> None:
        """Nothing to hand back: scan_page reads the target's fields."""

    def data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.in_jsonld:
            self.jsonld.append(data)
            return
        if self.skip_tag is None:
            self.pieces.append(data if self.pre_depth else _SPACES.sub(" ", data.replace("\n", " ")))

    def _is_junk(self, tag: str, attrs: dict[str, str]) -> bool:
        if not self.skip_furniture:
            return tag in ("script", "style", "template", "noscript")
        if tag in _JUNK_TAGS:
            return True
        if attrs.get("role", "").lower() in _JUNK_ROLES or attrs.get("aria-hidden") == "true":
            return True
        if tag in ("article", "main", "body", "html"):
            return False
        marks = attrs.get("class", "") + " " + attrs.get("id", "")
        return bool(marks.strip()) and _JUNK_WORDS.search(marks) is not None


def scan_page(html: str, *, skip_furniture: bool = True) -> PageScan:
    """Scan a page (or fragment) in one pass; never raises on malformed markup."""
    scanner = _Scanner(skip_furniture)
    parser = etree.HTMLParser(target=scanner, recover=True, huge_tree=True, no_network=True)
    try:
        parser.feed(html)
        parser.close()
    except etree.LxmlError:
        # "Document is empty" and the like: keep whatever was read before it.
        pass
    title = scanner.title if scanner.title is not None else "".join(scanner.title_parts or [])
    return PageScan(
        title=" ".join(title.split()) or None,
        meta=tuple(scanner.meta),
        canonical=scanner.canonical,
        times=tuple(scanner.times_in_article + scanner.times),
        jsonld_dates=tuple(_jsonld_dates("".join(scanner.jsonld))),
        text=tidy_lines("".join(scanner.pieces)),
        max_depth=scanner.max_depth,
    )


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a feed summary): markup gone, paragraphs kept."""
    if "<" not in fragment and "&" not in fragment:
        return tidy_lines(fragment)
    return scan_page(fragment, skip_furniture=False).text


def tidy_lines(text: str) -> str:
    """Trim every line and drop the empty ones, so paragraphs are one newline apart."""
    lines = (line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _jsonld_dates(blob: str) -> list[str]:
    """Every datePublished in the page's JSON-LD, outermost first."""
    if "datePublished" not in blob:
        return []
    try:
        data = json.loads(blob)
    except (RecursionError, ValueError):
        # Several blocks run together, or broken JSON: fall back to the first value.
        match = re.search(r'"datePublished"\s*:\s*"([^"]{4,40})"', blob)
        return [match.group(1)] if match else []
    found: list[str] = []
    queue: deque[tuple[object, int]] = deque([(data, 0)])
    while queue:
        node, depth = queue.popleft()
        if depth > _JSONLD_DEPTH:
            continue
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            queue.extend((v, depth + 1) for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            queue.extend((v, depth + 1) for v in node if isinstance(v, dict | list))
    return found
