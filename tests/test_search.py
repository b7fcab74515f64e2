from datetime import date

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from bot.render import answer_line, note_text
from retrieval import MAX_QUESTION_CHARS, BadQuestion, Conversation, cli_range, search
from retrieval.dates import DateRange, PartialDate
from retrieval.documents import Archive, ArchiveReport, Article
from retrieval.messages import checked
from retrieval.notes import DATED, UNDATED_NONE
from retrieval.pipeline import ArchiveQA
from retrieval.search import ArticleDates, ArticlePassages, DatedPassages

from strategies import chinese_text


def test_the_right_article_ranks_first(seed_qa):
    answer = seed_qa.ask("示范区年人均纯收入低于5000元的有多少户？")
    assert "1713户2462人" in answer.hits[0].snippet
    assert answer.hits[0].passage.article.source == "000_b7e49fbd0a3b0876.txt"


def test_no_passage_is_cited_twice(seed_qa):
    hits = seed_qa.ask("四城联创").hits
    assert len(hits) > 5 and len({id(hit.passage) for hit in hits}) == len(hits)


def test_a_date_in_the_question_restricts_to_matching_articles(seed_qa):
    answer = seed_qa.ask("2019年11月示范区召开了什么会议")
    assert answer.hits and all(
        hit.passage.article.date.first_day().strftime("%Y-%m") == "2019-11" for hit in answer.hits
    )
    assert [(note.code, note.date) for note in answer.notes] == [(DATED, "2019年11月")]
    assert note_text(answer.notes[0]) == "只检索了2019年11月的文章。"


@pytest.mark.parametrize(
    ("question", "dated"),
    [
        ("十月革命发生在哪一年？", False),
        ("二月河写了哪些小说？", False),
        ("六月雪是什么植物？", False),
        ("《神圣十月》是何时开始播放的？", False),
        ("“五月花”号是哪年出发的？", False),
        ("《示范区》五月刊登了哪些报道？", True),
        ("示范区五月召开了什么会议？", True),
        ("五月份示范区开了什么会？", True),
    ],
)
def test_a_month_inside_a_name_is_no_date_to_restrict_by(seed_qa, question, dated):
    assert (seed_qa.analyser.analyse(question).date_range is not None) == dated


def test_a_word_glued_across_a_dates_end_is_cut_there_and_its_rest_asked(seed_qa):
    """2021年4月18日开了什么会？: jieba's 日开 was taken for part of the date, the question left
    asking nothing, and refused; 开 is asked, and the meeting of that day answers."""
    answer = seed_qa.ask("2021年4月18日开了什么会？")
    assert "开" in answer.query.words and not answer.no_answer
    assert answer.hits[0].passage.article.title.startswith("示范区迎接第二轮中央生态环境保护督察工作推进会")


def test_a_date_nothing_matches_is_dropped_and_the_user_told(seed_qa):
    answer = seed_qa.ask("2015年3月示范区召开了什么会议")
    assert answer.hits
    assert [note.code for note in answer.notes] == [UNDATED_NONE]
    assert "未按日期筛选" in note_text(answer.notes[0])


def test_a_date_nothing_matches_is_not_searched_for_twice(seed_qa, monkeypatch):
    """With the date dropped, "no good match" is final: searching again without it would find the same."""
    searched = []
    monkeypatch.setattr(
        seed_qa.searcher, "search", lambda *args, search=seed_qa.searcher.search: searched.append(args) or search(*args)
    )
    answer = seed_qa.ask("2015年3月火星上发现了什么矿物？")
    assert answer.no_answer and [note.code for note in answer.notes] == [UNDATED_NONE]
    assert len(searched) == 1


def test_from_and_to_restrict_by_date(seed_qa):
    answer = seed_qa.ask("示范区召开会议", date_range=cli_range("2021-04", "2021-04"))
    assert {hit.passage.article.date.year for hit in answer.hits} == {2021}


def test_a_word_jiebas_hmm_glued_to_a_particle_is_cut_back_to_the_word_the_archive_knows(seed_qa):
    """召开过康养产业会议: jieba's HMM makes 过康养, which no page says; the pages say 康养."""
    assert seed_qa.segmenter.tokens("召开过康养产业会议")[1][0] == "过康养"
    answer = seed_qa.ask("示范区有没有召开过康养产业会议？")
    assert "康养" in answer.query.words and "过康养" not in answer.query.words
    assert not answer.no_answer and answer.hits[0].passage.article.title == "示范区召开康养产业发展工作会议"


