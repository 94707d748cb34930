"""What every record kind shares: an id from its file name and the file it came from."""

from __future__ import annotations

from pathlib import Path

from pydantic import PrivateAttr

from .fields import Strict


class Record(Strict):
    """A whole YAML file. The id is the file name, so it stays stable and unique.

    The properties read pydantic's private store directly: ``self._id`` goes
    through ``BaseModel.__getattr__``, and listings ask for ids 60,000 times a build.
    """

    _id: str = PrivateAttr("")
    _source: str = PrivateAttr("")
    _path: Path | None = PrivateAttr(None)
    _digest: str = PrivateAttr("")

    @property
    def id(self) -> str:
        return self.__pydantic_private__["_id"]  # type: ignore[index]

    @property
    def source(self) -> str:
        """The file, relative to the repository, as shown in error messages."""
        return self.__pydantic_private__["_source"]  # type: ignore[index]

    @property
    def path(self) -> Path | None:
        """The file on disk."""
        return self.__pydantic_private__["_path"]  # type: ignore[index]

    @property
    def digest(self) -> str:
        """Hash of the file's text: pages showing this record are rendered again when it changes."""
        return self.__pydantic_private__["_digest"]  # type: ignore[index]

    def bind(self, record_id: str, source: str, path: Path | None = None, digest: str = "") -> None:
        self._id = record_id
        self._source = source
        self._path = path
        self._digest = digest
