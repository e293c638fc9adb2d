"""viewer.py - relgraph's interactive page (-o x.html) in a real browser:
headless Chromium driven through chromium-driver by python3-selenium
(tests/browser.py), every control by mouse, keyboard or touch, the URL
fragment, the evidence panel, the CSP, no network request, hostile text,
the themes and print. What the page shows is compared with what relgraph
itself keeps for the same filter (--as-of, --exclude-kinds, --focus), run
on the same file.

Run by tests/test_viewer.c (make check) as
    python3 tests/viewer.py [-v] [TestCase...]
with $RELGRAPH naming the binary. Prints unittest's report; exit status 0
when every test passed.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, missing  # noqa: E402

RELGRAPH = os.environ.get("RELGRAPH") or "./relgraph"
SEED = "data/iran-us-talks-2007.yaml"
DEAL = "data/iran-nuclear-deal-2013-2018.yaml"

SMALL = """\
title: A small dossier
description: Three actors and their ties.
sources:
  s: {title: Report, publisher: Wire, date: 2007-05, url: "https://example.org/r?a=1&b=2"}
  old: {title: Old letter}
groups:
  g: {name: Side}
actors:
  a: {name: Alpha, role: Envoy, kind: person, group: g, aliases: [Al, "\u00c1lfa"],
      note: "First line\\nsecond line", url: "https://example.org/a", sources: [s, old]}
  b: {name: Beta, kind: country, role: "Capital \u0152uvre"}
  c: {name: Gamma}
  d: {name: Delta}
ties:
  - {from: a, to: b, kind: accuses, label: arms, date: 2007-05-28, status: alleged,
     weight: 4, note: said twice, source: s}
  - {id: t2, between: [a, b, c], kind: talks, label: round table, start: 2007, end: 2008-06}
  - {from: b, to: c, kind: accuses, start: 2009}
  - {from: c, to: d, kind: supports}
"""

HOSTILE = """\
title: "</title><script>window.pwned=1</script>"
description: "</p><img src=x onerror=window.pwned=2>"
sources:
  s: {title: "</script><script>window.pwned=3</script>", url: "https://example.org/x"}
kinds:
  ties:
    k: {label: "</label><input autofocus onfocus=window.pwned=4>"}
actors:
  a: {name: "<script>window.pwned=5</script>", role: "<b onclick=x>bold</b>",
      aliases: ["</script>", "]]>"], note: "&lt;b&gt; <!-- -->", source: s}
  b: {name: "<svg onload=window.pwned=6>"}
ties:
  - {from: a, to: b, kind: k, label: "<!-- <script>window.pwned=7</script>"}
"""

# State of the page as the tests read it: which objects are shown, dimmed,
# matched; the view box.
STATE_JS = """
var m = JSON.parse(document.getElementById('rg-model').textContent);
function gone(id) {
  var e = document.getElementById(id);
  if (!e) return null;
  var h = e.classList.contains('rg-hidden');
  if (h !== (getComputedStyle(e).display === 'none')) throw new Error('class and display differ: ' + id);
  return h;
}
function has(id, c) { var e = document.getElementById(id); return !!e && e.classList.contains(c); }
var ties = [], lines = true;
m.ties.forEach(function (t) {
  var h = gone(t.el);
  /* A bundled line kept for its other ties: this one is out. */
  if (h === false && has(t.el, 'rg-out')) h = true;
  t.lines.forEach(function (l) { if (gone(l) !== h) lines = false; });
  if (!h) ties.push(t.el);
});
return {
  ties: ties, linesFollow: lines,
  actors: m.actors.filter(function (a) { return !gone(a.el); }).map(function (a) { return a.el; }),
  dim: m.actors.filter(function (a) { return has(a.el, 'rg-dim'); }).map(function (a) { return a.el; }),
  dimTies: m.ties.filter(function (t) { return has(t.el, 'rg-dim'); }).map(function (t) { return t.el; }),
  match: m.actors.filter(function (a) { return has(a.el, 'rg-match'); }).map(function (a) { return a.el; }),
  focus: m.actors.filter(function (a) { return has(a.el, 'rg-focus'); }).map(function (a) { return a.el; }),
  hash: location.hash,
  viewBox: document.querySelector('#rg-stage svg').getAttribute('viewBox'),
  status: document.getElementById('rg-status').textContent,
  active: document.activeElement ? document.activeElement.id : null
};
"""


def run_relgraph(*args):
    return subprocess.run([RELGRAPH, "-q"] + list(args), capture_output=True,
                          text=True)


def page_model(path):
    """The model JSON of a page relgraph wrote."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r'<script type="application/json" id="rg-model">(.*?)</script>',
                  text, re.S)
    return json.loads(m.group(1))


