import re
import sys
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from retrieval.segment import default_segmenter, nfkc, normalise

from strategies import chinese_text


def test_question_words_and_punctuation_stay_out(segmenter):
    words = segmenter.words("示范区低收入群体排查出多少户？")
    assert "多少" not in words and "？" not in words
    assert "低收入群体" in words


def test_user_dictionary_keeps_slogans_and_names_whole(segmenter):
    assert "四城联创" in segmenter.words("全力推进“四城联创”工作")
    assert "王家鹏" in segmenter.words("王家鹏主持召开会议")


def test_full_width_and_traditional_text_meet_the_archive(segmenter):
    assert segmenter.words("年人均纯收入低于５０００元") == segmenter.words("年人均纯收入低于5000元")
    assert segmenter.words("示範區低收入群體") == segmenter.words("示范区低收入群体")


@given(st.text(st.sampled_from(" \t\n\r\x0b\x1c\x85\u00a0\u1680\u2003\u2028\u3000x中，"), max_size=12))
def test_white_space_of_any_kind_folds_to_one_space(text):
    assert not re.search(r"\s\s|[^\S ]", normalise(text))


def test_no_white_space_but_the_space_is_printable():
    """What lets normalise leave printable text without two spaces in a row unsearched."""
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.match(r"\s", chr(c))]
    assert [char for char in spaces if char.isprintable()] == [" "]


def test_long_words_also_give_their_bigrams(segmenter):
    terms = segmenter.terms("低收入群体")
    assert "低收入群体" in terms and "收入" in terms and "群体" in terms


def test_text_with_nothing_to_index(segmenter):
    assert segmenter.terms("？！……") == []


@given(chinese_text)
def test_terms_of_any_text_are_searchable_words(segmenter, text):
    terms = segmenter.terms(text)
    assert terms == segmenter.terms(normalise(text))  # normalising twice changes nothing
    assert all(term.strip() and term not in segmenter.stopwords | segmenter.question_words for term in terms)
    assert all(word in normalise(text) for word in segmenter.words(text))


def test_tags_come_from_jiebas_dictionary_and_the_user_dictionarys():
    tagged = {
        word: tag for word, tag, _, _ in default_segmenter().tagged("示范区（高新区）管委会主任王家鹏说，1713户。")
    }
    assert tagged["王家鹏"] == "nr" and tagged["高新区"] == "n"  # the user dictionary's tags win
    assert tagged["1713"] == "m" and tagged["，"] == "x"


# Full-width forms and compatibility characters beside combining marks, which NFKC composes with
# what comes before them (Ａ + U+0301 is Á).
compatibility = st.sampled_from("ＡＺａｚ０９，．！？～\u3000\u0301\u0308\u3099ｶﾞ①㍻ﬁ²½")


@given(st.text(st.one_of(compatibility, st.sampled_from("示范区ABCabc e"), st.characters(codec="utf-8")), max_size=60))
@example("示范区\u3000２０２０年，ＡＢＣ！")
@example("Ａ\u0301ｶﾞ①")
def test_the_fast_nfkc_is_nfkc(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
