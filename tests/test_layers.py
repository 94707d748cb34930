"""The package's layers, enforced: each imports only the layers below it, only the engine
adapter imports MkDocs, no private name crosses a module, and no two modules share a name."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from helpers import REPO

PACKAGE = REPO / "site_builder"
# What each layer may import of the package (besides itself). The top-level modules
# (the public API and the command line) may import any layer.
LAYERS = {
    "model": set(),
    "records": {"model"},
    "site": {"model", "records"},
    "search": {"model", "records", "site"},
    "build": {"model", "records", "site", "search"},
    "engine": {"model", "records", "site", "search", "build"},
    "authoring": {"model", "records", "site", "build"},
    "comments": {"model", "records", "site"},
}
# Inside the comment service: the store knows nothing of HTTP or the staff commands.
COMMENT_PARTS = {"store": {"store"}, "http": {"store", "http"}}
ENGINES = ("mkdocs", "properdocs", "material")


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


def imports(path: Path, package: str | None = None) -> list[tuple[str, list[str], int]]:
    """(module, names, line) of every import in ``path``, relative ones made absolute
    (from ``package``, by default the one ``path`` lies in)."""
    found = []
    package = package or ".".join(("site_builder", *path.relative_to(PACKAGE).parent.parts))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, [], node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found.append((module, [alias.name for alias in node.names], node.lineno))
    return found


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(REPO)}:{line}"


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_module_imports_only_the_layers_below_its_own(path):
    layer = layer_of(path)
    if layer is None:
        return
    allowed = LAYERS[layer] | {layer}
    for module, _names, line in imports(path):
        parts = module.split(".")
        if parts[0] == "site_builder" and len(parts) > 1:
            assert parts[1] in allowed, f"{where(path, line)}: {layer} imports {module}"
        if parts[0] in ENGINES:
            assert layer == "engine", f"{where(path, line)}: only site_builder/engine may import {parts[0]}"


@pytest.mark.parametrize("path", [path for path in modules() if layer_of(path) == "comments"],
                         ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_comment_store_knows_nothing_of_http_or_the_staff_commands(path):
    part = path.relative_to(PACKAGE / "comments").parts[0]
    allowed = COMMENT_PARTS.get(part)
    if allowed is None:
        return
    for module, _names, line in imports(path):
        parts = module.split(".")
        if parts[:2] == ["site_builder", "comments"] and len(parts) > 2 and parts[2] in ("store", "http", "staff"):
            assert parts[2] in allowed, f"{where(path, line)}: comments/{part} imports {module}"


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_private_name_is_imported_from_another_module(path):
    for module, names, line in imports(path):
        private = [name for name in names if name.startswith("_") and not name.startswith("__")]
        assert not private, f"{where(path, line)}: imports {private} from {module}"
        assert not any(part.startswith("_") and not part.startswith("__") for part in module.split(".")), \
            f"{where(path, line)}: imports the private module {module}"


def test_no_two_modules_share_a_name_and_the_top_level_stays_small():
    names = Counter(path.stem for path in modules() if path.stem != "__init__")
    assert [name for name, count in names.items() if count > 1] == []
    assert len([path for path in PACKAGE.glob("*.py")]) <= 8


def test_imports_are_read_as_the_checks_need_them(tmp_path):
    """Relative imports are resolved, so a model module importing the engine would be seen."""
    wrong = tmp_path / "wrong.py"
    wrong.write_text("from site_builder.engine.plugin import SiteBuilderPlugin\nfrom .x import _hidden\n"
                     "from ..site import specs\nimport mkdocs.config\n")
    assert [(module, names) for module, names, _line in imports(wrong, "site_builder.model")] == [
        ("site_builder.engine.plugin", ["SiteBuilderPlugin"]), ("site_builder.model.x", ["_hidden"]),
        ("site_builder.site", ["specs"]), ("mkdocs.config", [])]
