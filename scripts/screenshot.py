"""Screenshots of pages as a phone (360 px) or desktop sees them, in Debian's chromium.

    .venv/bin/python scripts/screenshot.py URL [URL ...] [--user NAME] [--width 360]

Logs in first when --user is given (demo password). Used to look at what we build."""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--user")
    parser.add_argument("--password", default="tridaya-demo-2026")
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--out", default="var/shots")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": 800})
        if args.user:
            page.goto(args.base + "/akun/masuk/")
            page.fill("input[name=username]", args.user)
            page.fill("input[name=password]", args.password)
            page.click("button[type=submit].w-100")
        for url in args.urls:
            page.goto(args.base + url)
            page.wait_for_timeout(500)
            name = re.sub(r"[^A-Za-z0-9]+", "_", url).strip("_") or "home"
            path = out / f"{name}_{args.width}.png"
            page.screenshot(path=str(path), full_page=True)
            print(path)
        browser.close()


if __name__ == "__main__":
    main()
