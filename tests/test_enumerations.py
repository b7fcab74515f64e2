"""Asked for several things (哪些, 哪几, 哪四大), the short answer is the list the page writes out:
its items whole, from the first after the verb that introduces them to the last before 等."""

import pytest

from retrieval import ArchiveQA, Conversation
from retrieval.answer_type import asking, of_several
from retrieval.enumerations import enumerations, listed_answer, respective
from retrieval.segment import default_segmenter
from retrieval.spans import char_aligned

from conftest import SEEDS


@pytest.fixture(scope="module")
def seeds():
    return ArchiveQA.from_folder(SEEDS)


def lists_in(text: str) -> list[tuple[str, int]]:
    aligned = char_aligned(text)
    tokens = default_segmenter().tagged(aligned)
    return [(text[found.start : found.end], found.items) for found in enumerations(aligned, tokens)]


def test_asking_for_several_things_and_how_many():
    assert (asking("宁郭镇打造了哪四大课堂？").several, asking("宁郭镇打造了哪四大课堂？").count) == (True, 4)
    assert (asking("扁掌龙亚科包含哪两个族？").several, asking("扁掌龙亚科包含哪两个族？").count) == (True, 2)
    assert (asking("此鱼分布在哪些地区？").several, asking("此鱼分布在哪些地区？").count) == (True, 0)
    assert asking("高水平实验室有哪几座？").several
    assert not asking("东小巷是哪个街道搞的？").several


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        # the first item begins after the verb that introduces the list, the last ends before 等
        # also after a second verb joined by 并, which jieba tags a noun (助力)
        ("今年年初以来，引进并助力创基智谷、澳特盛、冠隆机电等重点项目落地", ("创基智谷、澳特盛、冠隆机电", 3)),
        # but a first item of two verbs, after the one introducing the list, is both (it was 就医)
        ("要突出重点解决好低收入群体看病就医、住房安全、饮水安全等问题", ("看病就医、住房安全、饮水安全", 3)),
        (
            "分布于印度尼西亚、缅甸、不丹以及中国大陆的福建、云南等地",
            ("印度尼西亚、缅甸、不丹以及中国大陆的福建、云南", 5),
        ),
        (
            "宁郭镇通过打造“固定”课堂、“指尖”课堂、“体验”课堂、“先锋”课堂，不断增强",
            ("“固定”课堂、“指尖”课堂、“体验”课堂、“先锋”课堂", 4),
        ),
        # a 、 inside a title or brackets separates nothing of the list around it
        ("著作有《精神科学导言》、《世界观、哲学和宗教》等。", ("《精神科学导言》、《世界观、哲学和宗教》", 2)),
        (
            "被配属予东日本旅客铁道（JR东日本）、东海旅客铁道（JR东海）和西日本旅客铁道（JR西日本）。",
            (
                "东日本旅客铁道（JR东日本）、东海旅客铁道（JR东海）和西日本旅客铁道（JR西日本）",
                3,  # two joined by 和 are two items
            ),
        ),
        # an item jieba reads as a verb (短跑, 拔河) is the first item, not the verb introducing the list
        ("学生赛事进行短跑、中长跑、跳远、铅球等12个田径项目的比赛。", ("短跑、中长跑、跳远、铅球", 4)),
        ("教职工赛事以拔河、篮球等比赛为主；", ("拔河、篮球", 2)),
        # a verb that follows the list is not its last item's, but the last two joined are one item's length
        ("走访了张村、李村、王村了解情况，", ("张村、李村、王村", 3)),
        ("区领导冯利民、赵俊生出席会议。", ("区领导冯利民、赵俊生", 2)),  # a name, and what they did
        (  # the verb after the list jieba tags as a verbal noun (检查)
            "吕沛一行先后到碧桂园、三盛征云天悦府、焦作建业·新筑和沁泉湖公园项目工地检查督导。",
            ("碧桂园、三盛征云天悦府、焦作建业·新筑和沁泉湖公园项目工地", 4),
        ),
        # the titles of a person listed before what they did are no items of the list of where they went
        ("党工委书记、管委会主任王家鹏深入马村、小寨村、南张村，实地调研。", ("马村、小寨村、南张村", 3)),
        ("主要支流有：麦曲、桑曲、拉曲、学绒藏布及堆龙曲等。", ("麦曲、桑曲、拉曲、学绒藏布及堆龙曲", 5)),
        # closed by 等, a last item longer than the others keeps its verb (it was cut before 孵化, and 改造)
        (
            "在产业招商、飞地招商、金融合作、科技型中小企业孵化等领域，有广阔的空间。",
            ("产业招商、飞地招商、金融合作、科技型中小企业孵化", 4),
        ),
        ("从事法律、水资源、森林、能源、景观与基因改造等不同的议题。", ("法律、水资源、森林、能源、景观与基因改造", 5)),
        # the first item opens as the others do, though jieba reads verbs inside them (一批|创新|引领|型平台)
        (
            "即培育壮大一批创新引领型平台、一批创新引领型企业、一批创新引领型人才、一批创新引领型机构。",
            ("一批创新引领型平台、一批创新引领型企业、一批创新引领型人才、一批创新引领型机构", 4),
        ),
        # the last item ends as the others do, before the 的 of what is said of them all
        (
            "该局重点做好蒙牛百亿产业集群、明仁大健康产业集群、膜材料及超硬材料集群和电子信息产业集群的招引培育工作。",
            ("蒙牛百亿产业集群、明仁大健康产业集群、膜材料及超硬材料集群和电子信息产业集群", 5),
        ),
    ],
)
def test_a_list_is_its_items_whole(text, listed):
    assert listed in lists_in(text)


