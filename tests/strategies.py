"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

#: Any code point, lone surrogates included (undecodable file names and careless JSON hold them);
#: ``st.text`` never draws surrogates, hence a list of characters.
ANY_CHAR = st.one_of(st.characters(codec=None), st.integers(0xD800, 0xDFFF).map(chr),
                     st.sampled_from("\x00\t\n\r\x0b\x0c\x1b\x7f\x85\xa0\xad\u200b\u200d\u2028\u2029\u202e\ufeff"
                                     "\ufffe\uffff<>\"{}|^`\\%# \\u"))


def any_text(max_size: int = 120) -> st.SearchStrategy[str]:
    """Text made of :data:`ANY_CHAR`."""
    return st.lists(ANY_CHAR, max_size=max_size).map("".join)
