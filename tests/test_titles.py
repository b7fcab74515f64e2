"""Who a person is, as the paper says it: the title before their name, or what a clause says they are."""

import pytest

from retrieval import ArchiveQA, Conversation
from retrieval.documents import Archive, ArchiveReport, Article
from retrieval.titles import title_of


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "7月9日上午，示范区（高新区）党工委书记、管委会主任王家鹏调研部分在建项目。",
            "王家鹏",
            "示范区（高新区）党工委书记、管委会主任",
        ),
        ("近一个月后，中商（威海）控股集团董事长胡友峰一行来到示范区", "胡友峰", "中商（威海）控股集团董事长"),
        ("4月13日上午，由区领导高鸿率领的焦作高新区考察团", "高鸿", "区领导"),  # not 由区领导
        ("会议强调，根据示范区党工委书记王家鹏的指示", "王家鹏", "示范区党工委书记"),
        ("“……营商环境。”示范区行政审批局局长李前进说。", "李前进", "示范区行政审批局局长"),
        # what was done with them opens the clause: 传达学习 is no part of the title (it was)
        ("传达学习省委书记王国生4月13日莅焦调研座谈会讲话精神", "王国生", "省委书记"),
        ("吕沛会见了中商控股集团董事长胡友峰一行", "胡友峰", "中商控股集团董事长"),
        ("李志勇同志生前是市农业农村局疫控中心流调室主任，14年如一日", "李志勇", "市农业农村局疫控中心流调室主任"),
        # the longest of its titles
        (
            "区领导刘明胜出席。示范区管委会副书记、领导小组组长刘明胜主持会议。",
            "刘明胜",
            "示范区管委会副书记、领导小组组长",
        ),
    ],
)
def test_a_persons_title_is_what_the_paper_writes_before_their_name_or_says_they_are(text, name, title):
    found = title_of(text, name)
    assert found is not None and text[found[0] : found[1]] == title


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("当天，吕沛还到高新热力公司等点位。", "吕沛"),  # named bare
        ("区领导刘明胜、刘春明参加会议。", "刘春明"),  # a list of names: 刘明胜、 is no title
        ("推出以赵小平、董红旗为代表的先进典型。", "赵小平"),
    ],
)
def test_a_name_without_a_title_has_none(text, name):
    assert title_of(text, name) is None


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("吕沛是谁？", "示范区（高新区）党工委书记、管委会主任"),  # its first passage was 当天，吕沛还到……
        ("王家鹏是什么职务？", "示范区（高新区）党工委书记、管委会主任"),  # 职务, no word of the page: no good match
        ("李志勇同志是谁？", "市农业农村局疫控中心流调室主任"),
        ("胡友峰是干什么的？", "中商（威海）控股集团董事长"),
        ("李志勇生前是干啥的？", "市农业农村局疫控中心流调室主任"),  # 生前 was read as part of the name
        ("李志勇生前是做什么工作的？", "市农业农村局疫控中心流调室主任"),  # cited 报告团成员有李志勇生前的领导
        ("胡友峰是哪个公司的？", "中商（威海）控股集团董事长"),  # was none: no phrase ending in 公司 is his
        ("王家鹏在哪工作？", "示范区（高新区）党工委书记、管委会主任"),
        ("王国生是谁？", "省委书记"),  # 传达学习省委书记王国生……讲话精神: it was 传达学习省委书记
    ],
)
def test_asked_who_someone_is_the_passage_introducing_them_answers_with_their_title(seed_qa, question, title):
    answer = seed_qa.ask(question, Conversation())
    assert not answer.no_answer and answer.span is not None and answer.span.text == title
    assert answer.hits[0].snippet[answer.span.start : answer.span.end] == title


@pytest.mark.parametrize(
    "question",
    # 职务, 干什么, words the column never says: they were no good match
    ["陈振阳是谁？", "陈振阳在哪工作？", "陈振阳是什么职务？", "陈振阳是干什么的？"],
)
def test_asked_who_someone_only_the_headline_introduces_is_its_title_answers(seed_qa, question):
    """A column printed under 示范区开放招商局局长陈振阳 names him nowhere else."""
    answer = seed_qa.ask(question)
    assert answer.span is not None and answer.span.headline and answer.span.text == "示范区开放招商局局长"


def test_asking_who_of_another_person_after_a_who_question_is_a_who_question(seed_qa):
    chat = Conversation()
    seed_qa.ask("吕沛是谁？", chat)
    follow_up = seed_qa.ask("那刘明胜呢？", chat)  # understood as 刘明胜是谁, answered by the name model: none
    assert follow_up.query.who == "刘明胜" and follow_up.span is not None
    assert follow_up.span.text == "示范区管委会副书记、区康养产业发展领导小组组长"


def test_he_after_asking_who_someone_is_is_that_person(seed_qa):
    chat = Conversation()
    seed_qa.ask("刘明胜是做什么的？", chat)
    follow_up = seed_qa.ask("他主持过哪些会议？", chat)
    assert follow_up.query.understood_as == "刘明胜 主持过哪些会议"  # was 刘明胜是做 主持过哪些会议


def test_a_name_no_dictionary_knows_is_asked_about_as_a_person(segmenter):
    meeting = ["5月3日，市政府副市长郑大卫主持召开专题会议。", "郑大卫强调，要抓好落实。"]
    visit = ["郑大卫一行参观了企业。"]
    articles = [Article("p1", 1, "article", "市里召开会议", meeting), Article("p1", 2, "article", "企业参观", visit)]
    qa = ArchiveQA.from_archive(Archive(articles, ArchiveReport()), segmenter)
    answer = qa.ask("郑大卫是谁？")
    assert answer.query.who == "郑大卫" and answer.span is not None and answer.span.text == "市政府副市长"
    assert qa.ask("副市长是谁？").query.who == ""  # a post, not a name: answered by the name
