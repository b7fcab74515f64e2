"""Short answers: what a question asks for, the candidates a passage offers, the span a reader is
given (verbatim, from the cited snippet) and when none is given."""

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retrieval import ArchiveQA, Conversation
from retrieval.answer_type import asking
from retrieval.evaluate import f1
from retrieval.segment import default_segmenter
from retrieval.spans import AnswerSpan, SpanFinder, SpanModel, candidates, char_aligned, plain_answer, span_model

from conftest import SEEDS
from strategies import PUNCTUATION, chinese_text


@pytest.fixture(scope="module")
def seeds():
    return ArchiveQA.from_folder(SEEDS)


def test_the_question_word_says_what_is_asked():
    households = asking("示范区低收入群体排查出多少户？")
    assert (households.wants, households.unit, households.before) == ("number", "户", "示范区低收入群体排查出")
    day = asking("创基智谷项目哪天奠基？")
    assert (day.wants, day.unit) == ("date", "日")
    assert asking("国家安全教育日是几月几号？").unit == "日"  # the finest unit asked for: a day, not a month
    assert asking("蒙牛四期啥时候投产？").wants == "date"
    assert asking("示范区行政审批局局长是谁？").wants == "person"
    assert asking("运动会在哪举办的？").wants == "place"  # 哪 alone before a verb, as 哪里 (was: which 举办)
    assert asking("吕沛在哪见的胡友峰？").wants == "place"  # (was: which 见)
    assert asking("高新区考察团去了哪？").wants == "place"  # 哪 alone after 去 or 到 (was: which)
    assert asking("他们到哪了？").wants == "place"
    assert asking("国家安全教育日活动在哪搞的？").wants == "place"  # a reader's verb: 搞 (was: which 搞)
    assert asking("组织部要在哪选试点？").wants == "place"  # jieba's 哪选 (was: which 选试)
    assert asking("东小巷是哪个街道搞的？").noun == "街道"
    assert asking("文昌街道排第几名？").ordinal
    assert asking("为什么要开展爱国卫生月活动？").wants == "how"
    assert asking("示范区为什么被评为先进单位？").wants == "how"


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("When was the 扫黑除恶 meeting held?", "date"),
        ("How many people came with the 沁阳市党政考察团?", "number"),
        ("Who is the 局长 of 行政审批局?", "person"),
        ("Where was the 秋季田径运动会 held?", "place"),
        ("Why did 示范区 win the award?", "how"),
        ("What did 吕沛 inspect?", "what"),
        ("Tell me about 东小巷", "other"),
    ],
)
def test_a_question_asked_in_english_asks_by_its_first_words(question, wants):
    assert asking(question).wants == wants


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("How many people came with the 沁阳市党政考察团?", "40余人"),
        ("Who is the 董事长 of 中商（威海）控股集团?", "胡友峰"),  # the title the question names (it had none)
    ],
)
def test_an_english_question_gets_a_short_answer_from_the_chinese_page(seeds, question, answered):
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == answered


@pytest.mark.parametrize("question", ["苏家作乡被评为什么先进单位？", "锦地罗又被称之为什么？", "医院后来更名为什么？"])
def test_as_what_after_a_verb_that_takes_wei_is_not_why(question):
    assert asking(question).wants == "what"  # 评为 / 称为 / 更名为 + 什么, not 为什么


def spans_of(text: str, question: str) -> set[str]:
    aligned = char_aligned(text)
    tokens = default_segmenter().tagged(aligned)
    return {text[c.start : c.end] for c in candidates(aligned, tokens, asking(question))}


def test_amounts_dates_and_ranges_are_candidates_whole_and_in_parts():
    found = spans_of("1955年7月9日，该馆在海拔200米至2,300米的地区收到5400余座。", "什么时候？")
    assert {"1955年7月9日", "7月9日"} <= found  # a date whole and by its parts
    assert "5400余座" not in found  # a 何时 question is not answered by an amount
    amounts = spans_of("1955年7月9日，该馆在海拔200米至2,300米的地区收到5400余座。", "有多少？")
    assert {"200米至2,300米", "200米", "5400余座"} <= amounts


def test_an_amount_keeps_its_unit_also_when_written_in_latin_letters():
    found = spans_of("陆地面积为1750.33km²，主峰高约2,300米，处理器速度为4.7 GHz，航速60节。", "有多少？")
    assert {"1750.33km²", "2,300米", "4.7 GHz", "60节"} <= found and "1750.33" not in found


def test_a_count_of_things_is_not_answered_by_a_date():
    text = "截至3月31日，共救助困难群众440人次。"
    assert spans_of(text, "困难群众医疗救助了多少人次？") == {"440人次"}
    assert "3月31日" in spans_of(text, "截至哪天？")


def test_a_day_is_asked_by_哪天_and_an_ordinal_by_第几():
    assert spans_of("2019年4月24日召开会议。", "会议哪天开的？") == {"2019年4月24日", "4月24日", "24日"}
    assert spans_of("文昌街道位列第一名。", "文昌街道排第几名？") == {"第一名"}


def test_a_time_of_day_is_asked_by_几点_and_said_with_its_hour():
    for question in ("小吃店几点迎来客流高峰？", "幾點鐘開始？"):
        assert (asking(question).wants, asking(question).unit) == ("date", "时")
    assert (asking("会议几时开的？").wants, asking("会议几时开的？").unit) == ("date", "")  # 几时: when
    text = "7月8日20时许，小吃店迎来高峰，上午9时30分开门，下午3点半收摊，共有三点意见。"
    assert spans_of(text, "几点迎来高峰？") == {"20时许", "7月8日20时许", "上午9时30分", "下午3点半"}
    assert not spans_of("会议共提出三点意见，一时间议论纷纷。", "几点开会？")  # three points, a moment


def test_几点_before_what_is_said_in_points_counts_them_and_asks_no_time():
    for question in ("会上提出了几点要求？", "他提了几点建议？"):
        assert (asking(question).wants, asking(question).unit) == ("number", "点")
    assert not spans_of("7月8日20时许，会议提出三点要求。", "会议提出了几点要求？") & {"20时许", "7月8日20时许"}


def test_how_much_money_is_answered_by_an_amount_of_money(seeds):
    assert asking("蒙牛四期投资多少钱？").money and not asking("改了多少座厕所？").money
    assert asking("农民工工资追回了多少").money and not asking("资金帮助了多少户？").money  # of a thing that is money
    chat = Conversation()
    seeds.ask("苏家作乡被评为什么？", chat)
    assert seeds.ask("改了多少座厕所？", chat).span.text == "5400余座"
    answer = seeds.ask("花了多少钱？", chat)  # it was answered 5400余座 too
    assert answer.span is not None and answer.span.text == "1000余万元"


def test_money_said_with_余_or_多_after_its_ten_thousands_is_answered_whole(seeds):
    """70万余元 is said as often as 70余万元; read by character as 70 + 万余 (the candidates the
    model learned from), it is answered with its 元 (``_with_unit``)."""
    assert seeds.ask("保险费一共多少钱？").span.text == "70万余元"
    assert seeds.ask("发放救助金多少钱？").span.text == "37万余元"
    # asked without 钱, the amount right after what the question names (保险费70万余元), its unit read after it
    assert seeds.ask("低收入家庭的保险费是多少？").span.text == "70万余元"
    assert seeds.ask("示范区给低收入家庭交了多少保险费？").span.text == "70万余元"


def test_a_count_of_things_is_never_answered_by_a_measure(seeds):
    """多少个厕所？ is not answered by the 2万余米 of the ditches dug beside them; 多少米 is."""
    toilets = seeds.ask("苏家作乡改了多少个厕所？").span
    assert toilets is None or not toilets.text.endswith("米")
    assert seeds.ask("苏家作乡修了多少米排水沟？").span.text == "2万余米"


def test_a_count_of_households_is_never_answered_by_a_count_of_people_nor_by_none(seeds):
    """多少户？ is not answered by the 一人 of 确保全面小康不落一人 when the passage counts no households, nor
    多少人？, as 不落一人 counts none; where 因病致贫的 is followed by 504户703人, 多少人 and 几户 each read their own."""
    households = seeds.ask("示范区低收入群体有多少户？").span
    assert households is None or households.text.endswith("户")
    people = seeds.ask("示范区低收入群体有多少人？").span  # 不落一人 says none: no count of people either
    assert people is None or people.text != "一人"
    assert seeds.ask("因病致贫的有多少人？").span.text == "703人"
    assert seeds.ask("因病致贫的有几户？").span.text == "504户"


def test_how_many_people_is_never_answered_by_a_count_of_other_things(seeds):
    """党员有多少人参加？ was answered 36个, of 36个村的“两委”干部和党员群众代表: villages, not people; people are
    counted in 人, 名 or 位 (or 人次, or a bare number)."""
    answer = seeds.ask("党员有多少人参加？")
    assert answer.span is None or answer.span.text != "36个"
    assert seeds.ask("困难群众医疗救助了多少人次？").span.text == "440人次"
    assert seeds.ask("沁阳市党政考察团有多少人？").span.text == "40余人"
    assert seeds.ask("示范区网络宣传考核第几名？").span.text == "第一"  # a rank, counting no one


