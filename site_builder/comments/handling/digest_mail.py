"""The digest e-mail to the board: how many comments arrived, where to read them, nothing personal.

An e-mail crosses mail servers the board does not run and sits in mailboxes
for years, so it carries counts only — per batch and per nominee: new since
the last digest, the total, how many await handling — and links to the staff
console, where an officer signs in to read the comments. No commenter's name,
contact, address or words, and no receipt code, are ever in it: the counts are
read from the register by batch and nominee alone (:func:`gather_digest`), so
there is nothing personal to leave out. Plain text, in Vietnamese.

"New" and "total" leave spam out (the honeypot's catches would otherwise wake
the board up); "awaiting handling" is the status *received* (Mới nhận).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.mime.text import MIMEText
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from site_builder.comments.settings import DigestSettings
from site_builder.comments.store.comment_handling import status_counts
from site_builder.comments.store.digest_marks import Undigested, undigested_comments
from site_builder.comments.store.handle import Handle
from site_builder.model.board import Board
from site_builder.model.nomination import NominationBatch
from site_builder.model.vntime import VIETNAM

AWAITING = "received"
_NOT_COUNTED = ("spam",)
DEFAULT_BOARD_NAME = "Ban Thi đua – Khen thưởng"


@dataclass(frozen=True)
class Figures:
    """The three numbers of a nominee or a batch."""

    new: int
    total: int
    awaiting: int


@dataclass(frozen=True)
class NomineePart:
    nominee_id: str
    name: str
    figures: Figures


@dataclass(frozen=True)
class BatchPart:
    batch_id: str
    title: str
    figures: Figures
    nominees: list[NomineePart]


@dataclass(frozen=True)
class DigestContent:
    """What one digest says: the batches with new comments, and the comments awaiting handling anywhere."""

    since: datetime | None  # when the previous digest was sent; None for the first one
    made_at: datetime
    comments: tuple[int, ...]  # the ids it counts as new (spam too), recorded once it is sent
    batches: list[BatchPart]
    awaiting_everywhere: int

    @property
    def new(self) -> int:
        return sum(part.figures.new for part in self.batches)


def gather_digest(handle: Handle, batches: Mapping[str, NominationBatch], since: datetime | None,
                  now: datetime) -> DigestContent:
    """The counts of the comments no digest has counted yet, and the totals, in one transaction."""
    undigested = undigested_comments(handle)
    arrived = _arrivals(undigested)
    statuses = status_counts(handle)
    parts = [_batch_part(batch_id, batches.get(batch_id), arrived, statuses)
             for batch_id in sorted({batch for batch, _ in arrived})]
    awaiting = sum(counts.get(AWAITING, 0) for counts in statuses.values())
    return DigestContent(since, now, tuple(comment.id for comment in undigested), parts, awaiting)


def _arrivals(undigested: list[Undigested]) -> dict[tuple[str, str], int]:
    """``{(batch, nominee): n}`` of the comments no digest counted yet, spam left out."""
    found: dict[tuple[str, str], int] = {}
    for comment in undigested:
        if comment.status not in _NOT_COUNTED:
            found[(comment.batch, comment.nominee)] = found.get((comment.batch, comment.nominee), 0) + 1
    return found


def _batch_part(batch_id: str, batch: NominationBatch | None, arrived: Mapping[tuple[str, str], int],
                statuses: Mapping[tuple[str, str], Mapping[str, int]]) -> BatchPart:
    """Every nominee of the batch that has a comment, in the records' order (then any unknown ids)."""
    commented = {nominee for (batch, nominee) in statuses if batch == batch_id}
    names = {nominee.id: nominee.name for nominee in batch.nominees} if batch else {}
    order = [nominee for nominee in names if nominee in commented] + sorted(commented - names.keys())
    nominees = [NomineePart(nominee, names.get(nominee, nominee),
                            _figures(arrived.get((batch_id, nominee), 0), statuses[(batch_id, nominee)]))
                for nominee in order]
    total = Figures(*(sum(getattr(part.figures, name) for part in nominees) for name in ("new", "total",
                                                                                          "awaiting")))
    return BatchPart(batch_id, batch.title if batch else batch_id, total, nominees)