def test_a_list_brackets_hold_whole_is_a_list_its_joined_items_one_each():
    """明确“十个全清理”（……）: what the quoted name counts, listed in brackets (a 、 there was read as
    separating nothing); 及 inside an item joins its parts, so ten items are ten. A title is one thing."""
    text = "明确“十个全清理”（全清理破烂门对、村内乱堆乱放及建筑垃圾、门前垃圾桶），增加投入。"
    assert lists_in(text) == [("全清理破烂门对、村内乱堆乱放及建筑垃圾、门前垃圾桶", 3)]
    assert lists_in("他的著作《世界观、哲学和宗教》。") == []


@pytest.mark.parametrize(
    "question",
    # 哪两个村: the 村 after the count asked for (两个 was taken for it: no short answer)
    ["城中村改造要完成哪些村的征迁？", "沁泉湖公园项目要征迁哪些村？", "城中村征迁要完成哪两个村？"],
)
def test_two_things_of_the_kind_asked_joined_by_and_answer_a_question_asking_which(seeds, question):
    """完成沁泉湖公园项目大北张村以及和屯村的征迁任务: no 、, and it was 大北张村 alone (the first: 村 was taken for
    no word of what is asked, 城中村 saying it before 哪些)."""
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == "大北张村以及和屯村"


@pytest.mark.parametrize("question", ["哪些部门参展了？", "哪些单位参展了？"])
def test_bodies_of_government_listed_as_units_answer_a_question_asking_for_departments(seeds, question):
    """区应急管理局、卫生健康委、国安办、公安分局、司法分局等单位参展: asked 哪些部门, it was 各单位、各部门."""
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == "区应急管理局、卫生健康委、国安办、公安分局、司法分局"


def test_asked_which_ten_the_ten_things_a_bracket_lists_answer(seeds):
    answer = seeds.ask("十个全清理是哪十个？")  # it was 将经营秩序、交通秩序、街道卫生, of the clause before
    assert answer.span.text.startswith("全清理破烂门对、墙上灯杆上软体标语、")
    assert answer.span.text.endswith("、乱搭乱建及店外经营、各类小广告")


@pytest.mark.parametrize(
    ("question", "listed"),
    [
        ("要把哪两篇文章做实做好？", "“高”“新”"),  # it was 新
        ("示范村有哪几种模式？", "“土地资源型”“租金租赁型”“股份合作型”"),
        ("组织部要开展哪些培训？", "“订单式”“定点式”“上门式”"),  # it was the 活动 of the clause before
        # titles, which the text says are titles (以……为题): it was 领导、同事、同学, who gave the talks
        ("报告团的报告题目有哪些？", "《志不移 勇担当》《青春为畜牧事业奋飞》《永不凋谢的向阳花》《初心和使命的力量》"),
    ],
)
def test_things_quoted_one_right_after_another_are_a_list(seeds, question, listed):
    """把“高”“新”两篇文章做实做好: no 、 between them, the quotation marks apart."""
    answer = seeds.ask(question)
    assert answer.span is not None and answer.span.text == listed


