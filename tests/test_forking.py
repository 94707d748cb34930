"""Work shared with a forked process: every item done once, the child's failures reported here."""

from __future__ import annotations

import os
import signal
import time

import pytest

from site_builder.build import forking
from site_builder.build.forking import WorkerFailed, in_two_processes


@pytest.fixture(autouse=True)
def no_other_threads(request, monkeypatch):
    """The test run may have threads of its own (servers of other tests); these tests need the fork."""
    if "threads" not in request.node.name:
        monkeypatch.setattr(forking, "_other_threads_running", lambda: False)


def test_every_item_is_done_once_by_one_of_two_processes():
    def work(part):
        time.sleep(0.01)  # long enough for the child to start before this process is done
        return os.getpid(), [n * n for n in part]

    shared = in_two_processes(list(range(101)), work, chunk=5)
    done = sorted(square for _, part in shared.results for square in part)
    assert done == [n * n for n in range(101)]
    assert {pid for pid, _ in shared.results} - {os.getpid()}, "the child took no chunk"


def test_the_childs_first_task_overlaps_and_its_result_comes_back():
    shared = in_two_processes([1, 2, 3, 4], lambda part: part, chunk=1, child_first=lambda: os.getpid())
    assert shared.first != os.getpid()
    assert sorted(n for part in shared.results for n in part) == [1, 2, 3, 4]


def test_the_parents_first_task_runs_here_and_what_it_builds_stays_here():
    built: list[int] = []

    def work(part):
        time.sleep(0.01)  # long enough for this process to take chunks too
        return os.getpid(), list(built)

    shared = in_two_processes(list(range(40)), work, chunk=1, parent_first=lambda: built.append(os.getpid()))
    assert built == [os.getpid()]
    own = [seen for pid, seen in shared.results if pid == os.getpid()]
    assert own and all(seen == [os.getpid()] for seen in own)  # this process's chunks came after it


def test_one_process_does_everything_here():
    shared = in_two_processes([1, 2, 3], lambda part: (os.getpid(), part), processes=1, child_first=lambda: "x")
    assert shared.results == [(os.getpid(), [1, 2, 3])] and shared.first == "x"


def test_an_exception_in_the_child_is_raised_here_with_its_traceback():
    def first():
        raise ValueError("the index cannot be built")

    with pytest.raises(WorkerFailed, match="(?s)ValueError: the index cannot be built"):
        in_two_processes([1, 2, 3, 4], lambda part: part, child_first=first)


def test_a_child_killed_midway_is_reported():
    with pytest.raises(WorkerFailed, match="killed by signal 9"):
        in_two_processes([1, 2], lambda part: part, child_first=lambda: os.kill(os.getpid(), signal.SIGKILL))


def test_a_failure_here_still_collects_the_child(monkeypatch):
    parent = os.getpid()
    forked = []
    real_fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(real_fork()) or forked[-1])

    def work(part):
        if os.getpid() == parent:
            raise KeyError("here")
        return part

    with pytest.raises(KeyError):  # the child waits first, so that this process surely takes a part
        in_two_processes([1, 2, 3, 4], work, chunk=1, child_first=lambda: time.sleep(0.5))
    assert len(forked) == 1 and forked[0] > 0
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0], os.WNOHANG)  # already collected: no child left behind


def test_with_other_threads_running_nothing_is_forked():
    """A fork copies only the calling thread: a lock another thread holds would never be released."""
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        shared = in_two_processes([1, 2, 3, 4], lambda part: (os.getpid(), part), chunk=1)
    finally:
        stop.set()
        thread.join()
    assert {pid for pid, _ in shared.results} == {os.getpid()}