def test_a_word_jieba_cut_in_two_as_it_glued_a_particle_to_its_half_is_whole_again(seed_qa):
    """上春晚的非遗是什么: jieba cuts 非 and 遗是, which no page says; the pages say 非遗 (bold in answers)."""
    assert [word for word, _, _ in seed_qa.segmenter.tokens("上春晚的非遗是什么")][3:5] == ["非", "遗是"]
    answer = seed_qa.ask("上春晚的非遗是什么？")
    assert "非遗" in answer.query.words and "遗是" not in answer.query.words
    assert "龙凤灯舞" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("question", "cut", "whole", "said"),
    [
        ("医疗救助金发了多少钱？", ["救助", "金发"], "救助金", "37万余元"),  # 发放救助金37万余元
        ("工信局办了多少张通行证？", ["工信", "局办"], "工信局", "约3000份"),  # 累计办理各类通行证……约3000份
    ],
)
def test_a_word_jieba_cut_in_two_as_it_glued_a_verb_to_its_half_is_whole_again(seed_qa, question, cut, whole, said):
    """救助金发了: jieba cuts 救助 and 金发 (hair, as no page says), and the question was refused."""
    words = [word for word, _, _ in seed_qa.segmenter.tokens(question)]
    assert cut in [words[at : at + 2] for at in range(len(words) - 1)]
    answer = seed_qa.ask(question)
    assert whole in answer.query.words and cut[1] not in answer.query.words
    assert not answer.no_answer and said in answer.hits[0].passage.text


def test_a_word_jieba_glued_to_the_is_after_it_is_the_word_again(seed_qa):
    """两轴是哪两轴？: jieba's HMM makes 两轴是, which no page says; read as 两轴 + 是 it was asked as a
    compound said together, which no passage does, and the question was refused."""
    assert seed_qa.segmenter.tokens("两轴是哪两轴")[0][0] == "两轴是"
    answer = seed_qa.ask("两轴是哪两轴？")
    assert "两轴是" not in answer.query.words and not answer.query.compounds
    assert not answer.no_answer and "两轴两带" in answer.hits[0].passage.article.title


def test_a_stopword_ending_in_a_verb_is_not_cut_across(segmenter):
    """不需要: 不需 is a word of this archive, but 需要 is a stopword, no word glued by jieba's guess."""
    pages = [Article("a", 1, "document", "养花", ["这种花不需浇水，耐旱。"])]
    qa = ArchiveQA.from_archive(Archive(pages, ArchiveReport()), segmenter)
    assert qa.analyser.known("不需")
    assert "不需" not in qa.analyser.analyse("这种花为什么不需要浇水？").words


@pytest.mark.parametrize("question", ["示范区去深圳干什么了？", "示范区去深圳做了什么？", "示范区去了深圳吗？"])
def test_a_readers_going_to_a_place_is_no_word_the_page_must_say(seed_qa, question):
    """去深圳: the page says 赴深圳开展……招商对接会, and 去, weighed as rare, left the question no good match;
    做 asked what was done is a reader's word for doing anything, as 干 is."""
    answer = seed_qa.ask(question)
    assert answer.query.words == ("示范区", "深圳")
    assert not answer.no_answer and answer.hits[0].passage.article.title == "示范区召开党工委（扩大）会议"


def test_a_readers_word_jieba_glued_to_a_date_is_unsaid_once_cut_off_it(seed_qa):
    """王家鹏11月8日去了哪里？: jieba reads 日去, cut at the date's end into 日 and 去, a reader's going."""
    assert seed_qa.analyser.analyse("王家鹏11月8日去了哪里？").words == ("王家鹏", "11", "8")


def test_asked_who_went_along_the_passage_saying_who_did_comes_first(seed_qa):
    """The page says 区领导万英奎一同调研: the reader's 陪同 is its 一同."""
    answer = seed_qa.ask("王家鹏调研四城联创时谁陪同？")
    assert "万英奎一同调研" in answer.hits[0].snippet
    assert answer.span is not None and answer.span.text == "万英奎"


def test_a_point_asked_by_its_place_is_searched_as_the_page_numbers_it(seed_qa):
    """第二点 is the page's 二是 (……会议强调，一是……。二是……), its passage first; 第一条铁路 is a railway."""
    answer = seed_qa.ask("中央环保督察推进会强调的第二点是什么？")
    assert "二是" in answer.query.words and "二是认真查摆问题" in answer.hits[0].snippet
    assert answer.span is not None and answer.span.text == "认真查摆问题，切实抓好整改"
    assert "一是" not in seed_qa.analyser.analyse("香港的第一条铁路是哪条铁路？").words
    assert seed_qa.ask("第二点是什么？").no_answer  # of no speech: any page's 二是 would do


