"""Field types shared by every record kind.

Each type normalises once, here, so the rest of the code sees clean values:
trimmed text, real dates, known provinces, safe web addresses.
"""

from __future__ import annotations

import re
import zlib
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import core_schema

from .i18n import gettext as _
from .places import Province, find_province
from .pydantic_internals import share_fields_given
from .text import fold
from .vntime import parse_date

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PackedText:
    """A long Markdown text (a story) kept compressed in memory; ``str()`` gives it back.

    Stories are most of a catalogue's memory: at 10,000 records they take 58 MB
    as Python strings (a Vietnamese letter costs two bytes there) and 10 MB
    packed, and every megabyte the build holds is held twice while its second
    process renders. Unpacking one when its page is rendered takes microseconds.
    As a record field it validates and serialises as :data:`Text` does.
    """

    __slots__ = ("packed",)

    def __init__(self, text: str) -> None:
        self.packed = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)

    def __str__(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PackedText) and str(other) == str(self)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"PackedText({str(self)!r})"

    def __reduce__(self) -> tuple:
        return _unpickled, (self.packed,)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(strip_whitespace=True, min_length=1),
            serialization=core_schema.plain_serializer_function_ser_schema(str, return_schema=core_schema.str_schema()),
        )


def _unpickled(packed: bytes) -> PackedText:
    text = PackedText.__new__(PackedText)
    text.packed = packed
    return text


ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
SUMMARY_MAX_WORDS = 60  # media reuse the summary as is (press kit, share cards)


def _check_summary_words(value: str) -> str:
    words = len(value.split())
    if words > SUMMARY_MAX_WORDS:
        raise ValueError(_("is too long: {words} words, at most {most}; keep it to one or two sentences").format(
            words=words, most=SUMMARY_MAX_WORDS))
    return value


Summary = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=20, max_length=400), AfterValidator(_check_summary_words)
]
VnDate = Annotated[date, BeforeValidator(parse_date)]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(_('"{value}" is not a valid id: use lower-case letters without accents, digits and '
                           'hyphens, e.g. nguyen-thi-hoa').format(value=value))
    return value


def _check_web_address(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError(_('"{value}" is not a web address starting with https:// or http://').format(value=value))
    return value


def _canonical_province(value: str) -> str:
    """The province's name as written officially, as it was at the time: "ninh binh" → "Ninh Bình"."""
    return find_province(value).name


Slug = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_slug)]
WebAddress = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_check_web_address)]
ProvinceName = Annotated[Text, AfterValidator(_canonical_province)]

KIND_LABELS = {"individual": "Cá nhân", "collective": "Tập thể"}
# Staff write the kind as they say it, too: "cá nhân", "Tập thể", "ca nhan".
_KIND_WORDS = {"ca nhan": "individual", "tap the": "collective"}


def _kind_in_english(value: object) -> object:
    return _KIND_WORDS.get(fold(value), value) if isinstance(value, str) else value


Kind = Annotated[
    Literal["individual", "collective"],
    BeforeValidator(_kind_in_english),
    WithJsonSchema({"enum": ["individual", "collective", "cá nhân", "tập thể"]}),
]


class FieldProblem(ValueError):
    """A rule between several fields, reported at the one ``path`` leads to."""

    def __init__(self, path: str | tuple[str | int, ...], message: str):
        super().__init__(message)
        self.path = (path,) if isinstance(path, str) else path


class Strict(BaseModel):
    """Base for every record part: unknown fields are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    def model_post_init(self, context: Any) -> None:
        """pydantic gives each part a set of the fields given (300 bytes); parts that gave the same share one."""
        share_fields_given(self)


class Place(Strict):
    """Where, named as it was at the time (see DOMAIN "Places")."""

    province: ProvinceName = Field(description="Province or centrally-run city, as named at the time.")
    district: Text | None = Field(None, description="District (before 1 July 2025 only), as named at the time.")
    commune: Text | None = Field(None, description="Commune, ward or town, as named at the time.")

    @property
    def province_info(self) -> Province:
        return find_province(self.province)

    def label(self) -> str:
        parts = [self.commune, self.district, self.province]
        return ", ".join(part for part in parts if part)


class Decision(Strict):
    """A decision (quyết định): its number, date and who signed it."""

    number: ShortText = Field(description='Decision number, e.g. "1234/QĐ-CTN".')
    date: VnDate = Field(description="Date of the decision, dd/mm/yyyy.")
    issued_by: ShortText = Field(description='Issuing body, e.g. "Chủ tịch nước".')


class Contact(Strict):
    """An official, public way to reach the board (never a private person's)."""

    officer: ShortText | None = Field(None, description="Name and role of the officer in charge.")
    address: ShortText | None = Field(None, description="Postal address.")
    email: ShortText | None = Field(None, description="Official e-mail address.")
    phone: ShortText | None = Field(None, description="Official telephone number.")


class Attachment(Strict):
    """A document file published with a record (e.g. the full nomination file)."""

    file: Text = Field(description="Path of the file, relative to the records folder.")
    title: ShortText = Field(description="What the document is, shown as the link text.")
