"""Share CPU-bound work between this process and one forked copy of it.

MkDocs uses one core; the machines that build the site have at least two.
Rendering ten thousand record pages or validating ten thousand files splits
cleanly in two, and a forked child starts with everything the parent has
loaded (records, templates), so nothing is sent to it. Only the child's
result travels back, pickled through a pipe.

Where ``os.fork`` does not exist (Windows), or when asked for one process,
the work runs here, in one piece.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class WorkerFailed(RuntimeError):
    """The forked process raised, or died; the message carries its traceback."""


def halves(items: Sequence[Item]) -> tuple[list[Item], list[Item]]:
    """Every other item: neighbours (a record and its listings) cost alike, so the halves do too."""
    return list(items[0::2]), list(items[1::2])


def in_two_processes(items: Sequence[Item], work: Callable[[list[Item]], Result],
                     processes: int = 2) -> list[Result]:
    """``work`` on each half of ``items``: the second half in a forked child.

    Returns the two results, this process's first. ``work`` must return
    something picklable; an exception in the child is raised here as
    :class:`WorkerFailed` with the child's traceback.
    """
    if processes < 2 or len(items) < 2 or not hasattr(os, "fork"):
        return [work(list(items))]
    mine, theirs = halves(items)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        os.close(reader)
        _run_child(work, theirs, writer)
    os.close(writer)
    try:
        own = work(mine)
    finally:
        # Always collect the child, even when this half failed, so no process is left behind.
        payload = _read_all(reader)
        _, status = os.waitpid(pid, 0)
    return [own, _child_result(payload, status)]


def _run_child(work: Callable[[list[Item]], Result], items: list[Item], writer: int) -> None:
    code = 0
    try:
        message = pickle.dumps(("ok", work(items)), protocol=pickle.HIGHEST_PROTOCOL)
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


def _child_result(payload: bytes, status: int) -> Result:
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
