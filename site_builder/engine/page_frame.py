"""The frame of Material's page, rendered once and shared by the generated pages of a folder.

Rendering Material's frame (head, header, tabs, footer, scripts, its
translations) costs more than a record's own content, so
:class:`~site_builder.engine.direct_pages.DirectPages` renders it once per
folder and template (:class:`PageShell`) and each page renders only the blocks
that differ between pages. Which blocks those are is a contract between this
module and ``theme/main.html``, enforced here rather than trusted:

- :data:`PER_PAGE_BLOCKS` lists them; ``main.html`` must mark exactly these
  (``page_shell.mark(name)``), or :class:`FrameMismatch` names what differs;
- a record template (``records/…``) may override those blocks and any block
  inside them, but not a block of the shared frame (``hero``, ``tabs``,
  ``footer``…), whose first page's rendering every page of the folder would
  show: :class:`UnsharedBlockOverride` names the template and the block.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, Template, nodes, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from site_builder.site.specs import TEMPLATES

# The blocks of main.html that differ from page to page; everything outside them is shared.
PER_PAGE_BLOCKS = frozenset({"site_meta", "htmltitle", "extrahead", "header", "container", "site_nav", "scripts"})


class FrameMismatch(Exception):
    """``main.html`` marks other blocks than :data:`PER_PAGE_BLOCKS` lists."""


class UnsharedBlockOverride(Exception):
    """A record template overrides a block that the shared frame renders once for many pages."""

    def __init__(self, template: str, block: str) -> None:
        super().__init__(
            f'{template} overrides the block "{block}", which is rendered once and shared by every generated '
            f"page of a folder, so every page would show the first page's. Put the change inside one of the "
            f"blocks that differ per page ({', '.join(sorted(PER_PAGE_BLOCKS))}), or add the block to "
            f"PER_PAGE_BLOCKS (site_builder/engine/page_frame.py) and mark it in theme/main.html.")
        self.template = template
        self.block = block


class SharedChrome:
    """Parts of Material's frame that are the same on every generated page at one depth.

    The theme wraps Material's navigation tree in ``shared_chrome(name, block)``.
    On a page the navigation does not list, it does not depend on the page but
    through its links, which MkDocs makes
    relative to the page's address: two pages in one folder (``dien-hinh/a/``,
    ``dien-hinh/b/``) get the same links, unless a page of the navigation lies
    inside one of them. So the first page of a folder renders it and the others
    reuse the HTML. MkDocs' own pages get no key and render it as usual.
    """

    KEY = "shared_chrome_key"

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str], str] = {}

    @staticmethod
    def key(url: str, navigation_urls: set[str]) -> str | None:
        """The folder of the page at ``url``, or None if a page of the navigation lies within it."""
        if any(other.startswith(url) for other in navigation_urls):
            return None
        return url.rstrip("/").rpartition("/")[0]

    @pass_context
    def __call__(self, context: Context, name: str, render: Callable[[], str]) -> str:
        key = context.get(self.KEY)
        if key is None:
            return render()
        part = self._parts.get((name, key))
        if part is None:
            part = self._parts[(name, key)] = render()
        return part


class PageShell:
    """A page's frame rendered once, with marks where the blocks that differ between pages go.

    Rendering Material's frame (head, header, tabs, footer, scripts, its
    translations) cost more than a record's own content. Pages of one folder
    (see :meth:`SharedChrome.key`) made from one template share everything but
    the blocks the theme marks (``page_shell.mark(name)`` in ``main.html``) and
    the "skip to content" link, which points at the page's first heading. So the
    frame is rendered once, with marks, and each page renders only those blocks,
    with Jinja's own block functions, in a context like the one the full
    template would have built.
    """

    SKIP = "\ue000skip\ue001"  # stands for the id of the page's first heading in the frame

    def __init__(self, env: Environment, template: Template, context: dict[str, Any], page: Page,
                 parents: dict[str | None, str | None]) -> None:
        self.template = template
        self.blocks = _inherited_blocks(env, template, parents)
        self.has_toc = bool(page.toc)
        real_toc = page.toc
        page.toc = get_toc([{"level": 2, "id": self.SKIP, "name": "", "children": []}]) if self.has_toc else page.toc
        try:
            frame = template.render({**context, "page_shell": self})
        finally:
            page.toc = real_toc
        self.pieces = _MARK.split(frame)  # text, block name, text, block name, ..., text
        names = self.pieces[1::2]
        if len(names) != len(set(names)) or set(names) != PER_PAGE_BLOCKS:
            raise FrameMismatch(f"{template.name}: main.html marks the blocks {sorted(names)}, "
                                f"but PER_PAGE_BLOCKS lists {sorted(PER_PAGE_BLOCKS)}")
        skips = sum(text.count(self.SKIP) for text in self.pieces[0::2])
        self.usable = skips == (1 if self.has_toc else 0)
        # What base.html sets at its top level before any block: blocks read these from the context.
        top = template.new_context(context)
        self.top_level = {"features": env.getattr(context["config"].theme, "features") or [],
                          "lang": env.get_template("partials/language.html").make_module(top.get_all(), True)}

    @staticmethod
    def mark(name: str) -> Markup:
        return Markup(f"\ue000slot:{name}\ue001")

    def render(self, context: dict[str, Any], page: Page) -> str:
        block_context = self.template.new_context(context)
        block_context.vars.update(self.top_level)
        block_context.blocks = {name: list(functions) for name, functions in self.blocks.items()}
        out = []
        for number, piece in enumerate(self.pieces):
            if number % 2 == 0:
                out.append(piece)
            else:
                out.append("".join(block_context.blocks[piece][0](block_context)))
        html = "".join(out)
        if self.has_toc:
            html = html.replace(self.SKIP, next(iter(page.toc)).id)
        return html


_MARK = re.compile("\ue000slot:([a-z_]+)\ue001")


def _inherited_blocks(env: Environment, template: Template,
                      parents: dict[str | None, str | None]) -> dict[str, list[Callable]]:
    """Every block of ``template`` and of the templates it extends, most derived first,
    as Jinja's compiled ``{% extends %}`` collects them. ``parents`` memoises who extends
    whom: parsing a template costs more than rendering a page."""
    blocks: dict[str, list[Callable]] = {}
    current: Template | None = template
    while current is not None:
        for name, function in current.blocks.items():
            blocks.setdefault(name, []).append(function)
        if current.name not in parents:
            parents[current.name] = _read_parent_name(env, current.name)
        parent = parents[current.name]
        current = env.get_template(parent) if parent else None
    return blocks


def _read_parent_name(env: Environment, name: str | None) -> str | None:
    source, _, _ = env.loader.get_source(env, name)
    extends = env.parse(source).find(nodes.Extends)
    if extends is None:
        return None
    if not isinstance(extends.template, nodes.Const):
        raise ValueError(f"{name} extends a template chosen at render time; its pages cannot share a frame")
    return extends.template.value



def check_frame(env: Environment, name: str, parents: dict[str | None, str | None]) -> None:
    """Check, before any page is rendered, that pages of template ``name`` can share a frame.

    Raises :class:`FrameMismatch` if the templates it extends mark other blocks than
    :data:`PER_PAGE_BLOCKS`, and :class:`UnsharedBlockOverride` if a record template
    among them overrides a block of the shared frame.
    """
    chain = _chain(env, name, parents)
    defined = [(template, _blocks_with_surroundings(env, template)) for template in reversed(chain)]
    marked = sorted(mark for template in chain for mark in _marks(env, template))
    if marked != sorted(PER_PAGE_BLOCKS):
        raise FrameMismatch(f"{name}: the templates it extends mark the blocks {marked} for the page shell, "
                            f"but PER_PAGE_BLOCKS lists {sorted(PER_PAGE_BLOCKS)}")
    placed: dict[str, list[str]] = {}  # block → the blocks around the place it is rendered at
    for template, blocks in defined:  # the root first: it decides where a block is rendered
        for block, around in blocks:
            placed.setdefault(block, around)
            if template and template.startswith(TEMPLATES) and not _per_page(block, placed):
                raise UnsharedBlockOverride(template, block)


def _marks(env: Environment, name: str | None) -> list[str]:
    """The block names a template marks with ``page_shell.mark("…")``."""
    source, _, _ = env.loader.get_source(env, name)
    return [call.args[0].value for call in env.parse(source).find_all(nodes.Call)
            if isinstance(call.node, nodes.Getattr) and call.node.attr == "mark"
            and isinstance(call.node.node, nodes.Name) and call.node.node.name == "page_shell"
            and call.args and isinstance(call.args[0], nodes.Const)]


def _chain(env: Environment, name: str | None, parents: dict[str | None, str | None]) -> list[str | None]:
    chain = []
    while name is not None:
        chain.append(name)
        if name not in parents:
            parents[name] = _read_parent_name(env, name)
        name = parents[name]
    return chain


def _blocks_with_surroundings(env: Environment, name: str | None) -> list[tuple[str, list[str]]]:
    """Each block ``name`` defines, with the names of the blocks it lies in (outermost first)."""
    found: list[tuple[str, list[str]]] = []

    def visit(node: nodes.Node, around: list[str]) -> None:
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Block):
                found.append((child.name, around))
                visit(child, [*around, child.name])
            else:
                visit(child, around)

    source, _, _ = env.loader.get_source(env, name)
    visit(env.parse(source), [])
    return found


def _per_page(block: str, placed: dict[str, list[str]], seen: frozenset[str] = frozenset()) -> bool:
    """True if ``block`` is a per-page block or lies, at any depth, inside one."""
    if block in PER_PAGE_BLOCKS:
        return True
    around = [name for name in placed.get(block, []) if name not in seen]
    return any(_per_page(name, placed, seen | {block}) for name in around)
