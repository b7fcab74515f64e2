"""What a reader types before it is a question: refusals with a reason, small talk, requests unwrapped."""

import pytest

from bot.render import note_text, refusal
from retrieval import MAX_QUESTION_CHARS, BadQuestion, Conversation
from retrieval.messages import checked, corrects, questions, unframed
from retrieval.notes import MORE_QUESTIONS, SHORTENED
from retrieval.segment import normalise


def test_empty_and_symbol_only_questions_are_refused_with_a_reason():
    for question in ("", "   ", "\n"):
        with pytest.raises(BadQuestion) as empty:
            checked(question)
        assert empty.value.reason == BadQuestion.EMPTY
    with pytest.raises(BadQuestion) as symbols:
        checked("🙂🎉👍")
    assert symbols.value.reason == BadQuestion.NO_TEXT


def test_a_very_long_question_is_shortened_and_the_user_told():
    text, notes = checked("示范区" * 4000)
    assert len(text) == MAX_QUESTION_CHARS
    assert notes[0].code == SHORTENED and "太长（12000 字）" in note_text(notes[0])


@pytest.mark.parametrize(
    ("message", "asked"),
    [
        ("滨河路什么时候贯通？谁去调研的？", ["滨河路什么时候贯通？", "谁去调研的？"]),
        ("蒙牛四期投产了吗？ 为什么？", ["蒙牛四期投产了吗？", "为什么？"]),
        ("示范区低收入群体排查出多少户？？", ["示范区低收入群体排查出多少户？？"]),
        ("标题是《谁在说话？》的文章是哪天的？", ["标题是《谁在说话？》的文章是哪天的？"]),  # a title's ？ ends nothing
        ("你好？示范区低收入群体排查出多少户？", ["你好？示范区低收入群体排查出多少户？"]),  # a greeting is no question
        ("示范区低收入群体排查出多少户？谢谢！", ["示范区低收入群体排查出多少户？谢谢！"]),
        # a question mark for a character a text could not write asks nothing
        (
            "東頭?和美東?曾因為人口分布等因素而被劃入哪一個區中?",
            ["東頭?和美東?曾因為人口分布等因素而被劃入哪一個區中?"],
        ),
    ],
)
def test_a_message_asking_several_questions_is_those_questions(message, asked):
    assert questions(message) == asked


def test_a_message_asking_two_questions_answers_the_first_and_says_to_ask_the_second(seed_qa):
    """Searched together, the two questions were answered as one, from whichever passage held most of both."""
    answer = seed_qa.ask("滨河路什么时候贯通？谁去调研的？")
    assert answer.question == "滨河路什么时候贯通？" and answer.span is not None and answer.span.text == "8月底"
    more = [note for note in answer.notes if note.code == MORE_QUESTIONS]
    assert more and more[0].text == "谁去调研的？" and "谁去调研的？" in note_text(more[0])


@pytest.mark.parametrize("said", ["你好", "您好！", "谢谢。", "帮助", "Hello", "你是谁？"])
def test_a_greeting_thanks_or_a_call_for_help_alone_is_told_what_to_ask_not_searched(seed_qa, said):
    with pytest.raises(BadQuestion) as refused:
        seed_qa.ask(said)
    assert refused.value.reason == BadQuestion.SMALL_TALK and "请直接提问" in refusal(refused.value)


@pytest.mark.parametrize("said", ["好的，谢谢！", "嗯嗯", "不对", "OK", "谢谢你的回答"])
def test_an_acknowledgement_mid_conversation_is_small_talk_not_the_last_answer_again(seed_qa, said):
    chat = Conversation()
    seed_qa.ask("沁阳市党政考察团有多少人？", chat)
    with pytest.raises(BadQuestion) as refused:
        seed_qa.ask(said, chat)  # it had no topic of its own: a follow-up, answered as the question before
    assert refused.value.reason == BadQuestion.SMALL_TALK
    assert seed_qa.ask("好的，那他们是哪天来的？", chat).query.follow_up  # a question after it is asked


def test_a_greeting_before_a_question_does_not_stop_it_being_answered(seed_qa):
    answer = seed_qa.ask("你好，沁阳市党政考察团有多少人？")
    assert not answer.no_answer and "40余人" in answer.hits[0].passage.text
    answer = seed_qa.ask("你好，李前进是干什么的？")  # no 请问 after the greeting: it was "no good match"
    assert not answer.no_answer and "你好" not in answer.query.words


@pytest.mark.parametrize(
    "asked", ["那个东小巷到底在哪儿啊", "这个东小巷在哪儿", "东小巷究竟在哪里？", "那个东小巷在哪？"]
)
def test_a_filler_before_a_name_or_a_pressing_word_asked_first_is_no_word_of_the_question(seed_qa, asked):
    """那个 before a name points at nothing asked before, 到底 and 究竟 press the question: 那个东小巷到底在哪儿啊 was
    "no good match", 东小巷到底在哪儿 a passage without its short answer."""
    answer = seed_qa.ask(asked)
    assert not answer.no_answer and answer.span is not None and answer.span.text == "李万街道万鑫商城"
    assert "这家" in seed_qa.ask("这家公司从哪里迁来的？").query.content  # before no name, what it points at is unsaid


