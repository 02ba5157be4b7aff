"""Benchmark the UI in a real headless Chromium: time until the Haaglanden map
is interactive, and a route query round trip. Prints figures; asserts nothing.

Usage::

    .venv/bin/python benchmarks/bench_ui.py [--runs 5]

"Interactive" = the page is loaded and vis-network has drawn the map
(``.kk-map[data-ready='1']``), measured from navigation start (cold: a new
browser context, so nothing cached) and again on reload (warm). The route
round trip is from the click on "Zoek routes" until the ranked routes and the
highlighted route map are on screen. Presentation mode is the map opened
from its address (``?presentatie=1``) in a new browser context.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.plugin import CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit, stop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    port = free_port()
    t0 = time.perf_counter()
    server = start_streamlit(port)
    startup = time.perf_counter() - t0
    base = f"http://127.0.0.1:{port}/"
    cold, warm, routes, present = [], [], [], []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # First load warms the server-side caches (model load, projection); reported separately.
            context = browser.new_context(viewport={"width": 1440, "height": 1000})
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(base)
            page.locator(".kk-map[data-ready='1']").wait_for(state="attached", timeout=60_000)
            first = time.perf_counter() - t0
            context.close()
            for _ in range(args.runs):
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                page = context.new_page()
                t0 = time.perf_counter()
                page.goto(base)
                page.locator(".kk-map[data-ready='1']").wait_for(state="attached", timeout=60_000)
                cold.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                page.reload()
                page.locator(".kk-map[data-ready='1']").wait_for(state="attached", timeout=60_000)
                warm.append(time.perf_counter() - t0)

                page.get_by_role("link", name="Routes", exact=True).click()
                page.get_by_role("button", name="Zoek routes").wait_for()
                t0 = time.perf_counter()
                page.get_by_role("button", name="Zoek routes").click()
                page.get_by_text("route(s) gevonden").wait_for(timeout=60_000)
                page.locator(".kk-map[data-ready='1']").wait_for(state="attached", timeout=60_000)
                routes.append(time.perf_counter() - t0)
                context.close()

                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                page = context.new_page()
                t0 = time.perf_counter()
                page.goto(base + "?presentatie=1")
                page.locator(".kk-present .kk-map[data-ready='1']").wait_for(state="attached", timeout=60_000)
                present.append(time.perf_counter() - t0)
                context.close()
            browser.close()
    finally:
        stop(server)

    def fmt(values: list[float]) -> str:
        return (f"median {statistics.median(values):.2f} s, min {min(values):.2f} s, max {max(values):.2f} s "
                f"(n={len(values)})")

    print(f"server start until healthy:            {startup:.2f} s")
    print(f"first map load (server caches cold):   {first:.2f} s")
    print(f"map interactive, new browser context:  {fmt(cold)}")
    print(f"map interactive, page reload:          {fmt(warm)}")
    print(f"route query round trip:                {fmt(routes)}")
    print(f"presentation mode interactive (new):   {fmt(present)}")
    print("goal: map interactive < 3 s")


if __name__ == "__main__":
    main()