def test_a_list_naming_what_the_question_asks_the_parts_of_is_no_answer(seeds):
    """抓好“六保”“六稳”工作: 六保 is what is asked of, not one of its parts (it was “六保”“六稳”)."""
    answer = seeds.ask("六保包括哪些？")
    assert answer.span is None or "六保" not in answer.span.text
    assert answer_of("要抓好哪些工作？", "要突出重点抓好“六保”“六稳”工作。") == "“六保”“六稳”"
    text = "计算神经科学是一门跨领域的科学，包含神经科学、认知科学、物理学及数学等。"  # not the end of a longer word
    assert answer_of("计算神经科学包含哪些科学？", text) == "神经科学、认知科学、物理学及数学"


def test_days_joined_by_dunhao_are_no_list_of_things():
    """通报10月30日、31日示范区赴深圳……: the days of one visit (it answered 传达了哪些会议精神？)."""
    text = "会议传达了协调会精神，通报10月30日、31日示范区赴深圳开展招商对接会有关情况。"
    assert answer_of("会议传达了哪些会议精神？", text) is None


def test_a_last_item_a_verb_cut_short_goes_on_to_the_kind_asked_for():
    """柴油货车、大型|运输车辆管控: cut before 运输, a verb, the last item was 大型; not on past 等 or a count."""
    text = "要加强柴油货车、大型运输车辆管控，加强渣土车、高排车管控。"
    assert answer_of("要加强哪些车辆的管控？", text) == "柴油货车、大型运输车辆"
    assert answer_of("示范区有哪些主导产业？", "示范区壮大食品制造、装备制造等主导产业。") == "食品制造、装备制造"


def test_quoted_items_opening_a_list_joined_by_dunhao_are_its_first_items():
    text = "用好“亲清政商学堂”“企业纾困360”、智慧金服等平台。"
    assert lists_in(text) == [("“亲清政商学堂”“企业纾困360”、智慧金服", 3)]  # it began at the ” closing 企业纾困360
    assert lists_in("他说“好”。") == []
    assert lists_in("著有《甲》《乙》。") == [("《甲》《乙》", 2)]


def test_no_list_without_two_items_joined_by_a_dunhao():
    assert lists_in("牠们的天敌有虎及云豹。") == []
    assert lists_in("会议强调，要提高认识。") == []


def answer_of(question: str, text: str) -> str | None:
    aligned = char_aligned(text)
    tokens = default_segmenter().tagged(aligned)
    asked = of_several(asking(question))  # as served: 哪些企业 asks for 企业
    words = [word for word in default_segmenter().tokens(question) if len(word[0]) > 1]
    found = listed_answer(asked, [word for word, _, _ in words], aligned, tokens)
    return text[found[0] : found[1]] if found else None