@pytest.mark.parametrize("question", ["八路四桥什么时候建成通车？", "八路四桥啥时候通车？"])
def test_a_year_is_answered_with_the_part_of_it_said_after_it(seeds, question):
    """预计2021年年底全部建成通车: it was 2021年 (a month's 底 was read, 9月底, but not a year's 年底)."""
    assert seeds.ask(question).span.text == "2021年年底"


def test_an_amount_written_as_its_order_alone_keeps_the_word_saying_how_near(seeds):
    """截至目前，上万人次参与活动: it was 万人次, which reads as ten thousand exactly."""
    assert seeds.ask("有多少人次参与了脚板手指活动？").span.text == "上万人次"


def test_a_year_written_bare_is_no_count(seeds):
    """提出了几项任务？ was answered 2020, of the passage's 《2020全区宣传思想文化工作要点》."""
    tasks = seeds.ask("示范区宣传思想文化工作会议提出了几项任务？").span
    assert tasks is None or tasks.text != "2020"


def test_how_much_in_a_unit_of_measure_is_an_amount_in_that_unit(seeds):
    """要建多少平方米厂房？ was answered 4.6亿元, the investment its sentence gives first (总投资4.6亿元的中轴智能制造
    产业园计划建成5万平方米厂房)."""
    assert seeds.ask("中轴智能制造产业园要建多少平方米厂房？").span.text == "5万平方米"


def test_how_long_in_days_is_never_answered_by_a_count_of_things(seeds):
    """比了几天？ after 一共多少个比赛项目？ was answered 16个, the events counted (the page gives the days as
    11月8日至11日, no number of days)."""
    chat = Conversation()
    seeds.ask("示范区秋季田径运动会在哪举行？", chat)
    assert seeds.ask("一共多少个比赛项目？", chat).span.text == "16个"
    days = seeds.ask("比了几天？", chat).span
    assert days is None or "个" not in days.text


def test_what_someone_is_doing_somewhere_is_what_they_do_there_not_the_place():
    """食客在东小巷就餐: the 在 says where, and what they are doing follows the place."""
    finder, words = finder_and_words("食客在做什么？")
    answer = finder.read(asking("食客在做什么？"), words, "夜幕中，食客在东小巷就餐。")
    assert answer is not None and answer.text == "就餐"


def test_a_name_is_never_read_from_inside_a_number(seeds):
    chat = Conversation()
    seeds.ask("沁阳市党政考察团有多少人到示范区学习考察？", chat)
    answer = seeds.ask("谁？", chat)  # it was answered 余人到, cut from 40余人到示范区
    assert answer.span is None or not answer.span.text.startswith("余")


def test_foreign_names_keep_their_dot():
    assert "马克·拉瓦卢马纳纳" in spans_of("2009年3月17日马克·拉瓦卢马纳纳宣布解散政府。", "谁宣布解散政府？")