class Pages:
    """The pages the tests open, made once in a scratch directory."""
    dir = None

    @classmethod
    def make(cls):
        cls.dir = tempfile.mkdtemp(prefix="rg-viewer-")
        cls.write("small.yaml", SMALL)
        cls.write("hostile.yaml", HOSTILE)
        for name, src, extra in (("seed", SEED, []), ("deal", DEAL, []),
                                 ("small", cls.path("small.yaml"), []),
                                 ("hostile", cls.path("hostile.yaml"), []),
                                 ("dark", SEED, ["--theme", "dark"]),
                                 ("mono", SEED, ["--theme", "mono"])):
            r = run_relgraph(src, *extra, "-o", cls.path(name + ".html"))
            assert r.returncode == 0, r.stderr

    @classmethod
    def path(cls, name):
        return os.path.join(cls.dir, name)

    @classmethod
    def write(cls, name, text):
        with open(cls.path(name), "w", encoding="utf-8") as f:
            f.write(text)

    @classmethod
    def kept(cls, src, *filters):
        """What relgraph SRC FILTERS keeps: (tie ids, actor ids), or empty
        sets when nothing is left."""
        out = cls.path("kept.html")
        r = run_relgraph(src, *filters, "-o", out)
        if r.returncode == 1 and "nothing is left to draw" in r.stderr:
            return set(), set()
        assert r.returncode == 0, r.stderr
        m = page_model(out)
        return ({t["el"] for t in m["ties"]}, {a["el"] for a in m["actors"]})


browser = None


def setUpModule():
    global browser
    Pages.make()
    browser = Browser()


def tearDownModule():
    if browser:
        browser.close()
    shutil.rmtree(Pages.dir, ignore_errors=True)


class PageTest(unittest.TestCase):
    def open(self, name, fragment=""):
        browser.requests()  # what came before is not this page's
        browser.open(Pages.path(name + ".html"), fragment)
        self.assertTrue(browser.js("return !!window.relgraphViewer"),
                        "the page's script did not run: %s" % browser.console())
        self.d = browser.driver

    def state(self):
        s = browser.js(STATE_JS)
        self.assertTrue(s["linesFollow"], "a multi-party tie's lines and box differ")
        return s

    def el(self, css):
        from selenium.webdriver.common.by import By
        return self.d.find_element(By.CSS_SELECTOR, css)

    def keys(self, *keys, target=None):
        from selenium.webdriver.common.action_chains import ActionChains
        chain = ActionChains(self.d)
        if target is not None:
            chain.click(target)
        for k in keys:
            chain.send_keys(k)
        chain.perform()

    def click(self, element):
        from selenium.webdriver.common.action_chains import ActionChains
        ActionChains(self.d).move_to_element(element).click().perform()

    def shape(self, el_id):
        """An actor's outline (the element a person would click)."""
        return self.el("#%s :is(ellipse, polygon, path)" % el_id)


