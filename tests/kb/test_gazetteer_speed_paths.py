"""The gazetteer's shortcuts give what the plain search gives: contiguous reach, alias prefixes."""

from __future__ import annotations

from sorot.kb.linker import (
    Context,
    contiguous,
    contiguous_reach,
    link,
    name_words,
    not_names,
    title_starts,
    word_facts,
)
from sorot.schema import Article
from sorot.text.normalise import fold
from sorot.text.tokens import tokenize
from sorot.text.words import name_particles

TEXTS = [
    "Menteri Luar Negeri Amerika Serikat tiba di Jakarta.\nPerdana Menteri  Jepang menyusul  kemudian.",
    "  Di awal\tada tab,  dua spasi \n dan\u00a0spasi keras; lalu akhir.  \n",
    "Satu",
    "",
    "Sekjen PBB, Antonio Guterres, berbicara di Dewan Keamanan PBB (DK PBB) pada Senin.",
    "Delegasi Uni Eropa\n\nbertemu wakil Korea Selatan dan Korea   Utara di Jenewa.",
]


def contiguous_gaps(ctx: Context, first: int, last: int) -> bool:
    """`contiguous` read off the gaps themselves, as the linker once did: one space or nothing between tokens."""
    return all(ctx.text[ctx.toks[i].end:ctx.toks[i + 1].start] in ("", " ") for i in range(first, last - 1))


def test_contiguous_reach_agrees_with_contiguous_at_every_length(kb) -> None:
    for text in TEXTS:
        toks = tokenize(text)
        ctx = Context(text, toks, kb, None)
        reach = contiguous_reach(ctx)
        for i in range(len(toks)):
            for length in range(1, len(toks) - i + 1):
                joined = contiguous_gaps(ctx, i, i + length)
                assert joined == (length <= reach[i]) == contiguous(ctx, i, i + length), (text, i, length)


def test_every_alias_prefix_is_known(kb) -> None:
    for key in [*kb.exact, *kb.folded]:
        assert all(key[:size] in kb.prefixes for size in range(1, len(key) + 1))


def _names(kb, text: str) -> list[str]:
    return sorted(e.name for e in link(Article(source="t.txt", text=text), kb))


def test_longest_alias_wins_and_a_wide_gap_splits_names(kb) -> None:
    assert "South Korea" in _names(kb, "Presiden Korea Selatan berkunjung ke Tokyo.")
    # "Korea   Utara" across a wide gap is no alias of North Korea; "Korea Utara" is
    assert "North Korea" in _names(kb, "Rudal Korea Utara jatuh di laut.")
    assert "North Korea" not in _names(kb, "Rudal Korea\n\nUtara jatuh di laut.")


def test_ordinary_words_are_looked_up_only_until_the_answer_is_certain(monkeypatch) -> None:
    import sorot.kb.linker as linker

    ordinary = {"Menteri", "Pertahanan", "Urusan", "Dalam"}
    asked: list[str] = []

    def is_common(word: str) -> bool:
        asked.append(word)
        return word in ordinary

    monkeypatch.setattr(linker, "is_common_word", is_common)
    # one name word among two settles it: a name
    assert linker.few_common_words(["Rahmat", "Pertahanan"]) and asked == ["Rahmat"]
    asked.clear()
    # two ordinary words of three: more than half, an office, whatever the third word is
    assert not linker.few_common_words(["Menteri", "Urusan", "Kusuma"]) and asked == ["Menteri", "Urusan"]
    asked.clear()
    assert not linker.few_common_words(["Menteri", "Pertahanan"]) and asked == ["Menteri", "Pertahanan"]
    asked.clear()
    assert linker.few_common_words(["Dalam", "Budi", "Santoso", "Wirawan"]) and len(asked) == 3


def test_first_words_are_split_by_how_their_aliases_match(kb) -> None:
    assert kb.exact_first_words == {key[0] for key, ids in kb.exact.items() if ids}
    assert kb.folded_first_words == {key[0] for key, ids in kb.folded.items() if ids}
    assert kb.first_words == kb.exact_first_words | kb.folded_first_words


def test_a_lower_case_word_starts_only_a_case_sensitive_alias(kb) -> None:
    # "korea" opens folded aliases only: written lower-case it names nothing; capitalised, it does
    assert "korea" in kb.folded_first_words and "korea" not in kb.exact_first_words
    assert "South Korea" not in _names(kb, "Rudal itu jatuh di perairan korea selatan.")
    assert "South Korea" in _names(kb, "Rudal itu jatuh di perairan Korea Selatan.")


def test_word_facts_remembered_per_word_are_those_judged_afresh(kb) -> None:
    stop, particles = not_names(kb), name_particles()
    seen: list[tuple[bool, bool]] = []
    for text in TEXTS + ["von der Leyen dan bin Salman bertemu pejabat AS, korea dan Menlu RI."]:
        toks = tokenize(text)
        words = [t.text for t in toks]
        fresh = name_words(words, stop)
        # a token may open an alias as the gazetteer once asked it of every token
        opens = [t.text in kb.exact_first_words or (fold(t.text) in kb.folded_first_words and (
            t.capitalised or fold(t.text) in particles)) for t in toks]
        seen += zip(fresh, opens, strict=True)
        for _ in range(2):                                  # judged, then from memory
            facts = word_facts(words, kb, particles)
            assert [f.name_word for f in facts] == fresh
            assert [f.folded for f in facts] == [fold(w) for w in words]
            assert [f.opens_alias for f in facts] == opens
            assert [f.opens_title for f in facts] == [fold(w) in title_starts(kb) for w in words]
    assert len(set(seen)) >= 3          # name words, alias openers, both and neither among the tokens
    ctx = Context("Presiden Korea Selatan bertemu Menlu RI.", tokenize("Presiden Korea Selatan bertemu Menlu RI."), kb, None)
    assert ctx.alias_starts == [i for i, f in enumerate(word_facts(ctx.words, kb, particles)) if f.opens_alias]
    assert ctx.title_starts and ctx.alias_starts
