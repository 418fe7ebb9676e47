"""`poclint report` in a real browser: headless Chromium loads the review of a weak fixture,
takes screenshots (wide, phone, PDF), and the rendered DOM is checked: the badge, five bars,
one highlight per diagnostic, and that no script from the application ran.

Skipped when Chromium is absent; `make test-browser` installs Debian's `chromium` and sets
POCLINT_REQUIRE_BROWSER=1, which turns the skip into a failure. Screenshots go to
$POCLINT_SCREENSHOTS when set (for a person to look at), else to the test's temporary folder.
"""
import json
import os
import pathlib
import shutil
import struct
import subprocess
from html.parser import HTMLParser

import pytest

from conftest import FIXTURES, POCLINT

WEAK = FIXTURES / "floor-real-estate-listings.md"
BINARY = (os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
          or shutil.which("google-chrome"))

# Planted in a copy of the fixture: each would change the page if it ran.
HOSTILE = """

<script>document.title='PWNED'</script>

<img src=x onerror="document.getElementById('badge').textContent='PWNED';document.title='PWNED'">

Inline too: <img src=y onerror="document.title='PWNED'"> and <script>document.title='PWNED'</script> here.
"""


@pytest.fixture(scope="module")
def chromium():
    if not BINARY:
        reason = "Chromium is not installed: `make test-browser` installs Debian's chromium and runs this test"
        if os.environ.get("POCLINT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return BINARY


def browse(binary, profile, *args):
    cmd = [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
           "--disable-extensions", "--disable-sync", "--disable-background-networking", "--disable-component-update",
           "--hide-scrollbars", f"--user-data-dir={profile}", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0, r.stderr[-2000:]
    return r


def dump_dom(binary, profile, page):
    # A virtual-time budget lets anything that would run (an onerror, a script) run first.
    return browse(binary, profile, "--virtual-time-budget=3000", "--dump-dom", page.as_uri()).stdout


def screenshot(binary, profile, page, out, width, height):
    browse(binary, profile, f"--screenshot={out}", f"--window-size={width},{height}", page.as_uri())
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    w, h = struct.unpack(">II", data[16:24])
    assert (w, h) == (width, height)
    assert len(data) > 20_000, "a blank page compresses to almost nothing"
    return data


class DOM(HTMLParser):
    """The few facts the assertions need from the rendered DOM."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tags = {}
        self.title = ""
        self.badge = ""
        self.bars = []
        self.findings = []
        self.in_title = False
        self.badge_depth = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "title" and not self.stack_has("svg"):
            self.in_title = True
        if a.get("id") == "badge":
            self.badge_depth = len(self.stack)
        if tag == "rect" and "bar" in classes:
            self.bars.append(a)
        if "finding" in classes:
            self.findings.append(a)
        if tag not in ("meta", "br", "hr", "img", "link", "input"):
            self.stack.append(tag)

    def stack_has(self, tag):
        return tag in self.stack

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if self.badge_depth is not None and len(self.stack) <= self.badge_depth:
            self.badge_depth = None

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.badge_depth is not None:
            self.badge += data


def parse(dom_text):
    d = DOM()
    d.feed(dom_text)
    return d


def lint(path):
    r = subprocess.run([POCLINT, "lint", "--format", "json", str(path)], capture_output=True, text=True, timeout=120)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["files"][0]


def report(path, out):
    r = subprocess.run([POCLINT, "report", str(path), "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return out


@pytest.fixture
def shots(tmp_path):
    where = os.environ.get("POCLINT_SCREENSHOTS")
    folder = pathlib.Path(where) if where else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_weak_fixture_renders_badge_bars_and_every_finding(chromium, tmp_path, shots):
    draft = tmp_path / WEAK.name
    shutil.copy(WEAK, draft)
    page = report(draft, tmp_path / "review.html")
    expected = lint(draft)
    p = expected["prediction"]
    assert p["tier"] == "floor"

    dom = parse(dump_dom(chromium, tmp_path / "profile", page))
    assert " ".join(dom.badge.split()) == "predicted floor $10K"
    assert dom.title.startswith("Review: Listwell: Bedrock POC credit application (floor, $10K)")
    assert len(dom.bars) == 5
    assert sorted(b["data-component"] for b in dom.bars) == sorted(["use-case", "model", "evaluation", "budget", "timeline"])
    scores = {c["component"]: round(c["score"], 1) for c in p["components"]}
    for b in dom.bars:
        assert float(b["data-score"]) == scores[b["data-component"]]
    assert len(dom.findings) == len(expected["diagnostics"]) == 10
    assert [f["data-finding"] for f in dom.findings] == [str(i) for i in range(1, 11)]
    assert dom.tags.get("script", 0) == 0

    screenshot(chromium, tmp_path / "profile", page, shots / "report-wide.png", 1280, 2000)
    screenshot(chromium, tmp_path / "profile", page, shots / "report-phone.png", 390, 1600)
    pdf = shots / "report.pdf"
    browse(chromium, tmp_path / "profile", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


def test_no_script_from_the_application_runs(chromium, tmp_path, shots):
    draft = tmp_path / "hostile.md"
    draft.write_text(WEAK.read_text() + HOSTILE)
    page = report(draft, tmp_path / "hostile.html")
    expected = lint(draft)

    dom_text = dump_dom(chromium, tmp_path / "profile", page)
    dom = parse(dom_text)
    assert "PWNED" not in dom.title
    assert dom.title.startswith("Review: Listwell")
    assert " ".join(dom.badge.split()) == "predicted floor $10K", "the badge is unchanged"
    assert dom.tags.get("script", 0) == 0 and dom.tags.get("img", 0) == 0, "the application's elements are text"
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom_text, "shown, escaped"
    assert len(dom.findings) == len(expected["diagnostics"])
    assert len(dom.bars) == 5
    screenshot(chromium, tmp_path / "profile", page, shots / "report-hostile.png", 1280, 2000)
