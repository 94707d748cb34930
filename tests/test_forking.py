"""Work shared with a forked process: both halves done, the child's failures reported here."""

from __future__ import annotations

import os
import signal

import pytest

from site_builder.forking import WorkerFailed, halves, in_two_processes


def test_both_halves_are_done_and_the_child_ran_in_another_process():
    results = in_two_processes(list(range(11)), lambda part: (os.getpid(), [n * n for n in part]))
    assert len(results) == 2
    (mine, first), (theirs, second) = results
    assert mine == os.getpid() and theirs != mine
    assert sorted(first + second) == [n * n for n in range(11)]


def test_halves_alternate_so_neighbours_are_shared():
    assert halves([1, 2, 3, 4, 5]) == ([1, 3, 5], [2, 4])


def test_one_process_does_everything_here():
    assert in_two_processes([1, 2, 3], lambda part: (os.getpid(), part), processes=1) == [(os.getpid(), [1, 2, 3])]


def test_an_exception_in_the_child_is_raised_here_with_its_traceback():
    def work(part):
        if 2 in part:
            raise ValueError("record 2 is broken")
        return part

    with pytest.raises(WorkerFailed, match="(?s)ValueError: record 2 is broken"):
        in_two_processes([1, 2, 3, 4], work)


def test_a_child_killed_midway_is_reported():
    def work(part):
        if 2 in part:
            os.kill(os.getpid(), signal.SIGKILL)
        return part

    with pytest.raises(WorkerFailed, match="killed by signal 9"):
        in_two_processes([1, 2, 3, 4], work)


def test_a_failure_here_still_collects_the_child():
    def work(part):
        if 1 in part:
            raise KeyError("here")
        return part

    with pytest.raises(KeyError):
        in_two_processes([1, 2], work)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind
