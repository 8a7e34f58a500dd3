"""The `link` stage: finds every person, state, place and organisation in the clean body and links it to the KB.

Passes, each claiming tokens the earlier ones left free:
1. gazetteer: KB aliases over the tokens, longest match first (acronyms case-sensitive, names capitalised);
2. role phrases: title [+ state or organisation] [+ name]; with a name it types the name, without one it
   resolves to the office holder on the article's date ("Presiden AS" in 2023 is Joe Biden);
3. persons the KB lacks: after a title, "<Name>, anggota/analis ...", "warga <state> <Name>", NER PER spans;
   organisations the KB lacks: "Institut/Universitas/Partai ... <Capitalised>", NER ORG spans;
4. fuzzy matching of the remaining capitalised names against person aliases (typos, transliterations);
5. a later short mention ("Lavrov", "Xi", "Wang") joins the full name met in the same article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple, cast

from rapidfuzz import fuzz, process

from sorot.kb.loader import knowledge_base
from sorot.kb.model import Entry
from sorot.kb.store import KnowledgeBase
from sorot.schema import Article, Entity, EntityType, Mention
from sorot.text.normalise import fold, squash
from sorot.text.temporal import written_anchor
from sorot.text.tokens import Token, text_doc, words_of
from sorot.text.words import is_common_word, name_particles

TEXT = attrgetter("text")

FUZZY_THRESHOLD = 90          # rapidfuzz ratio (0-100); conservative: only typos and transliterations
MAX_NAME_TOKENS = 4


@dataclass
class Found:
    """A mention found in the text, linked to a KB entry or describing an entity the KB lacks."""

    first: int                       # token range [first, last)
    last: int
    entry: Entry | None = None
    name: str | None = None          # for entities outside the KB
    type: str = "PER"
    country: str | None = None
    code: str | None = None
    role: str | None = None
    span: tuple[int, int] | None = None   # character offsets when they differ from the token range


@dataclass
class Context:
    text: str
    toks: list[Token]
    kb: KnowledgeBase
    date: str | None
    found: list[Found] = field(default_factory=list)
    owner: dict[int, Found] = field(default_factory=dict)     # token index -> gazetteer / name match
    # per token, computed once: every pass asks them at many tokens (`name_run` at each one)
    words: list[str] = field(init=False, repr=False)
    folded: list[str] = field(init=False, repr=False)
    reach: list[int] = field(init=False, repr=False)          # see contiguous_reach
    name_word: list[bool] = field(init=False, repr=False)     # see name_words
    alias_starts: list[int] = field(init=False, repr=False)   # the tokens that may open an alias (WordFacts)
    title_starts: list[int] = field(init=False, repr=False)   # the tokens that open some title phrase
    particles: frozenset[str] = field(init=False, repr=False)  # name_particles(), looked up once

    def __post_init__(self) -> None:
        self.words = list(map(TEXT, self.toks))
        self.particles = name_particles()
        facts = word_facts(self.words, self.kb, self.particles)
        self.folded = list(map(_FOLDED, facts))
        self.name_word = list(map(_NAME_WORD, facts))
        self.alias_starts = list(compress(range(len(facts)), map(_OPENS_ALIAS, facts)))
        self.title_starts = list(compress(range(len(facts)), map(_OPENS_TITLE, facts)))
        self.reach = contiguous_reach(self)

    def claim(self, item: Found) -> None:
        self.found.append(item)
        for i in range(item.first, item.last):
            self.owner.setdefault(i, item)

    def free(self, first: int, last: int) -> bool:
        return self.owner.keys().isdisjoint(range(first, last))


def contiguous(ctx: Context, first: int, last: int) -> bool:
    """Tokens joined by one space or nothing (never across a line break or a wide gap)."""
    return last - first <= 1 or ctx.reach[first] >= last - first


# Where two tokens are not joined: a gap holding whitespace other than a space (a line break, a tab), or two
# spaces or more. The tokens of a text cover all of it but its whitespace, so their gaps are its whitespace runs.
_WIDE_GAP = re.compile(r"[^\S ]|  ")
_START, _END = attrgetter("start"), attrgetter("end")


def contiguous_reach(ctx: Context) -> list[int]:
    """For each token, how many tokens from it on are `contiguous`: tokens [i, i + k) are joined exactly
    when k <= reach[i]. `ctx.toks` are the tokens of `ctx.text` (sorot.text.tokens), so only the few wide
    gaps of the text (its line breaks) are looked for, by one search, and each stretch of joined tokens
    counts down to its end, where reading every gap between two tokens cost a slice and a test per token."""
    toks, n = ctx.toks, len(ctx.toks)
    # the token after each wide gap between two tokens (gaps before the first token or after the last lead nowhere)
    after_gaps = sorted({k for match in _WIDE_GAP.finditer(ctx.text, toks[0].end if toks else 0)
                         if 0 < (k := bisect.bisect_right(toks, match.start(), key=_START)) < n})
    reach: list[int] = []
    first = 0
    for end in [*after_gaps, n]:
        reach.extend(range(end - first, 0, -1))
        first = end
    return reach


# ---------------------------------------------------------------- pass 1: gazetteer
def gazetteer(ctx: Context) -> None:
    not_after = ctx.kb.settings.get("not_after") or {}
    i = 0
    prefixes = ctx.kb.prefixes
    words, folded, reach = ctx.words, ctx.folded, ctx.reach
    alias_memo = _alias_memo(ctx.kb)
    if len(alias_memo) >= ALIAS_MEMO_SIZE:
        alias_memo.clear()
    # only a token that may start a match is visited: the first word of a case-sensitive alias as written,
    # or of a folded alias when folded alias keys are looked up (`named` below: a capitalised word or a
    # name particle)
    for start in ctx.alias_starts:
        if start < i:
            continue
        i = start
        step = 1
        # longest match first, among the lengths whose tokens are joined and still lead into some alias
        longest = 1
        while longest < min(ctx.kb.max_alias_tokens, reach[i]) and (
                tuple(words[i:i + longest + 1]) in prefixes or tuple(folded[i:i + longest + 1]) in prefixes):
            longest += 1
        for length in range(longest, 0, -1):
            # names may open with a particle: "von der Leyen", "al-Sisi", "bin Salman"
            named = ctx.toks[i].capitalised or (length > 1 and folded[i] in ctx.particles)
            alias = ctx.text[ctx.toks[i].start:ctx.toks[i + length - 1].end]
            known = alias_memo.get((alias, named))
            if known is None:
                known = alias_memo[(alias, named)] = _alias_entry(ctx, i, length, alias, named)
            if not known:
                continue
            step = length
            entry = known[0]
            previous = ctx.toks[i - 1].text if i else ""
            if entry is not None and previous not in not_after.get(alias, []):
                if entry.kind == "person":
                    step = length = misspelt_extension(ctx, i, length, entry)
                ctx.claim(Found(i, i + length, entry=entry))
            break
        i += step


ALIAS_MEMO_SIZE = 50_000   # texts remembered per knowledge base before the memo starts afresh
AliasEntry = tuple[Entry | None, ...]     # (): no alias; (entry,): an alias, of None when undecidable


def _alias_entry(ctx: Context, i: int, length: int, alias: str, named: bool) -> AliasEntry:
    """The entry the tokens [i, i + length) name as `alias` (their text: one space or nothing between them):
    (entry,), with None when the knowledge base cannot decide among those it names; () when they name none."""
    ids = ctx.kb.candidates(tuple(ctx.words[i:i + length]), tuple(ctx.folded[i:i + length]), named)
    return (ctx.kb.resolve(alias, ids),) if ids else ()


@lru_cache(maxsize=4)
def _alias_memo(kb: KnowledgeBase) -> dict[tuple[str, bool], AliasEntry]:
    """`_alias_entry` per (alias text, named) for one knowledge base: the text of joined tokens is their
    words, so it decides their candidates and the entry; an article names its states and leaders again and
    again, and the next articles the same ones. Bounded by ALIAS_MEMO_SIZE."""
    return {}


def misspelt_extension(ctx: Context, i: int, length: int, entry: Entry) -> int:
    """"Xi Jing Ping": an alias ("Xi") followed by capitalised words that, together, are a misspelling of
    the same person's name: the match covers them all."""
    best = length
    for extra in (1, 2):
        last = i + length + extra
        run = ctx.toks[i + length:last]
        if last > len(ctx.toks) or not all(t.text[:1].isupper() and t.text.isalpha() for t in run) \
                or not contiguous(ctx, i, last):
            break
        probe = fold("".join(t.text for t in ctx.toks[i:last]))
        if max(fuzz.ratio(probe, fold(a).replace(" ", "")) for a in entry.aliases) >= FUZZY_THRESHOLD - 5:
            best = length + extra
    return best


