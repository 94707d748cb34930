"""Record text: CommonMark to safe HTML, headings with readable ids and a table of contents."""

from __future__ import annotations

from site_builder.site.rendering import render_markdown, render_story


def test_headings_get_ids_without_diacritics_and_nest_into_a_table_of_contents():
    html, toc = render_story("Mở đầu.\n\n## Đổi mới để phát triển\n\n### Kết quả\n\nChữ.\n\n## Lan tỏa\n\nChữ.\n")
    assert '<h2 id="doi-moi-de-phat-trien">Đổi mới để phát triển</h2>' in html
    assert '<h3 id="ket-qua">Kết quả</h3>' in html
    assert [(item["id"], [child["id"] for child in item["children"]]) for item in toc] == [
        ("doi-moi-de-phat-trien", ["ket-qua"]), ("lan-toa", [])]
    assert toc[0]["level"] == 2 and toc[0]["name"] == "Đổi mới để phát triển"


def test_repeated_headings_and_the_pages_own_ids_get_ids_of_their_own():
    html, toc = render_story("## Kết quả\n\n## Kết quả\n\n## SB title\n\n## !!!\n")
    assert [item["id"] for item in toc] == ["ket-qua", "ket-qua-1", "muc-sb-title", "muc"]
    assert 'id="sb-title"' not in html


def test_markup_in_a_heading_is_escaped_in_the_table_of_contents_and_dropped_in_the_page():
    html, toc = render_story('## Tin <script>alert(1)</script> & *mới*\n\n<img src=x onerror="alert(2)">\n')
    assert "<script" not in html and "onerror" not in html
    assert toc[0]["name"] == "Tin alert(1) &amp; mới"  # raw HTML omitted, text escaped
    assert "<script" not in toc[0]["name"]


def test_lists_need_no_blank_line_before_them_and_tables_work():
    html, _ = render_story("Thành tích:\n- một\n- hai\n\n| Năm | Giải |\n| --- | --- |\n| 2024 | Nhất |\n")
    assert "<ul>\n<li>một</li>" in html and "<td>Nhất</td>" in html


def test_short_fields_are_safe_html_with_links_kept():
    html = render_markdown('Xem <https://example.gov.vn/> và [đây](javascript:alert(1)) **ngay**')
    assert '<a href="https://example.gov.vn/" rel="noopener noreferrer">' in html
    assert "javascript:" not in html and "<strong>ngay</strong>" in html
    assert render_markdown(None) == "" and render_story("") == ("", [])
