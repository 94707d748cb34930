"""The original of each photo, as the press kit offers it: full size, without its metadata.

A photo taken with a phone carries EXIF data: where it was taken (GPS, often
the person's home), when, with which phone, sometimes the owner's name. The web
sizes are new images and carry none of it (:mod:`.images`); the original, which
the press kit links as "kích thước gốc", is published as a cleaned copy:

- JPEG: the file's own bytes without its metadata segments (EXIF and XMP in
  APP1, IPTC in APP13, other application segments, comments), so nothing is
  compressed again and the picture is the same to the last pixel; the JFIF
  header, the colour profile (APP2) and Adobe's colour marker (APP14) stay.
  A photo that EXIF says to turn (a phone held upright) is turned and encoded
  again instead, at high quality, since without the tag it would show sideways.
- PNG: the file without its text, time and EXIF chunks.
- Any other format Pillow reads: encoded again, upright, without metadata.

Copies are cached by the content of the original, like the web sizes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageOps

VERSION = "1"  # bump to redo every cached original after a change here
_ORIENTATION = 0x0112
_KEPT_APP_SEGMENTS = {0xE0, 0xE2, 0xEE}  # JFIF, ICC profile, Adobe colour transform
_DROPPED_PNG_CHUNKS = {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def published_original(original: Path, cache_dir: Path) -> Path:
    """The cleaned copy of ``original`` in the cache (made once per content)."""
    data = original.read_bytes()
    digest = hashlib.sha256(data + VERSION.encode()).hexdigest()[:20]
    cached = cache_dir / f"{digest}-original{original.suffix.lower()}"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_name(cached.name + ".tmp")
        temporary.write_bytes(without_metadata(data))
        temporary.replace(cached)
    return cached


def without_metadata(data: bytes) -> bytes:
    """The image ``data`` with its metadata left out (see the module's docstring)."""
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        upright = image.getexif().get(_ORIENTATION, 1) in (None, 1)
    if kind == "JPEG" and upright:
        return _jpeg_without_metadata(data)
    if kind == "PNG":
        return _png_without_metadata(data)
    return _encoded_again(data, kind or "JPEG")


def _jpeg_without_metadata(data: bytes) -> bytes:
    kept = bytearray(data[:2])  # SOI
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise ValueError("not a JPEG segment")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is the picture itself
            kept += data[at:]
            return bytes(kept)
        length = int.from_bytes(data[at + 2:at + 4], "big")
        segment = data[at:at + 2 + length]
        application = 0xE0 <= marker <= 0xEF
        if not (marker == 0xFE or (application and marker not in _KEPT_APP_SEGMENTS)):
            kept += segment
        at += 2 + length
    raise ValueError("a JPEG file without picture data")


def _png_without_metadata(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    kept = bytearray(_PNG_SIGNATURE)
    at = len(_PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind = data[at + 4:at + 8]
        chunk = data[at:at + 12 + length]
        if kind not in _DROPPED_PNG_CHUNKS:
            kept += chunk
        at += 12 + length
        if kind == b"IEND":
            break
    return bytes(kept)


def _encoded_again(data: bytes, kind: str) -> bytes:
    with Image.open(io.BytesIO(data)) as opened:
        profile = opened.info.get("icc_profile")
        image = ImageOps.exif_transpose(opened)
        image.load()
    if kind == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    options: dict = {"quality": 95} if kind in ("JPEG", "WEBP") else {}
    if profile:
        options["icc_profile"] = profile
    out = io.BytesIO()
    image.save(out, kind, **options)  # a new image: no EXIF, no GPS, no comments
    return out.getvalue()