# ---------------------------------------------------------------- pass 2: role phrases
@lru_cache(maxsize=4)
def title_index(kb: KnowledgeBase) -> dict[tuple[str, ...], dict]:
    index = {}
    for phrase, info in (kb.settings.get("titles") or {}).items():
        index[tuple(fold(t) for t in words_of(phrase))] = info
    for phrase in kb.settings.get("leader_phrases") or []:
        index[tuple(fold(t) for t in words_of(phrase))] = {"role": "leader", "title": None}
    return index


def match_title(ctx: Context, i: int, index: dict) -> tuple[int, dict] | None:
    if ctx.folded[i] not in title_starts(ctx.kb):
        return None
    for length in range(min(6, len(ctx.toks) - i), 0, -1):
        key = tuple(ctx.folded[i:i + length])
        if key in index and contiguous(ctx, i, i + length):
            if key == ("pm",) and ctx.toks[i].text != "PM":
                continue
            return i + length, index[key]
    return None


@lru_cache(maxsize=4)
def title_starts(kb: KnowledgeBase) -> frozenset[str]:
    """First words of the title phrases: most tokens start none, and are skipped at once."""
    return frozenset(phrase[0] for phrase in title_index(kb) if phrase)


@lru_cache(maxsize=4)
def not_names(kb: KnowledgeBase) -> frozenset[str]:
    """Capitalised words that never belong to a name (built once: `name_run` is asked at every token)."""
    return frozenset(kb.settings.get("not_names") or [])