@pytest.mark.parametrize(
    ("question", "span"),
    [
        ("示范区年人均纯收入低于5000元的有多少户？", "1713户"),
        ("示范区低收入群体排查出几户？", "1713户"),  # 几户, one word to jieba: it cited a meeting saying no number
        ("苏家作乡改了多少座厕所？", "5400余座"),
        ("苏家作乡修了多少米排水沟？", "2万余米"),  # 万 before 余: it was 2万余, its unit cut off
        ("中商集团有几家四级子公司？", "7家"),  # 该集团有三级子公司9家、四级子公司7家: was 三级, after 集团有
        ("康养会议谁主持的？", "刘明胜"),  # ……组长刘明胜，主持召开了: a comma between the name and the verb
        # how often: the period before doing it once, of the thing asked (坚持一季度召开一次工作例会), not another's
        ("康养工作例会多久开一次？", "一季度"),
        ("新联会轮值会长由谁担任？", "区新联会副会长"),
        # who led it, whatever the question names: 由区领导高鸿率领的焦作高新区考察团 (it had no short answer)
        ("去平顶山学习是谁带的队？", "高鸿"),  # 由区|新联会副会长轮流担任: it was 由区新联会副会长轮流
        ("安达消防从哪迁来的？", "开封市"),  # ……的档案由开封市迁移到示范区: it was 河南省, of 河南省安达消防
        ("PM2.5浓度是多少？", "73微克/立方米"),  # a unit per unit: it was 73
        ("示范区行政审批局局长是谁？", "李前进"),
        # a deputy of a body its chief's title named before (领导小组组长刘明胜……。副组长姜坤峰): it had none
        ("康养产业领导小组副组长是谁？", "姜坤峰"),
        ("农民工工资追回了多少", "1900余万元"),  # 为1368名农民工追回工资1900余万元: it was the 1368名 workers
        # what someone is doing, after the page's own 在 (……的工人在操作机床加工输送机拖辊): each had none
        ("钰欣机械的工人在干什么？", "操作机床加工输送机拖辊"),
        ("蒙牛焦作5G智慧工厂的机器人在干什么？", "搬运产品"),
        # the stretch a page brackets after a road's name, asked which, from where to where or between which two
        ("金沙路是哪一段？", "迎宾路至文汇路段"),  # ……、金沙路（迎宾路至文汇路段）: it had none
        ("滨河路是从哪到哪？", "山阳路至中原路段"),
        ("金沙路在哪两条路之间？", "迎宾路至文汇路段"),  # it was refused
        ("沁阳市党政考察团有多少人到示范区学习考察？", "40余人"),
        ("示范区工信局引进了哪些重点项目？", "创基智谷、澳特盛、冠隆机电"),  # 引进并助力……: was 并助力创基智谷、……
        ("示范区中小学生秋季田径运动会在哪里举行？", "河南理工大学附属中学"),
        ("滨河路要求什么时候贯通？", "8月底"),
        ("困难群众医疗救助了多少人次？", "440人次"),
        ("万鑫商城东小巷的小吃店几点迎来客流高峰？", "7月8日20时许"),
        # a theme the page quotes, whole (it was answered “坚持总体国家安全观, the quotation cut short)
        (
            "今年全民国家安全教育日的主题是什么？",
            "坚持总体国家安全观，统筹传统安全和非传统安全，为决胜全面建成小康社会提供坚强保障",
        ),
        ("爱国卫生月的主题是什么？", "文明健康，绿色环保"),  # 以“文明健康，绿色环保”为主题
        ("宁郭镇创办的微信公众号叫什么名字？", "奋进宁郭党旗红"),  # 创办“奋进宁郭党旗红”微信公众号
        ("宁郭镇的公众号叫啥？", "奋进宁郭党旗红"),  # the 公众号 after the 微信 its name is followed by
        # asked for several things, the list the page writes out; the four 课堂 are listed in the
        # article's first paragraph, the best passage is the one about 指尖课堂
        ("宁郭镇打造了哪四大课堂？", "“固定”课堂、“指尖”课堂、“体验”课堂、“先锋”课堂"),
        # the list said of what is asked for, in the article's second citation, not a list the first gives
        ("泰鑫机械的客户有哪些？", "中国中铁、中国铁建、中国交建、中国路桥、中国水利水电、中国建筑"),
        # the article's fourth citation, the third of the article (another article's came second): it was
        # 智能化; 都有谁 asks for several as 哪些 does
        ("桥隧装备基地的客户都有谁？", "中国中铁、中国铁建、中国交建、中国路桥、中国水利水电、中国建筑"),
        ("参加启动仪式的区领导有谁？", "区领导冯利民、赵俊峰、万英奎"),  # ……有谁 at the end too (it was 冯利民 alone)
        # as many items as asked for, in a passage saying only 五办 of the question, under a headline saying
        # the rest (示范区工商分局 “五办”举措暖心……): it had no short answer
        (
            "示范区工商分局推行了哪五办？",
            "一般事项快办、引资项目急办、政府重点项目即来即办、手续不齐全一时办不了的事项跟踪办、特事特办",
        ),
        # where a thing was set up: the place between 在 and the verb, of the clause naming it (在文博路与文丰路
        # 交会处附近增设西瓜临时销售点；在中原路周平陵村口附近设置葡萄临时销售点); 设在哪 asks where as 设在哪里 does
        ("西瓜临时销售点设在哪？", "文博路与文丰路交会处附近"),
        ("葡萄临时销售点设在哪里？", "中原路周平陵村口附近"),
        ("葡萄临时销售点在哪？", "中原路周平陵村口附近"),  # asked where it is: where it was set up (设置)
        ("东小巷在哪？", "李万街道万鑫商城"),  # or where it is, written after a 位于 before its name (it had none)
        ("万鑫商城在哪？", "李万街道"),  # (一家位于李万街道万鑫商城东小巷的小吃店)
        ("示范区工商分局排第几？", "第一位"),  # not 2万元, of 分别奖励10万元、2万元 said of it
        # a reader's 奖金, which the seeds never say: what the page says it rewarded (both were refused)
        ("工商分局拿了多少奖金？", "2万元"),
        ("文昌街道的奖金是多少？", "10万元"),
        # who spoke: the name before 出席会议并讲话 (it had no short answer), also asked 谁讲的话
        ("四城联创第一次攻坚例会谁讲话了？", "王家鹏"),
        ("宣传思想文化工作会议谁讲的话？", "赵俊峰"),
        # which two of a thing named with its count (哪两轴, jieba's 两轴): the list of items ending with it, in the
        # article's third citation, not the first citation's two 战略 (高质量发展国家战略、郑州大都市区发展战略)
        ("两轴是指哪两轴？", "迎宾路活力轴、中原路动力轴"),
        ("两轴是哪两轴？", "迎宾路活力轴、中原路动力轴"),  # the list naming them is the article's fourth citation
        # a count and a kind asked what it is, as asked which (两带是指什么？ was 迎宾路活力轴; 四大课堂是什么？ 指尖)
        ("两带是指什么？", "大沙河生态带、新河财富带"),
        ("四大课堂是什么？", "“固定”课堂、“指尖”课堂、“体验”课堂、“先锋”课堂"),
        # a list the clause after it names (手提袋、抽纸、宣传册等，这些设计精美、构思巧妙的宣传品……)
        ("国家安全宣传发了哪些宣传品？", "手提袋、抽纸、宣传册"),
        # the days of the week a 周几 question asks (每周二、周五开展全城大扫除; it had no short answer)
        ("全城大扫除是每周几？", "周二、周五"),
        ("实验小学每周几全校大扫除？", "周三"),
        # titles one after another, with no 、 between them (审议通过了《会长轮值制度》《会员考核评价办法》): none before
        ("新联会审议通过了哪些制度？", "《会长轮值制度》《会员考核评价办法》"),
        # and asked what was done, the titles right after the question's verb (会议下发了《……》《……》《……》等)
        (
            "宣传思想文化工作会议下发了什么文件？",
            "《关于成立党工委宣传思想工作领导小组的通知》《焦作市示范区意识形态工作联席会议制度》《2020全区宣传思想文化工作要点》",
        ),
        # a verb ending in 过 (通过) keeps it when the particles after the verb are cut off (it was 审议通, no verb of
        # the page's, and no short answer)
        ("新联会审议通过了什么？", "《会长轮值制度》《会员考核评价办法》"),
        ("新联会开会审议通过了什么？", "《会长轮值制度》《会员考核评价办法》"),
        # what thing of a kind was done: the phrase ending in the kind right after the question's verb, which
        # jieba cuts into words of every kind (建设一批党建引领乡村振兴示范村: it was 示范区; 开展“……”活动: none)
        ("组织部要建设什么示范村？", "党建引领乡村振兴示范村"),
        ("建党100周年组织部开展什么活动？", "“书记讲党课、党委晒党建”活动"),
        ("组织部要开展什么活动庆祝建党100周年？", "“书记讲党课、党委晒党建”活动"),  # the question going on past it
        ("招商局要当好什么？", "首席服务官"),  # asked what, the quotation right after it (当好“首席服务官”)
        # asked how many of what the question opens with, the amount right before it (25个城中村、27个居民楼院)
        ("城中村改善了几个？", "25个"),  # it was 27个, nearer 改善
        ("中商控股和示范区签了什么协议？", "战略合作协议"),  # the page's 签订 for the reader's 签: was 订战略合作协议
        # not a description of the thing (解决项目推进过程中遇到的问题, the first citation's): the name, in the third
        ("蒙牛四期要解决什么问题？", "电力和蒸汽问题"),
        ("钰欣机械是做什么的？", "专业生产矿山输送设备的智能制造企业"),  # 该公司是一家……: it had no short answer
        ("秋冬季推进会通报了什么考核结果？", "今年第三季度大气质量考核结果"),  # the kind in two words (考核|结果)
        # a role with its body, cut by jieba into words of every kind (区|卫生|健康|委|负责人), before 详细解读
        ("谁解读了医保政策？", "区卫生健康委负责人"),
        # what a term means, listed in brackets right after it (it had no short answer)
        (
            "十个全清理是指什么？",
            "全清理破烂门对、墙上灯杆上软体标语、村内乱堆乱放及建筑垃圾、门前垃圾桶、弱电线路乱扯、破损广告栏、"
            "花池绿化带内垃圾杂物、明渠排污、乱搭乱建及店外经营、各类小广告",
        ),
        # who went to the places written before what was done, and did it (it was the place, 沁泉湖公园项目)
        ("谁去工地检查督导的？", "吕沛"),
        # or asked who went to one of the places to do it: it was the place before it (焦作建业·新筑)
        ("谁去沁泉湖公园检查的？", "吕沛"),
        ("谁到沁泉湖公园检查的？", "吕沛"),  # a reader's 到 is their going, as 去 is
        # who went, a party (沁阳市党政考察团一行40余人到示范区学习考察): the whole party, not jieba's 沁阳市党政
        ("谁来示范区考察的？", "沁阳市党政考察团"),
        # asked what, what the page writes where the question says 什么, between what it says around it
        # (以|提升医疗救治、医疗服务水平|为重点加快项目建设): it was the sentence before, which 以 another thing 为重点
        ("卫生健康工作要以什么为重点加快项目建设？", "提升医疗救治、医疗服务水平"),
        ("督导组要把什么列为重点督导事项？", "中央环保督察交办问题整改"),  # the page's 将 for the reader's 把
        # which thing's something, the thing written before it (传达学习|省委十届十一次全会暨省委工作会议|精神): it had
        # no short answer, and 什么会议的精神 was answered with the meeting held, which conveyed it
        ("中心组学习会议传达了哪个会议的精神？", "省委十届十一次全会暨省委工作会议"),
        ("7月12日的会议传达了什么会议的精神？", "省委十届十一次全会暨省委工作会议"),
        # asked what, the question ending with it: what the text says right after the question's words, to
        # the clause's end (要更加注重|科技创新|，): it had no short answer
        ("要更加注重什么？", "科技创新"),
        # what thing of a kind was done, in a verb no page says: the page's of the same first character
        # (推行一站式联办服务): it had no short answer
        ("行政审批局推出了什么服务？", "一站式联办服务"),
        # the verbal noun before a name introduces the list (启动中轴、华翔电力、四维液压等第一批企业搬迁): it was the first item's
        ("第一批搬迁的企业有哪些？", "中轴、华翔电力、四维液压"),
        # who chaired it, in the rest of the lede's paragraph: the article's fourth citation
        ("第二轮中央环保督察推进会是谁主持的？", "吕沛"),
        # the name of whoever holds a title asks who, as ……是谁？ does (it was answered with what he said, quoted)
        ("文昌街道党工委书记叫啥？", "王文成"),
        ("文昌街道党工委书记叫什么名字？", "王文成"),
        # which places: not the list after a 地方 of another word (有利于地方政府推进资源整合、实现园区间优势互补)
        ("哪些地方用了一区多园模式？", "北京中关村、天津滨海新区、深圳高新区、重庆高新区、长沙高新区"),
        ("李志勇连续工作了多长时间？", "70多个小时"),  # the unit a 个 counts, whole (it was 70多个)
        # who attended, the name under the title asked (区领导刘明胜出席会议), though the page says 出席 for 参加:
        # the word before 哪位 (部署) was taken for the body whose 领导 was asked
        ("医保征缴部署会哪位领导参加了？", "刘明胜"),
        ("扫黑除恶推进会哪个区领导参加了？", "冯利民"),  # 哪个区领导 asks who, as 哪位领导 does
        ("焦作市大气污染防治条例什么时候开始施行？", "今年11月1日"),  # 自今年11月1日起施行: 开始 is the 起
        # or in a reader's word for coming into force (实施, 执行, 生效): the page's 施行 (执行 was refused)
        ("焦作市大气污染防治条例啥时候开始实施？", "今年11月1日"),
        ("大气污染防治条例从什么时候开始执行？", "今年11月1日"),
        ("大气污染防治条例哪天生效？", "今年11月1日"),
        # where it was done, not the 在 of another clause saying a little of it (在全区营造维护国家安全……)
        ("国家安全教育日示范区在哪开展宣传活动？", "生态广场"),
        ("脚板加手指活动在哪启动的？", "生态广场"),  # 在哪启动 asks where, as 在哪举办 does (it asked which 启动)
        # or where the event the clause names before its 在 was held (……报告会在河南理工大学学术报告厅举行)
        ("李志勇的事迹报告会在哪开的？", "河南理工大学学术报告厅"),
        # what meeting was held: its name after the verb holding it (组织召开全区4月份燃煤散烧管控工作会议)
        ("示范区散烧办开了什么会？", "全区4月份燃煤散烧管控工作会议"),
        ("王家鹏4月20日开了什么会？", "示范区党工委（扩大）会议"),
        ("4月16日新联会开了什么会？", "会长办公会议"),
        ("王家鹏7月12日主持了什么会议？", "党工委（扩大）会议暨中心组学习会议"),  # and the one held with it
        (
            "11月9日示范区召开了什么会议？",
            "生态文明建设暨秋冬季大气污染防治、“三散”污染治理工作推进会",
        ),  # not 召开的……会议精神
        # ……吕沛主持会议并讲话: the meeting its paragraph opens with, in the article's second citation
        ("吕沛4月18日主持了什么会议？", "迎接第二轮中央生态环境保护督察工作推进会"),
        # at which meeting (在哪个会上, 在什么会上: a 会, not 会上, and a 会议 as pages write it): it was none
        ("苏家作乡在哪个会上被评为先进？", "市委农村工作会议"),
        ("苏家作乡在什么会上被评为先进？", "市委农村工作会议"),
        # whose thing it is: what the page says it is the thing of (……控股集团是中国商业网点建设开发中心的二级全资子公司)
        ("中商集团是谁的子公司？", "中国商业网点建设开发中心"),
        ("最美城管人的代表是谁？", "赵小平、董红旗"),  # 推出以赵小平、董红旗为代表的先进典型
        ("城管局推出了哪些先进典型？", "赵小平、董红旗"),  # the list ends at its 为代表: it ran on to 的先进典型
        # asked what thing of a kind (什么产业), a phrase naming one, ending in the kind
        ("示范区去深圳招商对接的是什么产业？", "教育装备产业"),  # 示范区（高新区）深圳教育装备产业专题招商对接会
        # where someone went, not the titles written before their name (党工委书记、管委会主任王家鹏深入……)
        (
            "王家鹏11月8日调研了哪些地方？",
            "宁郭镇马村和马村小区、文昌街道小寨村、文苑街道住郭庄村、芦堡菜市场、供电公司小区、李万街道南张村",
        ),
        (
            "五办具体是哪五办？",
            "一般事项快办、引资项目急办、政府重点项目即来即办、手续不齐全一时办不了的事项跟踪办、特事特办",
        ),
        # what a term means, said right after it (“五办”，即……); 意思, 指的是 are no words of the page
        (
            "五办是什么意思？",
            "一般事项快办、引资项目急办、政府重点项目即来即办、手续不齐全一时办不了的事项跟踪办、特事特办",
        ),
        (
            "五办指的是什么？",
            "一般事项快办、引资项目急办、政府重点项目即来即办、手续不齐全一时办不了的事项跟踪办、特事特办",
        ),
        (
            "苏家作乡有哪些合作社？",
            "老农民专业合作社、焦作市龙凤园实业有限公司、中农果蔬专业合作社",
        ),  # a list answer's item
        # who did it to something (市委网信办对全市……工作进行量化考核), whatever the question says it was done to: no short
        # answer, though 谁对……考核？ asked as the page says it was answered
        ("谁对网上宣传引导工作进行了考核？", "市委网信办"),
        ("哪个部门对示范区进行了考核？", "市委网信办"),
        # what thing of a kind was done, the kind quoted with it (实施“一线工作法”): was “一线, the frame's half quotation
        ("要坚持实施什么工作法？", "一线工作法"),
        ("扫黑除恶要打好什么攻坚战？", "六加一攻坚战"),
        # a list naming what is asked for in the second article cited, before one only said of it in the first's
        # (……颁发红旗8面、蓝旗8面，相关村的党支部书记作了经验交流、表态发言: it was 经验交流、表态发言)
        ("哪些村被颁发了蓝旗？", "李万街道大北张村、文苑街道南李万村"),
        # and the first article's list named by a count of the kind after its 等 (……产业园等5个项目) comes first:
        # another article's 项目数量、总投资、当年计划 was offered
        ("哪些项目被列为河南省重点建设项目？", "创基智谷、数字经济产业园"),
        # what was done, after the question's verb alone and its 了, in another citation (入选了2019年……目录): the
        # first says 怀山药入选 with nothing after it, and it was the brand 龙凤田园
        ("怀山药入选了什么？", "2019年河南省知名农业品牌目录"),
        # what thing of a kind, the things listed and named by it (首批底盘、滚轮等配套设备已经下线): it had no short answer
        ("首批下线了什么设备？", "底盘、滚轮"),
        # but not asked what one of them is (创基智谷、数字经济产业园等5个项目还被列为……: was 、数字经济产业园)
        ("创基智谷是什么项目？", "河南省重点建设项目"),
        # two companies joined by 与, their names whole, though a list of three things stands beside (no short answer)
        ("桥隧装备制造基地是哪两家公司合作建的？", "焦作市泰鑫机械制造有限责任公司与大江重工（焦作）有限公司"),
        # a company's name, which jieba cuts into words of every kind (焦作市|龙凤|园|实业有限公司): was 实业有限公司
        ("龙凤田园是哪个公司的品牌？", "焦作市龙凤园实业有限公司"),
        ("怀山药是哪个公司的品牌？", "焦作市龙凤园实业有限公司"),  # a company asked for, not the brand 龙凤田园
        # who attended, named by their offices, listed right before the verb (组长, which jieba tags a verb, whole)
        ("谁参加了新联会会长办公会议？", "区新联会会长、副会长、秘书长、副秘书长及各小组组长"),
        # 哪一个人 asks who, as 谁 does (it had no short answer)
        ("哪一个人主持了康养产业发展工作会议？", "刘明胜"),
        # the kind a 哪个 asks for, which jieba glued to the verb after it (村开: it was answered 四城联创)
        ("整改誓师大会在哪个村开的？", "苏家作村"),
        # the list right after the question's verb (盘活了……), before the 的闲置厂房 said of its items: it was 平原光电
        ("工信局盘活了哪些企业的闲置厂房？", "大江重工、平原光电"),
        ("示范区建成了哪些平台？", "中原地区首家工业设计城"),  # 哪些平台 asks for 平台 (it read 些平): it was 中原地区
        # 什么样的企业 asks for a 企业 (it read 样): it was the quoted 选商选资 the sentence opens with
        ("招商局重点瞄准什么样的企业？", "优质企业"),
        ("城管局获得了什么样的荣誉？", "2019年度“强基础 转作风 树形象打造人民满意城管”专项行动表现突出单位"),
        ("实验小学培养学生什么样的习惯？", "卫生习惯"),
        # by what it is done (按什么管理？): 管理 the question's verb, no kind of thing asked for (it was none)
        ("外来务工人员按什么管理？", "五个一律"),
        # the thing of the kind the question's verb is said of (尽快启动……标线施划工作), not a list named by the kind
        # in another clause (围绕……“拆墙透绿”、违建整治等工作: it was that list)
        ("要尽快启动什么工作？", "“三圈三部位”标线施划工作"),
        # asked 第几, the first of its kind (河南省首家高端传感应用研究院): it was none
        ("高端传感应用研究院是河南省第几家？", "首家"),
        # an amount written right after what the question counts (其中……因残致贫633户851人)
        ("因残致贫的有几户？", "633户"),
        ("因残致贫有多少人？", "851人"),  # the amount after it in the unit asked (633户|851人: it was 633户)
        ("示范区有多少个省级院士工作站？", "7个"),
        ("城管局接了多少监控视频？", "1500余路"),  # 监控视频|资源|1500余路: a noun between (it was 24小时)
        ("运动会有多少教职工参加？", "150余名"),
        # asked when, the model unsure: the date the sentence saying it opens with (11月8日至11日，……举行)
        ("田径运动会是哪天举行的？", "11月8日至11日"),  # 150余名教职工参加16个比赛项目: before what is counted
        ("示范区PM2.5浓度同比下降了多少？", "31.77%"),
        # asked of no part, the total that 其中 breaks down (……有1713户2462人，其中因病致贫504户……)
        ("示范区低收入群体排查出多少户？", "1713户"),
        # who did it: the name written right before the question's verb (示范区散烧办组织召开……)
        ("燃煤散烧管控会是哪个部门组织的？", "示范区散烧办"),
        ("谁发布的河南省知名农业品牌目录？", "河南省农业农村厅"),  # ……农业农村厅|近日|发布: when, between them
        ("示范区城管局是哪个单位授予的荣誉？", "省住建厅"),
        # the titled name before it, in the meeting's next passage (……管委会主任吕沛主持会议并讲话)
        ("生态督察推进会是谁主持的？", "吕沛"),
        # a name written around a bracketed aside, whole (由……与大江重工（焦作）有限公司合作建设)
        ("泰鑫机械和谁合作建设基地？", "大江重工（焦作）有限公司"),
        # or, worded otherwise, who it was done by (由区领导高鸿率领的焦作高新区考察团)
        ("焦作高新区考察团是谁带队的？", "高鸿"),
        ("去平顶山考察是谁带队的？", "高鸿"),  # the reader's 去 and 带队, which the page says otherwise (refused)
        ("谁在那里会见了胡友峰？", "吕沛"),  # 在那里 points back at where: no part of what was done
        ("谁接待的胡友峰？", "吕沛"),  # the reader's 接待 for the page's 会见 (it had no short answer)
        # who did it, before how (由民政部门全额承担; it was 民政部门全额)
        ("低收入家庭的保险费由谁承担？", "民政部门"),
        ("东小巷是谁搞的？", "李万街道"),  # (东小巷是李万街道强力发展“夜经济”的一项举措: it was 李万街道强力)
        # who did it to something: the name before its 对 (市委网信办对全市……工作进行量化考核; it had none)
        ("示范区3月网络宣传工作是谁考核的？", "市委网信办"),
        # where it was done: after a 在 of its own, in the sentence saying it (在创基智谷，……吕沛会见了胡友峰一行)
        ("吕沛在哪见的胡友峰？", "创基智谷"),
        # where someone went, asked with the reader's 去 (the page says 组团到平顶山高新区学习考察): the place whole,
        # as 一区多园是去哪学习的？ has it (it was 平顶山, the model's pick without the 高新区 the question says too)
        ("高新区考察团去了哪？", "平顶山高新区"),
        ("一区多园是去哪学习的？", "平顶山高新区"),  # in the article's second citation: the first says what was learned
        (
            "沁阳市党政考察团去了哪里？",
            "示范区",
        ),  # asked nothing of what they did there: where they went (到示范区学习考察)
        ("考察团去哪了？", "示范区"),
        # or, worded otherwise (举办: the page says 开展), in the clause naming what was done
        ("国家安全教育日活动在哪举办？", "生态广场"),  # in the article's second citation
        ("国家安全教育日活动在哪搞的？", "生态广场"),  # (it was answered 广大群众, asked which 搞)
        # which company: the name after a 在, ending in 公司, which jieba cuts into words of every kind (华傲 精密
        # 铸造 公司): it was answered 公司生产, the words before the question's next word (车间)
        ("吕沛在哪个公司车间强调安全生产？", "华傲精密铸造公司"),
        # an honour, read from the page (获……荣誉, 授予……荣誉称号)
        ("劳动保障监察大队获得了什么荣誉？", "2020年度全省根治拖欠农民工工资工作先进单位"),
        ("城管局获得了什么称号？", "2019年度“强基础 转作风 树形象打造人民满意城管”专项行动表现突出单位"),
    ],
)
def test_a_short_answer_is_verbatim_from_a_citation(seeds, question, span):
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == span
    cited = answer.entries[answer.span.rank - 1].snippet  # a list answer's: its item
    assert cited[answer.span.start : answer.span.end] == span


