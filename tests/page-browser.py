#!/usr/bin/env python3
"""The interactive page (render -T html, report --format html) in a real
browser: Selenium drives headless Chromium over pages that tests/page.sh made.

Usage: page-browser.py WORKDIR
WORKDIR holds, from tests/page.sh:
  ref.html, ref.json, ref-gaps.json    render -T html of the reference, its
                                       export -T json and gaps --format json
  gaps.html                            render -T html --gaps (of the reference)
  hostile.html, hostile.json,         render -T html, export and gaps of
  hostile-gaps.json                    tests/fixtures/hostile
  view.html                            render -T html --max-nodes 5 (the cluster view)
  report.html, report.json            report --format html and --format json
Every expected value comes from the export or the gaps JSON, not from the
page: neighbours are the ends of the export's collaboration and uses links,
a role's gaps those of the gaps JSON that name it.
Screenshots go to WORKDIR/*.png.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

work = sys.argv[1]
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("PASS: " + name)
    else:
        failed += 1
        print("FAIL: " + name + (": " + str(detail) if detail else ""))


def load(path):
    with open(os.path.join(work, path), encoding="utf-8") as f:
        return json.load(f)


def driver():
    o = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
              "--disable-background-networking", "--disable-component-update", "--no-first-run",
              "--disable-sync", "--user-data-dir=" + os.path.join(work, "profile")):
        o.add_argument(a)
    o.binary_location = os.environ["CHROMIUM"]
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(os.environ["CHROMEDRIVER"]), options=o)


def open_page(d, name):
    d.get("file://" + os.path.join(work, name))
    WebDriverWait(d, 20).until(lambda d: d.execute_script(
        "var r = document.getElementById('mg-explorer');"
        "return r && r.getAttribute('data-ready') === '1';"))


def errors(d):
    return [e for e in d.get_log("browser") if e["level"] == "SEVERE"]


def js(d, script, *args):
    return d.execute_script(script, *args)


def highlighted(d):
    return set(js(d, "return Array.from(document.querySelectorAll('#mg-view g.node.mg-on'))"
                     ".map(function (g) { return g.querySelector('title').textContent; });"))


def drawn(d):
    return set(js(d, "return Array.from(document.querySelectorAll('#mg-view g.node'))"
                     ".map(function (g) { return g.querySelector('title').textContent; });"))


def view_box(d):
    return [float(x) for x in js(d, "return document.querySelector('#mg-view svg')"
                                    ".getAttribute('viewBox');").split()]


def search(d, text):
    box = d.find_element(By.ID, "mg-search")
    box.clear()
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    return d.find_element(By.ID, "mg-explorer").get_attribute("data-selected")


class Org:
    """The export (node-link JSON) and gaps JSON, read independently of the page."""

    def __init__(self, export, gaps):
        self.nodes = {n["id"]: n for n in export["nodes"]}
        self.links = export["links"]
        self.gaps = gaps["gaps"] if gaps else []

    def id_of(self, kind, name):
        return [i for i, n in self.nodes.items() if n["type"] == kind and n["name"] == name][0]

    def neighbours(self, node):
        out = set()
        for l in self.links:
            if l["relation"] in ("collaboration", "uses") and node in (l["source"], l["target"]):
                out.add(l["target"] if l["source"] == node else l["source"])
        return out - {node}

    def names(self, node, relation):
        return sorted(self.nodes[l["target"] if l["source"] == node else l["source"]]["name"]
                      for l in self.links
                      if l["relation"] == relation and node in (l["source"], l["target"]))

    def gaps_of(self, node):
        n = self.nodes[node]
        key = "roles" if n["type"] == "role" else "tools"
        return [g for g in self.gaps if n["name"] in g[key]]


def panel_section(d, title):
    """The items under the side panel's heading 'title (n)', as text."""
    return js(d, """
        var title = arguments[0] + ' (';
        var h = Array.from(document.querySelectorAll('#mg-panel h3')).filter(function (h) {
            return h.textContent.indexOf(title) === 0; })[0];
        return h ? Array.from(h.nextElementSibling.children).map(function (li) {
            return li.textContent; }) : null;
    """, title)


