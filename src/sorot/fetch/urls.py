"""URLs of news sites: one normal form per article, same-site checks, and "does this look like an article".

Normalising uses courlan (trafilatura's URL library) for the generic part (case, default ports, dot
segments, sorted query, its tracker list) and data/fetch/urls.yaml for what news sites add: more trackers,
AMP renderings (`amp.` hosts, `/amp` segments, `?amp=1`) and page selectors (`?page=2`, `?page=all`), so
that every variant of one article compares equal.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import courlan

from sorot.fetch.rules import UrlRules, load_rules


def is_http_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def normalise(url: str, rules: UrlRules | None = None) -> str:
    """The one form of an article URL: no fragment, trackers, AMP marks or page selectors."""
    rules = rules or load_rules()
    try:
        url = courlan.normalize_url(url.strip())
    except ValueError:          # courlan refuses some malformed ports; keep what urllib can split
        url = url.strip()
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if rules.amp_hosts.search(host):
        host = host.split(".", 1)[1]
    segments = [s for s in parts.path.split("/") if s.lower() not in rules.amp_segments]
    path = "/".join(segments) or "/"
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
             if not rules.tracking_params.search(name) and not rules.amp_params.search(name)
             and name.lower() not in rules.page_params]
    return urlunsplit((parts.scheme.lower(), host, path, urlencode(sorted(query)), ""))


def site_of(url: str, rules: UrlRules | None = None) -> str:
    """The host without its www./m./amp. prefix: the unit of "the same site"."""
    rules = rules or load_rules()
    host = (urlsplit(url).hostname or "").lower()
    labels = host.split(".")
    while len(labels) > 2 and labels[0] in rules.site_prefixes:
        labels = labels[1:]
    return ".".join(labels)


def same_site(url: str, site: str, rules: UrlRules | None = None) -> bool:
    """True for `site` itself and its subdomains (news.example.id belongs to example.id)."""
    own = site_of(url, rules)
    return own == site or own.endswith("." + site) or site.endswith("." + own)


def looks_like_article(url: str, rules: UrlRules | None = None) -> bool:
    """An article page rather than a listing, a tag page, a file or the home page."""
    rules = rules or load_rules()
    path = urlsplit(url).path.lower()
    if path.endswith(rules.non_article_suffixes) or courlan.is_not_crawlable(url):
        return False
    segments = [s for s in path.split("/") if s]
    if not segments or any(s in rules.non_article_segments for s in segments):
        return False
    return bool(rules.article_shapes.search(path))


def page_number(url: str, base: str, rules: UrlRules | None = None) -> int | None:
    """Which page of the article at `base` the URL is: 1 for `base`, N for `?page=N` or a `/N` suffix of
    the same path; None when the URL is another document."""
    rules = rules or load_rules()
    target, home = urlsplit(url), urlsplit(base)
    if (target.hostname or "").lower() != (home.hostname or "").lower():
        return None
    if normalise(url, rules) == normalise(base, rules):
        for name, value in parse_qsl(target.query):
            if name.lower() in rules.page_params and value.isdigit():
                return int(value)
        return 1 if target.path.rstrip("/") == home.path.rstrip("/") else None
    suffix = re.fullmatch(re.escape(home.path.rstrip("/")) + r"/(\d{1,3})/?", target.path)
    return int(suffix.group(1)) if suffix else None


def url_key(url: str, rules: UrlRules | None = None) -> str:
    """What two URLs of one article share: the normal form with the host's www./m./amp. prefix removed."""
    rules = rules or load_rules()
    normal = urlsplit(normalise(url, rules))
    port = f":{normal.port}" if normal.port else ""
    return urlunsplit((normal.scheme, site_of(url, rules) + port, normal.path, normal.query, ""))
