"""Conversations: follow-up questions, lists, timelines and browsing, as a reader has them.

The conversation suite (tests/conversations.jsonl, written from the seed pages) is asked through
``archive-qa ask --json --conversation``, one conversation a run, as a user would pipe it.
"""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render import answer_line, note_text
from retrieval import BROWSE, FACT, LIST, BadQuestion, Conversation, asks_for_article, pipeline
from retrieval.documents import Archive, ArchiveReport, Article
from retrieval.evaluate import _plain
from retrieval.pipeline import ArchiveQA
from retrieval.spans import looks_like_name

from strategies import chinese_text

CONVERSATIONS = [
    json.loads(line)["turns"]
    for line in (Path(__file__).parent / "conversations.jsonl").read_text(encoding="utf-8").splitlines()
    if line
]
MEETINGS_2020_04 = {
    "示范区召开党工委（扩大）会议",
    "示范区召开康养产业发展工作会议",
    "示范区召开燃煤散烧管控工作会议",
    "示范区新联会召开会长办公会议",
    "示范区污染防治攻坚推进工作会议强调 坚持目标导向 确保污染防治攻坚见成效",
    "示范区召开宣传思想文化工作会议",
}  # the first title twice: 4月13日 and 4月20日


def converse(cli, questions: list[str], *options: str) -> list[dict]:
    result = cli("ask", "--json", *options, stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_conversation_suite_cites_the_follow_ups_right(cli):
    assert len(CONVERSATIONS) >= 15
    right, asked, missed = 0, 0, []
    for turns in CONVERSATIONS:
        answers = converse(cli, [turn[0] for turn in turns], "--conversation")
        for turn, answer in list(zip(turns, answers, strict=True))[1:]:
            if len(turn) > 2:  # a fresh question: tested below
                continue
            asked += 1
            if not answer["no_answer"] and _plain(turn[1]) in _plain(answer["hits"][0]["text"]):
                right += 1  # answered, not shown among the closest passages of "no good match"
            else:
                missed.append((turn[0], answer.get("understood_as")))
    assert right / asked >= 0.9, missed


def test_a_follow_up_says_how_it_was_understood(cli):
    first, follow_up = converse(cli, ["2021年示范区党工委书记是谁？", "那2020年呢？"], "--conversation")
    assert "吕沛" in first["hits"][0]["snippet"] and "understood_as" not in first
    assert follow_up["understood_as"] == "2020年 示范区党工委书记是谁"
    assert "王家鹏" in follow_up["hits"][0]["snippet"] and follow_up["hits"][0]["date"].startswith("2020")


def test_without_the_option_every_line_stands_alone(cli):
    _, alone = converse(cli, ["2021年示范区党工委书记是谁？", "那2020年呢？"])
    assert "understood_as" not in alone


def test_a_fresh_question_after_a_follow_up_is_answered_as_if_first(cli):
    turns = next(turns for turns in CONVERSATIONS if any(len(turn) > 2 for turn in turns))
    in_conversation = converse(cli, [turn[0] for turn in turns], "--conversation")[-1]
    (alone,) = converse(cli, [turns[-1][0]])
    assert in_conversation == alone


def test_a_question_with_its_own_topic_starts_afresh(seed_qa):
    chat = Conversation()
    seed_qa.ask("李志勇同志生前担任什么职务？", chat)
    fresh = seed_qa.ask("沁阳市党政考察团有多少人？", chat)
    assert not fresh.query.follow_up and "40余人" in fresh.hits[0].snippet


@pytest.mark.parametrize("follow_up", ["那2020年呢？", "他是哪天到任的？", "具体呢？", "该局局长是谁？"])
def test_questions_that_lean_on_the_one_before(seed_qa, follow_up):
    chat = Conversation()
    seed_qa.ask("2021年示范区党工委书记是谁？", chat)
    assert seed_qa.ask(follow_up, chat).query.follow_up


def test_who_did_it_asked_with_no_topic_before_its_question_word_asks_of_the_event_before(seed_qa):
    """哪个区领导陪同的？ after a question on 王家鹏's visit: 区领导申晓东一同调研 (it was asked afresh and answered
    from another article, whose 区领导刘明胜……陪同考察 says 陪同)."""
    chat = Conversation()
    seed_qa.ask("王家鹏调研了哪些在建项目？", chat)
    answer = seed_qa.ask("哪个区领导陪同的？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "申晓东"


def test_a_question_opening_with_会上_or_当天_asks_about_the_event_asked_of_before(seed_qa):
    """会上谁讲话了？ after a meeting's question is about that meeting (another article's 会上，……
    解读了 had ranked first)."""
    chat = Conversation()
    seed_qa.ask("示范区迎接第二轮中央生态环境保护督察工作推进会是哪天开的？", chat)
    answer = seed_qa.ask("会上谁讲话了？", chat)
    assert answer.query.follow_up and answer.hits[0].passage.article.title.startswith(
        "示范区迎接第二轮中央生态环境保护督察"
    )
    assert seed_qa.ask("当天发放了多少宣传单？", chat).query.follow_up


def test_a_follow_up_is_answered_from_the_article_before_when_a_passage_of_it_holds_its_words(seed_qa):
    """Another article says 蒙牛……四期工厂……竣工投产 too, and ranked first; the one answered says 9月底将建成投产."""
    chat = Conversation()
    seed_qa.ask("蒙牛四期项目总投资多少？", chat)
    answer = seed_qa.ask("这个项目什么时候投产？", chat)
    assert "9月底将建成投产" in answer.hits[0].passage.text
    answer = seed_qa.ask("谁去调研的？", chat)  # the lede: 王家鹏调研部分在建项目建设工作 (was no short answer)
    assert answer.span is not None and answer.span.text == "王家鹏"


@pytest.mark.parametrize("then", ["谁去调研的？", "谁来调研的？", "谁过来调研的？"])
def test_who_went_to_do_it_is_who_did_it(seed_qa, then):
    """The reader's going or coming is not the page's (王家鹏调研……): 谁来调研的？ and 谁过来调研的？ were
    refused, even after the question answered from the article."""
    chat = Conversation()
    seed_qa.ask("蒙牛四期项目总投资多少？", chat)
    answer = seed_qa.ask(then, chat)
    assert not answer.no_answer and answer.span is not None and answer.span.text == "王家鹏"


@pytest.mark.parametrize("then", ["这个奖是谁给的？", "是谁给的？", "谁颁的？"])
def test_who_gave_the_award_just_named_is_read_from_the_page(seed_qa, then):
    """这个奖 is the honour answered, which the page calls 荣誉称号 (jieba's 奖是 was searched for), and 给
    and 颁 are the reader's words for the page's 授予: the first and the last were refused, the second had no
    short answer."""
    chat = Conversation()
    seed_qa.ask("示范区城管局得了什么奖？", chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and not answer.no_answer
    assert answer.span is not None and answer.span.text == "省住建厅"


def test_where_the_event_asked_of_before_was_held_is_read_from_the_page(seed_qa):
    """在哪搞的？ names nothing done: what was done is the event asked of before (……在示范区生态广场开展了扫黑除恶
    专项斗争集中宣传活动); it had no short answer."""
    chat = Conversation()
    seed_qa.ask("扫黑除恶宣传活动是哪天搞的？", chat)
    answer = seed_qa.ask("在哪搞的？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "示范区生态广场"


def test_a_follow_up_is_never_answered_with_a_number_inside_its_own_words(seed_qa):
    """PM2.5浓度呢？ after the air quality index: not 2.5, of the PM2.5 it names."""
    chat = Conversation()
    seed_qa.ask("示范区环境空气质量综合指数是多少？", chat)
    answer = seed_qa.ask("PM2.5浓度呢？", chat)
    assert answer.query.follow_up and (answer.span is None or "2.5" not in answer.span.text)


def test_a_follow_up_asking_which_body_did_it_is_not_answered_by_the_thing_done(seed_qa):
    """是哪个街道打造的？ after 东小巷在哪？ (and 有什么特色？) asks it of 东小巷: the 街道 that made it, not the
    东小巷美食一条街 it made."""
    chat = Conversation()
    seed_qa.ask("东小巷在哪？", chat)
    seed_qa.ask("有什么特色？", chat)
    answer = seed_qa.ask("是哪个街道打造的？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "李万街道"


@pytest.mark.parametrize(
    ("first", "then", "day"),
    [
        ("吕沛检查了什么工作？", "是在哪天？", "4月13日"),  # it was "no good match"
        ("吕沛检查了什么工作？", "是什么时候？", "4月13日"),
        ("沁阳市党政考察团有多少人到示范区考察？", "他们是哪天来的？", "4月24日"),  # the page says 到示范区
    ],
)
def test_a_follow_up_framing_its_question_word_asks_only_that(seed_qa, first, then, day):
    """Its 是 and 在 are no words of its own, nor a reader's 来: they weighed as much as 吕沛检查工作, and the
    passage saying the day says none of them."""
    chat = Conversation()
    seed_qa.ask(first, chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == day


@pytest.mark.parametrize("then", ["开会是哪天？", "哪天开会？", "开会时间？"])
def test_a_readers_开会_asks_of_the_meeting_the_page_says_was_held(seed_qa, then):
    """No page says 开会 (they say 召开……会议): the follow-up was "no good match", its one word unknown, as an
    off-topic question's are. Alone, naming nothing else, it asks of no meeting in particular."""
    chat = Conversation()
    seed_qa.ask("燃煤散烧管控会议是谁组织的？", chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "4月15日"
    assert seed_qa.ask("燃煤散烧管控开会时间？").span.text == "4月15日"
    assert seed_qa.ask("几点开会？").no_answer


def test_an_office_and_a_deed_naming_no_one_thing_ask_of_the_event_asked_of_before(seed_qa):
    """哪位区领导出席了？ after the 李志勇 report meeting was answered 刘明胜, of the 医保 meeting: the report names
    no 区领导; after the 医保 meeting it is that meeting's."""
    chat = Conversation()
    seed_qa.ask("李志勇同志先进事迹报告会在哪开的？", chat)
    answer = seed_qa.ask("哪位区领导出席了？", chat)
    assert answer.query.follow_up and (answer.span is None or answer.span.text != "刘明胜")
    chat = Conversation()
    seed_qa.ask("医保征缴工作部署会是哪天开的？", chat)
    answer = seed_qa.ask("哪位区领导出席了？", chat)
    assert answer.query.follow_up and answer.span.text == "刘明胜"


@pytest.mark.parametrize("then", ["谁颁发的？", "是谁颁发的？"])
def test_who_gave_the_honour_just_named_is_read_from_the_page(seed_qa, then):
    """颁发 is a reader's word for the page's 授予 (被省住建厅授予……): 谁颁发的？ was "no good match"."""
    chat = Conversation()
    seed_qa.ask("示范区城管局获得了什么荣誉？", chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "省住建厅"
    alone = seed_qa.ask("红旗是谁颁发的？")  # where the page says 颁发 itself, it is a word of the question
    assert not alone.no_answer and alone.hits[0].passage.article.title == "示范区举行“四城联创”第一次攻坚例会"


@pytest.mark.parametrize("then", ["谁接待的他？", "谁见的他？"])
def test_who_received_the_man_just_named_is_read_from_the_page(seed_qa, then):
    """接待 and 见 are a reader's words for the page's 会见 (吕沛会见了胡友峰一行): 谁接待的他？ was refused."""
    chat = Conversation()
    seed_qa.ask("中商集团董事长叫什么？", chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and not answer.no_answer
    assert answer.span is not None and answer.span.text == "吕沛"


@pytest.mark.parametrize(
    ("first", "then", "dated"),
    [
        ("城管局得了什么荣誉？", "这篇报道是哪天的？", "2020-04"),  # was no good match: the page never says 报道
        ("蒙牛四期项目总投资多少？", "这条新闻登在哪一版？", "2020-07-09"),
        ("蒙牛四期项目总投资多少？", "这是什么时候发表的？", "2020-07-09"),
    ],
)
def test_a_question_about_the_report_itself_is_answered_by_its_citation(seed_qa, first, then, dated):
    """Its date and page are the citation's, not a date its text gives: no short answer."""
    chat = Conversation()
    article = seed_qa.ask(first, chat).hits[0].passage.article
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and not answer.no_answer and answer.span is None
    assert answer.hits[0].passage.article is article and dated in answer_line(answer)


def test_this_one_and_what_it_counts_points_back(seed_qa):
    """这家公司: alone, 公司 found 焦作市钰欣机械有限公司's photo caption."""
    chat = Conversation()
    seed_qa.ask("诚美生物科技有限公司的注册资本是多少？", chat)
    answer = seed_qa.ask("这家公司从哪里迁来的？", chat)
    assert answer.query.follow_up and "诚美生物科技有限公司" in answer.query.understood_as
    assert answer.hits[0].passage.article.title.startswith("示范区工商分局")


def test_the_other_side_points_back_at_the_visit_asked_of(seed_qa):
    """对方: the hosts of the visit asked about before; alone, 陪同 found another visit's and was refused."""
    chat = Conversation()
    seed_qa.ask("高鸿带队去哪考察了？", chat)
    answer = seed_qa.ask("对方谁陪同？", chat)
    assert answer.query.follow_up and not answer.no_answer and answer.span is not None
    assert answer.span.text.startswith("李振峰")


def test_a_follow_ups_short_answer_is_never_a_word_it_carries_over(seed_qa):
    chat = Conversation()
    seed_qa.ask("文昌街道在“四城联创”第一次攻坚督导中排第几？", chat)
    follow_up = seed_qa.ask("该街道党工委书记是谁？", chat)
    assert "四城联创" in follow_up.query.words and "王文成" in follow_up.hits[0].snippet
    assert follow_up.span is None or follow_up.span.text == "王文成"


@pytest.mark.parametrize(
    ("first", "then", "understood", "gone"),
    [
        ("苏家作乡被评为什么先进单位？", "那文昌街道呢？", "文昌街道被评为什么先进单位", "苏家作乡"),
        ("李万街道打造了什么美食街？", "那文苑街道呢？", "文苑街道打造了什么美食街", "李万街道"),  # not 美食街
        ("文昌街道奖励了多少钱？", "工商分局呢？", "工商分局奖励了多少钱", "文昌街道"),  # a place, then a bureau
        # another of the same name: it was asked of both (蒙牛5g智慧工厂 蒙牛四期)
        ("蒙牛5G智慧工厂什么时候投产的？", "蒙牛四期呢？", "蒙牛四期什么时候投产的", "智慧"),
    ],
)
def test_a_follow_up_naming_another_place_asks_the_same_of_it(seed_qa, first, then, understood, gone):
    chat = Conversation()
    seed_qa.ask(first, chat)
    follow_up = seed_qa.ask(then, chat)
    assert follow_up.query.understood_as == understood and gone not in follow_up.query.words


def test_the_same_asked_of_another_thing_is_answered_by_the_passage_naming_it_or_by_none(seed_qa):
    """排水沟呢？ after 苏家作乡……花了多少钱？: the page spends no money on 排水沟; the passage saying 排水沟 came
    first and gave way to the one saying an amount (1000余万元, spent on toilets)."""
    chat = Conversation()
    seed_qa.ask("苏家作乡改了多少座厕所？", chat)
    seed_qa.ask("花了多少钱？", chat)
    answer = seed_qa.ask("排水沟呢？", chat)
    assert "排水沟" in answer.hits[0].passage.text and answer.span is None


def test_the_same_asked_of_another_thing_is_not_answered_by_what_was_said_of_the_first(seed_qa):
    """二期呢？ after 园区入驻了多少家企业？: the passage names the 二期 (二期项目……已完成产值约2210万元) but
    counts no 企业 of it; the 80余家 of another sentence are the 园区's, which it was answered."""
    chat = Conversation()
    seed_qa.ask("腾云数字经济产业园的董事长是谁？", chat)
    assert seed_qa.ask("园区入驻了多少家企业？", chat).span.text == "80余家"
    answer = seed_qa.ask("二期呢？", chat)
    assert "二期" in answer.hits[0].passage.text and answer.span is None
    # nor by a sentence saying only the words it shares with the question before (网络宣传氛围: 宣传, not 宣传稿)
    chat = Conversation()
    seed_qa.ask("示范区网络宣传考核排第几？", chat)
    assert seed_qa.ask("发了多少条信息？", chat).span.text == "500余条"
    assert seed_qa.ask("宣传稿呢？", chat).span is None


def test_a_follow_up_asking_several_things_of_a_kind_lists_them(seed_qa):
    """他们要围绕哪些产业集群招商？ after who 陈振阳 is: the list reader took 招商 (a noun to jieba, the question's verb)
    for the kind asked, so no list named it; alone, 开放招商局 said 招商 before, and it was answered."""
    chat = Conversation()
    seed_qa.ask("陈振阳是哪个单位的局长？", chat)
    answer = seed_qa.ask("他们要围绕哪些产业集群招商？", chat)
    assert answer.span is not None and answer.span.text.startswith("蒙牛百亿产业集群、明仁大健康产业集群")


def test_a_request_to_tell_more_gets_the_passages_not_a_piece_of_one(seed_qa):
    """具体说说 after 苏家作乡改了多少座厕所？ carried the question's 多少: it was answered 100余万元."""
    chat = Conversation()
    seed_qa.ask("苏家作乡改了多少座厕所？", chat)
    answer = seed_qa.ask("具体说说", chat)
    assert answer.query.follow_up and not answer.no_answer and answer.span is None


def test_a_question_in_the_last_answers_words_alone_is_its_follow_up(seed_qa):
    chat = Conversation()
    first = seed_qa.ask("示范区城管局获得了什么荣誉？", chat)
    follow_up = seed_qa.ask("是谁授予的？", chat)  # 授予 names no topic: alone it is "no good match"
    assert follow_up.query.follow_up and not follow_up.no_answer
    assert follow_up.hits[0].passage.article == first.hits[0].passage.article
    assert "省住建厅" in follow_up.hits[0].snippet


@pytest.mark.parametrize(
    ("first", "then", "cited"),
    [
        ("诚美生物科技有限公司的注册资本是多少？", "从哪个区迁来的？", "解放区"),  # jieba's 区迁 is no word of the page
        ("沁阳市党政考察团有多少人？", "谁陪着考察的？", "刘明胜"),  # nor is 陪着 (the page says 陪同)
    ],
)
def test_a_question_mostly_in_the_last_answers_words_is_its_follow_up(seed_qa, first, then, cited):
    chat = Conversation()
    seed_qa.ask(first, chat)
    follow_up = seed_qa.ask(then, chat)
    assert follow_up.query.follow_up and not follow_up.no_answer and cited in follow_up.hits[0].snippet


def test_a_follow_up_after_no_good_match_asks_about_what_was_answered_before(seed_qa):
    chat = Conversation()
    seed_qa.ask("2021年示范区党工委书记是谁？", chat)
    assert seed_qa.ask("今天天气怎么样？", chat).no_answer
    follow_up = seed_qa.ask("那2020年呢？", chat)  # it was understood as 2020年 今天天气怎么样
    assert follow_up.query.understood_as == "2020年 示范区党工委书记是谁" and "王家鹏" in follow_up.hits[0].snippet


@pytest.mark.parametrize("off_topic", ["今天天气怎么样", "怎么做红烧肉", "埃菲尔铁塔有多高", "火星上有没有水"])
def test_an_off_topic_question_in_a_conversation_is_still_refused(seed_qa, off_topic):
    chat = Conversation()
    seed_qa.ask("示范区低收入群体排查出多少户？", chat)
    assert seed_qa.ask(off_topic, chat).no_answer  # not the question before's topic with 天气 added


@pytest.mark.parametrize(
    ("first", "understood", "cited"),
    [
        ("2021年示范区党工委书记是谁？", "2020年 示范区党工委书记是谁", "王家鹏"),  # the year the question asked
        ("示范区低收入群体排查出多少户？", "2019年 示范区低收入群体排查出多少户", None),  # the cited article's year
    ],
)
def test_last_year_in_a_follow_up_is_counted_from_the_question_before(seed_qa, first, understood, cited):
    chat = Conversation()
    seed_qa.ask(first, chat)
    follow_up = seed_qa.ask("那去年呢？", chat)
    assert follow_up.question == "那去年呢？" and follow_up.query.understood_as == understood
    if cited:
        assert cited in follow_up.hits[0].snippet
    else:  # nothing of 2019 answers it: the 2020 article's passages are shown, but no figure as the answer
        assert [note.code for note in follow_up.notes] == ["undated_weak"] and follow_up.span is None


def test_a_year_word_that_is_two_words_in_a_follow_up_is_no_year(seed_qa):
    """建成后年产值多少？ is 建成后 + 年产值: it was asked of 2022 (后年, two years after 2020)."""
    chat = Conversation()
    seed_qa.ask("蒙牛四期项目总投资多少？", chat)
    answer = seed_qa.ask("建成后年产值多少？", chat)
    assert answer.query.date_range is None and not answer.query.years and "2022" not in answer.query.terms
    assert answer.span is not None and answer.span.text == "25亿元"


def test_he_after_a_who_question_answered_by_a_name_is_that_person(seed_qa):
    chat = Conversation()
    assert seed_qa.ask("康养产业发展工作会议是谁主持的？", chat).span.text == "刘明胜"
    follow_up = seed_qa.ask("他还参加过哪些活动？", chat)
    assert follow_up.query.understood_as == "刘明胜 还参加过哪些活动"
    assert all("刘明胜" in hit.passage.text for hit in follow_up.hits[:3])


@pytest.mark.parametrize(
    ("first", "follow_up", "cited"),
    [
        ("燃煤散烧管控工作会议是哪天开的？", "哪个部门组织召开的？", "散烧办"),  # was 王家鹏's 工作协调会
        ("爱国卫生月宣传活动在哪里举行的？", "发放了多少份宣传手册？", "1000余份"),  # was 200份, another 宣传活动's
        ("2021年全民国家安全教育日是第几个？", "主题是什么？", "践行总体国家安全观"),  # was 2020's theme
    ],
)
def test_a_question_naming_nothing_whose_words_the_last_article_holds_asks_about_it(seed_qa, first, follow_up, cited):
    chat = Conversation()
    seed_qa.ask(first, chat)
    answer = seed_qa.ask(follow_up, chat)  # alone, each is answered from another article that has its words
    assert answer.query.follow_up and cited in answer.hits[0].snippet


def test_a_question_saying_only_what_was_done_asks_it_of_what_was_being_talked_of(seed_qa):
    """The 运动会's article says 举行, not 举办: alone, 在哪举办的？ was answered from the 国家安全教育日's
    (示范区举办这次宣传教育活动), with no short answer."""
    chat = Conversation()
    seed_qa.ask("2019年秋季运动会有多少支代表队？", chat)
    answer = seed_qa.ask("在哪举办的？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "河南理工大学附属中学"
    chat = Conversation()
    seed_qa.ask("扫黑除恶推进会是哪天开的？", chat)
    answer = seed_qa.ask("会上提出了什么要求？", chat)  # 会上, when in it: alone, 吕沛's 提出了具体要求
    assert answer.query.follow_up and answer.hits[0].passage.article.title == "示范区召开扫黑除恶专项斗争推进会"
    chat = Conversation()
    seed_qa.ask("扫黑除恶推进会是哪天开的？", chat)
    answer = seed_qa.ask("在哪举办的？", chat)  # its article does not say: not the 国家安全教育日's place
    assert answer.query.follow_up and answer.no_answer


def test_how_many_people_did_it_asks_of_what_was_being_talked_of(seed_qa):
    """The report meeting's article says 300人聆听, not 参加: alone, 有多少人参加？ was answered from another
    article (36个, of a 攻坚督导), though it names nothing but the people it counts and what they did."""
    chat = Conversation()
    seed_qa.ask("李志勇报告会在哪举行？", chat)
    answer = seed_qa.ask("有多少人参加？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "300人"


def test_which_people_did_it_asks_of_what_was_being_talked_of(seed_qa):
    """哪些领导参加了？ names the people it lists and what they did (the page says 出席): it was answered
    from another meeting's article (康养产业发展工作会议)."""
    chat = Conversation()
    meeting = seed_qa.ask("王家鹏4月20日主持了什么会议？", chat).hits[0].passage.article
    answer = seed_qa.ask("哪些领导参加了？", chat)
    assert answer.query.follow_up and answer.hits[0].passage.article is meeting
    assert any("出席会议" in hit.passage.text for hit in answer.hits[:2])
    assert answer.span is not None and answer.span.text.startswith("区领导刘明胜、刘春明")  # the list, read as a fact's


def test_which_places_someone_went_to_asks_of_the_places_the_page_names(seed_qa):
    """去了哪些项目工地？: the reader's 去 is not the page's (吕沛一行先后到碧桂园……项目工地检查督导); searched
    for, it left the list's last site alone as the short answer."""
    chat = Conversation()
    seed_qa.ask("吕沛检查督导了什么？", chat)
    answer = seed_qa.ask("去了哪些项目工地？", chat)
    assert answer.query.follow_up and answer.span is not None
    assert all(site in answer.span.text for site in ("碧桂园", "三盛征云天悦府", "沁泉湖公园项目"))


def test_a_name_the_talks_article_says_is_its_own(seed_qa):
    """刘明胜强调了什么？ after 康养产业发展工作会议谁主持的？: a name of the meeting's article (he chaired it) asks
    of it, not of another meeting he attended (污染防治攻坚推进工作会议); so does a word jieba's dictionary calls
    a person (颁发了几面红旗？ after 文昌街道排第几？ was answered 13个 from the 攻坚例会 that 颁发红旗 too)."""
    chat = Conversation()
    seed_qa.ask("康养产业发展工作会议谁主持的？", chat)
    answer = seed_qa.ask("刘明胜强调了什么？", chat)
    assert answer.query.follow_up and answer.hits[0].passage.article.title == "示范区召开康养产业发展工作会议"


def test_a_question_naming_nothing_but_the_kind_it_asks_for_asks_of_what_was_being_talked_of(seed_qa):
    """有哪几种模式？ after 要建设哪些示范村？: alone it was answered from 苏家作乡's 探索乡村文明新模式; the talk's
    article says 按照“土地资源型”“租金租赁型”“股份合作型”等模式."""
    chat = Conversation()
    seed_qa.ask("要建设哪些示范村？", chat)
    answer = seed_qa.ask("有哪几种模式？", chat)
    assert answer.query.follow_up and answer.span is not None
    assert answer.span.text == "“土地资源型”“租金租赁型”“股份合作型”"


def test_a_question_naming_a_term_of_what_was_being_talked_of_asks_of_it(seed_qa):
    """四好农村路 is a term (jieba's nz), which 苏家作乡's article and another's both say: asked alone it
    was answered from the other (剩余85公里的“四好农村路”), though the talk was of 苏家作乡."""
    chat = Conversation()
    seed_qa.ask("苏家作乡改了多少座厕所？", chat)
    answer = seed_qa.ask("建了多少公里四好农村路？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "40余公里"


def test_a_follow_up_naming_another_thing_gets_the_amount_said_of_it(seed_qa):
    """The passage says 总投资20.5亿元的焦作蒙牛产业集群……；总投资19亿元的明仁大健康产业集群……: the short
    answer was read with the question before's words too (蒙牛, 四期), and was 蒙牛's 20.5亿元."""
    chat = Conversation()
    seed_qa.ask("蒙牛四期投资多少？", chat)
    answer = seed_qa.ask("那明仁呢？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "19亿元"


def test_a_follow_up_naming_another_thing_asked_where_gets_the_place_said_of_it(seed_qa):
    """……在文博路与文丰路交会处附近增设西瓜临时销售点；在中原路周平陵村口附近设置葡萄临时销售点: the short
    answer was read in the question before's frame (设置了葡萄临时销售点), and was the 葡萄's place again."""
    chat = Conversation()
    seed_qa.ask("示范区城管局在哪设置了葡萄临时销售点？", chat)
    answer = seed_qa.ask("西瓜呢？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "文博路与文丰路交会处附近"


def test_a_follow_up_finds_the_passage_of_the_article_before_that_bm25_left_out(seed_qa):
    """是在什么会议上被评上的？ holds one word of the lead that answers it (会议; the page says 被评为 where
    the question says 被评上), and the topic carried over (改, 厕所) none: the lead was not among BM25's
    first 30, and the follow-up was refused."""
    chat = Conversation()
    seed_qa.ask("苏家作乡获得了什么称号？", chat)
    seed_qa.ask("改了多少厕所？", chat)
    answer = seed_qa.ask("是在什么会议上被评上的？", chat)
    assert answer.query.follow_up and not answer.no_answer
    assert answer.span is not None and answer.span.text == "市委农村工作会议"


@pytest.mark.parametrize(
    ("before", "question", "span"),
    [
        # the passage saying 发放宣传资料 gives no count, the next does (发放宣传手册1000余份): it was put first as
        # saying the kind of thing asked, then put back as the one holding the follow-up's words
        (["爱国卫生月宣传活动的主题是什么？"], "发放了多少份宣传资料？", "1000余份"),
        # alone, answered by the same article's passage on another company (安达消防's in 开封市, 1000万元)
        (["诚美生物科技有限公司从哪迁来的？"], "注册资本多少？", "5000万元"),
        (["焦作高新区去平顶山学习什么？"], "谁带队去的？", "高鸿"),  # 由区领导高鸿率领的……考察团: none
        (["蒙牛四期项目总投资多少？"], "还要解决什么问题？", "电力和蒸汽问题"),  # 还要 weighed: no good match
        # ……PM2.5浓度为73微克/立方米，同比下降31.77%: the fall said of it, not its amount (it had none)
        (["示范区环境空气质量综合指数是多少？", "同比下降了多少？"], "PM2.5浓度呢？", "31.77%"),
    ],
)
def test_a_follow_up_gets_what_the_page_says_of_the_thing_talked_of(seed_qa, before, question, span):
    chat = Conversation()
    for asked in before:
        seed_qa.ask(asked, chat)
    answer = seed_qa.ask(question, chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == span


def test_a_verb_jieba_glued_to_its_particle_names_no_new_topic(seed_qa):
    chat = Conversation()
    seed_qa.ask("苏家作乡改了多少座厕所？", chat)
    answer = seed_qa.ask("投了多少钱？", chat)  # 投了, one word to jieba, was a topic no page says: no good match
    assert answer.query.follow_up and "投了" not in answer.query.terms
    assert answer.span is not None and answer.span.text == "1000余万元"


def test_he_glued_to_the_verb_after_it_still_points_back(seed_qa):
    chat = Conversation()
    seed_qa.ask("胡友峰是哪个公司的？", chat)
    answer = seed_qa.ask("他来干啥？", chat)  # 他来, one word to jieba's HMM, was the topic: no good match
    assert answer.query.follow_up and not answer.no_answer and "他来" not in answer.query.terms
    assert "胡友峰一行来到示范区" in answer.hits[0].passage.text


@pytest.mark.parametrize(("question", "day"), [("几号开始的？", "11月8日"), ("什么时候结束的？", "11日")])
def test_asked_when_it_began_or_ended_the_end_of_the_range_the_page_gives(seed_qa, question, day):
    chat = Conversation()
    seed_qa.ask("运动会在哪办的？", chat)  # 11月8日至11日，……运动会在河南理工大学附属中学举行
    answer = seed_qa.ask(question, chat)  # 开始 alone was the topic: no good match
    assert answer.query.follow_up and answer.span is not None and answer.span.text == day


def test_a_question_naming_nothing_asks_of_the_passage_that_answered_when_it_says_all_its_words(seed_qa):
    """The long article on the year's plans gives many a 总投资: alone, 总投资多少？ was answered by another project's."""
    chat = Conversation()
    seed_qa.ask("示范区今年确定了多少个重点项目？", chat)  # ……重点建设项目228个，总投资969亿元
    answer = seed_qa.ask("总投资多少？", chat)  # was 10.5亿元
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "969亿元"


@pytest.mark.parametrize(
    ("first", "then", "understood", "span"),
    [
        ("示范区有几个国家级重点实验室？", "省级院士工作站呢？", "示范区有几个省级院士工作站", "7个"),
        ("运动会有多少名运动员？", "教职工呢？", "运动会有多少名教职工", "150余名"),
        (
            "运动会有多少运动员？",
            "教职工呢？",
            "运动会有多少教职工",
            "150余名",
        ),  # no unit: was 多少运教职工, its 运 taken for one
        # what was counted, written alike but for one character
        ("其中因病致贫的有多少户？", "那因残致贫的呢？", "其中因残致贫的有多少户", "633户"),
        ("中商集团有几家三级子公司？", "那四级子公司呢？", "中商集团有几家四级子公司", "7家"),
    ],
)
def test_a_few_words_and_ne_ask_the_count_before_of_another_thing(seed_qa, first, then, understood, span):
    """Without 那, and naming no place: they were asked alone (省级院士工作站呢？ got no short answer), or
    answered with the count before (3个)."""
    chat = Conversation()
    seed_qa.ask(first, chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.understood_as == understood and answer.span is not None and answer.span.text == span


@pytest.mark.parametrize(
    ("then", "span"),
    [("那因残致贫的呢？", "633户"), ("其中因病致贫的呢？", "504户"), ("因缺乏劳动力致贫的呢？", "371户")],
)
def test_a_follow_up_naming_a_part_counts_what_it_names_in_the_unit_asked_before(seed_qa, then, span):
    """……低收入群体排查出多少户？ then 因缺乏劳动力致贫的呢？: the households of that cause (因缺乏劳动力致贫371户),
    not the total counted before; the last was asked alone (too long for "a few words and 呢")."""
    chat = Conversation()
    assert seed_qa.ask("示范区低收入群体排查出多少户？", chat).span.text == "1713户"
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == span


def test_follow_ups_naming_one_part_after_another_each_count_their_own(seed_qa):
    """因残致贫的呢？ after 其中因病致贫的呢？, itself a follow-up: the count asked first, of the part it names
    (it was asked of the follow-up's words alone, with no question word: no short answer)."""
    chat = Conversation()
    turns = ["示范区低收入群体排查出多少户？", "其中因病致贫的呢？", "因残致贫的呢？", "那因缺乏劳动力致贫的呢？"]
    spans = [seed_qa.ask(turn, chat).span for turn in turns]
    assert [span.text if span else None for span in spans] == ["1713户", "504户", "633户", "371户"]


@pytest.mark.parametrize("then", ["会议内容是什么？", "会议提出了什么要求？"])
def test_the_thing_asked_about_named_bare_is_the_one_asked_about_before(seed_qa, then):
    """会议 after 燃煤散烧管控会议是哪天开的？ is that meeting: 会议内容是什么？ was asked alone and refused, and
    会议提出了什么要求？ cited another article's 要求."""
    chat = Conversation()
    seed_qa.ask("燃煤散烧管控会议是哪天开的？", chat)
    answer = seed_qa.ask(then, chat)
    assert answer.query.follow_up and not answer.no_answer
    assert answer.hits[0].passage.article.title == "示范区召开燃煤散烧管控工作会议"


def test_a_question_naming_only_what_the_one_before_named_first_is_its_own(seed_qa):
    """示范区 was all 示范区有几个在建项目？ named before its question word: 示范区有多少家企业？ is a new question."""
    chat = Conversation()
    seed_qa.ask("示范区有几个在建项目？", chat)
    assert not seed_qa.ask("示范区有多少家企业？", chat).query.follow_up


def test_where_they_went_after_a_question_about_a_delegation_is_where_it_went(seed_qa):
    """他们去了哪里？ after 沁阳市党政考察团有多少人？ was answered 沁阳市党政, where they came from."""
    chat = Conversation()
    seed_qa.ask("沁阳市党政考察团有多少人？", chat)
    assert seed_qa.ask("他们去了哪里？", chat).span.text == "示范区"


def test_a_readers_word_for_doing_anything_names_no_topic(seed_qa):
    chat = Conversation()
    seed_qa.ask("扫黑除恶宣传活动悬挂了多少条标语？", chat)
    answer = seed_qa.ask("在哪儿搞的？", chat)  # 搞, which no page says, weighed most: no good match
    assert answer.query.follow_up and "搞" not in answer.query.terms and not answer.no_answer
    assert "生态广场" in answer.hits[0].snippet


@pytest.mark.parametrize("question", ["焦作腾云数字经济产业园要干什么？", "焦作腾云数字经济产业园要干吗？"])
def test_what_something_is_to_do_in_a_readers_words_is_answered(seed_qa, question):
    answer = seed_qa.ask(question)  # 干什么, one word to jieba and none of any page: no good match
    assert not answer.no_answer and not {"干什么", "干什", "干吗"} & set(answer.query.terms)
    assert answer.hits[0].passage.article.title.startswith("焦作腾云数字经济产业园董事长郑晓东")


def test_a_new_topic_in_words_jieba_reads_as_doing_is_no_follow_up(seed_qa):
    """督察 and 推进 are verbs to jieba, but the 中商 article never says them: 督察推进会 is a meeting of its own."""
    chat = Conversation()
    seed_qa.ask("中商控股是谁的子公司？", chat)
    answer = seed_qa.ask("督察推进会是几号开的？", chat)  # was 4月15日, the day 中商's chairman came
    assert not answer.query.follow_up and answer.span is not None and answer.span.text == "4月18日"


def test_a_question_whose_words_the_last_article_holds_only_scattered_is_answered_where_they_stand_together(
    seed_qa,
):
    """The 宣传思想文化工作会议's long article holds 网络, 宣传, 考核, 全市 and 第一 somewhere; the article
    found alone says them in one headline."""
    chat = Conversation()
    seed_qa.ask("宣传思想文化工作会议哪天开的？", chat)
    answer = seed_qa.ask("示范区网络宣传考核是不是全市第一？", chat)  # was the meeting's 4月24日
    assert not answer.query.follow_up and "排名第一" in answer.hits[0].snippet and answer.span is None


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("王家鹏调研了哪些项目？", "示范区（高新区）党工委书记、管委会主任"),
        ("李前进说了什么？", "示范区行政审批局局长"),
    ],
)
def test_asked_who_he_is_after_a_question_naming_one_person_is_asked_who_that_person_is(seed_qa, first, title):
    chat = Conversation()
    seed_qa.ask(first, chat)
    follow_up = seed_qa.ask("他是什么职务？", chat)  # was no short answer (and after a list, a list)
    assert not follow_up.items and follow_up.span is not None and follow_up.span.text == title


@pytest.mark.parametrize("then", ["他是哪个单位的？", "他在哪个单位？"])
def test_asked_which_unit_he_is_of_after_who_he_is_is_asked_who_he_is(seed_qa, then):
    """单位 is no word of the passage introducing him (示范区行政审批局局长李前进): searched for, the
    article's lede came first and there was no short answer; 在哪个单位 was not taken to ask who he is."""
    chat = Conversation()
    seed_qa.ask("李前进是谁？", chat)
    follow_up = seed_qa.ask(then, chat)
    assert (
        follow_up.query.who == "李前进" and follow_up.span is not None and follow_up.span.text == "示范区行政审批局局长"
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [("刘明胜", True), ("王文成", True), ("约翰·史密斯", True), ("四城联创", False), ("示范区", False)],
)
def test_a_short_answer_is_taken_for_a_name_only_when_it_looks_like_one(text, name):
    assert looks_like_name(text) is name


def test_a_follow_up_date_without_a_year_keeps_the_year_asked_about(seed_qa):
    chat = Conversation()
    seed_qa.ask("2020年7月有哪些报道？", chat)
    april = seed_qa.ask("那4月呢？", chat)
    assert april.query.understood_as.startswith("2020年4月")
    assert {item.passage.article.date.iso()[:7] for item in april.items} == {"2020-04"}


def test_a_conversation_left_idle_starts_over(seed_qa):
    chat = Conversation(idle_seconds=60)
    seed_qa.ask("2021年示范区党工委书记是谁？", chat, now=1000.0)
    assert seed_qa.ask("那2020年呢？", chat, now=1030.0).query.follow_up
    assert not seed_qa.ask("那2020年呢？", chat, now=2000.0).query.follow_up


def test_a_list_question_lists_every_meeting_of_the_month_once_in_date_order(seed_qa):
    answer = seed_qa.ask("2020年4月示范区开过哪些会议？")
    assert answer.query.kind == LIST and not answer.no_answer
    titles = [item.passage.article.title for item in answer.items]
    assert set(titles) == MEETINGS_2020_04 and len(titles) == 7  # one item per article
    days = [item.passage.article.date.first_day() for item in answer.items]
    assert days == sorted(days)


@pytest.mark.parametrize(
    "question",
    [
        "2020年7月开了哪些会议？",
        "2020年7月开了哪些会？",
        "2020年7月开了几次会？",
        "示范区2020年7月开了哪些会？",
        "2020年7月开过哪些会议？",
    ],
)
def test_a_list_of_meetings_lists_those_its_headlines_call_otherwise(seed_qa, question):
    """A headline names a meeting 座谈会, 推进会 or 例会; its text says 会议 (a bare 会, to jieba the
    verb can, was no word of the index: 开了哪些会？ was a fact answer). 示范区, in most headlines,
    says nothing of what is listed (it listed one meeting, and its short answer was two titles of
    王家鹏's, 党工委书记、管委会主任)."""
    answer = seed_qa.ask(question)
    titles = {item.passage.article.title for item in answer.items}
    assert answer.query.listed == "会议" and len(titles) == 5
    assert {
        "示范区召开构建亲清政商关系座谈会",
        "示范区召开扫黑除恶专项斗争推进会",
        "示范区举行“四城联创”第一次攻坚例会",
    } <= titles


def test_asked_what_activities_a_day_had_the_days_articles_on_them_are_listed(seed_qa):
    answer = seed_qa.ask("4月15号示范区有什么活动？")  # was one quotation of one article: 入脑入耳入心
    titles = {entry.passage.article.title for entry in answer.entries}
    assert answer.query.kind == LIST and answer.span is None
    assert {"示范区举行扫黑除恶专项斗争集中宣传活动", "示范区举行全民国家安全教育日宣传活动"} <= titles


def test_a_list_about_a_person_lists_what_the_text_says_of_them(seed_qa):
    answer = seed_qa.ask("刘明胜主持过哪些会议？")  # he chaired it; the headline does not say so
    assert answer.query.kind == LIST and answer.query.people == ("刘明胜",)
    assert "示范区召开康养产业发展工作会议" in {item.passage.article.title for item in answer.items}


@pytest.mark.parametrize("question", ["王家鹏去过哪些地方调研？", "王家鹏调研过哪些地方？", "王家鹏到哪些地方调研了？"])
def test_where_someone_went_lists_the_articles_about_their_visits(seed_qa, question):
    """哪些地方 asks where, as 去哪 does: no page need say 地方 or the reader's 去过 (it was "no good match",
    or no list, and the fact answer cited one passage)."""
    answer = seed_qa.ask(question)
    assert answer.query.kind == LIST and not answer.no_answer
    assert {
        "王家鹏在调研“四城联创”工作时强调 坚持目标导向问题导向 让群众共享创建成果",
        "王家鹏调研部分在建项目建设工作",
    } <= {item.passage.article.title for item in answer.items}


def test_a_list_of_reports_about_a_topic_lists_the_articles_about_it(seed_qa):
    answer = seed_qa.ask("关于扫黑除恶有哪些报道？")  # 报道 and 关于 say nothing of the topic
    assert answer.query.kind == LIST and not {"关于", "报道"} & set(answer.query.list_topic)
    assert {item.passage.article.title for item in answer.items} == {
        "示范区召开扫黑除恶专项斗争推进会",
        "示范区举行扫黑除恶专项斗争集中宣传活动",
    }


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("有哪些植树活动？", "活动"),
        ("示范区开过哪些关于四城联创的会议？", "会议"),
        ("有哪些企业到示范区考察？", "企业"),
    ],
)
def test_what_a_list_lists_is_the_last_noun_after_its_question_word(seed_qa, question, listed):
    assert seed_qa.analyser.analyse(question).listed == listed


def test_more_pages_through_the_answer_already_found(seed_qa):
    chat = Conversation()
    answer = seed_qa.ask("四城联创", chat)
    first, second = chat.reading.next(3), chat.reading.next(3)
    assert [hit.rank for hit in first + second] == [1, 2, 3, 4, 5, 6]
    assert [hit.passage for hit in first + second] == [hit.passage for hit in answer.hits[:6]]
    assert chat.reading.article(5) is second[1].passage.article and chat.reading.article(7) is None


@pytest.mark.parametrize("typed", ["更多", "更多。", "下一页", "More", "还有呢？", "还有别的吗？"])
def test_more_typed_goes_on_reading_the_answer_and_is_refused_when_there_is_nothing_to_read(seed_qa, typed):
    chat = Conversation()
    with pytest.raises(BadQuestion) as nothing_asked:
        seed_qa.ask(typed, chat)
    assert nothing_asked.value.reason == BadQuestion.NOTHING_ASKED
    answer = seed_qa.ask("示范区低收入群体排查出多少户？", chat)
    chat.reading.next(3)
    assert seed_qa.ask(typed, chat) is answer and [hit.rank for hit in chat.reading.next(3)] == [4, 5, 6]
    assert chat.topic is answer.query  # nothing of 更多 is taken for the topic of a follow-up
    chat.reading.next(len(answer.hits))
    with pytest.raises(BadQuestion) as nothing_more:
        seed_qa.ask(typed, chat)
    assert nothing_more.value.reason == BadQuestion.NOTHING_MORE


def test_more_typed_in_a_piped_conversation_prints_the_next_citations(cli):
    first, more = converse(cli, ["示范区低收入群体排查出多少户？", "更多"], "--conversation")
    assert [hit["rank"] for hit in first["hits"]] == [1, 2, 3] and [hit["rank"] for hit in more["hits"]] == [4, 5, 6]
    assert more["question"] == first["question"] and "understood_as" not in more
    listed = cli("ask", "--json", "--conversation", stdin="2020年7月有哪些报道？\n更多\n")
    first, more = (json.loads(line) for line in listed.stdout.splitlines())
    assert len(first["items"]) == 11 and more["error"] == "没有更多相关段落了。"  # a list is printed whole


def test_what_an_entry_of_a_list_says_is_its_article(cli):
    listed, second = converse(cli, ["2020年4月示范区开过哪些会议？", "第二个会议讲了什么？"], "--conversation")
    assert second["article"]["title"] == listed["items"][1]["title"] == "示范区召开康养产业发展工作会议"


def test_full_text_typed_in_a_piped_conversation_prints_the_article(cli):
    _, article, unseen = converse(cli, ["沁阳市党政考察团有多少人？", "全文 1", "第5条全文"], "--conversation")
    assert (
        article["article"]["title"] == "沁阳市党政考察团莅临示范区学习考察"
        and "40余人" in article["article"]["paragraphs"][0]
    )
    assert "没有显示过第 5 条" in unseen["error"]


def test_asked_where_the_answer_is_from_the_article_is_shown_with_its_date_and_byline(cli):
    _, source = converse(cli, ["沁阳市党政考察团有多少人？", "这是哪天的新闻？"], "--conversation")
    article = source["article"]  # it was asked as a question and answered from other articles
    assert article["title"] == "沁阳市党政考察团莅临示范区学习考察" and article["date"] == "2020-04-24"
    assert article["byline"] == "记者郭树勋"


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("全文 2", 2),
        ("全文2", 2),
        ("全文第二条", 2),
        ("第3条全文", 3),
        ("看全文", 1),
        ("全文。", 1),
        ("第二个会议讲了什么？", 2),  # of a list
        ("第三个呢？", 3),
        ("第2条", 2),
        ("第一篇文章的具体内容", 1),
        ("详细点", 1),  # the first answer's whole article
        ("展开说说", 1),
        ("详细情况是什么", None),
        ("这是哪天的新闻？", 1),  # where the answer is from: its article's head says
        ("是谁写的？", 1),
        ("出自哪篇文章？", 1),
        ("出处是哪篇文章？", 1),  # these were searched as questions: other articles, or the latest month's
        ("什么时候登的？", 1),
        ("这是哪一期的报纸？", 1),
        ("标题是什么？", 1),
        ("发表日期是哪天？", 1),
        ("哪份报纸？", 1),
        ("哪天？", None),  # a follow-up asking when, answered from the article
        ("宣传单什么时候发的？", None),  # when something was handed out, not when it was printed
        ("蒙牛是哪天投产的？", None),
        ("全文是什么", None),
        ("第一个五年计划讲了什么？", None),  # a name, not an entry
        ("第一次攻坚例会讲了什么？", None),
    ],
)
def test_full_text_typed_names_the_entry(typed, number):
    assert asks_for_article(typed) == number


def test_a_browsing_question_lists_the_articles_of_that_month(seed_qa):
    answer = seed_qa.ask("2020年7月有哪些报道？")
    assert answer.query.kind == BROWSE and len(answer.items) == 11
    assert {item.passage.article.source for item in answer.items} == {"001_2e3f32ccee677dfe.txt"}


@pytest.mark.parametrize("question", ["2020年4月13日发生了什么？", "2020年4月13日有什么新闻？", "2020年4月13日的报道"])
def test_asking_what_happened_on_a_day_lists_that_days_articles_first(seed_qa, question):
    answer = seed_qa.ask(question)  # a fact answer, searched for 发生 or 新闻
    dates = [item.passage.article.date.iso() for item in answer.items]
    assert answer.query.kind == BROWSE and dates[:2] == ["2020-04-13"] * 2 and set(dates[2:]) == {"2020-04"}


@pytest.mark.parametrize(("question", "month"), [("2019年11月有什么活动？", 10), ("2020年4月有哪些活动？", 20)])
def test_asking_what_activities_a_month_had_lists_its_articles(seed_qa, question, month):
    """活动 names no topic of its own (it was a list of articles saying 活动: "no good match", or a passage)."""
    answer = seed_qa.ask(question)
    assert answer.query.kind == BROWSE and len(answer.items) == month


def test_a_follow_up_naming_another_bureau_asks_the_same_of_it(seed_qa):
    chat = Conversation()
    assert seed_qa.ask("行政审批局局长是谁？", chat).span.text == "李前进"
    follow_up = seed_qa.ask("那开放招商局局长呢？", chat)  # jieba tags both bureaus as nouns, not names
    assert follow_up.query.understood_as == "开放招商局局长是谁"
    assert follow_up.span is None or follow_up.span.text != "李前进"  # was 李前进, read as sure


@pytest.mark.parametrize(
    ("asked", "kind"), [("东小巷的报道", LIST), ("关于扫黑除恶的新闻", LIST), ("2019年11月的报道", BROWSE)]
)
def test_reports_asked_for_without_a_question_are_listed(seed_qa, asked, kind):
    answer = seed_qa.ask(asked)  # was a fact answer: the best passages, not the articles
    assert answer.query.kind == kind and answer.items


def test_a_question_word_after_browsing_asks_a_fact(seed_qa):
    chat = Conversation()
    seed_qa.ask("2020年4月13日发生了什么？", chat)
    follow_up = seed_qa.ask("他是什么职务？", chat)  # was the day's ten articles again
    assert follow_up.query.follow_up and follow_up.query.kind == FACT and not follow_up.items


@pytest.mark.parametrize(
    "question",
    ["最近有什么新闻？", "最新消息", "今天的报纸有哪些报道？", "有哪些报道？", "一共有多少篇文章？"],
)
def test_the_latest_news_are_the_articles_of_the_archives_latest_month_and_it_says_so(seed_qa, question):
    """Asked for articles with no date, the latest month's (and how many the archive holds): every
    article was listed, 166,718 of them in 11.5 s at a million paragraphs."""
    answer = seed_qa.ask(question)
    assert answer.query.kind == BROWSE and not answer.no_answer
    assert [item.passage.article for item in answer.items] == [
        item.passage.article for item in seed_qa.contents("2021-04").items
    ]
    assert [(note.code, note.date, note.count) for note in answer.notes] == [("latest", "2021年4月", 55)]
    assert answer_line(answer).startswith("2021年4月共有 14 篇文章")
    assert "档案共有 55 篇文章" in note_text(answer.notes[0])


@pytest.mark.parametrize("question", ["最早的报道是哪篇？", "最早的新闻有哪些？"])
def test_the_earliest_news_are_the_articles_of_the_archives_earliest_month_and_it_says_so(seed_qa, question):
    answer = seed_qa.ask(question)  # it was a fact question, "no good match"
    assert answer.query.kind == BROWSE and not answer.no_answer
    assert [item.passage.article for item in answer.items] == [
        item.passage.article for item in seed_qa.contents("2019-11").items
    ]
    assert note_text(answer.notes[0]) == "档案中最早的文章在2019年11月；档案共有 55 篇文章。"


def test_the_earliest_reports_on_a_topic_are_listed_oldest_first(seed_qa):
    answer = seed_qa.ask("苏家作乡最早的报道是哪篇？")  # it was "no good match"
    assert answer.query.kind == LIST and answer.items[0].passage.article.date_text == "2019-11"
    assert seed_qa.ask("李白最早的诗是哪首？").query.kind == FACT  # no article asked for: a fact


def test_how_many_reports_on_a_topic_lists_them(seed_qa):
    answer = seed_qa.ask("档案里有几篇讲扫黑除恶的文章？")  # it was a fact question, "no good match"
    assert answer.query.kind == LIST and len(answer.items) == 2
    assert answer_line(answer) == "找到 2 篇相关文章（按日期排列）："
    of_a_year = seed_qa.ask("2019年有多少篇文章？")  # the articles of 2019, counted (2019年有哪些报道？ listed all 55)
    assert of_a_year.query.kind == BROWSE and answer_line(of_a_year).startswith("2019年共有 10 篇文章")


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("关于李志勇的报道有几篇？", "李志勇同志先进事迹示范区专场报告会举行"),  # counted after them: it was 一次
        ("哪篇报道讲了夜经济？", "东小巷激活“夜经济”"),  # which of them: "no good match", 报道 weighed most
        ("有没有关于蒙牛的报道？", "蒙牛百亿集群·焦作5G智慧工厂的机器人在搬运产品"),  # whether there are any
        ("有没有扫黑除恶的报道？", "示范区召开扫黑除恶专项斗争推进会"),  # without 关于: it was "no good match"
        ("有关于扫黑除恶的新闻吗？", "示范区举行扫黑除恶专项斗争集中宣传活动"),  # 有……吗: so was it
        ("有李志勇的新闻吗", "李志勇同志先进事迹示范区专场报告会举行"),
    ],
)
def test_reports_asked_after_which_or_whether_any_are_listed(seed_qa, question, title):
    answer = seed_qa.ask(question)
    assert answer.query.kind == LIST and not answer.no_answer and answer.span is None
    assert title in [item.passage.article.title for item in answer.items]


@pytest.mark.parametrize(
    ("question", "kind"),
    [("近日城管局获得了什么荣誉？", FACT), ("最近示范区召开了哪些会议？", LIST), ("最新款苹果手机多少钱", FACT)],
)
def test_a_recent_times_word_with_a_topic_of_its_own_is_asked_about_that_topic(seed_qa, question, kind):
    answer = seed_qa.ask(question)
    assert answer.query.kind == kind and all(note.code != "latest" for note in answer.notes)


@pytest.mark.parametrize("question", ["恐龙有哪些会议？", "火星上开过哪些会议？"])
def test_a_list_of_a_thing_the_archive_never_mentions_is_no_good_match(seed_qa, question):
    """They listed every meeting of the seeds (9): 恐龙 and 火星, which no page says, weighed nothing."""
    assert seed_qa.ask(question).no_answer


def test_the_latest_reports_on_a_topic_are_listed_newest_first(seed_qa):
    answer = seed_qa.ask("苏家作乡最新的报道是哪篇？")  # it was "no good match"
    assert answer.query.kind == LIST and answer_line(answer) == "找到 3 篇相关文章（最新的在前）："
    dates = [item.passage.article.date.first_day() for item in answer.items]
    assert dates == sorted(dates, reverse=True) and answer.items[0].passage.article.date_text == "2021-04-14"


def test_the_latest_one_after_a_list_is_that_lists_newest(seed_qa):
    chat = Conversation()
    seed_qa.ask("苏家作乡有哪些报道？", chat)
    answer = seed_qa.ask("最新的是哪篇？", chat)  # it was the archive's latest month, 14 articles
    assert answer.query.follow_up and answer.query.kind == LIST and len(answer.items) == 3
    assert answer.items[0].passage.article.date_text == "2021-04-14"
    assert len(seed_qa.ask("最新的是哪篇？").items) == 14  # asked first: the latest month's
    earliest = seed_qa.ask("最早的是哪篇？", chat)  # it found nothing
    assert earliest.query.follow_up and earliest.items[0].passage.article.date_text == "2019-11"


def test_the_latest_news_of_an_archive_without_dates_are_all_its_articles(segmenter):
    undated = [Article("p1", n, "article", f"标题{n}", [f"第{n}篇文章的内容。"]) for n in (1, 2)]
    qa = ArchiveQA.from_archive(Archive(undated, ArchiveReport()), segmenter)
    assert len(qa.ask("最近有什么新闻").items) == 2


def test_contents_of_a_month_of_a_page_and_of_a_month_with_nothing(seed_qa):
    assert len(seed_qa.contents("2020-07").items) == 11
    assert len(seed_qa.contents("003_0bbe263f9c83fcef.txt").items) == 14
    empty = seed_qa.contents("2018-01")
    assert empty.no_answer and empty.notes[0].code == "no_articles"
    with pytest.raises(ValueError):
        seed_qa.contents("2020-13")


def test_a_timeline_lists_every_article_on_a_topic_in_date_order(seed_qa):
    answer = seed_qa.timeline("四城联创")
    assert answer.query.kind == LIST and len(answer.items) >= 8
    days = [item.passage.article.date.first_day() for item in answer.items]
    assert days == sorted(days)
    assert all(
        "四城联创" in item.passage.article.title + "".join(item.passage.article.paragraphs) for item in answer.items
    )


def test_timeline_and_contents_from_the_command_line(cli):
    timeline = json.loads(cli("timeline", "--json", "四城联创").stdout)
    assert len(timeline["items"]) >= 8 and set(timeline["items"][0]) >= {
        "date",
        "date_source",
        "title",
        "source",
        "snippet",
    }
    contents = cli("contents", "2020-07")
    assert contents.returncode == 0 and contents.stdout.startswith("2020-07共有 11 篇文章")
    assert cli("contents", "2020-13").returncode == 2


def test_a_fact_question_is_not_a_list(seed_qa):
    assert seed_qa.ask("沁阳市党政考察团有多少人？").query.kind == FACT


@pytest.mark.parametrize(
    "ask",
    [
        lambda qa: qa.ask("示范区召开过哪些会议？"),
        lambda qa: qa.ask("2020年4月示范区开过哪些会议？"),
        lambda qa: qa.timeline("四城联创"),
        lambda qa: qa.timeline("项目建设"),
    ],
)
def test_passages_that_cannot_make_a_list_are_not_read_and_the_list_is_the_same(seed_qa, monkeypatch, ask):
    """Beyond BM25's first 30, a list or timeline only reads the passages whose words (from the
    postings) hold enough of its topic: the list is the one reading all 500 would give (on the
    seeds, some of its items are found beyond the first 30)."""
    listed = ask(seed_qa)
    monkeypatch.setattr(pipeline, "LIST_MIN_COVERAGE", 0.0)
    everything = ask(seed_qa)
    assert listed.items and [item.passage.text for item in listed.items] == [
        item.passage.text for item in everything.items
    ]
    assert len(listed.hits) <= len(everything.hits)


def test_a_list_question_reads_only_the_passages_that_could_make_its_list(seed_qa, monkeypatch):
    listed = seed_qa.ask("示范区召开过哪些会议？")
    monkeypatch.setattr(pipeline, "LIST_MIN_COVERAGE", 0.0)
    assert len(listed.hits) < len(seed_qa.ask("示范区召开过哪些会议？").hits)


said_in_a_conversation = st.one_of(
    chinese_text,
    st.sampled_from(["更多", "下一页", "全文", "他还参加过哪些活动？", "那文昌街道呢？", "那去年呢？", "你好"]),
    st.builds(  # 全文 n, 第n个…讲了什么, 那X呢 with numbers and names of every sort
        "".join,
        st.tuples(
            st.sampled_from(["全文", "全文第", "第", "那", "看全文 ", ""]),
            st.sampled_from(["一", "二", "十", "两百", "0", "3", "99999999999999999999", "文昌街道", "他", ""]),
            st.sampled_from(["", "条", "个会议讲了什么", "条全文", "篇的具体内容", "呢", "？", "是谁"]),
        ),
    ),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(said_in_a_conversation, min_size=1, max_size=4))
def test_whatever_a_reader_says_next_is_answered_or_refused_with_a_reason(seed_qa, said):
    """更多, 全文 n, 他, 那X呢 and the rest, in any order: an answer, an article or a refusal."""
    chat = Conversation()
    seed_qa.ask("康养产业发展工作会议是谁主持的？", chat)
    for text in said:
        number = asks_for_article(text)
        if number is not None:
            seed_qa.article(chat, number)  # the article, or None when entry n was not shown
            continue
        try:
            answer = seed_qa.ask(text, chat)
        except BadQuestion as refusal:
            assert refusal.reason in vars(BadQuestion).values()
            continue
        assert answer_line(answer)


def test_asked_what_he_did_in_a_conversation_the_next_question_about_him_goes_on_with_what_was_talked_of(seed_qa):
    """他生前在哪里工作？ asks who he is (his title answers); 他去世时多大年纪？ then was asked of 李志勇
    alone, whose passage says neither 去世 nor 年纪, and was refused."""
    chat = Conversation()
    seed_qa.ask("李志勇同志先进事迹报告会是哪天举行的？", chat)
    job = seed_qa.ask("他生前在哪里工作？", chat)
    age = seed_qa.ask("他去世时多大年纪？", chat)
    assert job.span is not None and job.span.text == "市农业农村局疫控中心流调室主任"
    assert not age.no_answer and age.span is not None and age.span.text == "38岁"


def test_asked_what_a_term_means_after_a_question_about_it_what_the_page_says_it_is_answers(seed_qa):
    chat = Conversation()
    seed_qa.ask("“五办”举措是哪个单位推行的？", chat)
    meaning = seed_qa.ask("具体指什么？", chat)
    assert meaning.span is not None and meaning.span.text.startswith("一般事项快办、引资项目急办")


def test_asked_who_went_along_after_where_someone_went_the_one_who_went_with_them_answers(seed_qa):
    """谁陪同的？ after 王家鹏11月8日去了哪里？ was refused: the 去 of the question before, cut off its date, was
    searched for, and the page says 区领导万英奎一同调研, not 陪同."""
    chat = Conversation()
    seed_qa.ask("王家鹏11月8日去了哪里？", chat)
    answer = seed_qa.ask("谁陪同的？", chat)
    assert not answer.no_answer and answer.span is not None and answer.span.text == "万英奎"


def test_asked_a_point_of_a_speech_by_its_place_the_page_s_numbered_point_answers(seed_qa):
    """会议强调，一是……。二是认真查摆问题，切实抓好整改。三是……: 第二点是什么？ was answered from another passage
    (心怀“国之大者”……) with no short answer, and 第三条呢？ kept asking the second."""
    chat = Conversation()
    seed_qa.ask("迎接中央环保督察推进会强调了什么？", chat)
    assert seed_qa.ask("第二点是什么？", chat).span.text == "认真查摆问题，切实抓好整改"
    assert seed_qa.ask("第三条呢？", chat).span.text == "充实工作力量，强化跟踪督导"


def test_at_the_meeting_anywhere_in_a_question_is_the_meeting_asked_of_before(seed_qa):
    """王家鹏在会上讲了几点？ after the 攻坚例会's day went to another meeting he spoke at: 会上 names none."""
    chat = Conversation()
    seed_qa.ask("四城联创第一次攻坚例会是哪天开的？", chat)
    answer = seed_qa.ask("王家鹏在会上讲了几点？", chat)
    assert answer.query.follow_up and answer.hits[0].passage.article.title == "示范区举行“四城联创”第一次攻坚例会"


def test_a_point_asked_by_its_place_is_found_however_the_speech_numbers_it(seed_qa):
    """王家鹏在讲话中强调，一要深刻总结反思，查找差距不足。……二要……: 第一点是什么？ after the meeting's questions was
    answered from another meeting numbered 一是……, as a question of its own."""
    chat = Conversation()
    seed_qa.ask("四城联创第一次攻坚例会是哪天开的？", chat)
    seed_qa.ask("王家鹏在会上讲了几点？", chat)
    answer = seed_qa.ask("第一点是什么？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "深刻总结反思，查找差距不足"


def test_a_term_the_page_quotes_is_asked_of_itself_in_a_conversation_about_another_thing(seed_qa):
    """四个一批指的是什么？ after 中原工业设计城建设的目的是什么？: jieba tags 四个 and 一批 no name, but the page
    quotes them as one term (培育壮大“四个一批”), and the question is about it, not the city."""
    chat = Conversation()
    seed_qa.ask("中原工业设计城建设的目的是什么？", chat)
    answer = seed_qa.ask("四个一批指的是什么？", chat)
    assert not answer.query.follow_up and answer.span is not None
    assert answer.span.text.startswith("培育壮大一批创新引领型平台")


def test_a_question_naming_nothing_after_a_named_thing_is_of_that_thing_wherever_the_page_says_it(seed_qa):
    """总投资多少？ after 创基智谷是什么项目？ (answered from a visit's article, which says no investment) was
    answered 10.5亿元, another project's: the page saying 总投资30亿元的创基智谷项目 names the thing talked of."""
    chat = Conversation()
    seed_qa.ask("创基智谷是什么项目？", chat)
    answer = seed_qa.ask("总投资多少？", chat)
    assert answer.span is not None and answer.span.text == "30亿元"
    assert "创基智谷" in answer.hits[0].snippet


def test_asked_how_he_died_and_where_he_was_from_after_who_he_was(seed_qa):
    """他怎么去世的？ after 李志勇是谁？ cited the 报告会's opening; the page says 因劳累过度突发心脏骤停. And
    他是哪里人？, which no page says, was answered 李志勇同志, the man himself: now no short answer."""
    chat = Conversation()
    seed_qa.ask("李志勇是谁？", chat)
    assert seed_qa.ask("他是哪里人？", chat).span is None
    assert "突发心脏骤停" in seed_qa.ask("他怎么去世的？", chat).hits[0].snippet


def test_the_day_after_or_before_the_one_asked_of(seed_qa):
    """第二天呢？ after a question about 4月15日 asks of 4月16日 (the 新联会's meeting), 前一天呢？ then of 4月15日
    again; they were searched for the words 第二 and 天, with the day before's date."""
    chat = Conversation()
    seed_qa.ask("4月15日示范区开了什么会？", chat)
    after = seed_qa.ask("第二天呢？", chat)
    assert after.query.date_range.yearless == ((4, 16), (4, 16)) and "第二" not in after.query.words
    assert after.hits[0].passage.article.title == "示范区新联会召开会长办公会议"
    assert seed_qa.ask("前一天呢？", chat).query.date_range.yearless == ((4, 15), (4, 15))


@pytest.mark.parametrize(
    ("listing", "picking", "dated"),
    [
        ("示范区开过哪些党工委扩大会议？", "最近的一次是什么时候？", "2020-07-12"),  # it was asked alone: no good match
        ("示范区开过哪些党工委扩大会议？", "最早的一次是谁主持的？", "2019-11-03"),
        ("苏家作乡最新的报道是哪篇？", "最早的那篇讲了什么？", "2019-11"),  # a list newest first: its last
    ],
)
def test_a_follow_up_picking_one_end_of_a_list_asks_of_that_article(seed_qa, listing, picking, dated):
    chat = Conversation()
    assert seed_qa.ask(listing, chat).query.kind == LIST
    answer = seed_qa.ask(picking, chat)
    assert answer.query.follow_up and not answer.no_answer
    assert str(answer.hits[0].passage.article.date) == dated


def test_the_latest_of_a_list_of_meetings_answers_when_with_its_day(seed_qa):
    chat = Conversation()
    seed_qa.ask("示范区开过哪些党工委扩大会议？", chat)
    answer = seed_qa.ask("最近的一次是什么时候？", chat)
    assert answer.span is not None and answer.span.text == "7月12日"


@pytest.mark.parametrize(
    ("question", "dated", "day"),
    [
        (
            "最近一次党工委扩大会议是什么时候？",
            "2020-07-12",
            "7月12日",
        ),  # no good match: 最近 and 一次 were words searched
        ("最早一次党工委扩大会议是什么时候？", "2019-11-03", "11月3日"),
        ("第一次党工委扩大会议是谁主持的？", "2019-11-03", "王家鹏"),
        ("最近的党工委扩大会议是哪天？", "2020-07-12", "7月12日"),  # no 一次: 最近的 alone
    ],
)
def test_asked_alone_of_one_end_of_what_several_articles_tell_the_article_at_that_end_answers(
    seed_qa, question, dated, day
):
    """As asked after 示范区开过哪些党工委扩大会议？: of the articles it lists, the newest or the oldest."""
    answer = seed_qa.ask(question)
    assert str(answer.hits[0].passage.article.date) == dated and answer.span is not None and answer.span.text == day
    assert seed_qa.ask("最近的新闻有哪些？").query.kind == BROWSE  # asked for news, not of one end of it
    latest = seed_qa.ask(
        "最近的会议是哪天？"
    )  # of all the meetings 有哪些会议？ lists, 推进会 too (was the 2020-07-12 one)
    assert latest.hits[0].passage.article.date_text == "2021-04-18"
    nearest = seed_qa.ask("离示范区最近的党工委扩大会议是哪天？")  # 最近 of a distance
    assert all(note.code != "dated" for note in nearest.notes)


def test_a_report_opening_with_its_day_answers_when_of_what_its_lede_names_not_of_what_it_goes_on_to(seed_qa):
    """11月3日下午，示范区召开党工委（扩大）会议，传达10月29日……协调会精神: the 10月29日 meeting is not of 11月3日."""
    answer = seed_qa.ask("协调会是哪天召开的？")
    assert answer.span is None or answer.span.text != "11月3日"


def test_a_follow_up_its_article_cannot_answer_is_answered_by_another_naming_the_same_subject(seed_qa):
    """The report of 文昌街道's first place says nothing of a reward; the meeting's report rewards it 10万元.
    Alone, 奖励了多少钱？ found 苏家作乡's 奖励资金 and was refused."""
    chat = Conversation()
    seed_qa.ask("文昌街道为什么得第一？", chat)
    answer = seed_qa.ask("奖励了多少钱？", chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == "10万元"
    assert "文昌街道" in answer.hits[0].snippet


@pytest.mark.parametrize(
    ("first", "then"),
    [("蒙牛四期投资多少？", "股价多少？"), ("创基智谷是什么项目？", "员工有多少？")],
)
def test_a_follow_up_no_passage_says_in_its_own_words_stays_no_good_match(seed_qa, first, then):
    """Asked again of the subject, 股价 was answered by the 总投资超10亿元 its passage says of 蒙牛四期."""
    chat = Conversation()
    seed_qa.ask(first, chat)
    assert seed_qa.ask(then, chat).no_answer


def test_that_day_in_a_follow_up_is_the_day_the_question_before_asked_of(seed_qa):
    """那天: 2019年11月8日, the day asked of before; it searched every day (王家鹏's 2020-07-09 visit) and was
    refused. Asked of that day, the learned least score (chosen over the whole archive) no longer refuses a
    passage of the day saying all the question names."""
    chat = Conversation()
    seed_qa.ask("2019年11月8日示范区发生了什么？", chat)
    answer = seed_qa.ask("那天王家鹏去哪了？", chat)
    assert not answer.no_answer and str(answer.hits[0].passage.article.date) == "2019-11-08"
    assert answer.span is not None and answer.span.text == "宁郭镇马村"


def test_a_question_of_a_day_naming_what_its_pages_never_say_stays_no_good_match(seed_qa):
    assert seed_qa.ask("2020年4月15日天气怎么样？").no_answer
    assert seed_qa.ask("2020年4月15日有什么体育比赛？").no_answer
    # nor is it answered by its date's numbers alone, searched again without the date (2019, 11 and 8 of
    # 11月8日至11日，示范区2019年……运动会: it was)
    assert seed_qa.ask("2019年11月8日股市怎么样？").no_answer


def test_a_term_the_answering_page_quotes_is_asked_of_its_own_after_any_question(seed_qa):
    """“一区多园”是……: asked after two questions about the visit, the term's own passage answers, not the visit's
    first (its 是 made the quoted term 一区多园是, which no page quotes)."""
    chat = Conversation()
    seed_qa.ask("高鸿带队去哪考察了？", chat)
    seed_qa.ask("对方谁陪同？", chat)
    answer = seed_qa.ask("一区多园是什么意思？", chat)
    assert answer.hits[0].passage.text.startswith("“一区多园”是")


def test_what_else_of_the_same_day_is_asked_of_that_day(seed_qa):
    """同一天还有什么会议？: 2020年4月15日's other report, the 燃煤散烧 meeting; 还有 is what else, no word a page
    need say (it weighed enough to refuse it)."""
    chat = Conversation()
    seed_qa.ask("2020年4月15日示范区有什么活动？", chat)
    answer = seed_qa.ask("同一天还有什么会议？", chat)
    assert not answer.no_answer and answer.hits[0].passage.article.title == "示范区召开燃煤散烧管控工作会议"


def test_a_follow_up_asking_to_choose_asks_its_own_question(seed_qa):
    """是上午还是下午？ after 宣传思想文化工作会议哪天开的？ chooses between the two (4月24日下午), not the day again."""
    chat = Conversation()
    seed_qa.ask("宣传思想文化工作会议哪天开的？", chat)
    answer = seed_qa.ask("是上午还是下午？", chat)
    assert answer.span is not None and answer.span.text == "下午"  # it was 24日
