"""The record cache file: frames appended by rebuilds, read back by the next process."""

from __future__ import annotations

import pytest

from site_builder.build import recordcache
from site_builder.build.recordcache import RecordCache


@pytest.fixture(autouse=True)
def a_new_process_each_time():
    """Each cache below is read as a new process would: from the file, not from this one's memory."""
    recordcache._IN_MEMORY.clear()
    yield
    recordcache._IN_MEMORY.clear()


def cache(file, salt="code"):
    recordcache._IN_MEMORY.clear()
    return RecordCache(file, salt)


def build(file, used: dict[str, str], salt="code") -> RecordCache:
    """What one build does: take the records it finds, put the others, save."""
    built = cache(file, salt)
    for key, record in used.items():
        if built.get(key) is None:
            built.put(key, record)
    built.save()
    return built


def test_a_rebuild_appends_what_it_added_and_the_next_process_reads_it(tmp_path):
    file = tmp_path / "records.pickle"
    build(file, {"a": "record a", "b": "record b"})
    size = file.stat().st_size
    build(file, {"a": "record a", "b": "record b", "c": "record c"})
    assert file.stat().st_size > size  # appended, not written again
    found = cache(file)
    assert [found.get(key) for key in "abc"] == ["record a", "record b", "record c"]


def test_after_a_code_change_the_cache_is_written_again_and_read_by_the_next_build(tmp_path):
    """Appending to a file whose first frame another version of the code wrote would be lost
    on every read: the reading stops at a frame of another salt."""
    file = tmp_path / "records.pickle"
    build(file, {"a": "old a", "b": "old b"}, salt="old code")
    assert cache(file, "new code").get("a") is None
    build(file, {"a": "new a", "b": "new b"}, salt="new code")
    found = cache(file, "new code")
    assert (found.get("a"), found.get("b")) == ("new a", "new b")


def test_after_a_frame_cut_short_the_cache_is_written_again(tmp_path):
    file = tmp_path / "records.pickle"
    a, b, c = ("record " + letter * 200_000 for letter in "abc")  # pickled in several frames, as records are
    build(file, {"a": a})
    whole = file.stat().st_size
    build(file, {"a": a, "b": b})
    with file.open("r+b") as stream:  # a build stopped half-way through appending
        stream.truncate((whole + file.stat().st_size) // 2)
    found = cache(file)
    assert (found.get("a"), found.get("b")) == (a, None)  # the whole frames still hold
    build(file, {"a": a, "c": c})
    found = cache(file)
    assert (found.get("a"), found.get("c")) == (a, c)