@pytest.mark.parametrize(
    "question",
    [
        "为什么要开展爱国卫生月活动？",  # a reason is no short answer
        "示范区有多少只大熊猫？",  # no good match: nothing to answer from
        "焦作的天气怎么样？",
        "国家安全教育日活动是几点举行的？",  # the page gives no hour (it was answered 第六个)
        "宣传思想文化工作会议提出了什么要求？",  # it was answered 示和要求, cut from 指示和要求
        "组织部副部长是谁？",  # the headline names the 部长 (it was answered “25311” before headlines were read)
        "腾云产业园总经理是谁？",  # the headline names its 董事长
        "爱国卫生月宣传活动在哪里举行的？",  # it was answered 文明健康，绿色环保, the campaign's quoted theme
        "蒙牛四期项目计划什么时候建成？",  # how long (计划用两年时间新建) is no when: it was answered 两年
        "示范区有多少家企业搬迁了？",  # 启动……等第一批企业搬迁 counts none: it was answered 第一批
        "东小巷美食街是谁投资的？",  # 联合第三方公司投资: it was answered 公司, which names no one
        "详细说说指尖课堂",  # a request, no question: it was answered 形式 (丰富形式搭建“指尖”课堂)
        "示范区低收入群体",  # a bare topic
        "王家鹏在哪个会上强调要突出精细化管控？",  # the passage names no meeting: it was answered “治”
    ],
)
def test_no_short_answer_without_one_to_give(seeds, question):
    assert seeds.ask(question).span is None