class TestLoading(PageTest):
    def test_no_request_and_the_csp(self):
        self.open("seed")
        # The page itself and nothing else.
        self.assertEqual(browser.requests(), [("file://" + Pages.path("seed.html"), None)])
        self.assertEqual(browser.js(
            "return performance.getEntriesByType('resource').length"), 0)
        csp = browser.js("return document.querySelector("
                         "'meta[http-equiv=\"Content-Security-Policy\"]').content")
        self.assertRegex(csp, r"^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; "
                              r"style-src 'sha256-[A-Za-z0-9+/]{43}='; base-uri 'none'; "
                              r"form-action 'none'$")
        # The CSP is enforced: an injected script does not run, and a
        # fetch, an image or a style sheet from elsewhere is refused.
        result = browser.driver.execute_async_script("""
            var done = arguments[arguments.length - 1], seen = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              seen.push(e.effectiveDirective);
            });
            var s = document.createElement('script');
            s.textContent = 'window.injected = 1';
            document.body.appendChild(s);
            var img = document.createElement('img');
            img.src = 'https://example.org/x.png';
            document.body.appendChild(img);
            var st = document.createElement('style');
            st.textContent = 'body { color: red }';
            document.head.appendChild(st);
            fetch('https://example.org/').then(function () { done('fetched'); },
              function () { setTimeout(function () {
                done({injected: window.injected || 0, seen: seen.sort(),
                      color: getComputedStyle(document.body).color}); }, 200); });
        """)
        self.assertEqual(result["injected"], 0)
        self.assertEqual(result["seen"], ["connect-src", "img-src", "script-src-elem",
                                          "style-src-elem"])
        self.assertNotEqual(result["color"], "rgb(255, 0, 0)")
        # Those attempts were stopped before the network: the image's by the
        # CSP, the fetch before it was even a request.
        self.assertEqual(browser.requests(), [("https://example.org/x.png", "csp")])

    def test_fitted_at_start(self):
        self.open("seed")
        s = self.state()
        m = re.match(r'<svg width="[^"]*" height="[^"]*"\s+viewBox="([^"]*)"',
                     open(Pages.path("seed.html"), encoding="utf-8").read()
                     .split("<main", 1)[1].split("\n", 1)[1])
        self.assertEqual([float(x) for x in s["viewBox"].split()],
                         [float(x) for x in m.group(1).split()])
        r = browser.js("""
            var st = document.getElementById('rg-stage').getBoundingClientRect();
            var g = document.querySelector('#rg-stage svg > g').getBoundingClientRect();
            return [st.left, st.top, st.right, st.bottom, g.left, g.top, g.right, g.bottom];""")
        sl, st, sr, sb, gl, gt, gr, gb = r
        self.assertTrue(gl >= sl - 1 and gt >= st - 1 and gr <= sr + 1 and gb <= sb + 1,
                        "the drawing is not inside the window: %s" % r)
        # Fitted: as wide or as tall as the stage.
        self.assertTrue(abs((gr - gl) - (sr - sl)) < 2 or abs((gb - gt) - (sb - st)) < 2, r)

    def test_every_data_file(self):
        files = sorted(glob.glob("data/*.yaml") + glob.glob("tests/data/*.yaml"))
        self.assertGreaterEqual(len(files), 5)
        for f in files:
            out = Pages.path("each.html")
            r = run_relgraph(f, "-o", out)
            self.assertEqual(r.returncode, 0, f + ": " + r.stderr)
            browser.requests()
            browser.open(out)
            self.assertTrue(browser.js("return !!window.relgraphViewer"), f)
            self.assertEqual(browser.console(), [], f)
            self.assertEqual(browser.requests(), [("file://" + out, None)], f)
            n = browser.js("return document.querySelectorAll('#rg-stage g.actor[tabindex=\"0\"]').length")
            self.assertEqual(n, len(page_model(out)["actors"]), f)


LAYERS_JS = """
return Array.from(document.querySelectorAll('#rg-stage > svg')).map(function (s) {
  var kinds = new Set();
  s.querySelectorAll('g.edge.tie').forEach(function (e) {
    e.classList.forEach(function (c) { if (c.indexOf('kind-') === 0) kinds.add(c.slice(5)); });
  });
  var r = s.getBoundingClientRect(), cs = getComputedStyle(s);
  return {kinds: Array.from(kinds), clusters: s.querySelectorAll('g.cluster').length,
          actors: s.querySelectorAll('g.actor').length,
          background: !!s.querySelector(':scope > g > polygon:first-of-type'),
          title: !!s.querySelector(':scope > title'), viewBox: s.getAttribute('viewBox'),
          rect: [r.left, r.top, r.width, r.height], events: cs.pointerEvents,
          change: cs.willChange, position: cs.position};
});
"""


class TestLayers(PageTest):
    def test_layers(self):
        """The drawing as stacked layers (viewer.js): background and group
        boxes, then the lines of the four kinds with the most lines one
        layer each and the other kinds' in one more, in the kinds' order,
        then the actors; every layer over the same box with the same view.
        test_tie clicks a line under the top layer."""
        self.open("seed")
        model = page_model(Pages.path("seed.html"))
        kinds = [k["id"] for k in model["kinds"]]
        self.assertEqual(len(kinds), 12)
        lines = browser.js("""
            var n = {};
            document.querySelectorAll('#rg-stage g.edge.tie').forEach(function (e) {
              e.classList.forEach(function (c) {
                if (c.indexOf('kind-') === 0) n[c.slice(5)] = (n[c.slice(5)] || 0) + 1; });
            });
            return n;""")
        self.assertEqual(sorted(lines), sorted(kinds))
        own = sorted(kinds, key=lambda k: (-lines[k], kinds.index(k)))[:4]
        self.assertGreater(lines[own[3]], min(lines.values()))
        rest = [k for k in kinds if k not in own]
        expected = []
        for k in kinds:
            if k in own:
                expected.append([k])
            elif k == rest[0]:
                expected.append(rest)
        layers = browser.js(LAYERS_JS)
        self.assertEqual(len(layers), 1 + 5 + 1)
        bottom, top = layers[0], layers[-1]
        n_clusters = browser.js("return document.querySelectorAll('#rg-stage g.cluster').length")
        self.assertEqual((bottom["background"], bottom["clusters"], bottom["actors"],
                          bottom["kinds"]), (True, n_clusters, 0, []))
        self.assertGreaterEqual(n_clusters, 5)
        self.assertEqual((top["title"], top["clusters"], top["actors"], top["kinds"]),
                         (True, 0, len(model["actors"]), []))
        self.assertEqual([sorted(l["kinds"], key=kinds.index) for l in layers[1:-1]], expected)
        for l in layers:
            self.assertEqual((l["events"], l["change"], l["position"]),
                             ("none", "transform", "absolute"))
            self.assertEqual(l["rect"], top["rect"])
            self.assertEqual(l["viewBox"], top["viewBox"])
        # Zoomed, every layer keeps the same view.
        self.keys("+", target=self.el("#rg-status"))
        zoomed = browser.js(LAYERS_JS)
        self.assertNotEqual(zoomed[0]["viewBox"], top["viewBox"])
        self.assertEqual({l["viewBox"] for l in zoomed}, {zoomed[0]["viewBox"]})

    def test_fitted_without_a_viewbox(self):
        """An SVG without a viewBox fits to what all the layers draw: the
        background, at the bottom, spans the whole drawing."""
        text = open(Pages.path("seed.html"), encoding="utf-8").read()
        m = re.search(r'(<svg width="[^"]*" height="[^"]*"\s+)viewBox="([^"]*)" ', text)
        written = [float(x) for x in m.group(2).split()]
        Pages.write("nobox.html", text.replace(m.group(0), m.group(1), 1))
        self.open("nobox")
        self.assertIsNone(browser.js("return document.querySelector('#rg-stage svg')"
                                     ".getAttribute('viewBox')"))
        self.keys("0", target=self.el("#rg-status"))
        fitted = [float(x) for x in self.state()["viewBox"].split()]
        for got, want in zip(fitted, written):
            self.assertAlmostEqual(got, want, delta=1.5)