@pytest.mark.parametrize("question", ["东小巷有啥好吃的？", "东小巷有什么好吃的？"])
def test_food_a_reader_calls_good_to_eat_is_searched_as_the_page_calls_it(seed_qa, question):
    """好吃, which no page says, weighed most and the question was no good match: the page says 美食."""
    answer = seed_qa.ask(question)
    assert "美食" in answer.query.words and "好吃" not in answer.query.words
    assert not answer.no_answer and "东小巷" in answer.hits[0].passage.article.title


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("中商控股的老板是谁？", "胡友峰"),  # the page says 董事长: it was the passage, and no name
        ("腾云产业园的老总是谁？", "郑晓东"),
        ("疫情期间发了多少篇稿子？", "372篇"),  # the page says 发稿372篇: it was no good match
        ("怀山药是什么牌子的？", "龙凤田园"),  # the page says 品牌: it was no good match
    ],
)
def test_a_readers_word_for_a_thing_is_read_as_the_page_says_it(seed_qa, question, span):
    answer = seed_qa.ask(question)
    assert answer.span is not None and answer.span.text == span


@pytest.mark.parametrize("question", ["沁阳那边来了多少人？", "沁阳来了多少人？", "沁阳来了几个人？"])
def test_asked_how_many_came_the_readers_coming_and_side_are_no_words_the_page_must_say(seed_qa, question):
    """The page says 沁阳市党政考察团一行40余人到示范区学习考察: 来, rare in the archive, and 那边, which it never
    says, weighed so much that the question was no good match."""
    answer = seed_qa.ask(question)
    assert answer.query.words == ("沁阳", "人")
    assert answer.span is not None and answer.span.text == "40余人"


def test_a_deed_finished_and_amounts_in_a_readers_words_are_asked_as_the_page_says_them(seed_qa):
    """蒙牛四期建好后一年能多出多少产值？ was no good match: 建好, 一年 and 多出, which no page says, weighed most;
    the page says 项目建成后……预计年可新增产值25亿元."""
    answer = seed_qa.ask("蒙牛四期建好后一年能多出多少产值？")
    assert "建成" in answer.query.words and not {"建好", "一年", "多出"} & set(answer.query.words)
    assert answer.span is not None and answer.span.text == "25亿元"


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("示范区有没有获得全市第一？", "示范区3月份网络宣传引导工作量化考核全市第一"),
        ("城管局获得过省级荣誉吗？", "打造人民满意城管 示范区城管局被省住建厅授予“表现突出单位”荣誉称号"),
    ],
)
def test_asked_whether_something_was_won_the_readers_winning_is_no_word_the_page_must_say(seed_qa, question, title):
    """获得, which no page says (it says 考核全市第一, 被授予……荣誉称号), weighed most: no good match."""
    answer = seed_qa.ask(question)
    assert "获得" not in answer.query.words
    assert not answer.no_answer and answer.hits[0].passage.article.title == title


def test_going_and_doing_stay_words_where_they_are_no_readers_words(seed_qa):
    """去 of "de-" before a person's name (去史达林化), and 做 asked who did it, are the page's own words."""
    assert "去" in seed_qa.analyser.analyse("去史达林化于何时开始？").words
    assert "做" in seed_qa.analyser.analyse("风筝实验是谁做的？").words


def test_a_question_word_whose_half_jieba_glued_to_the_next_word_is_whole_again(seed_qa):
    """哪天开的: jieba cuts 哪 and 天开 (of 异想天开), which no page says, and the question was refused."""
    assert [word for word, _, _ in seed_qa.segmenter.tokens("推进会是哪天开的")][-3:-1] == ["哪", "天开"]
    answer = seed_qa.ask("扫黑除恶推进会是哪天开的？")
    assert "开" in answer.query.words and "天开" not in answer.query.words
    assert not answer.no_answer and answer.span is not None and answer.span.text == "7月7日"


def test_a_reader_pressing_the_question_asks_it_all_the_same(seed_qa):
    """到底 (究竟) presses the question and names nothing: searched, it weighed as a word of the question."""
    answer = seed_qa.ask("苏家作乡到底有多少个合作社？")
    assert "到底" not in answer.query.words and answer.span is not None and answer.span.text == "68家"