def name_words(words: list[str], stop: frozenset[str]) -> list[bool]:
    """Per token, whether it may be a word of a name: capitalised, alphabetic, longer than one letter and
    not a word that never belongs to a name (`stop`). The linker reads it from `word_facts`, judged once
    per word."""
    return [_is_name_word(word, stop) for word in words]


def _is_name_word(word: str, stop: frozenset[str]) -> bool:
    return len(word) > 1 and word[0].isupper() and word.isalpha() and word not in stop


class WordFacts(NamedTuple):
    """What the linker's passes ask of a word wherever it stands, judged once per word (`word_facts`)."""

    folded: str          # fold(word)
    name_word: bool      # may be a word of a name (name_words)
    opens_alias: bool    # may open a gazetteer match: the first word of a case-sensitive alias as written, or of
                         # a folded alias when capitalised (or a digit) or a name particle ("von der Leyen")
    opens_title: bool    # its folded form opens a title phrase (title_starts)


_FOLDED, _NAME_WORD, _OPENS_ALIAS, _OPENS_TITLE = (itemgetter(i) for i in range(4))
WORD_FACTS_MEMO_SIZE = 50_000     # words judged per knowledge base before the memo starts afresh


def word_facts(words: list[str], kb: KnowledgeBase, particles: frozenset[str]) -> list[WordFacts]:
    """WordFacts per token. Words already judged for this knowledge base and these particles are looked up in
    one pass in C, and only new ones judged: a language's words recur from article to article."""
    memo = _word_facts_memo(kb, particles)
    facts = list(map(memo.get, words))
    if None in facts:
        if len(memo) >= WORD_FACTS_MEMO_SIZE:
            memo.clear()
        stop, titles = not_names(kb), title_starts(kb)
        for i in [i for i, known in enumerate(facts) if known is None]:
            facts[i] = memo[words[i]] = _judge_word(words[i], kb, stop, titles, particles)
    return cast(list[WordFacts], facts)


def _judge_word(word: str, kb: KnowledgeBase, stop: frozenset[str], titles: frozenset[str],
                particles: frozenset[str]) -> WordFacts:
    folded = fold(word)
    capitalised = word[:1].isupper() or word[:1].isdigit()      # as Token.capitalised
    opens_alias = word in kb.exact_first_words or (
        folded in kb.folded_first_words and (capitalised or folded in particles))
    return WordFacts(folded, _is_name_word(word, stop), opens_alias, folded in titles)


@lru_cache(maxsize=4)
def _word_facts_memo(kb: KnowledgeBase, particles: frozenset[str]) -> dict[str, WordFacts]:
    """`word_facts`' answers per word for one knowledge base and one set of name particles (data that can
    change only with the knowledge base or the word data, each a new object then). Bounded by
    WORD_FACTS_MEMO_SIZE."""
    return {}


def name_run(ctx: Context, i: int) -> int:
    """End of a run of capitalised name tokens starting at i (i itself when there is none)."""
    words, n = ctx.words, len(ctx.words)
    if i >= n or not ctx.name_word[i] or i in ctx.owner:
        return i          # the run's first token is always a name word: the common case, answered at once
    j = i
    joined: set[int] = set()          # lower-case halves of hyphenated names
    while j < n and j - i < MAX_NAME_TOKENS + 2:
        word = words[j]
        if j > i and not contiguous(ctx, j - 1, j + 1):
            break
        if word == "-" and j > i and j + 1 < n and words[j + 1][:1].isalpha():
            if words[j + 1][:1].islower() and contiguous(ctx, j - 1, j + 2):
                joined.add(j + 1)
                j += 2        # "Kim Hong-kyun", "Kim Jong-un": the lower-case half belongs to the name
                continue
            j += 1
            continue
        particle = j > i and word in ctx.particles and j + 1 < n and ctx.toks[j + 1].capitalised
        if j in ctx.owner or not (ctx.name_word[j] or particle):
            break
        j += 1
    while j > i and not words[j - 1][:1].isupper() and (j - 1) not in joined:
        j -= 1
    return j


def looks_like_name(toks: list[Token], kb: KnowledgeBase | None = None) -> bool:
    """Whether a capitalised run is a person the KB does not know, rather than an office, a body or a
    policy: not made mostly of ordinary vocabulary ("Menteri Pertahanan", "Gugus Tugas Percepatan
    Penanggulangan Covid"), with no acronym ("UPTD Kebun Raya", "BPD Se-Kecamatan") and no head word
    of a body ("Forkopimda Kabupaten Minahasa", "Bidang Humas Polda")."""
    words = [t.text for t in toks if t.text.isalpha() and len(t.text) > 1 and fold(t.text) not in name_particles()]
    if not words or any(w.isupper() for w in words):
        return False
    heads = setting_set(kb, "not_in_person_names") if kb is not None else frozenset()
    if any(fold(w) in heads for w in words):
        return False
    return few_common_words(words)


