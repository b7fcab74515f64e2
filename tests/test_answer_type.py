"""What a question asks for, read from its question word (retrieval/answer_type.py)."""

from retrieval.answer_type import asking, of_several


def test_which_several_asks_for_the_noun_after_xie():
    """``asking`` reads 些平 after 哪, as the models learned DRCD's questions; a served question asks for 平台."""
    assert asking("示范区建成了哪些平台？").noun == "些平"
    asked = of_several(asking("示范区建成了哪些平台？"))
    assert (asked.noun, asked.after, asked.several) == ("平台", "", True)
    asked = of_several(asking("工信局盘活了哪些企业的闲置厂房？"))
    assert (asked.noun, asked.after) == ("企业", "的闲置厂房")
    assert of_several(asking("哪个区领导参加了？")) == asking("哪个区领导参加了？")  # no 些: as read
