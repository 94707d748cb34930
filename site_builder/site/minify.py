"""The theme's own stylesheet and scripts, minified as they are published.

They are written readable, with comments saying why (``theme/assets/``), and
shipped small: every first visit on a slow phone downloads them. rcssmin and
rjsmin (by the same author, C-accelerated, conservative: they only drop
comments and whitespace) do the work; Material's own files come minified.
"""

from __future__ import annotations

import rcssmin
import rjsmin

SUFFIXES = (".css", ".js")


def needs_minifying(name: str) -> bool:
    return name.endswith(SUFFIXES) and ".min." not in name


def minified(name: str, text: str) -> str:
    """``text`` of the file ``name`` without comments and needless whitespace."""
    if name.endswith(".css"):
        return rcssmin.cssmin(text)
    return rjsmin.jsmin(text)