def few_common_words(words: list[str]) -> bool:
    """Fewer ordinary words than all of them, and no more than half of a name of three words or more.
    The words are looked up (a stemmer call each, the first time) only until the answer is certain."""
    allowed = len(words) // 2 if len(words) >= 3 else len(words) - 1     # ordinary words a name may have
    common = plain = 0
    for word in words:
        if is_common_word(word):
            common += 1
            if common > allowed:
                return False
        else:
            plain += 1
            if plain >= len(words) - allowed:
                return True
    return common <= allowed


def person_at(ctx: Context, i: int) -> Found | None:
    owned = ctx.owner.get(i)
    return owned if owned is not None and owned.type == "PER" and owned.first == i else None


def subject_at(ctx: Context, k: int) -> Found | None:
    """The state or organisation a title belongs to: the match covering the token after the title."""
    owned = ctx.owner.get(k)
    if owned is None or owned.entry is None or owned.entry.kind == "person":
        return None
    if owned.entry.kind in ("region", "supranational") or owned.entry.code is None:
        return None
    return owned


def role_phrases(ctx: Context) -> None:
    index = title_index(ctx.kb)
    not_current = setting_set(ctx.kb, "not_current_prefixes")
    anaphoric = setting_set(ctx.kb, "anaphoric_prefixes")
    last_subject: dict[str, str] = {}
    i = 0
    # only a token that is the first word of some title starts one (match_title's own first test)
    for start in ctx.title_starts:
        if start < i:
            continue
        i = start
        owned = ctx.owner.get(i)
        hit = match_title(ctx, i, index) if owned is None or (owned.entry and owned.entry.kind == "org") else None
        if hit is None:
            continue
        k, info = hit
        previous = ctx.folded[i - 1] if i else ""
        subject = subject_at(ctx, k) or (subject_at(ctx, k - 1) if k - 1 in ctx.owner else None)
        after = subject.last if subject is not None else k
        if subject is not None and after + 1 < len(ctx.toks) and ctx.folded[after] in ("untuk", "di") \
                and subject_at(ctx, after + 1) is not None:
            after = ctx.owner[after + 1].last   # "Duta Besar Inggris untuk PBB Barbara Woodward"
        if after < len(ctx.toks) and ctx.toks[after].text == "," and subject is not None:
            after += 1
        code = subject_code(subject, info)
        if code and info["role"] != "leader":
            last_subject[info["role"]] = code
        if previous in anaphoric and code is None:
            code = last_subject.get(info["role"])
        if code is None and subject is None and info.get("country"):
            code = info["country"]      # "Gubernur Jawa Barat X", "Kapolri X": a domestic office
            after = _past_domestic_place(ctx, k, code)
        rank = match_title(ctx, after, index) if after < len(ctx.toks) and after not in ctx.owner else None
        if rank is not None and rank[1].get("role") == "rank":
            # "Kapolda Bali Irjen Daniel ...": a rank between the office and the name is a title too
            for t in range(after, rank[0]):
                ctx.owner.setdefault(t, Found(after, rank[0], type="TITLE"))
            after = rank[0]
        if previous == "," and code and _apposed_name(ctx, i, info, code):
            pass    # "Lin Wei, juru bicara Kemlu China, ...": the title describes the name before it
        else:
            resolve_role(ctx, i, after, info, code, current=previous not in not_current and previous != "para",
                         has_subject=subject is not None or previous in anaphoric)
        title = Found(i, k, type="TITLE")  # the title words are no name for later passes ("ujar Wakil Menlu")
        for t in range(i, k):
            ctx.owner.setdefault(t, title)
        i = max(after, i + 1)


def _apposed_name(ctx: Context, title_at: int, info: dict, code: str) -> bool:
    """"Lin Weiming, juru bicara Kementerian Luar Negeri China, ...": a name right before ", <title> <state>"
    is that office's holder (rule KB-apposed-title); a KB person there keeps the KB's state. Claims the name
    when it is new; True when a name stands there."""
    end = title_at - 1
    start = end
    while start > 0 and ctx.toks[start - 1].text[:1].isupper() and ctx.toks[start - 1].text.isalpha() \
            and end - start < MAX_NAME_TOKENS and contiguous(ctx, start - 1, end):
        start -= 1
    if start == end:
        return False
    owned = ctx.owner.get(end - 1)
    if owned is not None:
        return owned.type == "PER"
    if not looks_like_name(ctx.toks[start:end], ctx.kb) or (start and ctx.toks[start - 1].text.isalpha()
                                                            and ctx.folded[start - 1] in title_starts(ctx.kb)):
        return False
    state = code if len(code) == 3 and code.isupper() and ctx.kb.state(code) else None
    ctx.claim(Found(start, end, name=ctx.text[ctx.toks[start].start:ctx.toks[end - 1].end], type="PER",
                    country=state, code=code, role=info.get("title")))
    return True


def _past_domestic_place(ctx: Context, k: int, country: str) -> int:
    """"Gubernur Jawa Tengah Ahmad Luthfi": the province or city of a domestic office is skipped to reach
    the name."""
    owned = ctx.owner.get(k)
    if owned is not None and owned.entry is not None and owned.entry.kind in ("region", "city", "seat") \
            and owned.entry.country == country and owned.first == k:
        return owned.last
    return k