def test_a_readers_compound_no_page_says_is_asked_as_the_words_it_is_made_of(seed_qa):
    """东小巷美食街在哪？: the page says 东小巷美食一条街, and 美食街, which none says, was weighed most: refused."""
    answer = seed_qa.ask("东小巷美食街在哪？")
    assert {"美食", "街"} <= set(answer.query.words) and "美食街" not in answer.query.words
    assert not answer.no_answer and "李万街道" in answer.hits[0].passage.text
    assert seed_qa.ask("郑州市党政考察团有多少人？").no_answer  # a city the archive never names is no 郑州 + 市


def test_a_compounds_words_said_apart_do_not_cover_it(segmenter):
    """神经衰弱 and 科学 in one passage are no 神经科学: only the passage saying them together covers it."""
    pages = [
        Article("a", 1, "document", "报道", ["他研究神经衰弱的治疗，讲究科学方法。"]),
        Article("b", 2, "document", "学者", ["这位学者研究神经的科学，成果丰硕。"]),
    ]
    qa = ArchiveQA.from_archive(Archive(pages, ArchiveReport()), segmenter)
    hits = {hit.passage.article.source: hit for hit in qa.ask("谁研究神经科学？").hits}
    assert qa.analyser.analyse("谁研究神经科学？").compounds == (("神经", "科学"),)
    assert hits["b"].coverage > hits["a"].coverage


@pytest.mark.parametrize("question", ["宣传思想文化工作会议哪天召开的？", "宣传思想文化工作会议是哪天开的？"])
def test_asked_which_day_a_passage_of_the_article_that_names_the_day_comes_first(seed_qa, question):
    """The learned ranker put 会议指出，2019年…… first, which names no day: the lede (4月24日下午，示范区召开……) does."""
    answer = seed_qa.ask(question)
    assert answer.hits[0].passage.text.startswith("4月24日下午") and answer.span.text == "4月24日"


def test_asked_which_day_the_rest_of_the_first_passages_paragraph_that_names_it_comes_first(seed_qa):
    """创基智谷哪天奠基的？: the paragraph naming 创基智谷 goes on (6月29日，该项目奠基) in a passage the learned
    ranker put seventh."""
    answer = seed_qa.ask("创基智谷哪天奠基的？")
    assert "6月29日，该项目奠基" in answer.hits[0].passage.text and answer.span.text == "6月29日"


def test_asked_when_of_a_dated_report_a_passage_of_the_article_that_names_a_month_or_day_comes_first(seed_qa):
    """The passage on the visit's meaning (充分认清王国生莅焦调研的重大意义) came first; the one before it
    in the report says when (省委书记王国生4月13日莅焦调研)."""
    answer = seed_qa.ask("王国生什么时候来焦作调研的？")
    assert "4月13日莅焦调研" in answer.hits[0].passage.text and answer.span.text == "4月13日"


@pytest.mark.parametrize("question", ["李志勇事迹报告会在哪举行？", "李志勇事迹报告会在哪开的？"])
def test_asked_where_it_was_held_a_passage_of_the_article_saying_where_it_was_held_comes_first(seed_qa, question):
    """The learned ranker put 报告会前，示范区领导接见了……报告团成员 first, which says what was done before it; the
    lede says where (……专场报告会在河南理工大学学术报告厅举行)."""
    answer = seed_qa.ask(question)
    assert "学术报告厅举行" in answer.hits[0].passage.text and answer.span.text == "河南理工大学学术报告厅"


def test_asked_when_another_articles_passage_right_after_holding_as_much_and_a_day_comes_first(seed_qa):
    """去深圳招商是哪天？: a plan (全力筹备深圳专题招商活动), undated, came first; the meeting right after it told
    of the visit (通报10月30日、31日示范区赴深圳开展……专题招商对接会), its words all the same."""
    answer = seed_qa.ask("去深圳招商是哪天？")
    assert "10月30日、31日" in answer.hits[0].passage.text


def test_asked_when_of_an_undated_page_the_first_passage_stays_first(segmenter):
    """An encyclopaedia answers when with years, eras and reigns (承光元年, 中世纪): its passage naming a
    day of something else does not come first."""
    empress = Article("百科", 1, "document", "元皇后", ["元皇后于承光元年被释放出来。", "元皇后的生日是5月3日。"])
    qa = ArchiveQA.from_archive(Archive([empress], ArchiveReport()), segmenter)
    assert "承光元年" in qa.ask("元皇后什么时候被释放出来的？").hits[0].passage.text