@pytest.mark.parametrize(
    "question, name",
    [
        # 示范区工委组织部部长杨哲, printed under the column, names him; the text never does
        ("示范区工委组织部部长是谁？", "杨哲"),
        ("组织部部长叫什么？", "杨哲"),
        ("开放招商局局长是谁？", "陈振阳"),
        ("腾云数字经济产业园的董事长是谁？", "郑晓东"),
    ],
)
def test_who_holds_a_title_is_read_from_the_headline_when_only_it_names_them(seeds, question, name):
    answer = seeds.ask(question)
    assert answer.span is not None and (answer.span.text, answer.span.headline) == (name, True)
    headline = answer.entries[answer.span.rank - 1].passage.article.title
    assert headline[answer.span.start : answer.span.end] == name


def test_which_body_of_a_kind_is_read_from_the_headline_when_the_citation_names_none(seeds):
    """龙凤田园是哪个乡的品牌？: the citation names the company (焦作市龙凤园实业有限公司的“龙凤田园”), the headline the
    乡 (苏家作乡“龙凤田园”怀山药入选……): it had no short answer."""
    answer = seeds.ask("龙凤田园是哪个乡的品牌？")
    assert answer.span is not None and (answer.span.text, answer.span.headline) == ("苏家作乡", True)
    assert seeds.ask("东小巷是哪个街道打造的？").span.headline is False  # the citation's own, when it names one


def test_json_carries_the_span_or_null(cli):
    answer = json.loads(cli("ask", "--json", "苏家作乡改了多少座厕所？").stdout)
    span = answer["answer_span"]
    assert (span["text"], span["rank"]) == ("5400余座", 1)
    assert answer["hits"][0]["snippet"][span["start"] : span["end"]] == "5400余座"
    assert answer["answer"].startswith("5400余座（[1] ")
    assert span["in"] == "snippet"
    in_headline = json.loads(cli("ask", "--json", "开放招商局局长是谁？").stdout)["answer_span"]
    assert (in_headline["text"], in_headline["in"]) == ("陈振阳", "headline")
    in_byline = json.loads(cli("ask", "--json", "大气污染防治推进会是谁报道的？").stdout)["answer_span"]
    assert (in_byline["text"], in_byline["in"], in_byline["start"], in_byline["end"]) == ("记者付凯明", "byline", 0, 5)
    assert json.loads(cli("ask", "--json", "为什么要开展爱国卫生月活动？").stdout)["answer_span"] is None


def test_eval_scores_short_answers_on_squad_files(cli, seeds, tmp_path):
    paragraph = seeds.ask("示范区年人均纯收入低于5000元的有多少户？").hits[0].passage.text
    squad = {
        "data": [
            {
                "title": "seeds",
                "paragraphs": [
                    {
                        "id": "p1",
                        "context": paragraph,
                        "qas": [
                            {
                                "id": "q1",
                                "question": "年人均纯收入低于5000元的有多少户？",
                                "answers": [{"text": "1713户"}],
                            },
                            {"id": "q2", "question": "为什么开会？", "answers": [{"text": "学习"}]},
                        ],
                    }
                ],
            }
        ]
    }
    path = tmp_path / "seeds.json"
    path.write_text(json.dumps(squad, ensure_ascii=False), encoding="utf-8")
    output = cli("eval", str(path)).stdout
    assert "short answers: coverage 0.500 (1 of 2), exact match where given 1.000" in output


def test_f1_is_cmrcs_character_f1():
    assert f1("1713户", "1713户") == 1.0
    assert f1("，1713户。", "1713户") == 1.0  # punctuation does not count
    assert f1("1713", "1713户") == pytest.approx(2 * 1.0 * 0.8 / 1.8)
    assert f1("", "1713户") == 0.0


@given(st.text(max_size=40), st.text(max_size=40))
def test_f1_is_between_zero_and_one_and_one_only_for_equal_answers(guess, gold):
    score = f1(guess, gold)
    assert 0.0 <= score <= 1.0
    assert (score == 1.0) == (bool(plain_answer(gold)) and plain_answer(guess) == plain_answer(gold))


