"""bench/viewer.py PAGE RUNS - the interactive page in headless Chromium,
as measured by the page itself (bench/run.sh runs it):

  first_paint_ms  the first contentful paint after the page was opened
                  (the Paint Timing API), median of RUNS loads;
  toggle_ms       one tie-kind checkbox clicked, from the click's handler
                  to the next frame drawn, median of 4 * RUNS clicks, off
                  and on in turn, a fifth of a second apart as a reader
                  clicks (not while the browser still rasterises the frame
                  before; the page's own timing: relgraphViewer.lastUpdate);
  toggle_script_ms  the script's share of that.

Prints "name value" lines."""
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from browser import Browser, missing  # noqa: E402


def main():
    page, runs = sys.argv[1], int(sys.argv[2])
    why = missing()
    if why:
        sys.exit("bench/viewer.py: " + why)
    paints, toggles, scripts = [], [], []
    with Browser(1400, 900) as b:
        for _ in range(runs):
            b.open(page)
            fcp = None
            for _ in range(100):
                fcp = b.js("var e = performance.getEntriesByName('first-contentful-paint');"
                           "return e.length ? e[0].startTime : null;")
                if fcp is not None:
                    break
                time.sleep(0.05)
            paints.append(fcp)
        box = b.driver.find_element("css selector", "#rg-kinds input[data-kind]")
        for _ in range(4 * runs):
            time.sleep(0.2)
            b.js("window.relgraphViewer.lastUpdate = null")
            box.click()
            t = None
            for _ in range(400):
                t = b.js("return window.relgraphViewer.lastUpdate")
                if t:
                    break
                time.sleep(0.01)
            toggles.append(t["frame"])
            scripts.append(t["script"])
    print("first_paint_ms %.1f" % statistics.median(paints))
    print("toggle_ms %.1f" % statistics.median(toggles))
    print("toggle_script_ms %.1f" % statistics.median(scripts))


if __name__ == "__main__":
    main()