def role_checks(d, org):
    # an alias finds the role; the highlight is the role and its neighbours
    mle = org.id_of("role", "Machine Learning Engineers")
    check("search by alias 'MLE' selects Machine Learning Engineers", search(d, "MLE") == mle)
    want = org.neighbours(mle) | {mle}
    check("the highlighted nodes are the role and its neighbours in export -T json",
          highlighted(d) == want, (sorted(highlighted(d)), sorted(want)))
    check("...and every other node is dimmed",
          js(d, "return document.querySelector('#mg-view svg').classList.contains('mg-dimmed')"))
    tools = panel_section(d, "Tools")
    check("the panel lists the role's tools as the export has them",
          sorted(tools or []) == org.names(mle, "uses"), (tools, org.names(mle, "uses")))
    hand = panel_section(d, "Handoffs") or []
    partners = sorted(org.nodes[n]["name"] for n in org.neighbours(mle)
                      if org.nodes[n]["type"] == "role")
    check("the panel lists a handoff for each partner in the export",
          len(hand) == len(partners) and all(any(p in h for h in hand) for p in partners),
          (hand, partners))
    gaps = panel_section(d, "Gaps") or []
    want_gaps = sorted("%s %s: %s" % (g["severity"], g["kind"], g["message"])
                       for g in org.gaps_of(mle))
    check("the panel lists the role's gaps as gaps --format json has them",
          sorted(gaps) == want_gaps, (gaps, want_gaps))
    title = d.find_element(By.CSS_SELECTOR, "#mg-panel h2").text
    check("the panel is titled with the role's name", title == "Machine Learning Engineers", title)


def click_checks(d, org):
    # a real click on a tool's node: the tool and the roles that use it
    tool = org.id_of("tool", "Jupyter Notebooks")
    node = d.find_element(By.XPATH, "//*[local-name()='g'][@class='node']"
                                    "[*[local-name()='title'][text()='%s']]" % tool)
    d.find_element(By.ID, "mg-fit").click()
    ActionChains(d).move_to_element(node).click().perform()
    check("clicking a tool selects it",
          d.find_element(By.ID, "mg-explorer").get_attribute("data-selected") == tool)
    want = org.neighbours(tool) | {tool}
    check("...and highlights exactly the roles that use it (export -T json)",
          highlighted(d) == want, (sorted(highlighted(d)), sorted(want)))
    used = panel_section(d, "Used by")
    check("...listed under 'Used by'", sorted(used or []) == org.names(tool, "uses"), used)
    d.find_element(By.ID, "mg-clear").click()
    check("Clear removes the highlight", not highlighted(d) and not js(
        d, "return document.querySelector('#mg-view svg').classList.contains('mg-dimmed')"))


def zoom_checks(d):
    d.find_element(By.ID, "mg-fit").click()
    home = view_box(d)
    d.find_element(By.ID, "mg-zoom-in").click()
    zoomed = view_box(d)
    check("the + button zooms in (a narrower viewBox)", zoomed[2] < home[2] * 0.9, (home, zoomed))
    view = d.find_element(By.ID, "mg-view")
    ActionChains(d).scroll_from_origin(ScrollOrigin.from_element(view), 0, 300).perform()
    wheeled = view_box(d)
    check("the wheel zooms out (a wider viewBox)", wheeled[2] > zoomed[2] * 1.1, (zoomed, wheeled))
    ActionChains(d).move_to_element_with_offset(view, 10, 10).click_and_hold() \
        .move_by_offset(120, 60).release().perform()
    dragged = view_box(d)
    check("dragging pans (the viewBox moves, its size stays)",
          dragged[0] < wheeled[0] and abs(dragged[2] - wheeled[2]) < 1e-6, (wheeled, dragged))
    check("...and a drag selects nothing",
          d.find_element(By.ID, "mg-explorer").get_attribute("data-selected") is None)
    d.find_element(By.ID, "mg-fit").click()
    check("Fit goes back to the whole picture", view_box(d) == home, (view_box(d), home))