class TestPanAndZoom(PageTest):
    def view(self):
        return [float(x) for x in self.state()["viewBox"].split()]

    def test_keyboard(self):
        self.open("seed")
        home = self.view()
        body = self.el("body")
        self.keys("+", target=self.el("#rg-status"))
        v = self.view()
        self.assertAlmostEqual(v[2], home[2] / 1.25, places=2)
        self.assertAlmostEqual(v[3], home[3] / 1.25, places=2)
        self.keys("-")
        self.assertAlmostEqual(self.view()[2], home[2], places=2)
        self.keys("-", "-")
        self.assertAlmostEqual(self.view()[2], home[2] / 0.64, places=2)
        self.keys("0")
        self.assertEqual(self.view(), home)
        # Arrows pan the drawing once it has the keyboard.
        self.keys("+", "\ue012", target=self.el("#rg-stage"))  # Left
        v = self.view()
        self.assertLess(v[0], home[0] + (home[2] - home[2] / 1.25) / 2 - 1)
        self.el("#rg-fit").click()
        self.assertEqual(self.view(), home)
        del body

    def test_mouse(self):
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
        self.open("seed")
        home = self.view()
        stage = self.el("#rg-stage")
        ActionChains(self.d).scroll_from_origin(
            ScrollOrigin.from_element(stage), 0, -300).perform()
        zoomed = self.view()
        self.assertLess(zoomed[2], home[2] * 0.8)
        # Dragging pans, and is not a click on what it started on.
        ActionChains(self.d).move_to_element_with_offset(stage, 10, 10).click_and_hold() \
            .move_by_offset(120, 60).release().perform()
        panned = self.view()
        self.assertLess(panned[0], zoomed[0] - 10)
        self.assertLess(panned[1], zoomed[1] - 5)
        self.assertEqual(panned[2], zoomed[2])
        self.assertEqual(self.state()["focus"], [])
        # The buttons.
        self.el("#rg-fit").click()
        self.assertEqual(self.view(), home)
        self.el("#rg-zoom-in").click()
        self.assertAlmostEqual(self.view()[2], home[2] / 1.25, places=2)
        self.el("#rg-zoom-out").click()
        self.assertAlmostEqual(self.view()[2], home[2], places=2)

    def test_touch(self):
        from selenium.webdriver.common.actions import interaction
        from selenium.webdriver.common.actions.action_builder import ActionBuilder
        from selenium.webdriver.common.actions.pointer_input import PointerInput
        self.open("seed")
        home = self.view()
        r = browser.js("var r = document.getElementById('rg-stage').getBoundingClientRect();"
                       "return [r.left + r.width / 2, r.top + r.height / 2];")
        cx, cy = int(r[0]), int(r[1])
        # Two fingers apart: a pinch that zooms in.
        actions = ActionBuilder(self.d)
        f1 = actions.add_pointer_input(interaction.POINTER_TOUCH, "finger1")
        f2 = actions.add_pointer_input(interaction.POINTER_TOUCH, "finger2")
        f1.create_pointer_move(x=cx - 20, y=cy)
        f2.create_pointer_move(x=cx + 20, y=cy)
        f1.create_pointer_down()
        f2.create_pointer_down()
        for step in range(1, 6):
            f1.create_pointer_move(x=cx - 20 - 20 * step, y=cy, duration=30)
            f2.create_pointer_move(x=cx + 20 + 20 * step, y=cy, duration=30)
        f1.create_pointer_up(0)
        f2.create_pointer_up(0)
        actions.perform()
        pinched = self.view()
        self.assertLess(pinched[2], home[2] / 2.5)
        # One finger pans.
        actions = ActionBuilder(self.d, mouse=PointerInput(interaction.POINTER_TOUCH, "f"))
        actions.pointer_action.move_to_location(cx, cy).pointer_down() \
            .move_to_location(cx + 100, cy + 40).pointer_up()
        actions.perform()
        panned = self.view()
        self.assertLess(panned[0], pinched[0] - 5)
        self.assertAlmostEqual(panned[2], pinched[2], places=3)


