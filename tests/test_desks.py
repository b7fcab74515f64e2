"""Which worker process a new web conversation goes to (the processes themselves: test_web.py)."""

from bot.desks import least_busy


def test_a_new_reader_goes_to_an_idle_desk_rather_than_the_next_in_turn():
    assert least_busy([1, 0], turn=0) == 1
    assert least_busy([0, 2, 1], turn=1) == 0


def test_desks_equally_busy_take_turns():
    assert [least_busy([0, 0, 0], turn) for turn in (0, 1, 2)] == [0, 1, 2]
    assert least_busy([1, 3, 1], turn=1) == 2  # the first of the least busy from the turn on