def outlined(d):
    return js(d, "return Array.from(document.querySelectorAll('#mg-view g.node'))"
                 ".filter(function (g) { return /mg-gap-/.test(g.getAttribute('class')); })"
                 ".map(function (g) { return g.querySelector('title').textContent; });")


def with_gaps(org, nodes, severities):
    return {i for i in nodes if any(g["severity"] in severities for g in org.gaps_of(i))}


def outline_checks(d, org):
    shown = drawn(d)
    check("render -T html --gaps starts with high and medium checked",
          js(d, "return ['high','medium','low'].map(function (s) {"
                "return document.getElementById('mg-sev-' + s).checked; })") == [True, True, False])
    want = with_gaps(org, shown, ("high", "medium"))
    check("...outlining exactly the nodes with a high or medium gap (gaps --format json)",
          set(outlined(d)) == want, (sorted(outlined(d)), sorted(want)))
    d.find_element(By.ID, "mg-sev-low").click()
    want = with_gaps(org, shown, ("high", "medium", "low"))
    check("checking low outlines every node with a gap", set(outlined(d)) == want)
    for s in ("high", "medium", "low"):
        d.find_element(By.ID, "mg-sev-" + s).click()
    check("unchecking all removes every outline", outlined(d) == [])
    colours = js(d, "return Array.from(document.querySelectorAll('#mg-view g.node'))"
                    ".map(function (g) { return g.querySelector('path, polygon, ellipse')"
                    ".style.stroke; }).filter(function (s) { return s; });")
    check("...and every inline stroke", colours == [], colours)


def hostile_checks(d, org):
    name = "</text><script>alert(1)</script>"
    check("a hostile organisation's page runs no script of its names",
          js(d, "return document.scripts.length") == 2)
    role = org.id_of("role", name)
    check("search finds the role named %s" % name, search(d, name) == role)
    check("...the panel shows its name as text",
          d.find_element(By.CSS_SELECTOR, "#mg-panel h2").text == name)
    want = org.neighbours(role) | {role}
    check("...highlighting its neighbours in the export", highlighted(d) == want,
          (sorted(highlighted(d)), sorted(want)))
    search(d, "\\N")
    check("search finds the role named \\N",
          d.find_element(By.CSS_SELECTOR, "#mg-panel h2").text == "\\N")


def main():
    ref = Org(load("ref.json"), load("ref-gaps.json"))
    d = driver()
    try:
        open_page(d, "ref.html")
        role_checks(d, ref)
        d.save_screenshot(os.path.join(work, "page-role.png"))
        click_checks(d, ref)
        zoom_checks(d)
        check("no console errors on the reference's page", not errors(d), errors(d))

        open_page(d, "gaps.html")
        outline_checks(d, ref)
        check("no console errors with --gaps", not errors(d), errors(d))

        open_page(d, "hostile.html")
        hostile_checks(d, Org(load("hostile.json"), load("hostile-gaps.json")))
        d.save_screenshot(os.path.join(work, "page-hostile.png"))
        check("no console errors on the hostile page", not errors(d), errors(d))

        open_page(d, "view.html")
        check("the cluster view's page loads, with no gap filter to offer",
              js(d, "return document.querySelector('.mg-sev').hidden") is True)
        check("no console errors on the cluster view's page", not errors(d), errors(d))

        open_page(d, "report.html")
        report = Org(load("ref.json"), load("report.json")["gaps"])
        check("the report's picture outlines its high and medium gaps",
              set(outlined(d)) == with_gaps(report, drawn(d), ("high", "medium")))
        ds = report.id_of("role", "Data Scientists")
        check("...and its search selects a role", search(d, "Data Scientists") == ds)
        check("...highlighting its neighbours", highlighted(d) == report.neighbours(ds) | {ds})
        d.save_screenshot(os.path.join(work, "page-report.png"))
        check("no console errors on the report", not errors(d), errors(d))
    except TimeoutException as e:
        check("the page became ready", False, e)
    finally:
        d.quit()
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
