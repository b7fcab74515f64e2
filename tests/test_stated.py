"""What a passage states outright is read from it: honours won, other names, themes, a thing's
quoted name (the seeds' cases are asked end to end in test_spans.py)."""

import pytest

from retrieval.answer_type import asking
from retrieval.segment import default_segmenter
from retrieval.spans import char_aligned
from retrieval.stated import stated


@pytest.mark.parametrize(
    ("question", "snippet", "said"),
    [
        # an honour won
        ("城管局获得了什么荣誉？", "近日，示范区城管局被省住建厅授予“表现突出单位”荣誉称号。", "表现突出单位"),
        ("该银行获得了什么奖项？", "在2007年9月11日，该银行荣获2007年越南最佳零售银行奖。", "2007年越南最佳零售银行奖"),
        (
            "苏家作乡获得过什么荣誉？",
            "苏家作乡连续三次被评为全市“四城联创”先进单位，尤其是……",
            "全市“四城联创”先进单位",
        ),
        # asked what it was rated, not naming an honour (先进单位 is what it asks the kind of)
        (
            "苏家作乡被评为什么先进单位？",
            "苏家作乡被评为农村人居环境整治三年行动工作先进单位。",
            "农村人居环境整治三年行动工作先进单位",
        ),
        # who stands for a kind (以……为代表)
        ("最美城管人的代表是谁？", "推出以赵小平、董红旗为代表的先进典型，营造浓厚氛围。", "赵小平、董红旗"),
        # another name a thing goes by
        ("冰雪皇后的简称什么？", "冰雪皇后（Dairy Queen，简称DQ）是一家连锁店。", "DQ"),  # not DQ）
        ("阿閦佛又称之为什么？", "阿閦佛，又名不动佛、无动佛。", "不动佛、无动佛"),  # 又名 answers 又称
        ("刘六的本名是什么？", "刘六本名刘宠、刘七本名刘宸。", "刘宠"),  # not 刘七's
        ("夜来香的别名是什么？", "夜来香（学名：Telosma），别名“夜香花”。", "夜香花"),  # a 学名 is no 别名
        ("明圣王后的谥号是什么？", "群臣上谥号「明圣」。", "明圣"),
        # a quoted name, before the thing it names or a word of two characters saying which of it
        ("宁郭镇的公众号叫什么？", "该镇创办“奋进宁郭党旗红”微信公众号，设立专栏。", "奋进宁郭党旗红"),
        # what a term means, said right after it, up to the clause's end
        (
            "五办是什么意思？",
            "“五办”，即一般事项快办、引资项目急办、特事特办，全力服务企业发展。",
            "一般事项快办、引资项目急办、特事特办",
        ),
        # what is taken as the thing asked about (把……作为), the one said of it, not another in the clause before
        (
            "落实河长制的首要任务是啥？",
            "要把确保河道安澜作为落实河长制的首要任务，要把河道污染治理和生态保护作为落实河长制的重要职责。",
            "确保河道安澜",
        ),
        (
            "河长制的重要职责是什么？",
            "要把确保河道安澜作为首要任务，把河道污染治理作为落实河长制的重要职责。",
            "河道污染治理",
        ),
        # asked what a term is, all the question names, what it means (the term in two words: 四个|一批)
        (
            "四个一批是什么？",
            "培育壮大“四个一批”，即培育壮大一批创新引领型平台、一批创新引领型企业。",
            "培育壮大一批创新引领型平台、一批创新引领型企业",
        ),
        # or the list written right before it, quoted, from after the verb opening it (not 创新|高地)
        (
            "一门户四基地指的是什么？",
            "加快建设焦作市科技创新高地、高端制造基地、活力要素集聚地、城市休闲目的地“一门户四基地”。",
            "焦作市科技创新高地、高端制造基地、活力要素集聚地、城市休闲目的地",
        ),
        (
            "一门户四基地是什么？",
            "加快建设焦作市科技创新高地、高端制造基地、活力要素集聚地、城市休闲目的地“一门户四基地”。",
            "焦作市科技创新高地、高端制造基地、活力要素集聚地、城市休闲目的地",
        ),
        (
            "百老汇剧院指的是什么？",
            "百老汇剧院是指包括纽约剧院区域的剧院所演出的戏剧。",
            "包括纽约剧院区域的剧院所演出的戏剧",
        ),
    ],
)
def test_what_the_page_says_outright_is_read_from_it(question, snippet, said):
    words = [word for word, _, _ in default_segmenter().tokens(question) if len(word) > 1]
    text = char_aligned(snippet)
    found = stated(asking(question), words, text, default_segmenter().tagged)
    assert found is not None and snippet[found[0] : found[1]] == said


@pytest.mark.parametrize(
    ("question", "snippet"),
    [
        ("城管局获得了什么荣誉？", "城管局召开会议，研究荣誉评选工作。"),  # no honour won
        ("阿閦佛又称之为什么？", "阿閦佛（学名：Akshobhya）是佛教人物。"),  # a 学名 is no 又称
        ("今年的主题是什么？", "今年的活动丰富多彩。"),
        ("以谁为代表？", "今年的活动丰富多彩。"),  # no 以……为代表 said
        # a term that is one item of the list before it: the list is not what it means
        ("三散污染是指什么？", "示范区召开生态文明建设暨秋冬季大气污染防治、“三散”污染治理工作推进会。"),
        ("五办是什么意思？", "示范区推行五办，即日起在全区推广。"),  # 即日起 says when, not what
        # asked who, what is said respectively of two is no answer: they are (it was 奖励10万元)
        (
            "四城联创第一次攻坚谁被发了蓝旗？",
            "会议为四城联创第一次攻坚排名第一的文昌街道和工商分局，分别奖励10万元、2万元。",
        ),
        # asked when, an amount said respectively is no day (it was 奖励10万元, the day 7月10日 unread)
        (
            "四城联创第一次攻坚例会是几号开的？",
            "会议为四城联创第一次攻坚排名第一的文昌街道和工商分局，分别奖励10万元、2万元。",
        ),
        # asked which place, or a count in another unit, money said respectively is neither (both were 2万元)
        ("工商分局排第几？", "会议为四城联创第一次攻坚排名第一的文昌街道和工商分局，分别奖励10万元、2万元。"),
        ("工商分局有几个科室？", "会议为四城联创第一次攻坚排名第一的文昌街道和工商分局，分别奖励10万元、2万元。"),
        # asked what a thing the page quotes is, a quotation beside it naming the same kind is another (it was 百日冲刺)
        ("六清行动是什么？", "会议围绕“六清”“百日冲刺”行动、重点行业领域专项整治，再掀新高潮。"),
    ],
)
def test_nothing_is_read_where_the_page_states_nothing(question, snippet):
    words = [word for word, _, _ in default_segmenter().tokens(question) if len(word) > 1]
    text = char_aligned(snippet)
    assert stated(asking(question), words, text, default_segmenter().tagged) is None
