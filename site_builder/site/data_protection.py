"""The privacy notice (*Chính sách bảo vệ dữ liệu cá nhân*) for people who comment.

Written for the Law on Personal Data Protection (91/2025/QH15, in force from
1 January 2026): who controls the data, why it is processed, what is collected,
who sees a commenter's identity, how long it is kept, and the citizen's rights.
The board and the retention period come from the one ``board`` setting, which
the comment service reads too, so the notice and what the service does agree.
"""

from __future__ import annotations

from site_builder.model import urls
from site_builder.model.board import Board

from .specs import PageSpec

TITLE = "Chính sách bảo vệ dữ liệu cá nhân"


def data_protection_page(board: Board) -> PageSpec:
    return PageSpec(urls.DATA_PROTECTION, "data-protection.html", TITLE,
                    f"Cách {board.name} thu thập, sử dụng, lưu giữ và xoá thông tin của người gửi ý kiến "
                    "về danh sách đề nghị khen thưởng.",
                    context={"board": board}, hide=("navigation",))
