from datetime import date

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval.dates import (
    PartialDate,
    as_written_in_pages,
    cli_range,
    date_from_filename,
    dateline_date,
    english_dates,
    find_dateline,
    parse_number,
    question_range,
    year_mentions,
)

from strategies import chinese_text


@pytest.mark.parametrize("text, value", [("2020", 2020), ("二〇二〇", 2020), ("十一", 11), ("二十三", 23), ("十", 10)])
def test_numbers_in_digits_and_chinese_numerals(text, value):
    assert parse_number(text) == value


def test_dateline_is_read_from_the_lead_sentence_only():
    assert find_dateline("4月20日下午，示范区召开会议。") == (4, 20)
    assert find_dateline("为全面推进“四城联创”工作，4月24日上午，示范区举行活动。") == (4, 24)
    assert find_dateline("会议指出，要坚持。习近平总书记在4月8日讲话") is None


def test_dateline_takes_the_issue_year_and_rolls_back_over_new_year():
    assert dateline_date(4, 20, PartialDate(2020, 4)) == PartialDate(2020, 4, 20)
    assert dateline_date(12, 30, PartialDate(2021, 1)) == PartialDate(2020, 12, 30)
    assert dateline_date(2, 30, PartialDate(2020, 2)) is None


@pytest.mark.parametrize(
    "question, start, end",
    [
        ("示范区2020年4月开了什么会", date(2020, 4, 1), date(2020, 4, 30)),
        ("二〇二〇年四月的会议", date(2020, 4, 1), date(2020, 4, 30)),
        ("2020年4月至7月有哪些活动", date(2020, 4, 1), date(2020, 7, 31)),
        ("2019年11月8日的运动会", date(2019, 11, 8), date(2019, 11, 8)),
    ],
)
def test_question_dates_with_a_year(question, start, end):
    found = question_range(question)
    assert (found.start, found.end) == (start, end)


def test_question_date_without_a_year_matches_that_day_in_any_year():
    found = question_range("4月20日示范区开了什么会")
    assert found.admits(PartialDate(2020, 4, 20)) and found.admits(PartialDate(2021, 4, 20))
    assert not found.admits(PartialDate(2020, 4, 21))
    assert found.admits(PartialDate(2020, 4))  # known only to the month: could be that day


@pytest.mark.parametrize(
    "question", ["示范区2020年有什么变化", "2020年度全省先进单位", "力争6月底前完成", "共有5000元"]
)
def test_topics_and_deadlines_are_not_date_restrictions(question):
    assert question_range(question) is None


def test_partial_date_parsing_and_errors():
    assert PartialDate.parse("2020-04").iso() == "2020-04"
    assert PartialDate.parse("2020-04-20").last_day() == date(2020, 4, 20)
    for bad in ("2020-13", "April", "2020-02-30"):
        with pytest.raises(ValueError):
            PartialDate.parse(bad)


def test_cli_range_rejects_reversed_bounds():
    assert cli_range("2020", "2020-06").end == date(2020, 6, 30)
    with pytest.raises(ValueError):
        cli_range("2021", "2020")


def test_dates_in_file_names():
    assert date_from_filename("2020-04-21_p3.txt") == PartialDate(2020, 4, 21)
    assert date_from_filename("page_20191105.txt") == PartialDate(2019, 11, 5)
    assert date_from_filename("000_b7e49fbd0a3b0876.txt") is None


@pytest.mark.parametrize(
    "question",
    [
        "林俊贤在八十九十年代是哪个电视台的当家小生？",
        "九十年代的电视剧",
        "二十一世纪的城市",
        "一五十年",
        "八七十年代",
        "三七十年代",
        "十二九月",
        "二六十日",
        "百五五十年",
    ],
)
def test_decades_centuries_and_nonsense_numerals_restrict_nothing(question):
    assert question_range(question) is None


@pytest.mark.parametrize("question", ["2020年13月的会议", "2月30日的会议", "4月31日", "0月0日", "2021年2月29日"])
def test_impossible_dates_are_not_dates(question):
    assert question_range(question) is None


def test_february_29th_without_a_year_is_a_date():
    assert question_range("2月29日的会议").yearless == ((2, 29), (2, 29))


@pytest.mark.parametrize(
    "text, value", [("两千零二十", 2020), ("二零二一", 2021), ("２０２０", 2020), ("一九九八", 1998), ("○", 0)]
)
def test_numbers_in_every_way_dates_write_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["八九十", "十二九", "十十", "十两亿九", "", "年"])
def test_nonsense_numerals_are_not_numbers(text):
    assert parse_number(text) is None


def _valid(found) -> bool:
    if found is None:
        return True
    if found.yearless is not None:
        (low_month, low_day), (high_month, high_day) = found.yearless
        return (
            1 <= low_month <= high_month <= 12
            and 1 <= low_day <= 31
            and 1 <= high_day <= 31
            and (low_month, low_day) <= (high_month, high_day)
        )
    return found.start <= found.end and found.text != ""


