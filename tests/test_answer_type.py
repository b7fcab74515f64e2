"""What a question asks for, read from its question word (retrieval/answer_type.py)."""

from retrieval.answer_type import asking, choices, of_a_kind, of_several


def test_which_several_asks_for_the_noun_after_xie():
    """``asking`` reads 些平 after 哪, as the models learned DRCD's questions; a served question asks for 平台."""
    assert asking("示范区建成了哪些平台？").noun == "些平"
    asked = of_several(asking("示范区建成了哪些平台？"))
    assert (asked.noun, asked.after, asked.several) == ("平台", "", True)
    asked = of_several(asking("工信局盘活了哪些企业的闲置厂房？"))
    assert (asked.noun, asked.after) == ("企业", "的闲置厂房")
    assert of_several(asking("哪个区领导参加了？")) == asking("哪个区领导参加了？")  # no 些: as read


def test_what_kind_of_a_thing_asks_for_the_thing():
    """``asking`` reads 样 after 什么, as the models learned; a served question asks for 企业."""
    assert asking("招商局重点瞄准什么样的企业？").noun == "样"
    asked = of_a_kind(asking("招商局重点瞄准什么样的企业？"))
    assert (asked.wants, asked.noun, asked.after) == ("what", "企业", "")
    asked = of_a_kind(asking("苏家作乡形成了什么样的污水治理格局？"))
    assert (asked.noun, asked.after) == ("污水", "治理格局")
    assert of_a_kind(asking("东小巷是什么样的？")).noun == ""  # no thing named: any
    assert of_a_kind(asking("示范区有什么企业？")) == asking("示范区有什么企业？")  # no 样: as read


def test_the_two_things_a_question_asks_to_choose_between():
    assert choices(asking("宣传思想文化工作会议是上午开的还是下午开的？")) == ("上", "下", "午开的")
    assert choices(asking("运动会在春季还是秋季举行？")) == ("春季", "秋季举行", "")
    assert choices(asking("王家鹏去的马村还是小寨村？")) == ("马", "小寨", "村")
    # no 是 or 的 before the first: as long as the second (it was 污染防治会议上, no word a page says)
    assert choices(asking("污染防治会议上午开的还是下午开的？")) == ("上", "下", "午开的")
    assert choices(asking("会议是哪天开的？")) is None  # a question word asks
    assert choices(asking("你是谁还是我")) is None
