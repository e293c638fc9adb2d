"""screenshot.py PAGE[#FRAGMENT] WIDTHxHEIGHT PICTURE - a PNG of an HTML
page of relgraph's as headless Chromium shows it at that window size, once
its script has run, opened with FRAGMENT (#actor-ID: that actor's focus)
when one is given (make screenshots)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, missing  # noqa: E402


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: screenshot.py PAGE[#FRAGMENT] WIDTHxHEIGHT PICTURE")
    page, size, picture = sys.argv[1:]
    page, hash_, fragment = page.partition("#")
    why = missing()
    if why:
        sys.exit("screenshot: " + why)
    width, height = (int(x) for x in size.split("x"))
    with Browser(width, height) as b:
        # The window's inner size, not its outer one.
        b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": False})
        b.open(page, hash_ + fragment)
        ready = b.js("return !!window.relgraphViewer")
        if not ready:
            sys.exit("screenshot: the page's script did not run: %s"
                     % b.console())
        b.driver.save_screenshot(picture)
    print("screenshot: wrote " + picture)


if __name__ == "__main__":
    main()