@given(chinese_text)
def test_any_question_gives_a_valid_date_range_or_none(question):
    assert _valid(question_range(question))


@given(chinese_text)
def test_any_lead_gives_a_real_month_and_day_or_none(lead):
    found = find_dateline(lead)
    assert found is None or date(2000, *found)


@given(
    st.dates(date(1900, 1, 1), date(2100, 12, 31)),
    st.sampled_from(["arabic", "full width", "chinese"]),
    st.sampled_from(["month", "day"]),
)
def test_dates_written_any_way_are_read_back(day, style, precision):
    def number(value: int, digits: bool = False) -> str:
        if style == "arabic":
            return str(value)
        if style == "full width":
            return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        if digits:  # years are read digit by digit: 二〇二〇
            return "".join("〇一二三四五六七八九"[int(c)] for c in str(value))
        return cn2an.an2cn(value)

    text = f"{number(day.year, digits=True)}年{number(day.month)}月"
    expected = PartialDate(day.year, day.month)
    if precision == "day":
        text += f"{number(day.day)}日"
        expected = PartialDate(day.year, day.month, day.day)
    found = question_range(f"示范区{text}召开了什么会议？")
    assert (found.start, found.end) == (expected.first_day(), expected.last_day())


@given(st.integers(0, 99_999_999))
def test_chinese_numerals_are_read_as_written(value):
    assert parse_number(cn2an.an2cn(value)) == value
    assert parse_number(str(value)) == value


@given(st.text(max_size=20))
def test_partial_dates_parse_or_say_why(text):
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        return
    assert parsed.first_day() <= parsed.last_day()


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("2019年有哪些报道？", [2019]),
        ("国家安全教育日 主题 2021", [2021]),  # a year typed as a keyword, alone between spaces
        ("共有2021人参加", []),  # a number that is no year
        ("编号 1234", []),
    ],
)
def test_the_years_a_question_names(question, years):
    assert [year for year, _ in year_mentions(question)] == years


@pytest.mark.parametrize(
    ("question", "written"),
    [
        ("what did 吕沛 inspect on april 13?", "4月13日"),
        ("who came on the 15th of april, 2021?", "2021年4月15日"),
        ("what happened on apr. 15 2021?", "2021年4月15日"),
        ("which meetings were held in july 2020?", "2020年7月"),
        ("what did 王家鹏 do in july?", "7月"),
        ("what happened in 2019?", "2019年"),
    ],
)
def test_an_english_questions_dates_are_written_as_chinese_writes_them(question, written):
    assert written in english_dates(question).split()


def test_may_is_a_month_only_beside_a_day_or_a_year():
    assert english_dates("may i ask what 东小巷 is in may?") == "may i ask what 东小巷 is in may?"
    assert "5月8日" in english_dates("what happened on may 8?")


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("2020.4.20示范区开了什么会？", "2020年4月20日示范区开了什么会？"),
        ("2020-04-20开了什么会？", "2020年4月20日开了什么会？"),
        ("2020/4/20开了什么会？", "2020年4月20日开了什么会？"),
        ("2021.4有哪些报道？", "2021年4月有哪些报道？"),
        ("二〇二〇年四月二十日开了什么会？", "2020年4月20日开了什么会？"),
        ("四月二十日开了什么会？", "4月20日开了什么会？"),
        ("PM2.5浓度是多少？", "PM2.5浓度是多少？"),  # no dates: decimals, amounts
        ("总投资20.5亿元", "总投资20.5亿元"),
        ("2020.4万元", "2020.4万元"),
        ("崇祯十七年三月发生了什么？", "崇祯十七年三月发生了什么？"),  # a reign's year, as the pages write it
        ("三月发生了什么？", "三月发生了什么？"),  # one part alone: also 三月 of a name
    ],
)
def test_a_questions_dates_are_written_as_the_pages_write_them(typed, written):
    assert as_written_in_pages(typed, says=lambda word: False) == written


def test_dates_in_chinese_numerals_stay_so_where_the_pages_write_them_so():
    assert as_written_in_pages("四月二十日开了什么会？", says={"二十日"}.__contains__) == "四月二十日开了什么会？"


@pytest.mark.parametrize("question", ["2020.4.20示范区开了什么会？", "二〇二〇年四月二十日开了什么会？"])
def test_a_date_typed_otherwise_is_the_date_asked(seed_qa, question):
    """2020.4.20 was no date (answered from another day's meeting); 二〇二〇年四月二十日 was no good match."""
    answer = seed_qa.ask(question)
    assert answer.query.date_range is not None and answer.query.date_range.start == date(2020, 4, 20)
    assert answer.span is not None and answer.span.text == "示范区党工委（扩大）会议"