class TestFilters(PageTest):
    def test_kinds(self):
        self.open("seed")
        boxes = self.d.find_elements("css selector", "#rg-kinds input[type=checkbox][data-kind]")
        kinds = [b.get_attribute("data-kind") for b in boxes]
        self.assertEqual(kinds, [k["id"] for k in page_model(Pages.path("seed.html"))["kinds"]])
        self.assertTrue(all(b.is_selected() for b in boxes))
        # Unchecking kinds shows what --exclude-kinds keeps.
        off = []
        for kind in ("accuses", "talks", "reports"):
            self.click(self.el('#rg-kinds input[data-kind="%s"]' % kind))
            off.append(kind)
            s = self.state()
            ties, acts = Pages.kept(SEED, "--exclude-kinds", ",".join(off))
            self.assertEqual(set(s["ties"]), ties, off)
            self.assertEqual(set(s["actors"]), acts, off)
            self.assertIn("without " + ", ".join(k for k in kinds if k in off), s["status"])
        # The box of a multi-party tie goes with its kind.
        self.assertEqual(browser.js("return getComputedStyle(document.querySelector("
                                    "'g.node.tie.kind-talks')).display"), "none")
        self.click(self.el('#rg-kinds input[data-kind="talks"]'))
        self.assertNotEqual(browser.js("return getComputedStyle(document.querySelector("
                                       "'g.node.tie.kind-talks')).display"), "none")

    def test_date_slider(self):
        self.open("deal")
        dates = page_model(Pages.path("deal.html"))["dates"]
        self.assertGreater(len(dates), 5)
        slider = self.el("#rg-date")
        everything = self.state()
        self.assertTrue(self.el("#rg-all-dates").is_selected())
        # Home, then one step at a time: each date as --as-of keeps it.
        self.keys("\ue011", target=slider)  # Home
        for i, date in enumerate(dates):
            if i:
                self.keys("\ue014")  # Right
            s = self.state()
            self.assertEqual(self.el("#rg-date-shown").text, "as of " + date)
            self.assertFalse(self.el("#rg-all-dates").is_selected())
            ties, acts = Pages.kept(DEAL, "--as-of", date)
            self.assertEqual(set(s["ties"]), ties, date)
            self.assertEqual(set(s["actors"]), acts, date)
            self.assertIn("as of " + date, s["status"])
        self.click(self.el("#rg-all-dates"))
        s = self.state()
        self.assertEqual(s["ties"], everything["ties"])
        self.assertEqual(self.el("#rg-date-shown").text, "")

    def test_as_of_rule_against_relgraph(self):
        """The page's rule (one function) and filter.c's on the same
        cases: every kind of date and interval at dates in and outside
        the file's."""
        named = ["2006", "2007", "2007-02", "2007-02-28", "2008-02-29", "2007-12",
                 "2007-12-31", "2008"]
        lines = ["actors:"] + ["  a%d: {}" % i for i in range(2)] + ["ties:"]
        for d in named:
            lines.append("  - {from: a0, to: a1, kind: talks, date: %s}" % d)
            lines.append("  - {from: a0, to: a1, kind: talks, start: %s}" % d)
            lines.append("  - {from: a0, to: a1, kind: talks, end: %s}" % d)
        for i, s in enumerate(named):
            for e in named[i:]:
                lines.append("  - {from: a0, to: a1, kind: talks, start: %s, end: %s}" % (s, e))
        lines.append("  - {from: a0, to: a1, kind: supports}")
        Pages.write("dates.yaml", "\n".join(lines) + "\n")
        # Intervals whose end is before their start are refused: keep the rest.
        src = Pages.path("dates.yaml")
        r = run_relgraph("--check", src)
        if r.returncode:
            bad = {int(m.group(1)) for m in re.finditer(r":(\d+):\d+: error", r.stderr)}
            keep = [l for n, l in enumerate(lines, 1) if n not in bad]
            Pages.write("dates.yaml", "\n".join(keep) + "\n")
        r = run_relgraph(src, "-o", Pages.path("dates.html"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.open("dates")
        n = len(page_model(Pages.path("dates.html"))["ties"])
        self.assertGreater(n, 40)
        ids = browser.js("return JSON.parse(document.getElementById('rg-model')"
                         ".textContent).ties.map(function (t) { return t.el; })")
        for at in ["1999", "2006", "2006-12-31", "2007", "2007-01", "2007-01-01", "2007-02",
                   "2007-02-28", "2007-03-01", "2007-06-15", "2007-12", "2007-12-31",
                   "2008", "2008-01-01", "2008-02", "2008-02-29", "2008-03", "2009", "9999"]:
            page = browser.js("var v = window.relgraphViewer, out = [];"
                              "for (var i = 0; i < arguments[0]; i++)"
                              "  out.push(v.asOf(i, arguments[1]));"
                              "return out;", n, at)
            c_ties, _ = Pages.kept(src, "--as-of", at)
            self.assertEqual({ids[i] for i in range(n) if page[i]}, c_ties, at)


    def test_bundled_line(self):
        """A line that bundles ties of different dates stays while any of
        them is in force; its first tie, out, is marked rg-out."""
        Pages.write("bundle.yaml", "actors: {a: {}, b: {}}\nties:\n"
                    "  - {from: a, to: b, kind: supports, label: arms, date: 2007}\n"
                    "  - {from: a, to: b, kind: supports, label: funds, date: 2009}\n")
        r = run_relgraph(Pages.path("bundle.yaml"), "-o", Pages.path("bundle.html"))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.open("bundle")
        self.assertEqual(page_model(Pages.path("bundle.html"))["dates"], ["2007", "2009"])
        slider = self.el("#rg-date")
        self.keys("\ue011", target=slider)  # Home: 2007, the first tie alone
        s = self.state()
        self.assertEqual(s["ties"], ["tie-1"])
        self.assertFalse(browser.js("return document.getElementById('tie-1')"
                                    ".classList.contains('rg-out')"))
        self.keys("\ue014")  # Right: 2009, the second alone; the line stays
        s = self.state()
        self.assertEqual(s["ties"], ["tie-2"])
        self.assertNotEqual(browser.js("return getComputedStyle(document."
                                       "getElementById('tie-1')).display"), "none")
        self.assertTrue(browser.js("return document.getElementById('tie-1')"
                                   ".classList.contains('rg-out')"))


class TestSearchAndFocus(PageTest):
    def test_search(self):
        self.open("small")
        search = self.el("#rg-search")
        for typed, want in (("alfa", ["actor-a"]), ("ENVOY", ["actor-a"]),
                            ("oeuvre", []), ("\u0153uvre", ["actor-b"]),
                            ("capital", ["actor-b"]), ("a", ["actor-a", "actor-b", "actor-c",
                                                             "actor-d"]),
                            ("zzz", [])):
            search.clear()
            search.send_keys(typed)
            self.assertEqual(self.state()["match"], want, typed)
            found = self.el("#rg-found").text
            self.assertEqual(found, {0: "none found", 1: "1 found"}.get(
                len(want), "%d found" % len(want)), typed)
        # Accents and case, in the seed story's aliases too.
        self.open("seed")
        search = self.el("#rg-search")
        search.send_keys("WASHINGTON")
        # Washington is the United States' alias, and in the Sunni allies' role.
        self.assertEqual(self.state()["match"], ["actor-us", "actor-sunni_allies"])
        # Enter focuses the first match.
        search.clear()
        search.send_keys("kazemi\n")
        s = self.state()
        self.assertEqual(s["focus"], ["actor-kazemi"])
        self.assertEqual(s["active"], "actor-kazemi")
        self.assertEqual(s["hash"], "#actor-kazemi")
        self.assertEqual(self.el("#rg-details h2").text, "Hassan Kazemi Qomi")

    def assert_focus_is_relgraphs(self, src, actor_el):
        s = self.state()
        self.assertEqual(s["focus"], [actor_el])
        ties, acts = Pages.kept(src, "--focus", actor_el[len("actor-"):])
        lit_actors = set(s["actors"]) - set(s["dim"])
        lit_ties = set(s["ties"]) - set(s["dimTies"])
        self.assertEqual(lit_actors, acts)
        self.assertEqual(lit_ties, ties)
        self.assertEqual(s["hash"], "#" + actor_el)

    def test_focus_by_click(self):
        self.open("seed")
        self.click(self.shape("actor-iran"))
        self.assert_focus_is_relgraphs(SEED, "actor-iran")
        self.assertIn("focus: Iran (depth 1)", self.state()["status"])
        self.click(self.shape("actor-crocker"))
        self.assert_focus_is_relgraphs(SEED, "actor-crocker")
        # Escape resets.
        self.keys("\ue00c")
        s = self.state()
        self.assertEqual((s["focus"], s["dim"], s["dimTies"], s["hash"]), ([], [], [], ""))
        self.assertEqual(self.el("#rg-details h2").text, "About this diagram")

    def test_focus_by_keyboard(self):
        self.open("seed")
        order = browser.js("return Array.from(document.querySelectorAll("
                           "'#rg-stage g.actor')).map(function (g) { return g.id; })")
        model_order = [a["el"] for a in page_model(Pages.path("seed.html"))["actors"]]
        self.assertEqual(sorted(order), sorted(model_order))
        # From the drawing, Tab reaches every actor, one stop each, in order.
        self.el("#rg-stage").click()
        self.keys("\ue00c")
        reached = []
        for _ in order:
            self.keys("\ue004")  # Tab
            reached.append(self.state()["active"])
        self.assertEqual(reached, order)
        # Enter on one focuses it; Space too.
        self.keys("\ue007")
        self.assert_focus_is_relgraphs(SEED, order[-1])
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        ActionChains(self.d).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT) \
            .send_keys(Keys.SPACE).perform()
        self.assert_focus_is_relgraphs(SEED, order[-2])

    def test_show_all(self):
        self.open("deal")
        everything = self.state()
        self.click(self.el('#rg-kinds input[type=checkbox]'))
        self.keys("\ue011", target=self.el("#rg-date"))
        self.el("#rg-search").send_keys("iran")
        first = page_model(Pages.path("deal.html"))["actors"][0]["el"]
        self.click(self.shape(first))
        self.assertNotEqual(self.state()["ties"], everything["ties"])
        self.el("#rg-reset").click()
        s = self.state()
        self.assertEqual((s["ties"], s["actors"]), (everything["ties"], everything["actors"]))
        self.assertEqual((s["dim"], s["match"], s["focus"], s["hash"]), ([], [], [], ""))
        self.assertTrue(self.el("#rg-all-dates").is_selected())
        self.assertEqual(self.el("#rg-search").get_attribute("value"), "")
        self.assertTrue(all(b.is_selected() for b in self.d.find_elements(
            "css selector", "#rg-kinds input[type=checkbox]")))

    def test_fragment(self):
        self.open("seed", "#actor-iran")
        self.assert_focus_is_relgraphs(SEED, "actor-iran")
        self.assertEqual(self.el("#rg-details h2").text, "Iran")
        # A link to another actor of the same page.
        browser.js("location.hash = '#actor-crocker'")
        self.assert_focus_is_relgraphs(SEED, "actor-crocker")
        self.assertEqual(browser.js("return [document.getElementById('rg-stage').scrollTop,"
                                    "document.scrollingElement.scrollTop]"), [0, 0])
        # An unknown one changes nothing.
        self.open("seed", "#actor-nobody")
        self.assertEqual(self.state()["focus"], [])


class TestEvidence(PageTest):
    def panel(self):
        return browser.js("""
            var d = document.getElementById('rg-details');
            return {text: Array.from(d.querySelectorAll('h2, p, li')).map(function (e) {
                      return e.textContent; }),
                    links: Array.from(d.querySelectorAll('a')).map(function (a) {
                      return [a.getAttribute('href'), a.target, a.rel, a.textContent]; })};""")

    def test_tie(self):
        self.open("small")
        self.click(self.el("#tie-1 text"))
        p = self.panel()
        self.assertEqual(p["text"], ["Alpha accuses Beta", "arms", "2007-05-28, alleged, weight 4 of 5",
                                     "said twice", "Wire, 2007-05: Report", "Alpha", "Beta"])
        self.assertEqual(p["links"], [["https://example.org/r?a=1&b=2", "_blank",
                                       "noopener noreferrer", "Wire, 2007-05: Report"]])
        self.assertIn("rg-selected", self.el("#tie-1").get_attribute("class"))
        # A party's button focuses it.
        self.el("#rg-details ul.rg-parties li:nth-child(2) button").click()
        self.assertEqual(self.state()["focus"], ["actor-b"])
        # The box of a multi-party tie.
        self.click(self.el("#tie-t2 text"))
        p = self.panel()
        self.assertEqual(p["text"], ["Alpha, Beta and Gamma hold talks", "round table",
                                     "2007 to 2008-06", "Alpha", "Beta", "Gamma"])

    def test_actor(self):
        self.open("small")
        self.click(self.shape("actor-a"))
        p = self.panel()
        self.assertEqual(p["text"], [
            "Alpha", "Envoy", "person", "In: Side", "Also known as: Al, \u00c1lfa",
            "First line\nsecond line", "https://example.org/a", "Wire, 2007-05: Report",
            "Old letter", "Alpha accuses Beta \u2014 arms",
            "Alpha, Beta and Gamma hold talks \u2014 round table"])
        self.assertEqual(p["links"], [
            ["https://example.org/a", "_blank", "noopener noreferrer", "https://example.org/a"],
            ["https://example.org/r?a=1&b=2", "_blank", "noopener noreferrer",
             "Wire, 2007-05: Report"]])
        # A tie of the list opens that tie.
        self.el("#rg-details ul.rg-ties li:nth-child(2) button").click()
        self.assertEqual(self.el("#rg-details h2").text, "Alpha, Beta and Gamma hold talks")
        # Clicking the drawing follows no link.
        self.assertTrue(browser.driver.current_url.startswith("file://"))

    def test_hostile_text_stays_text(self):
        self.open("hostile")
        self.assertIsNone(browser.js("return window.pwned || null"))
        self.assertEqual(browser.js("return document.scripts.length"), 2)
        self.assertEqual(browser.js("return document.querySelectorAll("
                                    "'img, iframe, object, embed, input[autofocus], b, "
                                    "svg svg').length"), 0)
        self.assertEqual(self.d.title, "</title><script>window.pwned=1</script>")
        self.assertEqual(self.el("#rg-kinds label").text,
                         "</label><input autofocus onfocus=window.pwned=4>")
        self.click(self.shape("actor-a"))
        p = self.panel()
        self.assertEqual(p["text"][:4], ["<script>window.pwned=5</script>", "<b onclick=x>bold</b>",
                                         "Also known as: </script>, ]]>", "&lt;b&gt; <!-- -->"])
        self.el("#rg-search").send_keys("</script>")
        self.assertEqual(self.state()["match"], ["actor-a"])
        self.click(self.el("#tie-1 text"))
        self.assertEqual(self.panel()["text"][1], "<!-- <script>window.pwned=7</script>")
        self.assertIsNone(browser.js("return window.pwned || null"))
        self.assertEqual(browser.console(), [])


def luminance(rgb):
    def chan(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class TestThemesAndPrint(PageTest):
    COLOURS_JS = """
        function rgb(s) { return s.match(/\\d+/g).slice(0, 3).map(Number); }
        var out = {};
        arguments[0].forEach(function (sel) {
          var e = document.querySelector(sel), bg = e, c;
          while (bg && (c = getComputedStyle(bg).backgroundColor) === 'rgba(0, 0, 0, 0)')
            bg = bg.parentElement;
          out[sel] = [rgb(getComputedStyle(e).color), rgb(c || 'rgb(255,255,255)')];
        });
        out.drawing = rgb(document.querySelector('#rg-stage svg > g > polygon').getAttribute('fill')
                          .replace(/^#(..)(..)(..)$/, function (m, r, g, b) {
                            return 'rgb(' + parseInt(r, 16) + ',' + parseInt(g, 16) + ',' +
                                   parseInt(b, 16) + ')'; }));
        out.body = rgb(getComputedStyle(document.body).backgroundColor);
        return out;"""

    def test_themes_readable(self):
        parts = ["#rg-title", "#rg-status", "#rg-kinds label", "#rg-search", "#rg-reset",
                 "#rg-details p", "#rg-details h2"]
        for name in ("seed", "dark", "mono"):
            self.open(name)
            c = browser.js(self.COLOURS_JS, parts)
            for sel in parts:
                fg, bg = c[sel]
                self.assertGreaterEqual(contrast(fg, bg), 4.5, "%s %s: %s on %s" % (name, sel, fg, bg))
            # The page around the drawing has the drawing's background.
            self.assertEqual(c["body"], c["drawing"], name)

    def test_print_is_the_view(self):
        self.open("seed")
        self.click(self.el('#rg-kinds input[data-kind="accuses"]'))
        self.keys("+", "+", target=self.el("#rg-status"))
        before = self.state()
        browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        try:
            shown = browser.js("""
                function d(sel) { return getComputedStyle(document.querySelector(sel)).display; }
                return [d('#rg-controls'), d('#rg-stage'), d('#rg-title'),
                        d('g.edge.tie.kind-accuses'), d('g.edge.tie.kind-talks')];""")
            self.assertEqual(shown[0], "none")
            self.assertNotIn("none", shown[1:3])
            self.assertEqual(shown[3], "none")
            self.assertNotEqual(shown[4], "none")
            self.assertEqual(self.state()["viewBox"], before["viewBox"])
        finally:
            browser.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


if __name__ == "__main__":
    why = missing()
    if why:
        print("viewer: SKIPPED: " + why)
        sys.exit(77)
    unittest.main(verbosity=2)