@pytest.mark.parametrize("question", ["李志勇报告会有多少人听？", "李志勇報告會有多少人聽？"])
def test_asked_how_many_a_passage_of_the_article_that_states_an_amount_of_it_comes_first(seed_qa, question):
    """听完报告，与会人员纷纷表示…… came first, which counts no one; the lede says 300余人."""
    answer = seed_qa.ask(question)
    assert "300" in answer.hits[0].passage.text and answer.span is not None and answer.span.text.startswith("300")


def test_asked_how_many_of_a_thing_a_passage_of_the_article_counting_it_comes_first(seed_qa):
    """第六个国家安全教育日发了多少宣传单？: the lede came first (第六个, and 建党100周年 for a number); the
    passage after it says 发放宣传单3000多张."""
    answer = seed_qa.ask("第六个国家安全教育日发了多少宣传单？")
    assert "宣传单3000多张" in answer.hits[0].passage.text and answer.span.text == "3000多张"


def test_a_passage_counting_in_the_unit_asked_does_not_come_first_when_it_covers_little_of_the_question(seed_qa):
    """科技综合体入驻了多少家企业和团队？: the article's passage on 企业 counts 5家国家高企 and covers a third of
    what the one on 科技综合体 (330余个) does; put first, it made the answer "no good match"."""
    answer = seed_qa.ask("科技综合体入驻了多少家企业和团队？")
    assert not answer.no_answer and "330余个" in answer.hits[0].passage.text


def test_asked_how_many_with_the_readers_counter_a_passage_counting_them_its_own_way_comes_first(seed_qa):
    """多少个合作社？: the page counts 农民专业合作社68家; a passage about 老农民专业合作社 that counts none came first."""
    answer = seed_qa.ask("苏家作乡有多少个合作社？")
    assert "68家" in answer.hits[0].passage.text and answer.span is not None and answer.span.text == "68家"


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("宁郭镇的公众号叫啥？", "“奋进宁郭党旗红”"),  # 通过微信群、微信公众号大力宣传 came first
        ("中商控股的董事长叫什么？", "董事长胡友峰"),  # a title's holder is named, not quoted
    ],
)
def test_asked_what_a_thing_is_called_a_passage_of_the_article_quoting_a_name_comes_first(seed_qa, question, cited):
    assert cited in seed_qa.ask(question).hits[0].passage.text


def test_asked_which_in_a_series_a_passage_of_the_article_that_says_it_comes_first(seed_qa):
    """The 2020 国家安全教育日's theme came first; its lede says 第5个."""
    answer = seed_qa.ask("2020年的全民国家安全教育日是第几个？")
    assert "第5个" in answer.hits[0].snippet and answer.span is not None and answer.span.text == "第5个"


def test_a_follow_up_asking_what_honour_was_won_is_answered_by_the_passage_of_its_article_that_states_it(seed_qa):
    """Its words are the question before's (受理 起 案件), which the passage stating the honour does not say:
    no search for them finds it, but it is the article the conversation is about."""
    chat = Conversation()
    seed_qa.ask("为多少农民工追回了工资？", chat)
    seed_qa.ask("受理了多少起案件？", chat)
    answer = seed_qa.ask("获得了什么荣誉？", chat)  # was the 81起 passage again, with no short answer
    assert answer.span is not None and answer.span.text == "2020年度全省根治拖欠农民工工资工作先进单位"


def test_the_na_of_a_follow_up_shaped_na_ne_is_no_part_of_its_words(seed_qa):
    """jieba glues 那 to what follows (那因|残|致贫): 那因 was searched, a word of no page."""
    assert [word for word, _, _ in seed_qa.segmenter.tokens("那因残致贫的呢？")][0] == "那因"
    chat = Conversation()
    seed_qa.ask("其中因病致贫的有多少户？", chat)
    answer = seed_qa.ask("那因残致贫的呢？", chat)
    assert "因残" in answer.query.words and not any(word.startswith("那") for word in answer.query.words)
    assert "因残致贫" in answer.hits[0].passage.text


