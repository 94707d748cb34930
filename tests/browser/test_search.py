"""Search on the sample site, in Chromium: queries typed without diacritics find the records."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest

from site_builder.search import StaticIndex, search


@pytest.fixture
def open_search(browser, serve, sample_site):
    """Open /tim-kiem/ with query parameters; returns the page once results are announced."""
    base = serve(sample_site)
    pages = []

    def run(**params):
        page = browser.new_page()
        pages.append(page)
        page.search_requests = []
        page.on("requestfinished", lambda request: page.search_requests.append(request.url))
        page.goto(base + "tim-kiem/?" + urlencode(params))
        if params:
            page.wait_for_function("() => document.getElementById('sb-search-status').textContent.length > 0")
        else:
            page.wait_for_selector("#sb-search-form[data-search-ready]", state="attached")
        return page

    yield run
    for page in pages:
        page.close()


def titles(page) -> list[str]:
    return page.locator("#sb-search-results .sb-result__title").all_inner_texts()


def test_name_without_diacritics_finds_the_person_first(open_search):
    page = open_search(q="nguyen thi hoa")
    assert titles(page)[:2] == ["Nguyễn Thị Hoà", "Nguyễn Thị Hoà"]  # the exemplar and the nominee
    assert page.locator("#sb-search-status").inner_text().startswith("Tìm thấy")
    first = page.locator("#sb-search-results a").first
    assert urlsplit(first.get_attribute("href")).path == "/dien-hinh/nguyen-thi-hoa/"
    result = page.locator("#sb-search-results li").first.inner_text()
    assert "Hợp tác xã Nông nghiệp Hải Đông" in result and "Nam Định" in result
    assert "Bằng khen của Thủ tướng Chính phủ (2021)" in result


def test_nominee_result_links_to_its_anchor(open_search):
    page = open_search(q="nguyen thi hoa", muc="nominee")
    link = page.locator("#sb-search-results a").first.get_attribute("href")
    assert urlsplit(link).path.startswith("/lay-y-kien/") and link.endswith("#nguyen-thi-hoa")
    assert "Đề nghị: Huân chương Lao động hạng Ba" in page.locator("#sb-search-results li").first.inner_text()


@pytest.mark.parametrize("query, expected", [
    ("dien bien", {"Pờ Thị Sơ", "Lò Thị Xuân"}),  # a province without diacritics
    ("ninh binh", {"Nguyễn Thị Hoà"}),  # the new province finds records written under Nam Định
    ("nam dinh", {"Nguyễn Thị Hoà"}),  # and the old name still does
    ("huan chuong lao dong", {"Hợp tác xã Nông nghiệp Hải Đông", "Phạm Văn Khải"}),  # an award
    ("chien si thi dua", {"Lò Thị Xuân", "Nguyễn Thị Hoà"}),
    ("nong thon moi", {"Cả nước chung sức xây dựng nông thôn mới"}),  # a campaign word
    ("covid", {"Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19"}),
    ("van hoa cong so", {"Sơ kết phong trào thi đua thực hiện văn hóa công sở năm 2024"}),  # a news title
])
def test_queries_without_diacritics(open_search, query, expected):
    found = titles(open_search(q=query))
    assert expected <= set(found), found


def test_exact_diacritics_rank_first(open_search):
    marked = titles(open_search(q="Hòa"))
    spelled_hoa = [name for name in marked if {"hoà", "hòa"} & set(name.lower().replace(",", " ").split())]
    assert marked[0] == "Nguyễn Thị Hoà"  # "Hòa" and "Hoà" are one spelling
    assert all(marked.index(name) < marked.index("Trường Mầm non Hoa Sen") for name in spelled_hoa)
    unmarked = titles(open_search(q="hoa"))
    assert unmarked.index("Trường Mầm non Hoa Sen") < len(spelled_hoa) + 1  # no marks typed: no preference


def test_filters_by_province_kind_and_award(open_search):
    collectives = titles(open_search(q="dien bien", loai="collective"))
    assert collectives and "Pờ Thị Sơ" not in collectives
    filtered = open_search(tinh="dien-bien", muc="exemplar")
    assert {"Pờ Thị Sơ", "Lò Thị Xuân"} <= set(titles(filtered))
    assert filtered.get_by_label("Tỉnh, thành phố").is_visible()  # a filter in the address opens the filters
    awarded = titles(open_search(q="thi", **{"danh-hieu": "huan-chuong-lao-dong"}))
    assert "Phạm Văn Khải" in awarded or "Nguyễn Thị Hoà" in awarded


def test_nothing_found_is_announced(open_search):
    page = open_search(q="zzzz qqqq")
    assert page.locator("#sb-search-status").inner_text() == "Không tìm thấy kết quả nào cho “zzzz qqqq”."
    assert page.locator("#sb-search-status").get_attribute("aria-live") == "polite"
    assert titles(page) == []


@pytest.mark.parametrize("query, filters", [
    ("nguyen van hung", {}),
    ("Hòa", {}),
    ("huan chuong lao dong ninh binh", {}),
    ("thi", {"tinh": "ninh-binh", "loai": "individual"}),
])
def test_browser_and_python_agree(open_search, sample_site, query, filters):
    """The JS client ranks like site_builder.search.query and fetches the same files, nothing else."""
    page = open_search(q=query, **filters)
    named = {"type" if key == "muc" else "kind" if key == "loai" else key: value for key, value in filters.items()}
    reference = search(StaticIndex.from_folder(sample_site / "search"), query, named)
    assert titles(page) == [item["n"] for item in reference.shown]
    fetched = {urlsplit(url).path.removeprefix("/search/") for url in page.search_requests if "/search/" in url}
    assert fetched == set(reference.fetched)
    hosts = {urlsplit(url).netloc for url in page.search_requests}
    assert len(hosts) == 1  # no third-party host


def test_typing_searches_as_you_type(open_search):
    page = open_search()
    page.fill("#sb-q", "nguyen thi ho")
    page.wait_for_function("() => document.getElementById('sb-search-status').textContent.includes('nguyen thi ho')")
    assert titles(page)[0] == "Nguyễn Thị Hoà"
    assert not page.locator("#sb-f-muc").is_visible()  # filters folded away until asked for
    page.locator("summary", has_text="Lọc kết quả").click()
    page.get_by_label("Mục", exact=True).select_option("nominee")
    page.wait_for_function("() => location.search.includes('muc=nominee')")
    assert "q=nguyen+thi+ho" in page.url


def test_search_page_reached_by_the_tab_works(browser, serve, sample_site):
    """Reached from another page (with Material's instant navigation, which the hostile site
    turns on, see its test)."""
    page = browser.new_page()
    page.goto(serve(sample_site))
    page.get_by_role("link", name="Tìm kiếm").first.click()
    page.wait_for_url("**/tim-kiem/")
    page.get_by_label("Tên người, tập thể, đơn vị, địa phương, danh hiệu hoặc phong trào").fill("a quyet")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('sb-search-status').textContent.length > 0")
    assert titles(page)[0] == "A Quyết"
    page.close()


def test_browser_folds_words_like_python(open_search):
    from site_builder.search import exact_word, fold_word, tokenise

    page = open_search()
    text = "Nguyễn Thị Hoà, HÒA, Hóa; Thuỷ/Thủy Đắk Lắk – Bà Rịa - Vũng Tàu 612/QĐ-TTg Y Kuôm Êban ǅ ß"
    words = page.evaluate("text => window.sbSearch.tokenise(text)", text)
    expected, seen = [], set()
    for token in tokenise(text):
        if token.key not in seen:
            seen.add(token.key)
            expected.append({"key": token.key, "exact": token.exact})
    assert words == expected
    for word in ("Nguyễn", "Điện", "hoà", "Hòa", "Ơ", "ữ"):
        assert page.evaluate("w => [sbSearch.foldWord(w), sbSearch.exactWord(w)]", word) == [
            fold_word(word), exact_word(word)]
    from site_builder.search.query import worth_searching_while_typing

    for typed in ("n", "ng", "nguyen v", "nguyen va", "nguyen ", "Đ", "Đi", " "):
        assert page.evaluate("t => sbSearch.worthSearchingWhileTyping(t)", typed) is \
            worth_searching_while_typing(typed), typed
