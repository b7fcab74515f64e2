from datetime import date

import pytest

from retrieval.dates import (PartialDate, chinese_number, cli_range, date_from_filename, dateline_date,
                             find_dateline, question_range)


@pytest.mark.parametrize("text, value", [("2020", 2020), ("二〇二〇", 2020), ("十一", 11), ("二十三", 23), ("十", 10)])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_dateline_is_read_from_the_lead_sentence_only():
    assert find_dateline("4月20日下午，示范区召开会议。") == (4, 20)
    assert find_dateline("为全面推进“四城联创”工作，4月24日上午，示范区举行活动。") == (4, 24)
    assert find_dateline("会议指出，要坚持。习近平总书记在4月8日讲话") is None


def test_dateline_takes_the_issue_year_and_rolls_back_over_new_year():
    assert dateline_date(4, 20, PartialDate(2020, 4)) == PartialDate(2020, 4, 20)
    assert dateline_date(12, 30, PartialDate(2021, 1)) == PartialDate(2020, 12, 30)
    assert dateline_date(2, 30, PartialDate(2020, 2)) is None


@pytest.mark.parametrize("question, start, end", [
    ("示范区2020年4月开了什么会", date(2020, 4, 1), date(2020, 4, 30)),
    ("二〇二〇年四月的会议", date(2020, 4, 1), date(2020, 4, 30)),
    ("2020年4月至7月有哪些活动", date(2020, 4, 1), date(2020, 7, 31)),
    ("2019年11月8日的运动会", date(2019, 11, 8), date(2019, 11, 8)),
])
def test_question_dates_with_a_year(question, start, end):
    found = question_range(question)
    assert (found.start, found.end) == (start, end)


def test_question_date_without_a_year_matches_that_day_in_any_year():
    found = question_range("4月20日示范区开了什么会")
    assert found.admits(PartialDate(2020, 4, 20)) and found.admits(PartialDate(2021, 4, 20))
    assert not found.admits(PartialDate(2020, 4, 21))
    assert found.admits(PartialDate(2020, 4))  # known only to the month: could be that day


@pytest.mark.parametrize("question", ["示范区2020年有什么变化", "2020年度全省先进单位", "力争6月底前完成", "共有5000元"])
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