def test_the_list_a_question_word_says_answers_not_one_beside_it():
    text = "宁郭镇通过打造“固定”课堂、“指尖”课堂，不断增强党员学习教育的感染力、吸引力。"
    assert answer_of("宁郭镇打造了哪些课堂？", text) == "“固定”课堂、“指尖”课堂"
    # what is asked for (支流) said beside a list, not only the subject (拉萨河)
    text = "拉萨河流经墨竹工卡县、达孜县、拉萨市城关区。主要支流有：麦曲、桑曲、拉曲等。"
    assert answer_of("拉萨河的支流有哪些？", text) == "麦曲、桑曲、拉曲"
    # a list said of nothing the question asks but its subject is no answer to it
    assert answer_of("示范区有哪些重点项目？", "示范区坚持围绕中心、服务大局，推进重点项目建设。") is None
    # as many items as asked for, said of the subject
    assert answer_of(
        "五办是哪五办？", "“五办”，即一般事项快办、引资项目急办、重点项目即来即办、跟踪办、特事特办。"
    ) == ("一般事项快办、引资项目急办、重点项目即来即办、跟踪办、特事特办")
    # the people beside the person asked about list nothing they did
    text = "王家鹏到活动现场参观指导，区领导冯利民、万英奎及区直相关部门负责人一同参加。"
    assert answer_of("王家鹏参加了哪些活动？", text) is None
    # not the verb the question says, which the list's first item opens with
    text = "今年年初以来，启动中轴、华翔电力、四维液压等第一批企业搬迁，带动核心区企业搬迁。"
    assert answer_of("哪些企业启动了搬迁？", text) == "中轴、华翔电力、四维液压"
    # places asked for: the list of where someone went (深入……)
    text = "党工委书记、管委会主任王家鹏深入宁郭镇马村、文昌街道小寨村、李万街道南张村，实地调研。"
    assert answer_of("王家鹏调研了哪些地点？", text) == "宁郭镇马村、文昌街道小寨村、李万街道南张村"
    # what is asked for is the last of the nouns jieba cut it into (产业集群: 产业 + 集群), which names the list
    text = "该局重点引进投资大、强度高、税收多的项目，做好蒙牛产业集群、明仁产业集群和电子产业集群的招引培育工作。"
    assert answer_of("该局重点做好哪几个产业集群的招引工作？", text) == "蒙牛产业集群、明仁产业集群和电子产业集群"
    # the list of the clause saying what is asked for (项目), not the one before it
    text = "学生赛事分小学组、初中组、高中组，进行短跑、中长跑、跳远、铅球等12个田径项目的比赛。"
    assert answer_of("学生比赛有哪些项目？", text) == "短跑、中长跑、跳远、铅球"
    # and its last item ends as the others do, before the 的 of what is said of them all
    text = "该局重点做好蒙牛产业集群、明仁产业集群、膜材料集群和电子信息产业集群的招引培育工作。"
    assert (
        answer_of("该局重点做好哪几个产业集群的招引工作？", text)
        == "蒙牛产业集群、明仁产业集群、膜材料集群和电子信息产业集群"
    )


def test_a_list_right_after_the_questions_verb_ends_before_what_the_question_says_of_it():
    """盘活了大江重工、平原光电的闲置厂房及土地: the companies whose plants, not a third item 土地, and not the
    later list beside 企业 (it was 平原光电 alone, the model's pick, no list answering)."""
    text = (
        "有效盘活了大江重工、平原光电的闲置厂房及土地，推动重点项目建设，"
        "启动中轴、华翔电力、四维液压等第一批企业搬迁，带动核心区企业搬迁。"
    )
    assert answer_of("工信局盘活了哪些企业的闲置厂房？", text) == "大江重工、平原光电"
    assert answer_of("哪些企业启动了搬迁？", text) == "中轴、华翔电力、四维液压"


@pytest.mark.parametrize(
    ("question", "text", "listed"),
    [
        (  # a verb of its own inside the first item (集体讨论), not the one introducing the list: was 工作制度、……
            "城管局出台了哪些制度？",
            "示范区城管局出台重大案件集体讨论工作制度、行政执法案件办理规定等规章制度，规范了行政执法。",
            "重大案件集体讨论工作制度、行政执法案件办理规定",
        ),
        (  # a word of manner jieba tags an adjective (培育壮大): was 壮大食品制造、装备制造
            "示范区有哪些主导产业？",
            "示范区培育壮大食品制造、装备制造等主导产业集群，今年预计可实现收入230亿元。",
            "食品制造、装备制造",
        ),
        # but one every item opens with, or one character of a name, stays
        (
            "苏家作乡扶持发展了哪些特色种植业？",
            "苏家作乡扶持发展优质蔬菜、优质水果等特色种植业。",
            "优质蔬菜、优质水果",
        ),
        ("扁掌龙亚科包含哪两个族？", "戴尔·罗素提出扁掌龙亚科包含扁掌龙族、倾齿龙族等两个族。", "扁掌龙族、倾齿龙族"),
    ],
)
def test_the_first_item_is_as_long_as_the_others_show_it(question, text, listed):
    assert answer_of(question, text) == listed


def test_a_lists_count_written_after_it_is_none_of_its_last_item():
    text = "领导干部要担负起责任，做到责任、制度、措施三到位，推动安全生产形势持续平稳向好。"
    assert answer_of("要做到哪三到位？", text) == "责任、制度、措施"  # was 措施三
    # but an item's own numeral stays its
    assert answer_of("哪三个年级参加了比赛？", "初一、初二、高三参加了比赛。") == "初一、初二、高三"
    assert answer_of("哪三名队员参加了比赛？", "参加比赛的队员有王一、王二、张十三。") == "王一、王二、张十三"