@pytest.mark.parametrize(
    ("question", "answered_by"),
    [
        ("沈阳市党政考察团有多少人？", "40余人"),  # 沁阳市's
        ("郑州市党政考察团有多少人？", "40余人"),  # the archive says 郑州 elsewhere, never 郑州市
        ("伊利四期项目投资多少？", "10亿元"),  # 蒙牛's
    ],
)
def test_a_question_about_a_place_or_firm_the_archive_never_names_is_no_good_match(seed_qa, question, answered_by):
    answer = seed_qa.ask(question)
    assert answer.no_answer and answer.span is None  # was answered_by, of another place or firm
    assert answered_by in answer.hits[0].passage.text  # still shown as what comes closest


def test_a_name_the_article_says_in_part_is_still_its_own(seed_qa):
    answer = seed_qa.ask("威海市的控股集团董事长是谁？")  # the page: 中商（威海）控股集团
    assert not answer.no_answer and answer.span is not None and answer.span.text == "胡友峰"


def test_latin_only_question_is_searched_and_finds_nothing_good(seed_qa):
    answer = seed_qa.ask("what is the weather like today")
    assert answer.no_answer


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("示范区年人均纯收入低于5000元的有多少户？", "示範區年人均純收入低於5000元的有多少戶？"),
        ("示范区低收入群体排查出多少户？", "示範區低收入群體排查出多少戶？"),  # 多少戶 wants households
        ("创基智谷项目什么时候奠基？", "創基智谷項目什麼時候奠基？"),  # 什麼時候 wants a date
        ("创基智谷项目什么时候奠基？", "創基智谷專案甚麼時候奠基？"),  # as Taiwan writes it (was "no good match")
        ("明仁项目是什么级别的产业集群？", "明仁專案是甚麼級別的產業叢集？"),  # 專案, 叢集: 项目, 集群
        ("低保对象参保的有多少人？", "低保物件參保的有多少人？"),  # 物件: 对象
        # 重点项目, one word the archive knows, where 重点专案 was two (重点, 专案): counted in characters, not words
        ("示范区今年重点项目有多少个？", "示範區今年重點專案有多少個？"),
        # 项目 after the question word jieba glues it to (哪些项目, no word of the archive's): was 专案, no list
        ("工信局今年引进了哪些项目？", "工信局今年引進了哪些專案？"),
    ],
)
def test_a_question_in_traditional_characters_is_answered_as_in_simplified(seed_qa, simplified, traditional):
    asked, written = seed_qa.ask(simplified), seed_qa.ask(traditional)
    assert [hit.passage for hit in written.hits] == [hit.passage for hit in asked.hits]
    assert answer_line(written) == answer_line(asked)


@pytest.mark.parametrize(
    ("written", "spoken"),
    [
        ("示范区年人均纯收入低于5000元的有多少户？", "示范区年人均纯收入低于5000块的有多少户？"),
        ("打造东小巷花了多少钱？", "打造东小巷花了多少块钱？"),
        ("保险费一共多少钱？", "保险费一共几块钱？"),
    ],
)
def test_money_a_reader_says_in_kuai_is_asked_in_yuan_as_the_pages_write_it(seed_qa, written, spoken):
    asked, said = seed_qa.ask(written), seed_qa.ask(spoken)  # 5000块: was "no good match"
    assert not said.no_answer and [hit.passage for hit in said.hits] == [hit.passage for hit in asked.hits]
    assert said.span is not None and asked.span is not None and said.span.text == asked.span.text


def test_kuai_of_things_counted_in_pieces_stays_as_it_is(seed_qa):
    assert seed_qa.analyser.analyse("设置了3块展板吗？").phrase == "设置了3块展板吗"
    assert seed_qa.analyser.analyse("低于5000块的有几户？").phrase == "低于5000元的有几户"


@given(chinese_text)
def test_any_text_is_a_question_or_refused_with_a_reason(text):
    try:
        question, _ = checked(text)
    except BadQuestion as refusal:
        assert refusal.reason in (BadQuestion.EMPTY, BadQuestion.NO_TEXT, BadQuestion.SMALL_TALK)
        return
    assert 0 < len(question) <= MAX_QUESTION_CHARS and question == question.strip()


@given(chinese_text)
def test_any_question_gets_an_answer_whose_citations_quote_their_paragraphs(seed_qa, text):
    try:
        answer = seed_qa.ask(text)
    except BadQuestion:
        return
    assert answer_line(answer) and "\n" not in answer_line(answer)
    assert [entry.rank for entry in answer.entries] == list(range(1, len(answer.entries) + 1))
    for hit in answer.entries[:5]:
        paragraph = hit.passage.article.paragraphs[hit.passage.paragraph - 1]
        assert hit.snippet and hit.snippet in paragraph and len(hit.snippet) <= seed_qa.composer.snippet_chars


