"""Benchmark the UI in a real headless Chromium. Prints figures; asserts nothing.

Usage::

    .venv/bin/python benchmarks/bench_ui.py [--runs 5] [--regions 25] [--skip-national]

Figures, each a median over ``--runs`` (min and max beside it):

- **map interactive, new browser context**: from navigation start until the
  Haaglanden map is drawn and answers (``.kk-map[data-ready='1']``), in a new
  browser context (nothing cached). Goal: under 2 s (before this work: 3.0 s).
- **map interactive, page reload**: the same, warm.
- **presentation mode interactive**: the map opened from ``?presentatie=1``.
- **story step change, on screen**: from an arrow key until the next step is lit
  and told (the player steps in the browser). Goal: under 300 ms.
- **story step change, in the address**: until the server knows the step and
  the address says ``stap=n`` (a shareable link).
- **route query round trip**: from the click on "Zoek routes" until the routes
  and the highlighted map are on screen.
- **national overview interactive**: a second server on the synthetic national
  chain (``benchmarks/generate_national.py``, 580 organisations), map opened in
  a new context. Goal: under 3 s.

The first load of each server warms its caches (reading and laying out the
chain) and is reported separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.plugin import CHROMIUM, CHROMIUM_ARGS, free_port, start_streamlit, stop

READY = ".kk-map[data-ready='1']"


def _open(browser, url: str, selector: str = READY, size=(1440, 1000)) -> tuple[float, object, object]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.locator(selector).first.wait_for(state="attached", timeout=60_000)
    return time.perf_counter() - t0, context, page


def fmt(values: list[float], unit: str = "s") -> str:
    if not values:
        return "n/a"
    scale = 1000 if unit == "ms" else 1
    return (f"median {statistics.median(values) * scale:.{0 if unit == 'ms' else 2}f} {unit}, "
            f"min {min(values) * scale:.{0 if unit == 'ms' else 2}f}, max {max(values) * scale:.{0 if unit == 'ms' else 2}f}"
            f" (n={len(values)})")


def haaglanden(browser, base: str, runs: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {k: [] for k in ("cold", "warm", "present", "step_screen", "step_address",
                                                       "routes", "first")}
    first, context, _ = _open(browser, base)
    figures["first"].append(first)
    context.close()
    for _ in range(runs):
        cold, context, page = _open(browser, base)
        figures["cold"].append(cold)
        t0 = time.perf_counter()
        page.reload()
        page.locator(READY).first.wait_for(state="attached", timeout=60_000)
        figures["warm"].append(time.perf_counter() - t0)
        page.goto(base + "routes")
        page.get_by_role("button", name="Zoek routes").wait_for()
        t0 = time.perf_counter()
        page.get_by_role("button", name="Zoek routes").click()
        page.get_by_text("route(s) gevonden").wait_for(timeout=60_000)
        page.locator(READY).first.wait_for(state="attached", timeout=60_000)
        figures["routes"].append(time.perf_counter() - t0)
        context.close()

        present, context, _ = _open(browser, base + "?presentatie=1")
        figures["present"].append(present)
        context.close()

        _, context, page = _open(browser, base + "verhalen?verhaal=school-naar-ots&stap=1&presentatie=1",
                                 ".kk-player " + READY, size=(1920, 1080))
        page.wait_for_timeout(300)
        for step in range(2, 9):
            t0 = time.perf_counter()
            page.keyboard.press("ArrowRight")
            page.locator(f".kk-player[data-step='{step}']").wait_for(timeout=10_000)
            figures["step_screen"].append(time.perf_counter() - t0)
            page.wait_for_function(f"() => location.search.includes('stap={step}')", timeout=10_000)
            figures["step_address"].append(time.perf_counter() - t0)
        context.close()
    return figures


def national(browser, runs: int, regions: int) -> tuple[float, list[float]]:
    from benchmarks.generate_national import national_model
    from loaders.writers import write_export

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "national.xlsx"
        write_export(national_model(regions), "xlsx", path)
        port = free_port()
        server = start_streamlit(port, env={"KETENKAART_DATA": str(path)})
        base = f"http://127.0.0.1:{port}/"
        try:
            first, context, _ = _open(browser, base)
            context.close()
            times = []
            for _ in range(runs):
                elapsed, context, _ = _open(browser, base)
                times.append(elapsed)
                context.close()
            return first, times
        finally:
            stop(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--regions", type=int, default=25)
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    port = free_port()
    t0 = time.perf_counter()
    server = start_streamlit(port)
    startup = time.perf_counter() - t0
    base = f"http://127.0.0.1:{port}/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            figures = haaglanden(browser, base, args.runs)
            stop(server)
            server = None
            national_first, national_times = (None, []) if args.skip_national else \
                national(browser, args.runs, args.regions)
            browser.close()
    finally:
        if server is not None:
            stop(server)

    print(f"server start until healthy:              {startup:.2f} s")
    print(f"first map load (server caches cold):     {figures['first'][0]:.2f} s")
    print(f"map interactive, new browser context:    {fmt(figures['cold'])}   (before: 3.0 s; goal < 2 s)")
    print(f"map interactive, page reload:            {fmt(figures['warm'])}")
    print(f"presentation mode interactive (new):     {fmt(figures['present'])}")
    print(f"story step change, on screen:            {fmt(figures['step_screen'], 'ms')}   (goal < 300 ms)")
    print(f"story step change, in the address:       {fmt(figures['step_address'], 'ms')}")
    print(f"route query round trip:                  {fmt(figures['routes'])}")
    if national_times:
        print(f"national chain ({args.regions} regions), first load: {national_first:.2f} s")
        print(f"national overview interactive (new):     {fmt(national_times)}   (goal < 3 s)")


if __name__ == "__main__":
    main()