@pytest.mark.parametrize(
    "question",
    [
        "2019年11月有哪些会议？",  # articles listed: it was answered 通报10月30日、31日示范区（高新区）
        "苏家作乡有哪些报道？",  # it was answered the crops of one of the three articles
        # a list beside what is listed is not a list of it
        "2020年4月示范区开过哪些会议？",  # it was answered 贯彻落实全国、全省和全市宣传部长会议精神
        "示范区开过哪些关于四城联创的会议？",  # it was answered 区领导冯利民、赵俊生出席会议
    ],
)
def test_a_list_of_articles_gets_no_short_answer_from_one_of_them(seeds, question):
    answer = seeds.ask(question)
    assert len(answer.items) > 1 and answer.span is None


RESPECTIVELY = "全区欠薪案件立案数量、涉案人数、涉案金额分别下降39%、47%和41%，实现了“三个明显下降”的工作目标。"


@pytest.mark.parametrize(
    ("words", "told"),
    [
        (["涉案", "金额", "下降"], "41%"),  # the third said, the third told
        (["涉案", "人数", "下降"], "47%"),
        (["受理", "欠薪", "案件"], None),  # says nothing of 下降: not asked of these
        (["涉案", "下降"], None),  # 涉案人数 or 涉案金额: which is not said
    ],
)
def test_what_is_said_respectively_of_several_is_said_of_the_one_asked_about(words, told):
    aligned = char_aligned(RESPECTIVELY)
    found = respective(words, aligned, default_segmenter().tagged(aligned))
    assert (RESPECTIVELY[found[0] : found[1]] if found else None) == told


REWARDED = "会议为排名第一位的文昌街道和排名第一位的示范区工商分局，分别奖励10万元、2万元，并颁发红旗。"


@pytest.mark.parametrize(
    ("words", "told"),
    [
        (["工商分局", "奖励", "钱"], "2万元"),  # two things joined by 和, then 分别
        (["文昌街道", "奖励", "钱"], "10万元"),  # not 奖励10万元: what the question says is no answer
        (["文昌街道", "奖", "钱"], "10万元"),  # the word it begins with, not the 奖 the question says of it
        (["奖励", "钱"], None),
    ],
)
def test_what_is_said_respectively_of_two_joined_by_he_is_said_of_the_one_asked_about(words, told):
    aligned = char_aligned(REWARDED)
    found = respective(words, aligned, default_segmenter().tagged(aligned))
    assert (REWARDED[found[0] : found[1]] if found else None) == told


def test_asked_what_was_said_respectively_of_each_all_of_it_is_told():
    """文昌街道和工商分局分别奖励了多少钱？ was answered 10万元, the first: asked 分别 of each named, both are told;
    naming each without asking 分别 (a name and a word both share), neither."""
    aligned = char_aligned(REWARDED)
    tokens = default_segmenter().tagged(aligned)
    found = respective(["文昌街道", "工商分局", "奖励", "钱"], aligned, tokens, of_each=True)
    assert found is not None and REWARDED[found[0] : found[1]] == "10万元、2万元"
    assert respective(["文昌街道", "工商分局", "奖励", "钱"], aligned, tokens) is None


def test_a_list_of_people_answers_a_question_asking_for_people_not_one_asking_what_they_did(seeds):
    answer = seeds.ask("哪些区领导陪同沁阳考察团考察？")
    assert answer.span is not None and answer.span.text == "区领导刘明胜、冯利民、申晓东"
    # it was 示范区（高新区）党工委书记、管委会主任王家鹏: his titles, listed before his name
    assert seeds.ask("王家鹏参加了哪些活动？").span is None


def test_asked_of_one_of_several_said_respectively_the_short_answer_is_its_own(seeds):
    assert seeds.ask("涉案金额下降了多少？").span.text == "41%"  # it was answered 39%, the first of them


def test_a_list_headed_by_what_is_asked_for_answers_a_short_follow_up(seeds):
    """由哪些区领导陪同？ after the visit's questions: the list 区领导刘明胜、冯利民、申晓东 says the 区领导
    asked for at its head, which counts as said (it answered only 申晓东, the name beside 陪同)."""
    chat = Conversation()
    seeds.ask("沁阳市党政考察团有多少人到示范区考察？", chat)
    assert seeds.ask("由哪些区领导陪同？", chat).span.text == "区领导刘明胜、冯利民、申晓东"
