"""The last values made, by key, within a bound."""

from retrieval.recent import Recent


def test_a_kept_value_is_given_again_without_making_it():
    recent: Recent[list] = Recent(2)
    made = []
    first = recent.get("a", lambda: made.append("a") or ["a"])
    assert recent.get("a", lambda: made.append("again") or ["again"]) is first
    assert made == ["a"]


def test_the_least_recently_asked_for_is_let_go_first():
    recent: Recent[str] = Recent(2)
    recent.get("a", lambda: "a")
    recent.get("b", lambda: "b")
    recent.get("a", lambda: "a again")  # asked for: now the most recent
    recent.get("c", lambda: "c")  # one too many: b goes
    assert recent.kept("a") == "a" and recent.kept("c") == "c"
    assert recent.kept("b") is None


def test_a_value_made_meanwhile_by_another_thread_is_the_one_kept():
    recent: Recent[list] = Recent(4)
    theirs = recent.keep("a", ["theirs"])
    assert recent.keep("a", ["mine"]) is theirs