def subject_code(subject: Found | None, info: dict) -> str | None:
    if subject is None or subject.entry is None:
        return None
    entry = subject.entry
    if entry.kind == "igo":
        return entry.code
    return entry.country or entry.code


def resolve_role(ctx: Context, start: int, after: int, info: dict, code: str | None, current: bool,
                 has_subject: bool) -> None:
    person = person_at(ctx, after)
    if person is not None:
        return
    end = name_run(ctx, after) if after < len(ctx.toks) else after
    # "Menlu Rusia, Retno juga ...": a short name of a person already met is not Russia's minister
    if end > after and info["role"] != "leader" and looks_like_name(ctx.toks[after:end], ctx.kb) \
            and not short_of_known_person(ctx, after, end):
        ctx.claim(Found(after, end, name=ctx.text[ctx.toks[after].start:ctx.toks[end - 1].end], type="PER",
                        country=code if code and len(code) == 3 and code.isupper() and ctx.kb.state(code)
                        else None, code=code, role=info.get("title")))
        return
    if not (current and has_subject and code) or info.get("named_only"):
        return
    if ctx.date is None:
        return      # an undated article: today's holder of "Sekjen ASEAN" is a guess (rule KB-dated-holder)
    holder = ctx.kb.leader(code, ctx.date) if info["role"] == "leader" else ctx.kb.holder(info["role"], code, ctx.date)
    if holder is not None:
        span_end = ctx.toks[after - 1].end if ctx.toks[after - 1].text != "," else ctx.toks[after - 2].end
        ctx.found.append(Found(start, after, entry=holder, span=(ctx.toks[start].start, span_end)))


def short_of_known_person(ctx: Context, first: int, end: int) -> bool:
    """Whether the words [first, end) are part of the name of a KB person the gazetteer found earlier in the
    text (rule KB-short-name): pass 5 joins them to that person instead of reading a new name."""
    words = [ctx.toks[t].text for t in range(first, end)]
    start = ctx.toks[first].start
    checked: set[int] = set()  # a person found many times is checked once per call
    for f in ctx.found:
        if f.entry is None or f.entry.kind != "person" or id(f.entry) in checked or ctx.toks[f.first].start >= start:
            continue
        checked.add(id(f.entry))
        names = [tokens_of_name(a) for a in [f.entry.name, *f.entry.aliases]]
        if any(_contains(name, words) for name in names):
            return True
    return False


def tokens_of_name(name: str) -> list[str]:
    return list(_name_tokens(name))


@lru_cache(maxsize=8192)
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(words_of(name))


def _contains(name: list[str], words: list[str]) -> bool:
    return len(words) < len(name) and any(name[i:i + len(words)] == words for i in range(len(name)))


# ---------------------------------------------------------------- pass 3: persons and organisations outside the KB
def words_set(ctx: Context, key: str) -> frozenset[str]:
    return folded_setting(ctx.kb, key)


@lru_cache(maxsize=32)
def folded_setting(kb: KnowledgeBase, key: str) -> frozenset[str]:
    """A word list of the KB settings, folded, built once per knowledge base."""
    return frozenset(fold(w) for w in kb.settings.get(key) or [])


@lru_cache(maxsize=32)
def setting_set(kb: KnowledgeBase, key: str) -> frozenset[str]:
    """A word list of the KB settings as written, built once per knowledge base."""
    return frozenset(kb.settings.get(key) or [])


def sentence_end(ctx: Context, i: int) -> int:
    while i < len(ctx.toks) and ctx.toks[i].text not in (".", "!", "?"):
        i += 1
    return i


def country_after(ctx: Context, first: int, last: int) -> Found | None:
    for j in range(first, last):
        owned = ctx.owner.get(j)
        if owned is not None and owned.entry is not None and owned.entry.kind in ("org", "igo", "state", "seat", "city"):
            return owned
    return None


def has_apposition(ctx: Context, end: int, nouns: frozenset[str]) -> bool:
    return end + 1 < len(ctx.toks) and ctx.toks[end].text == "," and ctx.folded[end + 1] in nouns


def apposition_country(ctx: Context, end: int, nouns: frozenset[str]) -> str | None:
    """"<Name>, anggota think tank Dewan Atlantik, ...": the country of the place or body in the apposition."""
    if has_apposition(ctx, end, nouns):
        source = country_after(ctx, end + 1, sentence_end(ctx, end + 1))
        return source.entry.country if source is not None and source.entry is not None else None
    return None