def test_a_model_made_for_other_features_is_refused(tmp_path):
    path = tmp_path / "model.json"
    spec = json.loads(SpanModel().path.read_text(encoding="utf-8"))
    spec["features"] = spec["features"][:-1]
    path.write_text(json.dumps(spec), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        SpanModel(path).best(np.zeros((1, len(spec["features"]))))


def test_an_amount_is_never_offered_ending_inside_a_word(seeds):
    chat = Conversation()
    seeds.ask("蒙牛5G智慧工厂什么时候投产的？", chat)
    follow_up = seeds.ask("它有多大产能？", chat)  # was 百亿集, of 蒙牛百亿集群; no capacity is given
    assert follow_up.span is None
    counted = seeds.ask("沁阳来了多少人考察？")  # 40余人到: jieba's guess at a word, not one of its dictionary
    assert counted.span is not None and counted.span.text == "40余人"


def test_asked_for_a_place_one_written_without_a_unit_answers(seeds):
    answer = seeds.ask("示范区3月份网上宣传引导工作量化考核排第几？")  # 排名第一: 第一 was no candidate
    assert answer.span is not None and answer.span.text == "第一"


def test_a_count_of_things_is_never_answered_by_a_date(seeds):
    finder = seeds.composer.spans
    snippet = "4月14日，在市委农村工作会议上，苏家作乡被评为农村人居环境整治三年行动工作先进单位。"
    assert finder.best(asking("苏家作乡有几个村？"), ["苏家作乡", "村"], snippet) is None  # was 4月14日, sure at 0.75
    counted = finder.best(asking("苏家作乡有几个村？"), ["苏家作乡", "村"], "全乡14个村纷纷行动。")
    assert counted is not None and counted[:2] == (2, 5)  # 14个


def test_asked_what_thing_of_a_kind_the_kind_after_a_count_of_it_is_no_answer():
    """参加16个比赛项目的角逐 says how many 项目 there were, not which (教职工比的什么项目？ was answered
    比赛项目); a writer's 一种 is no count (……归为哪种主义？: 一种现代主义 answers 现代主义)."""
    finder, words = finder_and_words("教职工比的什么项目？")
    snippet = (
        "11月8日至11日，示范区2019年中小学生秋季田径运动会暨教职工运动会在河南理工大学附属中学举行，"
        "来自全区教育系统的12支学校代表队、400余名运动员和150余名教职工参加16个比赛项目的角逐。"
    )
    assert finder.find(asking("教职工比的什么项目？"), words, snippet) is None
    finder, words = finder_and_words("印象主义也被归为哪种主义？")
    found = finder.find(asking("印象主义也被归为哪种主义？"), words, "这其实就是一种现代主义运动。")
    assert found is not None and found.text == "现代主义"


def test_no_short_answer_opens_with_a_word_joining_it_to_what_went_before(seed_qa):
    """示范区开了什么运动会？ was answered 暨教职工运动会 (of ……田径运动会暨教职工运动会): 暨 joins the event's
    two names (jieba tags it a name)."""
    answer = seed_qa.ask("示范区开了什么运动会？")
    assert answer.span is not None and not answer.span.text.startswith("暨")
    assert answer.span.text in answer.hits[0].snippet


def test_asked_what_a_speech_said_no_piece_of_it_is_the_short_answer():
    """他要求什么？ was answered 四城联创, the quotation inside 要紧扣“四城联创”各项工作标准和要求: what was said
    is the passage, as asked how."""
    finder = SpanFinder(default_segmenter(), span_model())
    snippet = (
        "他强调，要紧扣“四城联创”各项工作标准和要求，坚持目标导向、问题导向，全面排查，全力推进，让群众共享创建成果。"
    )
    assert finder.find(asking("他要求什么？"), ["万英奎", "马村", "看到", "要求"], snippet) is None


def finder_and_words(question: str) -> tuple[SpanFinder, list[str]]:
    return SpanFinder(default_segmenter(), span_model()), [
        word for word, _, _ in default_segmenter().tokens(question) if len(word) > 1
    ]


def short_answer(question: str, snippet: str) -> AnswerSpan | None:
    """The short answer the span finder reads in ``snippet`` for ``question``, or None."""
    finder, words = finder_and_words(question)
    return finder.find(asking(question), words, snippet)


@pytest.mark.parametrize(
    ("question", "snippet", "span"),
    [
        (
            "尤金袋鼠的体重大约是多少？",  # it was 1628年
            "尤金袋鼠最初是于1628年船难的生还者在西澳发现的。尤金袋鼠是细小的袋鼠，约只有8公斤重。",
            "8公斤",
        ),
        ("纽西兰鸡毛松有多高？", "纽西兰鸡毛松是一种罗汉松科的乔木，是纽西兰的特有种。", None),  # it was 一种
        ("巴黎第四区的土地面积是多少？", "该区土地面积1.601 km²，是巴黎市第三小的区。", "1.601 km²"),
        (  # how long, in no unit: a length of time (it was 10亿元), not an anniversary
            "蒙牛四期要建多久？",
            "总投资超10亿元的焦作蒙牛四期项目深受市领导及全市人民关注，计划用两年时间新建一座智能化高端液态奶生产工厂。",
            "两年",
        ),
        ("活动持续了多久？", "示范区开展宣传活动，营造庆祝建党100周年良好氛围。", None),
    ],
)
def test_asked_a_height_a_weight_an_area_or_how_long_the_answer_is_said_in_its_units(question, snippet, span):
    finder, words = finder_and_words(question)
    found = finder.find(asking(question), words, snippet)
    assert (found.text if found else None) == span


@pytest.mark.parametrize(
    ("question", "snippet", "place"),
    [
        ("天生三桥位于什么地方？", "天生三桥位于重庆武隆县仙女山镇，是亚洲最大的天生桥群。", "重庆武隆县仙女山镇"),
        ("桃园市立大溪高级中学位于哪儿？", "桃园市立大溪高级中学位于桃园市大溪区，简称大溪高中。", "桃园市大溪区"),
        ("小艾瑞克·高登现效力于哪儿？", "小艾瑞克·高登是美国职业篮球运动员，现效力于NBA休士顿火箭。", "NBA休士顿火箭"),
        # where someone went to do what the question says they did there
        (
            "去哪里考察的？",
            "4月13日上午，由区领导高鸿率领的焦作高新区考察团到平顶山高新区学习考察“一区多园”建设工作。",
            "平顶山高新区",
        ),
        ("代表团前往哪里访问？", "11月2日，省经贸代表团从郑州出发，前往德国柏林访问，为期五天。", "德国柏林"),
        # and when: the date written right before the question's verb
        ("第二届比赛什么时候举行的？", "第二届比赛于2009年9月27日-10月9日举行。", "2009年9月27日-10月9日"),
        (
            "条例什么时候施行？",
            "会议集中学习了自今年11月1日起施行的《焦作市大气污染防治条例》。",
            "今年11月1日",
        ),  # 自……起施行
    ],
)
def test_asked_where_or_when_what_the_page_writes_beside_the_questions_verb_answers(question, snippet, place):
    """Among the candidates, the model was not sure enough of them to offer one (0.53)."""
    span = short_answer(question, snippet)
    assert span is not None and span.text == place


def test_where_it_was_done_follows_a_zai_of_its_own():
    """实在's 在 opens no place (DRCD: the page's 不像 was offered)."""
    question = "麦可·麦克林是在哪里长大的？"
    finder, words = finder_and_words(question)
    snippet = "继子麦可·麦克林回忆，父母以基督教长老教会的美德教养他，使他觉得自己实在不像在比佛利山庄长大的。"
    span = finder.find(asking(question), words, snippet)
    assert span is None or "不像" not in span.text


@pytest.mark.parametrize(
    ("question", "amount"),
    [
        ("今年全市有多少家企业参展？", "120家"),  # of no part: the total 其中 breaks down
        ("一共多少家企业参展？", "120家"),
        ("外资的有多少家？", "30家"),  # of a part: the part's
        ("参展的外资企业有多少家？", "30家"),
    ],
)
def test_asked_how_many_the_total_or_the_part_named(question, amount):
    finder, words = finder_and_words(question)
    span = finder.find(asking(question), words, "今年全市共有120家企业参展，其中外资企业30家，民营企业90家。")
    assert span is not None and span.text == amount


def test_asked_how_many_days_an_amount_of_years_is_no_answer_but_a_week_is(seeds):
    """落户用了几天？, first citing the passage of 全市优化营商环境三年行动, was answered 三年; 相关活动为期一周
    answers 几天 all the same."""
    answer = seeds.ask("落户用了几天？")
    assert answer.span is None or answer.span.text == "5天"
    answer = seeds.ask("国家安全教育日活动持续了几天？")
    assert answer.span is not None and answer.span.text == "一周"


@pytest.mark.parametrize("question", ["工厂什么时候建成？", "工厂哪一年建成？"])
def test_how_long_something_takes_never_answers_when(question):
    finder, words = finder_and_words(question)
    assert finder.find(asking(question), words, "计划用两年时间新建一座智能化工厂。") is None  # was 两年


@pytest.mark.parametrize("question", ["两家企业落户用了几天？", "两家企业落户用了多少天？", "两家企业几天就落户了？"])
def test_asked_how_long_in_days_the_days_written_as_a_length_answer_not_the_dates(seeds, question):
    answer = seeds.ask(question)  # the page: 4月17日……4月21日……5天时间，两家企业高效顺利落户示范区
    assert answer.span is not None and answer.span.text == "5天"


@pytest.mark.parametrize(
    ("question", "length"),
    [
        ("李志勇工作了多少年？", "14年"),  # 14年如一日: years counted, not the year 14 (it was the 70多个小时 below)
        ("李志勇连续工作了多久？", "70多个小时"),
    ],
)
def test_asked_how_many_years_the_years_a_text_counts_answer_not_an_amount_in_hours(question, length):
    finder, words = finder_and_words(question)
    span = finder.find(asking(question), words, "李志勇14年如一日地战斗在工作一线，在连续高强度工作70多个小时后离世。")
    assert (span.text if span else None) == length


@pytest.mark.parametrize(
    ("question", "day"),
    [
        # 通报10月30日、31日示范区（高新区）赴深圳开展……专题招商对接会: the days of the clause saying all it names
        ("去深圳招商是哪天？", "10月30日、31日"),
        ("协调会是哪天召开的？", "10月29日"),  # not the 11月3日 the report opens with (11月3日下午，……)
    ],
)
def test_asked_what_day_the_days_of_the_one_clause_saying_all_the_question_names_answer(seeds, question, day):
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == day


@pytest.mark.parametrize(
    ("question", "day"),
    [("脚板手指活动是什么时候启动的？", "4月24日"), ("2021年国家安全教育日活动是哪天？", "4月15日")],
)
def test_a_report_opening_with_what_it_was_for_then_its_day_answers_with_that_day(seeds, question, day):
    """为全面推进“四城联创”工作，4月24日上午，示范区……举行……启动仪式: the day after the purpose was no short answer."""
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == day
    assert answer.hits[answer.span.rank - 1].snippet[answer.span.start : answer.span.end] == day


DIED = (
    "他14年如一日地战斗在工作一线，2018年获评先进，于今年5月9日清晨因劳累过度突发心脏骤停，去世十多年来人们仍怀念他。"
)


@pytest.mark.parametrize(
    ("question", "when"),
    [
        ("他是哪天去世的？", "今年5月9日"),  # the date told with the death, no 去世 said (it was no short answer)
        ("他什么时候去世的？", "今年5月9日"),  # not the 2018年 of another clause
        ("他哪一年去世的？", None),  # a year asked is read as any other: 今年 is no year
    ],
)
def test_asked_when_someone_died_the_date_told_with_the_death_answers(question, when):
    assert (getattr(short_answer(question, DIED), "text", None)) == when


POOR = "其中因病致贫504户703人，因残致贫633户851人，因缺乏劳动力致贫371户597人，因其他原因致贫205户311人。"


@pytest.mark.parametrize(
    ("question", "snippet", "amount"),
    [
        # the amount right before what the question counts, as it asks it: not the 16个 after 教职工参加
        ("有多少教职工参加？", "来自12支学校代表队、400余名运动员和150余名教职工参加16个比赛项目的角逐。", "150余名"),
        ("有多少名运动员参加？", "来自12支学校代表队、400余名运动员和150余名教职工参加16个比赛项目的角逐。", "400余名"),
        # what the question opens with, counted in its unit by the amount right before it (it was the 16个 after 参加)
        ("教职工有多少人参加？", "来自12支学校代表队、400余名运动员和150余名教职工参加16个比赛项目的角逐。", "150余名"),
        # not an amount in another unit (1368名 of 为1368名农民工追回工资1900余万元, asked of the money)
        ("给农民工追回了多少工资？", "该大队为1368名农民工追回工资1900余万元。", "1900余万元"),
        # of several written after what is counted, the one whose words before it are most like the question's
        ("残疾致贫的有几户？", POOR, "633户"),  # 因残|致贫: it was 371户, of 因缺乏劳动力致贫
        ("缺劳力致贫的有多少户？", POOR, "371户"),
        # not by what ends the list item before it (恒大文旅城、|总投资40亿元: 城)
        (
            "恒大文旅城投资多少？",
            "尽快启动实施总投资100亿元的恒大文旅城、总投资40亿元的爱琴海购物公园等项目。",
            "100亿元",
        ),
        # an amount in thousands, written with commas, is one amount (it was 606名, of another stand)
        ("体育场能容纳多少名观众？", "体育场可以容纳6,476名观众，其中对面是可容606名观众的阶梯看台。", "6,476名"),
        # what is counted, after the 的 the question puts before it
        (
            "高速公路上开车不能超过多少的速度？",
            "1960年东德有1,378公里的高速公路。高速公路允许的最高速度为100公里/小时。",
            "100公里/小时",
        ),
    ],
)
def test_asked_how_many_the_amount_written_with_what_is_counted(question, snippet, amount):
    span = short_answer(question, snippet)
    assert span is not None and span.text == amount


@pytest.mark.parametrize(
    ("question", "snippet"),
    [
        (
            "谁主持召开了会议？",
            "7月9日，示范区管委会副书记刘明胜主持召开了康养产业发展工作会议。",
        ),  # was with his titles
        (
            "谁去调研的？",
            "7月9日上午，示范区（高新区）党工委书记、管委会主任王家鹏调研部分在建项目建设工作。",
        ),  # 去调研: 调研
    ],
)
def test_asked_who_did_it_the_name_right_before_the_verb_answers(question, snippet):
    span = short_answer(question, snippet)
    assert span is not None and span.text in ("刘明胜", "王家鹏")


@pytest.mark.parametrize(
    ("question", "snippet", "span"),
    [
        # what the page writes where the question says 什么, without the particles at its ends (CMRC: no answer)
        ("符泳以什么而闻名？", "在香港的泳坛，符泳以付出少而收获多而闻名。传闻他的教学方式很特别。", "付出少而收获多"),
        ("汉塞克靠什么登上了大联盟？", "汉塞克靠着大联盟名单扩编的机会登上了大联盟。", "大联盟名单扩编的机会"),
        # the question ending with 什么, what the text says after the question's words to its clause's end (CMRC)
        ("洛拉在大学研究什么？", "洛拉出生于意大利，在大学研究当代舞蹈，毕业后成为编舞家。", "当代舞蹈"),
        (
            "莎莉公司初时主要售卖什么？",
            "莎莉公司初时主要售卖食糖、咖啡和茶叶等，后来才生产食品。",
            "食糖、咖啡和茶叶等",
        ),
    ],
)
def test_asked_what_the_page_says_in_the_questions_frame(question, snippet, span):
    finder, words = finder_and_words(question)
    found = finder.read(asking(question), words, snippet)
    assert found is not None and found.text == span


def test_asked_what_thing_of_a_kind_the_frame_is_left_to_the_model():
    """以什么模式移交？: BOT模式 (CMRC's answer) holds the kind, which the frame 以|BOT|模式移交 leaves out."""
    question = "林业局以什么模式移交铁路？"
    finder, words = finder_and_words(question)
    assert finder.read(asking(question), words, "2008年，林业局以BOT模式移交铁路给宏都公司经营。") is None


def test_who_was_sent_to_go_is_not_who_sent_them():
    """CMRC: 泰德·科德死前派遣圣甲虫去给……送信 says who went after the sending, not at the clause's opening."""
    question = "第二代蓝甲虫(泰德·科德)死前派谁给惊奇队长送信？"
    snippet = "第二代蓝甲虫(泰德·科德)死前派遣圣甲虫去给惊奇队长送信,圣甲虫也因此留在了惊奇队长的永恒之岩里。"
    span = short_answer(question, snippet)
    assert span is not None and span.text == "圣甲虫"


def test_asked_who_did_it_people_listed_together_answer_together():
    """The name right before 陪同 is the list's last: 申晓东 alone said the others did not come."""
    snippet = "4月24日下午，沁阳市党政考察团一行40余人到示范区学习考察。区领导刘明胜、冯利民、申晓东陪同考察。"
    finder, words = finder_and_words("谁陪同考察的？")
    span = finder.find(asking("谁陪同考察的？"), words, snippet)
    assert span is not None and span.text == "刘明胜、冯利民、申晓东"


@pytest.mark.parametrize(
    ("question", "snippet", "people"),
    [
        (  # the names, and the others with them by their role (it was 部门负责人)
            "谁一同参加了活动？",
            "王家鹏到活动现场参观指导，区领导冯利民、万英奎及区直相关部门负责人一同参加。",
            "冯利民、万英奎及区直相关部门负责人",
        ),
        (  # a name jieba glues to the 及 after it (刘亚及), read as names are written after a title
            "平顶山高新区谁陪同考察？",
            "平顶山市科技局副局长李振峰、平顶山高新区党工委副书记刘亚及相关部门有关负责人陪同考察。",
            "李振峰、平顶山高新区党工委副书记刘亚及相关部门有关负责人",
        ),
    ],
)
def test_asked_who_did_it_people_named_with_others_by_their_role_answer_together(question, snippet, people):
    span = short_answer(question, snippet)
    assert span is not None and span.text == people


ALTITUDE = "雷公藤生长于海拔200米至2,400米的地区，多生长在山地林内阴湿处。"


@pytest.mark.parametrize(
    ("question", "snippet", "amount"),
    [
        ("雷公藤生长的地区海拔约是多少米？", ALTITUDE, "200米至2,400米"),  # not 200米: a range, whole
        ("雷公藤生长的地区海拔最高是多少米？", ALTITUDE, "2,400米"),  # or the end asked for
        ("雷公藤生长的地区海拔至少多少米？", ALTITUDE, "200米"),
        ("经济文化自1386年至哪一年被严重破坏？", "经济文化自1386年至1403年被严重破坏。", "1403年"),  # the end not said
        ("印度野驴最高每小时可跑多少公里？", "印度野驴的最高时速可达70-80公里。", "70-80公里"),  # the range is the top
    ],
)
def test_an_amount_given_as_a_range_answers_whole_or_by_the_end_asked_for(question, snippet, amount):
    span = short_answer(question, snippet)
    assert span is not None and span.text == amount


READ_FROM_THE_PAGE = [  # questions whose answers are read from the page, not picked by the model
    "宁郭镇打造了哪四大课堂？",
    "今年的主题是什么？",
    "冰雪皇后的简称什么？",
    "城管局获得了什么荣誉？",
    "富国银行广场位于哪里？",
    "哪个部门组织召开的？",
    "涉案金额下降了多少？",
]
PAGE_WORDS = "、等和及与以及分别下降简称又名别名位于获荣誉称号主题为是组织召开示范区课堂39%"


@given(st.sampled_from(READ_FROM_THE_PAGE), chinese_text | st.text(st.sampled_from(PAGE_WORDS + PUNCTUATION)))
def test_any_snippet_gives_a_verbatim_short_answer_or_none(question, snippet):
    finder, words = finder_and_words(question)
    span = finder.read(asking(question), words, snippet) or finder.find(asking(question), words, snippet)
    assert span is None or (span.text == snippet[span.start : span.end] and span.text.strip())


def test_what_another_citation_of_the_same_article_says_outright_answers(seeds):
    """The best passage is about the 先锋 课堂; the article's 指尖 paragraph names the account: 创办“奋进宁郭党旗红”微信公众号."""
    chat = Conversation()
    seeds.ask("宁郭镇打造了哪四大课堂？", chat)
    answer = seeds.ask("微信公众号叫什么？", chat)
    assert answer.span is not None and answer.span.text == "奋进宁郭党旗红"
    assert answer.hits[answer.span.rank - 1].snippet[answer.span.start : answer.span.end] == "奋进宁郭党旗红"


def test_a_follow_up_is_not_answered_by_what_the_question_before_counted(seeds):
    chat = Conversation()
    assert seeds.ask("其中因病致贫的有多少户？", chat).span.text == "504户"  # 因病致贫504户703人
    answer = seeds.ask("那因残致贫的呢？", chat)  # asks 几户 again, of 因残致贫: never 504户 again
    assert answer.span is None or answer.span.text == "633户"


def test_an_age_is_answered_by_an_age():
    finder, words = finder_and_words("李志勇多大年纪去世的？")
    snippet = "李志勇同志生前是流调室主任，14年如一日地战斗在工作一线，在连续高强度工作70多个小时后去世，年仅38岁。"
    span = finder.find(asking("李志勇多大年纪去世的？"), words, snippet)  # 14年 of 14年如一日 led, unsure
    assert span is not None and span.text == "38岁"


@pytest.mark.parametrize(
    ("question", "snippet", "said"),
    [
        ("创基智谷已经完成投资多少？", "目前，该项目已完成投资1.2亿元，正在办理规划道路土地收储手续。", "完成投资"),
        ("创基智谷已经完成投资多少？", "对于牵头分包的总投资30亿元的创基智谷项目，该局倒排工期。", "投资"),
        ("英宗时期总共在国内设置多少个行省？", "1260年，元世祖于国内设置十路宣抚司，次年罢之。", ""),  # 路, not 个
        ("英宗时期总共在国内设置多少个行省？", "1321年元英宗时期共设置十一个行省。", "设置"),
    ],
)
def test_what_of_a_count_question_a_text_says_by_an_amount_in_its_unit(question, snippet, said):
    finder, words = finder_and_words(question)
    assert finder.counted_by(asking(question), words, snippet) == said


@pytest.mark.parametrize("question", ["企业纾困360是什么？", "智慧金服是什么？"])
def test_asked_what_a_thing_is_another_listed_beside_it_is_no_answer(question):
    """用好“亲清政商学堂”“企业纾困360”、智慧金服等平台: 亲清政商学堂 is another platform (it was the answer)."""
    snippet = "政企之间要加强联系、增进交流，用好“亲清政商学堂”“企业纾困360”、智慧金服等平台。"
    span = short_answer(question, snippet)
    assert span is None or span.text not in ("亲清政商学堂", "企业纾困360", "智慧金服")


SPOKE = "4月24日下午，示范区召开2020年全区宣传思想文化工作会议。区领导赵俊峰出席会议并讲话。"
PLEDGED = "会上，区教育局、卫健委、工商分局和宁郭镇相关负责人作了表态发言。"
TALENT = "该区培养国家万人计划人才1名，柔性引进高端人才、团队30余个。"
FUNDS = "目前，该项目已完成投资1.2亿元，兑现了第一批优惠政策资金4600万元。"
PLATFORMS = "在创新引领型平台方面，该区目前建成了中原地区首家工业设计城，规划建设了中原科创名城。"


@pytest.mark.parametrize(
    ("question", "snippet", "span"),
    [
        ("谁在宣传思想文化工作会议上讲话？", SPOKE, "赵俊峰"),  # who 讲话, wherever the question says it was
        ("谁作了表态发言？", PLEDGED, "区教育局、卫健委、工商分局和宁郭镇相关负责人"),  # the bodies, not 负责人
        ("示范区柔性引进了多少高端人才？", TALENT, "30余个"),  # counted with what is listed after it, not 1名
        ("兑现了多少优惠政策资金？", FUNDS, "4600万元"),  # 第一批 says which, not how many
        ("示范区建成了哪个平台？", PLATFORMS, "中原地区首家工业设计城"),  # the verb's object whole, not 中原地区
        ("吕沛检查了哪个企业？", "吕沛检查了华傲精密铸造公司，万英奎陪同检查。", "华傲精密铸造公司"),  # not 华傲
        ("示范区表彰了哪个单位？", "示范区表彰了文昌街道等先进单位。", "文昌街道"),  # not with the 等 after it
    ],
)
def test_a_short_answer_is_what_the_page_says_whole(question, snippet, span):
    found = short_answer(question, snippet)
    assert found is not None and found.text == span


def test_asked_to_whom_something_was_done_the_word_before_its_verb_is_no_answer(seeds):
    """……对该区某家规模以上重点企业后台系统存在严重漏洞问题，专门下发整改通知: no company is named (it was 专门)."""
    answer = seeds.ask("网信办给哪家企业下发了整改通知？")
    assert answer.span is None or answer.span.text != "专门"


@pytest.mark.parametrize("question", ["东小巷有几家店？", "东小巷有多少家店铺？"])
def test_a_page_giving_no_count_gives_no_count(seeds, question):
    """7月8日20时许，一家位于……东小巷的小吃店迎来了客流高峰: 一家 is a writer's "a", 20 the hour (each was offered)."""
    answer = seeds.ask(question)
    assert answer.span is None or answer.span.text not in ("一家", "20")


def test_asked_how_far_something_got_the_place_gone_to_beside_it_is_no_answer(seeds):
    """王家鹏一行先后到滨河路（……）、金沙路（……）进行实地调研: 金沙路 did not go to 滨河路 (it was the answer)."""
    answer = seeds.ask("金沙路修到哪了？")
    assert answer.span is None or answer.span.text != "滨河路"
    assert seeds.ask("一区多园是去哪学习的？").span.text == "平顶山高新区"  # where the question's subject went


@pytest.mark.parametrize(
    ("question", "chosen"),
    [
        ("宣传思想文化工作会议是上午开的还是下午开的？", "下午"),  # 4月24日下午，……召开……宣传思想文化工作会议
        ("运动会在春季还是秋季举行？", "秋季"),  # 春季, which no page says, is no word the archive must hold
        ("文昌街道是第一名还是第二名？", "第一名"),
        ("爱国卫生月是第33个还是第32个？", "第33个"),  # 第3 of 第32 is no number the page says (it was none)
        ("王家鹏去的马村还是小寨村？", None),  # both: he went to each
        ("蒙牛四期是今年还是明年投产？", None),  # not the 今年 of another sentence
    ],
)
def test_asked_to_choose_between_two_things_the_one_the_page_says(seeds, question, chosen):
    answer = seeds.ask(question)
    assert not answer.no_answer and (answer.span.text if answer.span else None) == chosen


def test_one_character_before_the_verb_is_no_one_who_did_it():
    snippet = "对于牵头分包的总投资30亿元的创基智谷项目，该局以项目开工为时间节点，倒排工期。"
    found = short_answer("谁投资的创基智谷？", snippet)
    assert found is None or found.text != "总"  # of 总投资


def test_what_a_clause_says_was_done_to_is_not_who_did_it():
    """他对比赛中所有事件拥有最终仲裁权: 所有事件 stands before the verb, but after 对."""
    snippet = "网球比赛的主裁判坐在球场外一边的中间的高椅上，他对比赛中所有事件拥有最终仲裁权。"
    for question in ("谁拥有最终仲裁权？", "谁在网球比赛中拥有最终仲裁权？"):  # it was 所有事件
        found = short_answer(question, snippet)
        assert found is None or found.text != "所有事件"


def test_a_meeting_held_is_named_inside_its_quotation_marks(seeds):
    held = seeds.composer.spans.meeting(
        asking("协会是在什么会议上成立的？"), "1946年，协会举行“全道阿伊努人大会”，宣布成立。"
    )
    assert held is not None and held.text == "全道阿伊努人大会"  # it was “全道阿伊努人大会, the quotation left open


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("陈振阳是哪个单位的局长？", "示范区开放招商局局长"),  # was no good match: only the headline names him
        ("郑晓东是哪家公司的董事长？", "焦作腾云数字经济产业园董事长"),
    ],
)
def test_asked_whose_office_someone_holds_the_title_the_page_gives_them_answers(seeds, question, title):
    answer = seeds.ask(question)
    assert answer.query.who and not answer.no_answer
    assert answer.span is not None and answer.span.text == title
