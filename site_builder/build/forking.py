"""Share CPU-bound work between this process and one forked copy of it.

MkDocs uses one core; the machines that build the site have at least two.
Rendering ten thousand record pages or validating ten thousand files splits
cleanly in two, and a forked child starts with everything the parent has
loaded (records, templates), so nothing is sent to it: the two take chunks of
the list in turn (a shared counter), and only the child's results travel
back, pickled through a pipe.

Where ``os.fork`` does not exist (Windows), when asked for one process, or
when this process runs other threads (``mkdocs serve``'s server: a lock one of
them holds at the fork would stay locked in the child forever), the work runs
here, in one piece.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerFailed(RuntimeError):
    """The forked process raised, or died; the message carries its traceback."""


def in_two_processes(items: Sequence[Item], work: Callable[[list[Item]], Result], processes: int = 2,
                     chunk: int = 32, child_first: Callable[[], Any] | None = None,
                     parent_first: Callable[[], None] | None = None) -> Shared[Result]:
    """``work`` on chunks of ``items``, taken in turn by this process and a forked child.

    Each process takes the next ``chunk`` items until none is left, so the two
    finish together even when items cost unequally or one of them first runs
    work of another kind: ``child_first`` in the child, ``parent_first`` here
    (what it builds stays in this process, e.g. memos kept between builds).
    Returns the results of every chunk (in no fixed order) and what
    ``child_first`` returned. ``work`` and ``child_first`` must return
    something picklable; an exception in the child is raised here as
    :class:`WorkerFailed` with the child's traceback.
    """
    items = list(items)
    if (processes < 2 or not hasattr(os, "fork") or _other_threads_running()
            or (len(items) < 2 and child_first is None)):
        if parent_first is not None:
            parent_first()
        first = child_first() if child_first is not None else None
        return Shared([work(items)] if items else [], first)
    taken = multiprocessing.get_context("fork").Value("q", 0)  # the next item to take, shared

    def take_all() -> list[Result]:
        results = []
        while True:
            with taken.get_lock():
                start = taken.value
                taken.value = start + chunk
            if start >= len(items):
                return results
            results.append(work(items[start:start + chunk]))

    def child() -> tuple[Any, list[Result]]:
        first = child_first() if child_first is not None else None
        return first, take_all()

    reader, writer = os.pipe()
    # Objects made before the fork are left out of the child's garbage collections: a
    # collection writes into every object it visits, which would copy the parent's whole
    # heap into the child page by page (copy-on-write).
    outermost = gc.get_freeze_count() == 0  # else the caller froze the heap and thaws it
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(reader)
        _run_child(child, writer)
    if outermost:
        gc.unfreeze()
    os.close(writer)
    try:
        if parent_first is not None:
            parent_first()
        own = take_all()
    finally:
        # Always collect the child, even when this half failed, so no process is left behind.
        payload = _read_all(reader)
        _, status = os.waitpid(pid, 0)
    first, theirs = _child_result(payload, status)
    return Shared(own + theirs, first)


@dataclass
class Shared(Generic[Result]):
    """What :func:`in_two_processes` returns: each chunk's result, and the child's first task's."""

    results: list[Result]
    first: Any = None


def _other_threads_running() -> bool:
    return threading.active_count() > 1


def _run_child(work: Callable[[], Any], writer: int) -> None:
    code = 0
    try:
        message = pickle.dumps(("ok", work()), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - everything must reach the parent, then the child exits
        message = pickle.dumps(("error", traceback.format_exc()))
        code = 1
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(message)
    finally:
        # os._exit: no atexit handlers, no test-runner teardown, no buffers of the parent flushed twice.
        os._exit(code)


def _read_all(reader: int) -> bytes:
    with os.fdopen(reader, "rb") as pipe:
        return pipe.read()


def _child_result(payload: bytes, status: int) -> Any:
    if not payload:
        raise WorkerFailed(f"the second build process stopped without a result ({_describe(status)})")
    outcome, value = pickle.loads(payload)
    if outcome == "error":
        raise WorkerFailed(f"the second build process failed:\n{value}")
    return value


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