def appositions(ctx: Context) -> None:
    """'<Name Name>, anggota think tank Dewan Atlantik, ...' and 'warga Palestina <Name Name>'."""
    nouns = words_set(ctx, "apposition_nouns")
    nationality = words_set(ctx, "nationality_nouns")
    verbs = words_set(ctx, "speech_verbs")
    i = 0
    # a token neither owned (the claims of this pass start where it stands) nor a name word is passed over
    for start in sorted(ctx.owner.keys() | set(compress(range(len(ctx.toks)), ctx.name_word))):
        if start < i:
            continue
        i = start
        owned = ctx.owner.get(i)
        if owned is not None and owned.entry is None and owned.type == "PER" and owned.country is None \
                and owned.first == i:
            owned.country = owned.code = apposition_country(ctx, owned.last, nouns)
            i = owned.last
            continue
        # a name run of two tokens or more starts with a name word (name_run), not after a capitalised word
        if i in ctx.owner or not ctx.name_word[i] or (i and ctx.words[i - 1][:1].isupper()
                                                      and ctx.words[i - 1].isalpha()):
            i += 1
            continue
        end = name_run(ctx, i)
        if end - i < 2:
            i += 1
            continue
        country = apposition_country(ctx, end, nouns)
        if has_apposition(ctx, end, nouns):
            pass
        elif i >= 2 and (owner := ctx.owner.get(i - 1)) is not None and owner.entry is not None \
                and ctx.folded[owner.first - 1] in nationality:
            country = owner.entry.country
        elif not (i and ctx.folded[i - 1] in verbs):
            i = end
            continue
        if not looks_like_name(ctx.toks[i:end], ctx.kb):
            i = end
            continue
        ctx.claim(Found(i, end, name=ctx.text[ctx.toks[i].start:ctx.toks[end - 1].end], type="PER",
                        country=country, code=country))
        i = end


@lru_cache(maxsize=4)
def org_head_index(kb: KnowledgeBase) -> tuple[list[tuple[str, ...]], frozenset[str]]:
    """The head words of organisation names ("Universitas", "Partai ...") as token tuples, and their first
    tokens, built once per knowledge base."""
    heads = [tuple(words_of(h)) for h in kb.settings.get("org_heads") or []]
    return heads, frozenset(h[0] for h in heads)


def org_heads(ctx: Context) -> None:
    heads, head_starts = org_head_index(ctx.kb)
    i = 0
    for start in list(compress(range(len(ctx.words)), map(head_starts.__contains__, ctx.words))):
        if start < i:
            continue
        i = start
        head = next((h for h in heads if tuple(ctx.words[i:i + len(h)]) == h), None)
        if head is None or not ctx.free(i, i + len(head)):
            continue
        j = org_name_end(ctx, i + len(head))
        if j > i + len(head) and all(fold(t.text) not in ("ini", "itu") for t in ctx.toks[i:j]) \
                and not ctx.toks[i:j][-1].text[:1].islower():
            inner = country_after(ctx, i, j)
            acronym = bracketed_acronym(ctx, j)
            for idx in range(i, j):
                ctx.owner.pop(idx, None)
            ctx.found = [f for f in ctx.found if not (i <= f.first and f.last <= j)]
            country = inner.entry.country if inner is not None and inner.entry is not None else None
            found = Found(i, j, name=ctx.text[ctx.toks[i].start:ctx.toks[j - 1].end], type="ORG",
                          country=country, code=country)
            ctx.claim(found)
            if acronym is not None:
                claim_acronym(ctx, found, acronym)
            j = max(j, acronym + 1 if acronym is not None else j)
        i = max(j, i + 1)


def org_name_end(ctx: Context, j: int) -> int:
    """End of an organisation's name: capitalised words, joined by "dan" when another follows."""
    while j < len(ctx.toks) and contiguous(ctx, j - 1, j + 1):
        word = ctx.toks[j].text
        joins = word == "dan" and j + 1 < len(ctx.toks) and ctx.toks[j + 1].text[:1].isupper() \
            and (j + 1) not in ctx.owner
        if not (word[:1].isupper() or joins):
            break
        j += 1
    return j


def bracketed_acronym(ctx: Context, j: int) -> int | None:
    """Token index of "(ACRONYM)" right after a name, when the acronym names nothing the KB knows."""
    if j + 2 < len(ctx.toks) and ctx.toks[j].text == "(" and ctx.toks[j + 2].text == ")":
        word = ctx.toks[j + 1].text
        if 2 <= len(word) <= 8 and word.isupper() and word.isalpha() and (j + 1) not in ctx.owner:
            return j + 1
    return None


def claim_acronym(ctx: Context, found: Found, index: int) -> None:
    """The acronym and its later bare uses are mentions of the same organisation."""
    word = ctx.toks[index].text
    for k, tok in enumerate(ctx.toks):
        if k >= index and tok.text == word and k not in ctx.owner:
            ctx.claim(Found(k, k + 1, name=found.name, type="ORG", country=found.country, code=found.code))


def token_range(ctx: Context, start: int, end: int) -> tuple[int, int] | None:
    """The tokens lying inside [start, end), found by bisection (tokens are in order, so their starts and ends
    both ascend): a scan of every token for every NER span is quadratic on long articles."""
    starts, ends = _token_offsets(ctx.toks)
    first, last = bisect.bisect_left(starts, start), bisect.bisect_right(ends, end)
    return (first, last) if first < last else None


_offsets_cache: list[tuple[list[Any], list[int], list[int]]] = []


def _token_offsets(toks: list[Any]) -> tuple[list[int], list[int]]:
    if not _offsets_cache or _offsets_cache[0][0] is not toks or len(_offsets_cache[0][1]) != len(toks):
        _offsets_cache[:] = [(toks, list(map(_START, toks)), list(map(_END, toks)))]
    return _offsets_cache[0][1], _offsets_cache[0][2]


