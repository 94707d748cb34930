"""Search index, pure Python: folding, tokens, ranking, sharding and what a query downloads."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest
from helpers import REPO

from site_builder.build.pagecache import read_salted, write_salted
from site_builder.records.loader import load_records
from site_builder.search import (
    NewsEntry,
    SearchDoc,
    StaticIndex,
    build_index,
    collect_documents,
    exact_word,
    fold_word,
    has_marks,
    search,
    tokenise,
)
from site_builder.search import index as index_module
from site_builder.search.documents import DETAIL, NAME, PLACE, SUMMARY
from site_builder.search.query import part_for


@pytest.mark.parametrize("word, key, exact", [
    ("Nguyễn", "nguyen", "nguyênx"),
    ("Điện", "dien", "điênj"),
    ("hoà", "hoa", "hoaf"),
    ("hòa", "hoa", "hoaf"),
    ("HOÀ", "hoa", "hoaf"),
    ("Hóa", "hoa", "hoas"),
    ("hoa", "hoa", "hoa"),
    ("Thủy", "thuy", "thuyr"),
    ("Thuỷ", "thuy", "thuyr"),
    ("Đắk", "dak", "đăks"),
    ("Ê", "e", "ê"),
    ("2021", "2021", "2021"),
])
def test_words_fold_and_keep_their_exact_form(word, key, exact):
    assert fold_word(word) == key
    assert exact_word(word) == exact


def test_decomposed_input_gives_the_same_tokens():
    import unicodedata
    text = "Nguyễn Thị Hoà, Điện Biên"
    assert tokenise(unicodedata.normalize("NFD", text)) == tokenise(text)


def test_tokenise_splits_on_punctuation_and_drops_empty_words():
    assert [t.key for t in tokenise("Bà Rịa - Vũng Tàu; 612/QĐ-TTg ¶")] == [
        "ba", "ria", "vung", "tau", "612", "qd", "ttg"]
    assert tokenise(None) == [] and tokenise("  ") == []


@pytest.mark.parametrize("query, marked", [("nguyen thi hoa", False), ("Nguyễn", True), ("Đa", True), ("a", False)])
def test_has_marks(query, marked):
    assert has_marks(query) is marked


def _doc(name, kind="individual", doc_type="exemplar", **texts):
    doc = SearchDoc(doc_type, kind, f"dien-hinh/{fold_word(name)}/", name)
    doc.add(NAME, name)
    for field_class, text in texts.items():
        doc.add({"detail": DETAIL, "place": PLACE, "summary": SUMMARY}[field_class], text)
    doc.tag("tinh", texts.get("place", "Hà Nội"))
    return doc


@pytest.fixture
def small():
    docs = [
        _doc("Nguyễn Thị Hoà", place="Nam Định", summary="Chủ nhiệm hợp tác xã."),
        _doc("Nguyễn Thị Hóa", place="Hà Nội", summary="Giáo viên dạy giỏi."),
        _doc("Trần Văn Nguyên", place="Điện Biên", summary="Hoà giải viên ở cơ sở."),
        _doc("Hợp tác xã Hoa Sen", kind="collective", place="Cần Thơ", summary="Trồng sen xuất khẩu."),
        _doc("Lê Văn Hùng", detail="Huân chương Lao động hạng Ba", summary="Công nhân cơ khí."),
    ]
    return build_index(docs)


def _names(index, query, **kwargs):
    return [item["n"] for item in search(StaticIndex.from_files(index.files), query, **kwargs).shown]


def test_query_without_diacritics_finds_every_spelling(small):
    assert set(_names(small, "nguyen thi hoa")) == {"Nguyễn Thị Hoà", "Nguyễn Thị Hóa"}


def test_exact_diacritics_rank_first_whatever_the_tone_placement(small):
    assert _names(small, "Nguyễn Thị Hòa")[0] == "Nguyễn Thị Hoà"
    assert _names(small, "Nguyễn Thị Hóa")[0] == "Nguyễn Thị Hóa"


def test_a_name_outranks_a_summary(small):
    assert set(_names(small, "hoa")[:3]) == {"Hợp tác xã Hoa Sen", "Nguyễn Thị Hoà", "Nguyễn Thị Hóa"}
    assert _names(small, "hoa")[-1] == "Trần Văn Nguyên"


def test_every_word_must_match_unless_none_does(small):
    results = search(StaticIndex.from_files(small.files), "hung nam dinh")
    assert not results.all_words and results.total >= 2
    assert search(StaticIndex.from_files(small.files), "lao dong").shown[0]["n"] == "Lê Văn Hùng"


def test_the_word_being_typed_matches_as_a_prefix(small):
    assert _names(small, "nguyen thi ho", typing=True)[:2] == ["Nguyễn Thị Hoà", "Nguyễn Thị Hóa"]
    finished = search(StaticIndex.from_files(small.files), "nguyen thi ho")
    assert not finished.all_words  # "ho" is a whole word once typing is over


def test_filters_narrow_by_kind_and_facet(small):
    assert _names(small, "hoa", filters={"kind": "collective"}) == ["Hợp tác xã Hoa Sen"]
    assert _names(small, "nguyen", filters={"tinh": "nam-dinh"}) == ["Nguyễn Thị Hoà"]
    assert _names(small, "", filters={"tinh": "dien-bien"}) == ["Trần Văn Nguyên"]
    assert _names(small, "nguyen", filters={"tinh": "no-such-province"}) == []


def test_the_index_is_deterministic(small):
    docs = [_doc("Nguyễn Thị Hoà", place="Nam Định"), _doc("Lê Văn Hùng")]
    assert build_index(docs).files == build_index(list(reversed(docs))).files


def test_postings_are_split_into_parts_under_the_cap(monkeypatch):
    monkeypatch.setattr(index_module, "PART_CAP", 300)
    docs = [_doc(f"Nguyễn Văn {name}", summary=f"người thứ {number}")
            for number, name in enumerate(["An", "Bình", "Cường", "Dũng", "Giang", "Hùng", "Khánh"] * 10)]
    index = build_index(docs)
    manifest = json.loads(index.files["manifest.json"])
    names = [name for _first, name in manifest["parts"]]
    assert "ng-1" in names or "ng" in names
    for path, content in index.files.items():
        if path.startswith("t/"):
            part = json.loads(content)
            assert len(content) <= 300 or len(part) == 1, path  # only a single key may exceed the cap
    firsts = [first for first, _name in manifest["parts"]]
    assert firsts == sorted(firsts)
    for key in ("nguyen", "van", "hung", "nguoi"):
        part = manifest["parts"][part_for(manifest["parts"], key)][1]
        assert key in json.loads(index.files[f"t/{part}.json"])
    assert _names(index, "nguyen van hung")[0] == "Nguyễn Văn Hùng"


def test_sample_records_are_indexed_with_news():
    catalogue = load_records(REPO / "exemplars", base=REPO)
    news = [NewsEntry("Tổng kết phong trào nông thôn mới", "tin-tuc/2026/10/tong-ket/", date(2026, 10, 1),
                      "Tin tổng kết.", ("chung-suc-xay-dung-nong-thon-moi",))]
    docs = collect_documents(catalogue, news)
    nominees = sum(len(batch.nominees) for batch in catalogue.batches.values())
    assert len(docs) == len(catalogue.exemplars) + nominees + len(catalogue.campaigns) + 1
    index = build_index(docs)
    assert _names(index, "tong ket nong thon")[0] == "Tổng kết phong trào nông thôn mới"
    assert _names(index, "", filters={"type": "news", "phong-trao": "ca-nuoc-chung-suc-xay-dung-nong-thon-moi"}) \
        == ["Tổng kết phong trào nông thôn mới"]
    story = search(StaticIndex.from_files(index.files), "ruộng đất manh mún bấp bênh")  # words of a story only
    assert not story.all_words


def _team():
    return [_doc(f"Nguyễn Văn {name}", place=place, summary=f"Người thứ {number}, {name} ở {place}.")
            for number, (name, place) in enumerate([("An", "Nam Định"), ("Bình", "Hà Nội"), ("Cường", "Huế"),
                                                    ("Dũng", "Cà Mau"), ("Giang", "Hà Giang")])]


@pytest.mark.parametrize("change", [
    lambda docs: docs.__setitem__(2, _doc("Nguyễn Văn Cường", place="Lào Cai", summary="Đổi chỗ làm việc.")),
    lambda docs: docs.__setitem__(2, _doc("Trần Thị Cúc", place="Huế", summary="Đổi cả tên.")),  # renumbers
    lambda docs: docs.__setitem__(0, _doc("Nguyễn Văn An", place="Nam Định")),  # words taken out only
    lambda docs: docs.append(_doc("Lê Văn Hùng", place="Hà Nội")),  # first: every number moves
    lambda docs: docs.append(_doc("Nguyễn Văn Bảo", place="Huế")),  # between two
    lambda docs: docs.append(_doc("Vũ Thị Yến", place="Huế")),  # last
    lambda docs: docs.pop(3),
    lambda docs: docs.pop(0),
    lambda docs: docs.extend([_doc("Nguyễn Văn Bảo", place="Huế"), _doc("Phạm Văn Đức", place="Huế")]),
    lambda docs: (docs.pop(1), docs.__setitem__(3, _doc("Nguyễn Văn Giang", place="Sơn La"))),
])
@pytest.mark.parametrize("new_process", [False, True])
def test_a_kept_index_patched_after_an_edit_equals_an_index_built_afresh(change, new_process, tmp_path,
                                                                         monkeypatch):
    """The last build's postings are patched for the documents that changed, in the same
    process (`mkdocs serve`) or in a new one, which reads them from the disk."""
    docs = _team()
    kept = index_module.KeptIndex()
    first = build_index(docs, kept)
    assert first.files == build_index(docs).files
    if new_process:
        write_salted(tmp_path / "search.pickle", "code", kept)
        kept = read_salted(tmp_path / "search.pickle", "code", index_module.KeptIndex)
        assert kept.stamps and kept.postings and kept.members
        docs = [copy.deepcopy(doc) for doc in docs]  # equal documents, not the same objects
    change(docs)
    monkeypatch.setattr(index_module, "_invert", lambda ordered: pytest.fail("every document indexed again"))
    patched = build_index(docs, kept)
    monkeypatch.undo()
    assert patched.files == build_index(docs).files and patched.files != first.files
    monkeypatch.setattr(index_module, "_invert", lambda ordered: pytest.fail("every document indexed again"))
    assert build_index(docs, kept).files == patched.files  # and again, with nothing changed


def test_beyond_the_patch_limit_everything_is_indexed_again(monkeypatch):
    docs = _team()
    kept = index_module.KeptIndex()
    build_index(docs, kept)
    monkeypatch.setattr(index_module, "PATCH_LIMIT", 1)
    inverted = []
    invert = index_module._invert
    monkeypatch.setattr(index_module, "_invert", lambda ordered: inverted.append(1) or invert(ordered))
    docs.extend([_doc("Nguyễn Văn Bảo", place="Huế"), _doc("Phạm Văn Đức", place="Huế")])
    assert build_index(docs, kept).files == build_index(docs).files
    assert len(inverted) == 2  # the build with ``kept`` too


def test_what_other_code_kept_or_a_damaged_file_is_not_used(tmp_path):
    kept = index_module.KeptIndex()
    build_index(_team(), kept)
    file = tmp_path / "search.pickle"
    write_salted(file, "code", kept)
    assert read_salted(file, "code", index_module.KeptIndex).stamps == kept.stamps
    assert read_salted(file, "other code", index_module.KeptIndex) is None
    assert read_salted(file, "code", dict) is None
    file.write_bytes(file.read_bytes()[:-10])
    assert read_salted(file, "code", index_module.KeptIndex) is None
    assert read_salted(tmp_path / "none.pickle", "code", index_module.KeptIndex) is None


def test_a_build_that_fails_while_patching_leaves_nothing_half_patched(monkeypatch):
    docs = _team()
    kept = index_module.KeptIndex()
    build_index(docs, kept)
    docs[1] = _doc("Nguyễn Văn Bình", place="Sơn La")
    monkeypatch.setattr(index_module, "_members", lambda *args: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build_index(docs, kept)
    monkeypatch.undo()
    assert build_index(docs, kept).files == build_index(docs).files


def test_a_record_that_is_the_same_object_keeps_its_document(tmp_path):
    from helpers import write_records
    catalogue = load_records(write_records(tmp_path), base=tmp_path)
    kept = {}
    first = {doc.url: doc for doc in collect_documents(catalogue, kept=kept)}
    again = {doc.url: doc for doc in collect_documents(catalogue, kept=kept)}
    assert all(again[url] is first[url] for url in first)
    exemplar = catalogue.exemplars["nguyen-thi-hoa"]
    edited = type(exemplar).model_validate({**exemplar.model_dump(), "name": "Nguyễn Thị Hoà Bình"})
    edited.bind(exemplar.id, exemplar.source)
    catalogue.exemplars["nguyen-thi-hoa"] = edited
    url = "dien-hinh/nguyen-thi-hoa/"
    docs = {doc.url: doc for doc in collect_documents(catalogue, kept=kept)}
    assert docs[url] is not first[url] and docs[url].name == "Nguyễn Thị Hoà Bình"
    assert [doc.url for doc in docs.values() if doc is not again[doc.url]] == [url]
