import re

from hypothesis import given

from retrieval.reflow import clean_line, ends_sentence, is_justified, split_sentences

from strategies import chinese_text


def test_justified_line_loses_its_padding():
    assert clean_line("当 日 上 午 ， 活 动 现 场 气 氛 热") == "当日上午，活动现场气氛热"


def test_spaces_around_digits_and_brackets_go():
    assert clean_line("本报讯 （记者郭树勋） 4 月 20 日下") == "本报讯（记者郭树勋）4月20日下"
    assert clean_line("制造有限公司年产 1500 台套") == "制造有限公司年产1500台套"


def test_headline_phrase_space_is_kept():
    assert clean_line("坚持目标导向 确保污染防治攻坚见成效") == "坚持目标导向 确保污染防治攻坚见成效"


def test_space_between_latin_words_is_kept():
    assert clean_line("使用 Windows 10 系统") == "使用Windows 10系统"


def test_is_justified():
    assert is_justified("本 报 记 者")
    assert not is_justified("郭树勋 摄")


def test_sentence_ends_include_closing_quotes():
    assert ends_sentence("不折不扣完成目标任务。")
    assert ends_sentence("该街道党工委书记王文成说。”")
    assert not ends_sentence("会议强调，一是提高思想认识，扛")


def test_split_sentences_keeps_quotes_with_their_sentence():
    assert split_sentences("他说：“好。”然后走了。") == ["他说：“好。”", "然后走了。"]


def _visible(text: str) -> str:
    return re.sub(r"\s+", "", text)


@given(chinese_text)
def test_cleaning_a_line_only_ever_removes_spaces(line):
    cleaned = clean_line(line.replace("\n", " "))
    assert _visible(cleaned) == _visible(line).replace("\ufeff", "")
    assert cleaned == cleaned.strip() and "  " not in cleaned


@given(chinese_text)
def test_sentences_put_back_together_are_the_text(text):
    sentences = split_sentences(text)
    assert _visible("".join(sentences)) == _visible(text) and all(s.strip() for s in sentences)