def ner_spans(ctx: Context, article: Article) -> None:
    titles = title_index(ctx.kb)
    stop = not_names(ctx.kb)
    generic = words_set(ctx, "generic_org_words")
    for span in article.spans:
        if span.label not in ("PER", "ORG"):
            continue
        rng = token_range(ctx, span.start, span.end)
        if rng is None:
            continue
        first, last = rng
        while span.label == "PER" and first < last and (hit := match_title(ctx, first, titles)):
            first = hit[0]
        if first >= last or not ctx.free(first, last):
            continue
        words = [t.text for t in ctx.toks[first:last]]
        if span.label == "PER":
            if len(words) < 2 or any(w in stop for w in words) or not all(w[:1].isupper() or w in name_particles()
                                                                          for w in words if w.isalpha()):
                continue
            if not looks_like_name(ctx.toks[first:last], ctx.kb):
                continue
            ctx.claim(Found(first, last, name=" ".join(words), type="PER"))
        elif plausible_org(words, stop) and any(w[:1].isupper() and fold(w) not in generic for w in words):
            inner = country_after(ctx, first, last)
            country = inner.entry.country if inner is not None and inner.entry is not None else None
            ctx.claim(Found(first, last, name=ctx.text[ctx.toks[first].start:ctx.toks[last - 1].end], type="ORG",
                            country=country, code=country))


def plausible_org(words: list[str], stop: frozenset[str]) -> bool:
    """An organisation's name from the NER model: no numbers, stray brackets or quotes, and not a date
    ("Senin (26") or other function words alone."""
    text = " ".join(words)
    if re.search(r"\d|[“”\"]", text) or text.count("(") != text.count(")"):
        return False
    return any(w[:1].isupper() and w not in stop for w in words)


# ---------------------------------------------------------------- pass 4: fuzzy names
@lru_cache(maxsize=4)
def person_aliases(kb: KnowledgeBase) -> dict[str, Entry]:
    table: dict[str, Entry] = {}
    for entry in kb.entries.values():
        if entry.kind == "person":
            for alias in entry.aliases:
                if fold(alias) in kb.ambiguous:
                    continue          # "Albanese" may be Anthony or Francesca: never guessed by similarity
                table.setdefault(fold(alias).replace(" ", "").replace("-", ""), entry)
    return table