@pytest.mark.parametrize(
    "question",
    [
        "2020年4月示范区召开了什么会议",
        "4月20日开了什么会",
        "4月示范区召开了什么会议",
        "2019年11月至2020年7月的项目建设",
    ],
)
def test_a_date_is_checked_for_the_passages_asked_about_as_for_the_whole_archive(seed_qa, question):
    searcher = seed_qa.searcher
    date_range = seed_qa.analyser.analyse(question).date_range
    assert date_range is not None and searcher.dates.admits_any(date_range)
    whole = searcher.dates.admitted(date_range)[searcher.article_passages.of_passage]
    for some in (np.arange(0, len(seed_qa.passages), 17), np.arange(len(seed_qa.passages))):  # few, then all
        assert (
            DatedPassages(searcher.dates, date_range, searcher.article_passages)[some].tolist() == whole[some].tolist()
        )
    assert 0 < whole.sum() < len(whole)


@pytest.mark.parametrize(
    "question",
    [
        "2020年4月示范区召开了什么会议",
        "4月20日开了什么会",
        "2019年11月至2020年7月的项目建设",
        "2020年7月9日王家鹏调研了什么",
    ],
)
def test_the_articles_and_passages_of_a_date_are_found_without_looking_at_every_article(seed_qa, question):
    searcher = seed_qa.searcher
    date_range = seed_qa.analyser.analyse(question).date_range
    assert date_range is not None
    admitted = searcher.dates.admitted(date_range)
    assert searcher.dates.numbers(date_range).tolist() == np.flatnonzero(admitted).tolist()
    dated = DatedPassages(searcher.dates, date_range, searcher.article_passages)
    assert dated.ids().tolist() == np.flatnonzero(admitted[searcher.article_passages.of_passage]).tolist()
    assert dated.count() == len(dated.ids())


partial_dates = st.one_of(
    st.none(),
    st.integers(2000, 2003).map(lambda year: PartialDate(year)),
    st.tuples(st.integers(2000, 2003), st.integers(1, 12)).map(lambda ym: PartialDate(*ym)),
    st.dates(date(2000, 1, 1), date(2003, 12, 31)).map(lambda day: PartialDate(day.year, day.month, day.day)),
)
days_of_a_year = st.tuples(st.integers(1, 12), st.integers(1, 31))


@given(st.lists(partial_dates, max_size=60), days_of_a_year, days_of_a_year)
@example([PartialDate(2001, 5)], (5, 31), (6, 2))  # a month's article reaches a range that begins at its end
def test_the_articles_of_days_of_any_year_are_those_the_range_admits(dates, low, high):
    """Found from the articles near those days of the year, not by looking at every article."""
    date_range = DateRange(yearless=(min(low, high), max(low, high)))
    article_dates = ArticleDates(np.array([ArticleDates.row(when) for when in dates]))
    expected = [number for number, when in enumerate(dates) if date_range.admits(when)]
    assert article_dates.numbers(date_range).tolist() == expected
    assert np.flatnonzero(article_dates.admitted(date_range)).tolist() == expected


def test_the_archives_earliest_and_latest_articles_are_those_dated_first_and_last():
    """An undated article is neither; an archive with no dates has none."""
    dates = [PartialDate.parse("2020-04"), PartialDate.parse("2021"), PartialDate.parse("2019-11-05"), None]
    assert ArticleDates(np.array([ArticleDates.row(date) for date in dates])).span() == (2, 1)
    assert ArticleDates(np.array([ArticleDates.row(None)] * 3)).span() == (None, None)


def test_the_passages_of_articles_are_read_from_where_each_article_begins():
    of_passage = np.array([0, 0, 2, 2, 2, 3, 5], dtype=np.int32)  # articles 1 and 4 have no passages
    ids, offsets, lengths = ArticlePassages(of_passage).of(np.array([0, 1, 2, 5, 6]))  # 6: after the last
    assert ids.tolist() == [0, 1, 2, 3, 4, 6]
    assert offsets.tolist() == [0, 2, 2, 5, 6] and lengths.tolist() == [2, 0, 3, 1, 0]


@given(st.lists(st.integers(0, 4), min_size=1, max_size=40))
def test_each_passages_article_is_found_from_where_the_articles_begin(passages_of_each):
    """Articles with no passage (a count of 0) included: the passage belongs to the one it is in."""
    of_passage = np.repeat(np.arange(len(passages_of_each)), passages_of_each)
    ids = np.arange(len(of_passage))[::-1]
    assert ArticlePassages(of_passage).article_of(ids).tolist() == of_passage[ids].tolist()


