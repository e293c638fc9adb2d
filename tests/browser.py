"""browser.py - headless Chromium through Debian's chromium-driver and
python3-selenium, for the tests of the interactive page (tests/viewer.py)
and make bench (bench/viewer.py).

Chromium starts with a fresh profile each time, its network switched off
as far as flags go (no background networking, component updates, sync,
QUIC), and every request it might still make sent to a proxy that does
not exist: a request cannot reach anything, and the driver's performance
log shows it if one is tried.
"""
import json
import os
import shutil
import tempfile

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# A port nothing listens on: any request through the proxy fails at once.
DEAD_PROXY = "127.0.0.1:9"


def missing():
    """What is missing to drive the browser, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return path + " not found (Debian: chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "python3-selenium not found"
    return None


class Browser:
    """One headless Chromium, closed with close() (or as a context)."""

    def __init__(self, width=1280, height=860):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="rg-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = CHROMIUM
        for flag in ("--headless", "--no-sandbox", "--disable-gpu",
                     "--disable-quic", "--no-first-run",
                     "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--hide-scrollbars",
                     "--user-data-dir=" + self.profile,
                     "--proxy-server=" + DEAD_PROXY,
                     "--proxy-bypass-list=<-loopback>",
                     "--window-size=%d,%d" % (width, height)):
            opts.add_argument(flag)
        opts.set_capability("goog:loggingPrefs",
                            {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER),
                                       options=opts)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(30)

    def open(self, path, fragment=""):
        # From a blank page, so that a page differing only by its fragment
        # is loaded anew.
        self.driver.get("about:blank")
        self.driver.get("file://" + os.path.abspath(path) + fragment)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def requests(self):
        """Every request the page tried since the last call, as (URL,
        why it was blocked before the network: "csp", ..., or None)."""
        urls, blocked = [], {}
        for entry in self.driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            params = msg.get("params", {})
            if msg.get("method") == "Network.requestWillBeSent":
                urls.append((params["requestId"], params["request"]["url"]))
            elif msg.get("method") == "Network.loadingFailed":
                blocked[params["requestId"]] = params.get("blockedReason")
        return [(url, blocked.get(rid)) for rid, url in urls]

    def console(self):
        return [e["message"] for e in self.driver.get_log("browser")]

    def close(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
