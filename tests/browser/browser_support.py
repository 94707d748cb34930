"""What the browser tests watch on a page: errors, dialogs, CSP violations, overflow, axe-core."""

from __future__ import annotations

from dataclasses import dataclass, field

from axe_playwright_python.base import AXE_FILE_PATH
from helpers import UNUSED_COMMENTS_URL  # noqa: F401 - the browser tests import it from here
from playwright.sync_api import Page

# axe-core (4.12, shipped inside the axe-playwright-python wheel). It is evaluated through
# the DevTools protocol, which the page's Content Security Policy does not govern.
AXE_SOURCE = AXE_FILE_PATH.read_text(encoding="utf-8")
BLOCKING_IMPACTS = ("serious", "critical")

_LISTEN_FOR_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__sbReportCsp(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
                       + ` at ${event.sourceFile || "?"}:${event.lineNumber}: ${event.sample}`);
});
"""


@dataclass
class PageWatch:
    """Everything a page said or tried that a reader should never see.

    ``dialogs`` are alert/confirm/prompt calls (each dismissed at once): a
    script injected through record text would show up there first.
    """

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    @classmethod
    def attach(cls, page: Page) -> PageWatch:
        watch = cls()
        page.on("console", lambda message: message.type == "error" and watch.console_errors.append(
            f"{message.text} ({message.location.get('url', '')})"))
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        page.on("dialog", lambda dialog: (watch.dialogs.append(f"{dialog.type}: {dialog.message}"),
                                          dialog.dismiss()))
        page.on("request", lambda request: watch.requests.append(request.url))
        page.expose_function("__sbReportCsp", lambda text: watch.csp_violations.append(text))
        page.add_init_script(_LISTEN_FOR_CSP)
        return watch

    def problems(self) -> list[str]:
        return ([f"console error: {text}" for text in self.console_errors]
                + [f"script error: {text}" for text in self.page_errors]
                + [f"dialog opened: {text}" for text in self.dialogs]
                + [f"CSP violation: {text}" for text in self.csp_violations])


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def wider_than_window(page: Page, limit: int = 5) -> list[str]:
    """The first elements that stick out to the right, to say what broke the layout."""
    return page.evaluate("""(limit) => {
      const found = [];
      for (const element of document.querySelectorAll("body *")) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.right > window.innerWidth + 0.5) {
          found.push(`${element.tagName.toLowerCase()}.${element.className} right=${Math.round(box.right)}`);
          if (found.length >= limit) break;
        }
      }
      return found;
    }""", limit)


def axe_violations(page: Page, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[str]:
    """axe-core's violations of the given impacts, one line each with the first elements."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{violation['impact']} {violation['id']}: {violation['help']} — "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            for violation in result["violations"] if violation["impact"] in impacts]


def check_accessible_and_fits(page: Page) -> None:
    """axe finds nothing blocking and nothing is wider than the window."""
    assert axe_violations(page) == []
    assert horizontal_overflow(page) <= 0, wider_than_window(page)


def check_as_without_script(browser, html: str, url: str, width: int) -> None:
    """:func:`check_accessible_and_fits` for a page shown with JavaScript off: the same HTML at the
    same address, in a context where the checker can run (it needs scripts)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    twin = context.new_page()
    twin.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    twin.goto(url)
    check_accessible_and_fits(twin)
    context.close()


def main_heading(page: Page) -> str:
    """The text of the page's one ``<h1>`` in the main content ('' when missing or not one)."""
    headings = page.locator("main h1, article h1")
    return headings.first.inner_text().strip() if headings.count() == 1 else ""