@lru_cache(maxsize=4)
def alias_keys_by_initial(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Person alias keys by first letter: a fuzzy match must share it, so only those are compared."""
    index: dict[str, list[str]] = {}
    for key in person_aliases(kb):
        index.setdefault(key[:1], []).append(key)
    return index


def fuzzy_names(ctx: Context) -> None:
    table = person_aliases(ctx.kb)
    i = 0
    for first in list(compress(range(len(ctx.toks)), ctx.name_word)):     # a run starts with a name word
        if first < i:
            continue
        i = first
        end = name_run(ctx, i) if i not in ctx.owner else i
        if end == i:
            continue
        start = i
        while start < end:
            start = fuzzy_at(ctx, start, end, table)
        i = end


def fuzzy_at(ctx: Context, start: int, end: int, table: dict[str, Entry]) -> int:
    """Claims the longest person alias close to a name starting at `start`; the next start to try."""
    for last in range(min(end, start + 3), start, -1):
        probe = fold("".join(filter("-".__ne__, ctx.words[start:last])))
        if len(probe) < 5:
            continue
        key = closest_alias_key(ctx.kb, probe)
        if key is not None:
            ctx.claim(Found(start, last, entry=table[key]))
            return last
    return start + 1


@lru_cache(maxsize=4096)
def closest_alias_key(kb: KnowledgeBase, probe: str) -> str | None:
    """The person alias key closest to `probe` (same first letter, ratio at least FUZZY_THRESHOLD), or None;
    cached per knowledge base: a name the KB lacks comes back in an article, and in the next ones."""
    best = process.extractOne(probe, alias_keys_by_initial(kb).get(probe[:1], []), scorer=fuzz.ratio,
                              score_cutoff=FUZZY_THRESHOLD)
    return best[0] if best is not None and best[0][:1] == probe[:1] else None


# ---------------------------------------------------------------- pass 5: short mentions join full names
def join_short_mentions(ctx: Context) -> None:
    stop = not_names(ctx.kb)
    persons = [f for f in ctx.found if f.type == "PER" and (f.entry is None or f.entry.kind == "person")]
    parts: dict[str, list[Found]] = {}
    particles = name_particles()
    # the name words of each person, gathered once: a person found many times has one name and one alias list
    words_of_person: dict[object, list[str]] = {}
    for f in persons:
        person = id(f.entry) if f.entry is not None else f.name
        words = words_of_person.get(person)
        if words is None:
            name = f.entry.name if f.entry is not None else f.name or ""
            aliases = f.entry.aliases if f.entry is not None else []
            words = words_of_person[person] = [
                word for word in {w for a in [name, *aliases] for w in _name_tokens(a)}
                if len(word) > 1 and word[:1].isupper() and word not in stop and fold(word) not in particles]
        for word in words:
            parts.setdefault(word, []).append(f)
    for i in list(compress(range(len(ctx.words)), map(parts.__contains__, ctx.words))):
        tok = ctx.toks[i]
        if i in ctx.owner:
            continue
        if i + 1 < len(ctx.toks) and ctx.toks[i + 1].text[:1].isupper() and ctx.toks[i + 1].text.isalpha() \
                and contiguous(ctx, i, i + 2) and (i + 1) not in ctx.owner:
            continue          # "Wang Wenbin" is not a short mention of Wang Yi
        before = [f for f in parts[tok.text] if ctx.toks[f.first].start < tok.start] or parts[tok.text]
        target = max(before, key=lambda f: ctx.toks[f.first].start)
        ctx.claim(Found(i, i + 1, entry=target.entry, name=target.name, type="PER", country=target.country,
                        code=target.code, role=target.role))


# ---------------------------------------------------------------- entities
def entity_key(f: Found) -> str:
    return f.entry.id if f.entry is not None else f"{f.type}:{fold(f.name or '')}"


def new_entity(f: Found, date: str | None) -> Entity:
    if f.entry is None:
        return Entity(name=f.name or "", type=cast(EntityType, f.type), country=f.country, code=f.code, role=f.role)
    entry = f.entry
    if entry.kind != "person":
        return Entity(name=entry.name, type=cast(EntityType, entry.type), country=entry.country, code=entry.code,
                      wikidata=entry.wikidata, kb_id=entry.id)
    role = entry.role_on(date[:10] if date else None)
    code = (role.org or role.country) if role is not None else entry.code
    return Entity(name=entry.name, type="PER", country=entry.country or (role.country if role else None),
                  code=code or entry.code, wikidata=entry.wikidata, role=role.title if role else None, kb_id=entry.id)


def build_entities(ctx: Context) -> list[Entity]:
    entities: dict[str, Entity] = {}
    reach: dict[str, int] = {}  # the furthest mention end of each entity: past it nothing can overlap
    for f in sorted(ctx.found, key=lambda f: (ctx.toks[f.first].start, f.last)):
        start, end = f.span or (ctx.toks[f.first].start, ctx.toks[f.last - 1].end)
        key = entity_key(f)
        entity = entities.get(key)
        if entity is None:        # built once per entity, not once per mention
            entity = entities[key] = new_entity(f, ctx.date)
        if f.entry is None and entity.country is None and f.country:
            entity.country, entity.code = f.country, f.code
        if f.entry is None and entity.role is None and f.role:
            entity.role = f.role
        if start >= reach.get(key, -1) or not any(m.start < end and start < m.end for m in entity.mentions):
            entity.mentions.append(Mention(start, end, ctx.text[start:end]))
            reach[key] = max(reach.get(key, -1), end)
    for key, entity in entities.items():
        entry = ctx.kb.entries.get(key)
        known = entry.aliases if entry is not None and entry.type == "ORG" and not entry.generated else []
        written = [m.text for m in entity.mentions if m.text != entity.name]
        entity.aliases = list(dict.fromkeys(a for a in [*known, *written] if a != entity.name))
    return list(entities.values())


def article_day(article: Article) -> str | None:
    """The story or publication date; an article without one is dated by the latest date it writes out, so
    that "Retno Marsudi" in a 2015 story is still Indonesia's foreign minister (rule KB-date-from-text)."""
    if article.story_date or article.published:
        return article.story_date or article.published
    written = written_anchor(article.text or "")
    return written.isoformat() if written else None


def link(article: Article, kb: KnowledgeBase | None = None) -> list[Entity]:
    text = article.text or ""
    ctx = Context(text=text, toks=text_doc(article).tokens, kb=kb or knowledge_base(), date=article_day(article))
    gazetteer(ctx)
    role_phrases(ctx)
    org_heads(ctx)
    ner_spans(ctx, article)
    appositions(ctx)
    join_short_mentions(ctx)          # "Albanese" after "Anthony Albanese" before any guess by similarity
    fuzzy_names(ctx)
    join_short_mentions(ctx)
    return build_entities(ctx)


def link_entities(article: Article) -> Article:
    """The `link` stage: article.entities from article.text (and article.spans when the NER stage gave any).
    The article's own outlet, cited in its text ("kata X kepada Tribunnews.com"), is its publisher, not an
    organisation the story is about."""
    own = squash(article.outlet)
    article.entities = [e for e in link(article) if not (own and e.type == "ORG" and any(
        squash(n) in (own, own.removesuffix("com"), own.removesuffix("coid")) for n in [e.name, *e.aliases]))]
    return article



def entity_at(article: Article, start: int, end: int) -> Entity | None:
    """The entity with a mention covering [start, end): the tightest covering mention, else the widest overlap."""
    best: tuple[tuple[int, int], Entity] | None = None
    for entity in article.entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap <= 0:
                continue
            covers = m.start <= start and end <= m.end
            score = (1 if covers else 0, -(m.end - m.start) if covers else overlap)
            if best is None or score > best[0]:
                best = (score, entity)
    return best[1] if best else None


__all__ = ["entity_at", "link", "link_entities"]
