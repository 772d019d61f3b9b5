#!/usr/bin/env python3
"""Full-page screenshots of the main CCHC pages, for the documentation.

Signs in to a running CCHC (e.g. `make run`, with the sample province) with Playwright and
Debian's Chromium, and saves docs/screenshots/<name>.png at 1366x900. Pages that do not exist
(HTTP 404), or that the account may not open, are skipped with a note.

    .venv/bin/python scripts/screenshots.py
    .venv/bin/python scripts/screenshots.py --base-url http://127.0.0.1:8103 --user snv.admin
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "Cchc@2025-demo"  # the shared password of the sample accounts (cchc/core/demo/data.py)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
LOGIN_PATH = "/tai-khoan/dang-nhap/"
UNITS_PATH = "/don-vi/"
DETAIL_LINK = re.compile(r"^/don-vi/\d+/$")
# A unit with history (merged on 01/07/2025) makes the best detail page; any unit will do.
PREFERRED_DETAIL = ["Xã Đắk Mai", "Sở Nội vụ"]


@dataclass(frozen=True)
class Shot:
    name: str
    path: str  # "" = the first link matching `link` on the page `find_on`
    find_on: str = ""
    link: str = ""
    suffix: str = ""  # appended to the link found


PAGES = [
    Shot("home", "/"),
    Shot("units-list", UNITS_PATH),
    Shot("unit-detail", ""),
    Shot("units-tree-2024-12-31", UNITS_PATH + "?as_of=31/12/2024"),
    Shot("users-list", "/tai-khoan/nguoi-dung/"),
    Shot("audit-log", "/nhat-ky/"),
    Shot("jobs-list", "/tac-vu/"),
    Shot("home-en", "/en/"),
    Shot("plans-list", "/ke-hoach/"),
    Shot("plan-detail", "", "/ke-hoach/", r"^/ke-hoach/\d+/$"),
    Shot("plan-statistics", "", "/ke-hoach/", r"^/ke-hoach/\d+/$", "thong-ke/"),
    Shot("task-detail", "", "/ke-hoach/cua-toi/", r"^/ke-hoach/nhiem-vu/\d+/$"),
    Shot("frameworks-list", "/bo-tieu-chi/"),
    Shot("framework-detail", "", "/bo-tieu-chi/", r"^/bo-tieu-chi/\d+/$"),
    Shot("cycles-list", "/cham-diem/"),
    Shot("cycle-detail", "", "/cham-diem/", r"^/cham-diem/\d+/$"),
    Shot("cycle-results", "", "/cham-diem/", r"^/cham-diem/\d+/$", "ket-qua/"),
    Shot("public-ranking", "", "/cong-khai/", r"^/cong-khai/\d+/$"),
    Shot("dossiers-list", "/ho-so/"),
    Shot("dossier-statistics", "/ho-so/thong-ke/"),
    Shot("decision-766", "/ho-so/chi-so-766/"),
    Shot("procedures", "/ho-so/thu-tuc/"),
    Shot("notifications", "/thong-bao/"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--base-url", default="http://127.0.0.1:8000", help="running CCHC (default %(default)s)"
    )
    parser.add_argument("--user", default="snv.admin", help="account to sign in with (default %(default)s)")
    parser.add_argument("--password", default=DEMO_PASSWORD, help="its password (default: the demo password)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="output folder")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="Chromium executable")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=900)
    return parser.parse_args(argv)


def open_page(page: Page, url: str) -> int:
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    return response.status if response is not None else 0


def save(page: Page, out: Path, name: str) -> Path:
    target = out / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def sign_in(page: Page, user: str, password: str) -> bool:
    form = page.locator("main form[method=post]")
    form.locator("input[name=username]").fill(user)
    form.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    return LOGIN_PATH not in page.url


def find_link(page: Page, base: str, shot: Shot) -> str:
    if open_page(page, urljoin(base, shot.find_on.lstrip("/"))) != 200:
        return ""
    script = "els => els.map(e => e.getAttribute('href'))"
    hrefs: list[str] = page.eval_on_selector_all("main a[href]", script)
    pattern = re.compile(shot.link)
    found = next((href for href in hrefs if pattern.match(href)), "")
    return found + shot.suffix if found else ""


def find_detail_path(page: Page, base: str) -> str:
    if open_page(page, urljoin(base, UNITS_PATH)) != 200:
        return ""
    hrefs: list[list[str]] = page.eval_on_selector_all(
        "main a[href]", "els => els.map(e => [e.textContent.trim(), e.getAttribute('href')])"
    )
    details = [(text, href) for text, href in hrefs if DETAIL_LINK.match(href)]
    for wanted in PREFERRED_DETAIL:
        for text, href in details:
            if text == wanted:
                return href
    return details[0][1] if details else ""


def take(browser: Browser, args: argparse.Namespace) -> tuple[list[Path], list[str]]:
    base = args.base_url.rstrip("/") + "/"
    saved: list[Path] = []
    notes: list[str] = []
    context = browser.new_context(viewport={"width": args.width, "height": args.height}, locale="vi-VN")
    page = context.new_page()

    status = open_page(page, urljoin(base, LOGIN_PATH))
    if status != 200:
        raise SystemExit(f"The login page answered HTTP {status}: is CCHC running at {args.base_url}?")
    saved.append(save(page, args.out, "login"))
    if not sign_in(page, args.user, args.password):
        raise SystemExit(f"Could not sign in as {args.user}: check the account and password.")

    for shot in PAGES:
        if shot.path:
            path = shot.path
        elif shot.find_on:
            path = find_link(page, base, shot)
        else:
            path = find_detail_path(page, base)
        if not path:
            notes.append(f"{shot.name}: skipped (no matching link found on {shot.find_on or UNITS_PATH})")
            continue
        status = open_page(page, urljoin(base, path.lstrip("/")))
        if status == 404:
            notes.append(f"{shot.name}: skipped, {path} does not exist yet (404)")
            continue
        if status >= 400:
            notes.append(f"{shot.name}: skipped, {path} answered HTTP {status} for {args.user}")
            continue
        saved.append(save(page, args.out, shot.name))
    context.close()
    return saved, notes


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not Path(args.chromium).exists():
        print(f"Chromium not found at {args.chromium} (Debian package `chromium`).", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            saved, notes = take(browser, args)
        finally:
            browser.close()
    for path in saved:
        print(f"saved   {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    for note in notes:
        print(f"note    {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