def _figures(new: int, counts: Mapping[str, int]) -> Figures:
    total = sum(count for status, count in counts.items() if status not in _NOT_COUNTED)
    return Figures(new, total, counts.get(AWAITING, 0))


def compose_digest(content: DigestContent, settings: DigestSettings) -> MIMEText:
    """The e-mail: from and to the configured addresses, a subject naming the board, the counts.

    Workaround: built with the legacy API (``MIMEText``, ``Header``). The modern
    ``EmailMessage`` (Python 3.11, and later releases until the fix) folds a long non-ASCII subject into
    encoded words and drops the space between two of them ("Sở Nội vụ" reads
    "Sở Nộivụ"): https://github.com/python/cpython/issues/144156.
    """
    message = MIMEText(digest_text(content, settings), "plain", "utf-8")
    message["Subject"] = Header(digest_subject(content, settings.board), "utf-8")
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Date"] = format_datetime(content.made_at)
    message["Message-ID"] = make_msgid("so-lieu-y-kien")
    # RFC 3834: an automatic message; vacation responders and the like should not answer it.
    message["Auto-Submitted"] = "auto-generated"
    return message


def board_name(board: Board | None) -> str:
    return board.full_name if board is not None else DEFAULT_BOARD_NAME


def digest_subject(content: DigestContent, board: Board | None) -> str:
    return f"[{board_name(board)}] {content.new} ý kiến nhân dân mới ({_when(content.made_at)})"


def digest_text(content: DigestContent, settings: DigestSettings) -> str:
    """The plain-text body: a heading, one block per batch, what awaits handling, how it is made."""
    console = settings.console_url
    lines = [board_name(settings.board).upper(), "", _opening(content), "",
             "Thư này chỉ có số liệu. Họ tên, thông tin liên hệ và nội dung ý kiến chỉ xem được trên",
             f"trang quản lý ý kiến (đăng nhập bằng tài khoản cán bộ): {console}", ""]
    for number, part in enumerate(content.batches, start=1):
        lines += [*_batch_lines(number, part, console), ""]
    lines += [f"Ý kiến đang chờ xử lý (trạng thái “Mới nhận”) ở tất cả các đợt: {content.awaiting_everywhere}.",
              "", "Ghi chú: “mới” là ý kiến nhận từ lần thông báo trước; tổng số không tính thư rác.",
              "Thư gửi tự động, nhiều nhất một thư mỗi giờ và chỉ khi có ý kiến mới. Xin đừng trả lời thư này."]
    return "\n".join(lines) + "\n"


def _opening(content: DigestContent) -> str:
    if content.since is None:
        return (f"Đến {_when(content.made_at)} đã nhận {content.new} ý kiến nhân dân "
                "(thông báo đầu tiên).")
    return (f"Từ {_when(content.since)} đến {_when(content.made_at)} đã nhận thêm {content.new} "
            "ý kiến nhân dân.")


def _batch_lines(number: int, part: BatchPart, console: str) -> list[str]:
    batch_url = f"{console}batches/{quote(part.batch_id, safe='')}"
    lines = [f"{number}. {part.title}", f"   Cả đợt: {_said(part.figures)}", f"   {batch_url}"]
    for nominee in part.nominees:
        lines += [f"   - {nominee.name}: {_said(nominee.figures)}",
                  f"     {batch_url}/nominees/{quote(nominee.nominee_id, safe='')}"]
    return lines


def _said(figures: Figures) -> str:
    return f"mới {figures.new}, tổng số {figures.total}, chờ xử lý {figures.awaiting}"


def _when(moment: datetime) -> str:
    """``10:05 ngày 20/11/2026``, Vietnam time."""
    return f"{moment.astimezone(VIETNAM):%H:%M} ngày {moment.astimezone(VIETNAM):%d/%m/%Y}"
