"""What every record kind shares: an id from its file name and the file it came from."""

from __future__ import annotations

from pathlib import Path

from pydantic import PrivateAttr

from .fields import Strict
from .pydantic_internals import private_value


class Record(Strict):
    """A whole YAML file. The id is the file name, so it stays stable and unique.

    The properties read pydantic's private store directly (:func:`private_value`): ``self._id``
    goes through ``BaseModel.__getattr__``, and listings ask for ids 60,000 times a build.
    """

    _id: str = PrivateAttr("")
    _source: str = PrivateAttr("")
    _path: Path | None = PrivateAttr(None)
    _digest: str = PrivateAttr("")

    @property
    def id(self) -> str:
        return private_value(self, "_id")

    @property
    def source(self) -> str:
        """The file, relative to the repository, as shown in error messages."""
        return private_value(self, "_source")

    @property
    def path(self) -> Path | None:
        """The file on disk."""
        return private_value(self, "_path")

    @property
    def digest(self) -> str:
        """Hash of the file's text: pages showing this record are rendered again when it changes."""
        return private_value(self, "_digest")

    def bind(self, record_id: str, source: str, path: Path | None = None, digest: str = "") -> None:
        self._id = record_id
        self._source = source
        self._path = path
        self._digest = digest