@pytest.mark.parametrize(
    ("asked", "question"),
    [
        ("请问示范区低收入群体排查出多少户？", "示范区低收入群体排查出多少户?"),
        ("你好，请问一下，我想知道PM2.5浓度是多少", "pm2.5浓度是多少"),
        ("能不能告诉我城管局得了什么荣誉", "城管局得了什么荣誉"),
        ("你知道李志勇去世时多大吗？", "李志勇去世时多大?"),  # the 吗 is the request's
        ("你知道蒙牛投产了吗？", "蒙牛投产了吗?"),  # still a yes-or-no question
        ("示范区低收入群体排查出多少户呢？谢谢！", "示范区低收入群体排查出多少户?"),
        ("那2020年呢？", "那2020年呢?"),  # a follow-up's 呢 asks no question word: kept
        ("你好，李前进是干什么的？", "李前进是干什么的?"),  # a greeting alone before it: 你好 was searched
        ("嗨，蒙牛四期投资多少？", "蒙牛四期投资多少?"),
        ("你好吗？", "你好吗?"),  # a greeting with no question after it is no frame
        ("请问", "请问"),  # nothing else: nothing taken away
        ("不是这个，我问的是2021年的", "2021年的"),  # a correction: what was meant
        ("不对，我说的是王家鹏", "王家鹏"),
        ("有人知道城管局配了多少台执法记录仪吗", "城管局配了多少台执法记录仪"),  # was a yes-or-no question
        ("有没有人知道蒙牛四期投资多少？", "蒙牛四期投资多少?"),
        ("求问：苏家作乡改造了多少座厕所", "苏家作乡改造了多少座厕所"),
        ("帮我找找李志勇的报告会在哪开的", "李志勇的报告会在哪开的"),
        ("想了解一下示范区重点实验室的数量", "示范区重点实验室的数量"),
        ("我记得有个考察团去了平顶山，带队的是谁", "有个考察团去了平顶山,带队的是谁"),  # was no good match
        ("听说东小巷是李万街道打造的，投了多少钱？", "东小巷是李万街道打造的,投了多少钱?"),
    ],
)
def test_a_question_put_as_a_request_is_the_question_it_puts(asked, question):
    assert unframed(normalise(asked)) == question


def test_a_count_named_without_a_question_word_asks_how_many(seed_qa):
    answer = seed_qa.ask("想了解一下示范区重点实验室的数量")  # was no good match
    assert not answer.no_answer and answer.span is not None and answer.span.text == "3个"


@pytest.mark.parametrize(
    ("typed", "answered"),
    [
        ("李志勇 年龄", "38岁"),  # each was a passage without a short answer, or "no good match"
        ("东小巷地址", "李万街道万鑫商城"),
        ("蒙牛四期 投资", "10亿元"),
        ("中商控股 董事长", "胡友峰"),
        ("沁阳考察团 人数", "40余人"),
        ("运动会 时间", "11月8日至11日"),
        ("宁郭镇公众号名字", "奋进宁郭党旗红"),
        ("李志勇 职务", "市农业农村局疫控中心流调室主任"),
        ("爱国卫生月 主题", "文明健康，绿色环保"),  # it had no short answer
    ],
)
def test_a_topic_and_what_is_asked_of_it_typed_as_keywords_is_that_question(seed_qa, typed, answered):
    answer = seed_qa.ask(typed)
    assert not answer.no_answer and answer.span is not None and answer.span.text == answered


@pytest.mark.parametrize(
    ("first", "typed", "answered"),
    [
        ("李志勇是哪个单位的？", "年龄？", "38岁"),  # it was "no good match"
        ("东小巷是哪个街道打造的？", "投资？", "300万元"),  # it was 李万街道, the answer before
        ("中商控股的董事长是谁？", "时间？", "4月15日"),  # it was another article's passage
    ],
)
def test_a_keyword_alone_after_an_answer_asks_it_of_what_was_talked_of(seed_qa, first, typed, answered):
    chat = Conversation()
    seed_qa.ask(first, chat)
    answer = seed_qa.ask(typed, chat)
    assert answer.query.follow_up and answer.span is not None and answer.span.text == answered
    assert seed_qa.ask(typed).span is None  # alone, it names nothing to ask it of


def test_a_sentence_ending_in_such_a_keyword_is_not_retyped(seed_qa):
    """城管局是不是拿了省里的荣誉？ asks yes or no: not 城管局是不是拿了省里的获得了什么荣誉."""
    assert seed_qa.ask("示范区城管局是不是拿了省里的荣誉？").span is None


def test_a_request_for_an_answer_is_answered_as_the_question_alone(seed_qa):
    answer = seed_qa.ask("帮我查一下沁阳考察团来了多少人")  # 帮, 我查 counted, it was "no good match"
    assert not answer.no_answer and answer.span is not None and answer.span.text == "40余人"
    assert answer.question == "帮我查一下沁阳考察团来了多少人" and "我查" not in answer.query.words


@pytest.mark.parametrize(
    ("said", "correction"),
    [("不是这个，我问的是劳动保障监察大队", True), ("我说的是王家鹏", True), ("不对", False), ("不是说这个", False)],
)
def test_a_correction_is_told_from_a_remark(said, correction):
    assert corrects(normalise(said)) is correction  # 不对 alone is a remark on the answer (small talk)


@pytest.mark.parametrize(
    ("first", "correction", "understood", "headline"),
    [
        (
            "示范区城管局获得了什么荣誉？",
            "不对，我问的是劳动保障监察大队",
            "劳动保障监察大队获得了什么荣誉",
            "根治欠薪",
        ),
        ("东小巷美食一条街投资了多少钱？", "不是这个，我说的是蒙牛四期", "蒙牛四期投资了多少钱", "王家鹏调研"),
    ],
)
def test_a_correction_asks_the_question_before_of_what_it_names(seed_qa, first, correction, understood, headline):
    chat = Conversation()
    seed_qa.ask(first, chat)
    answer = seed_qa.ask(correction, chat)  # 蒙牛四期 alone had no question: no short answer
    assert answer.query.understood_as == understood and answer.hits[0].passage.article.title.startswith(headline)
