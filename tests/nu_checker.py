"""The W3C Nu HTML checker (vnu.jar, from the npm package ``vnu-jar``) run on pages the tests made.

``.ci/tests`` installs the pinned version into ``.cache/vnu/`` with npm, and Debian's Java when
``java`` is missing. The checker takes a second or two to start, so every page a test wants
checked goes to it in one invocation.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import REPO

VNU_VERSION = "26.9.27"  # the version .ci/tests installs: keep the two in step
VNU_JAR = Path(os.environ.get("VNU_JAR", REPO / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))


@dataclass(frozen=True)
class Finding:
    """One error the checker reported: in which page, what, and the markup around it."""

    page: str
    message: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}\n    {self.extract.strip()[:200]}"


def _installed() -> tuple[str, Path]:
    """Java and the jar, or a failure that says how to install them (never a skip)."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.is_file():
        pytest.fail(f"the Nu HTML checker needs java and {VNU_JAR}: run .ci/tests, which installs "
                    f"Debian's default-jre-headless and vnu-jar@{VNU_VERSION} with npm")
    installed = json.loads((VNU_JAR.parents[2] / "package.json").read_text(encoding="utf-8"))["version"]
    if installed != VNU_VERSION and "VNU_JAR" not in os.environ:
        pytest.fail(f"vnu-jar {installed} is installed in {VNU_JAR.parents[2]}, the tests pin {VNU_VERSION}: "
                    "run .ci/tests to install it")
    return java, VNU_JAR


def nu_errors(pages: dict[str, Path]) -> list[Finding]:
    """The errors in ``pages`` (a name for each file), all checked in one run of the checker."""
    java, jar = _installed()
    by_path = {str(path.resolve()): name for name, path in pages.items()}
    run = subprocess.run([java, "-jar", str(jar), "--format", "json", "--errors-only", "--exit-zero-always",
                          "--stdout", *(str(path) for path in pages.values())],
                         capture_output=True, text=True, timeout=300, check=True)
    messages = json.loads(run.stdout)["messages"]
    return [Finding(by_path.get(_path_of(message.get("url", "")), message.get("url", "?")), message["message"],
                    message.get("extract", "")) for message in messages]


def _path_of(url: str) -> str:
    """The checker names a file ``file:/path``: the path, as :func:`nu_errors` keys its pages."""
    return unquote(url.removeprefix("file:"))