def test_a_dated_question_looks_its_few_passages_up_and_finds_what_walking_the_postings_finds(seed_qa, monkeypatch):
    question = "2020年4月示范区召开了什么会议"
    monkeypatch.setattr(search, "LOOKUP_COST", 0)  # always worth looking up
    looked_up = [(hit.passage.text, hit.score) for hit in seed_qa.ask(question).hits]
    monkeypatch.setattr(search, "LOOKUP_COST", 10**9)  # never: walk the postings
    assert looked_up and looked_up == [(hit.passage.text, hit.score) for hit in seed_qa.ask(question).hits]


def test_beyond_its_first_candidates_a_list_reads_only_articles_whose_headline_could_name_the_topic(segmenter):
    """Every passage is indexed with its headline, so a topic word some passage of an article lacks
    is not in that headline: beyond BM25's first candidates, a list question (where such a word
    counts half) skips the passages that cannot make an item, without reading them."""
    filler = ["今天天气晴朗，市民出行方便。", "道路畅通，交通秩序良好。", "相关部门加强巡查。"]
    about = Article("p1", 1, "article", "示范区举行植树活动", ["示范区干部群众参加植树活动。", *filler])
    mentions = Article("p1", 2, "article", "交通情况通报", [*filler, "周末还有植树活动。"])
    qa = ArchiveQA.from_archive(Archive([about, mentions], ArchiveReport()), segmenter)
    query = qa.analyser.analyse("有哪些植树活动？")
    ids = np.arange(len(qa.passages))
    in_headline, in_text = qa.searcher._topic_share(query, ids, 0.5), qa.searcher._topic_share(query, ids, 1.0)
    of_about = qa.searcher.article_passages.of_passage == 0
    assert in_headline[of_about].tolist() == [1.0] * len(about.paragraphs)  # the headline names it: every passage
    last = len(qa.passages) - 1
    assert in_text[last] == 1.0 and in_headline[last] == 0.5  # named in one paragraph only: half
    assert in_headline[~of_about][:-1].tolist() == [0.0] * (len(mentions.paragraphs) - 1)


def test_the_install_compiles_the_sums_of_a_candidate_s_words():
    assert search._compiled_held is not None, "retrieval._features was not built: pip install needs a C compiler"


_CHARS = "示范区低收入户年"


@given(
    words=st.lists(st.text(_CHARS, min_size=1, max_size=3), max_size=6, unique=True),
    weights=st.lists(st.floats(0.001, 20.0), min_size=6, max_size=6),
    headline=st.text(_CHARS, max_size=12),
    text=st.text(_CHARS, max_size=30),
    before=st.text(_CHARS, max_size=10),
    chinese=st.integers(0, 63),
)
def test_the_compiled_word_sums_are_pythons_to_the_last_bit(words, weights, headline, text, before, chinese):
    """Which question words a candidate's headline and text hold, and their weights summed in the
    question's order (wholly, or in part when only the rest of its paragraph holds them)."""
    names, weighed = tuple(words), tuple(weights[: len(words)])
    chinese_words = frozenset(word for at, word in enumerate(words) if chinese >> at & 1)
    given_ = (names, weighed, chinese_words, headline, text, before + text, search.CONTEXT_SHARE)
    assert search._compiled_held(*given_) == search._held_words(*given_)


def test_a_month_asked_again_is_answered_from_the_passages_gathered_the_first_time(seed_qa, monkeypatch):
    """A month of every year gathers its articles' passages once (~10 ms at ten million passages)."""
    gathered = []
    numbers = ArticleDates.numbers
    monkeypatch.setattr(ArticleDates, "numbers", lambda self, asked: gathered.append(asked) or numbers(self, asked))
    first = seed_qa.ask("示范区五月召开了什么会议？")
    assert first.hits and gathered
    gathered.clear()
    assert seed_qa.ask("5月份示范区开了哪些会议？").hits and not gathered  # the same days, written otherwise
    assert seed_qa.ask("示范区五月召开了什么会议？") == first
    for month in [number for number in range(1, 13) if number != 5][: search.DATES_KEPT]:
        seed_qa.ask(f"示范区{month}月召开了什么会议？")
    gathered.clear()
    assert seed_qa.ask("示范区五月召开了什么会议？") == first and gathered  # eight other months since: gathered again
