# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""secops.tenablesc.vuln_report through ansible-playbook; its numbers checked against the simulator's dataset."""

import csv
import ipaddress
import os
import stat
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from role_runner import run_role, sc_environment
from sc_simulator import Dataset, Simulator
from sc_simulator.catalog import PLUGINS, SCORE_WEIGHTS

from ansible_collections.secops.tenablesc.plugins.module_utils.filters import FILTER_OPTIONS

ROLE = Path(__file__).resolve().parents[3] / "roles" / "vuln_report"
USER = "vulnanalyst"
LABELS = ("Info", "Low", "Medium", "High", "Critical")
# SC shows custom plugins under the name they were uploaded with; the feed itself has no such name.
HOSTILE_NAME = "Custom check <script>alert('sc')</script> & \"friends\""
SHOWN_PLUGINS = 3


def open_findings(sim, severities, hosts=None, plugin_test=None):
    """(host, plugin, port) of each current host finding the user sees, worked out from the dataset itself."""
    dataset, repositories = sim.dataset, set(sim.users[USER].repository_ids)
    for index in range(len(dataset.f_plugin)):
        host, plugin = dataset.hosts[dataset.f_host[index]], PLUGINS[dataset.f_plugin[index]]
        if (not dataset.f_mitigated[index] and host.repository_id in repositories and plugin.severity in severities
                and not plugin.was
                and (hosts is None or host.index in hosts) and (plugin_test is None or plugin_test(plugin))):
            yield host, plugin, dataset.f_port[index]


def per_host(sim, findings):
    """(ip, repository name) -> [counts per severity 0-4, total, score]."""
    counts = {}
    for host, plugin, port in findings:
        key = (host.ip, sim.dataset.repository(host.repository_id)["name"])
        counts.setdefault(key, [0] * 5)[plugin.severity] += 1
    return {key: levels + [sum(levels), sum(c * w for c, w in zip(levels, SCORE_WEIGHTS))]
            for key, levels in counts.items()}


def plugin_ranking(findings):
    """[(plugin, hosts affected, findings)], most severe first, then by hosts affected."""
    hosts, totals = {}, Counter()
    for host, plugin, port in findings:
        hosts.setdefault(plugin.id, (plugin, set()))[1].add(host.index)
        totals[plugin.id] += 1
    ranking = [(plugin, len(affected), totals[plugin.id]) for plugin, affected in hosts.values()]
    return sorted(ranking, key=lambda entry: (entry[0].severity, entry[1]), reverse=True)


@pytest.fixture(scope="module")
def report_sc():
    """A small simulator whose most serious plugin carries a hostile name, for this module's tests."""
    dataset = Dataset(seed=11, hosts=40, repositories=4, findings_per_host=6)
    ranking = plugin_ranking(open_findings(Simulator(dataset=dataset), {1, 2, 3, 4}))
    first, beyond = ranking[0], ranking[SHOWN_PLUGINS]
    assert (first[0].severity, first[1]) > (beyond[0].severity, beyond[1]), "the renamed plugin must be shown"
    # A simulator prepares the plugins' row text when it is made, so the plugin is renamed first.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(first[0], "name", HOSTILE_NAME)
        with Simulator(dataset=dataset, tls=True) as sim:
            yield sim


@pytest.fixture
def report(report_sc, tmp_path):
    """report(dest=None, args=(), **variables) -> Run, as a Vulnerability Analyst from the environment."""
    def run(dest=None, args=(), **variables):
        variables.setdefault("vuln_report_dest", str(dest or tmp_path / "reports"))
        return run_role(tmp_path, "vuln_report", variables, args=args, env=sc_environment(report_sc, USER))
    return run


class Page(HTMLParser):
    """The report's tables (tbody rows of cell texts, by table id), texts by element id, and every tag."""

    VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                      "wbr"))

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tables, self.texts, self.tags, self.styles = {}, {}, [], []
        self._table = self._row = self._cell = None
        self._open_ids, self._in_body, self._in_style = [], False, False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in self.VOID:
            self._open_ids.append(attributes.get("id"))
        if tag == "table":
            self._table = self.tables.setdefault(attributes.get("id"), [])
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = ""
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag not in self.VOID and self._open_ids:
            self._open_ids.pop()
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._in_style:
            self.styles.append(data)
        for element_id in filter(None, self._open_ids):
            self.texts[element_id] = self.texts.get(element_id, "") + " " + data


def assert_loads_nothing(page):
    """No element or style that makes a browser fetch or run anything."""
    fetching = {"script", "link", "img", "image", "iframe", "frame", "object", "embed", "audio", "video", "source",
                "track", "base", "use", "form", "input"}
    assert not [tag for tag, attributes in page.tags if tag in fetching]
    for tag, attributes in page.tags:
        assert not {"src", "href", "xlink:href", "srcset", "action", "data", "poster", "background"} & set(attributes)
        assert "url(" not in (attributes.get("style") or "")
        assert not (tag == "meta" and "http-equiv" in attributes)
    assert not [style for style in page.styles if "url(" in style or "@import" in style]


def number(text):
    return int(text.replace(",", ""))


def test_report_matches_the_data_and_escapes_what_sc_sent(report, report_sc, tmp_path):
    run = report(vuln_report_top_hosts=5, vuln_report_top_plugins=SHOWN_PLUGINS, vuln_report_max_hosts=8)
    assert run.returncode == 0, run.output
    reports = tmp_path / "reports"
    html, table = reports / "tenablesc-findings.html", reports / "tenablesc-findings.csv"
    assert stat.S_IMODE(os.stat(reports).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(html).st_mode) == 0o600 and stat.S_IMODE(os.stat(table).st_mode) == 0o600

    findings = list(open_findings(report_sc, {1, 2, 3, 4}))
    hosts = per_host(report_sc, findings)
    text = html.read_text()
    page = Page(text)
    assert_loads_nothing(page)

    expected_levels = Counter(LABELS[plugin.severity] for host, plugin, port in findings)
    assert {label: number(count) for label, count in page.tables["severity-totals"]} == {
        label: expected_levels[label] for label in ("Critical", "High", "Medium", "Low")}
    assert number(page.texts["total-findings"].split()[0]) == len(findings)
    assert number(page.texts["total-hosts"].split()[0]) == len(hosts)
    assert number(page.texts["total-plugins"].split()[0]) == len({plugin.id for host, plugin, port in findings})

    scores = sorted((values[-1] for values in hosts.values()), reverse=True)
    # top-hosts: #, name, ip, repository, bar, critical, high, medium, low, score
    top = page.tables["top-hosts"]
    assert [number(row[-1]) for row in top] == scores[:5]
    for row in top:
        assert [number(cell) for cell in row[5:10]] == hosts[(row[2], row[3])][4:0:-1] + [hosts[(row[2], row[3])][-1]]
    # hosts: ip, dns, netbios, repository, critical, high, medium, low, total, score
    table_rows = page.tables["hosts"]
    assert len(table_rows) == 8 and [number(row[-1]) for row in table_rows] == scores[:8]
    for row in table_rows:
        expected = hosts[(row[0], row[3])]
        assert [number(cell) for cell in row[4:]] == expected[4:0:-1] + expected[5:]
    assert "of %d" % len(hosts) in page.texts["hosts-note"]
    assert "other %d are left out" % (len(hosts) - 8) in " ".join(page.texts["hosts-note"].split())

    # top-plugins: severity, plugin ID, name, hosts, findings, family, solution
    ranking = plugin_ranking(findings)
    shown = page.tables["top-plugins"]
    assert [(LABELS.index(row[0]), number(row[3])) for row in shown] == [
        (plugin.severity, affected) for plugin, affected, total in ranking[:SHOWN_PLUGINS]]
    by_id = {plugin.id: (plugin, affected, total) for plugin, affected, total in ranking}
    for row in shown:
        plugin, affected, total = by_id[number(row[1])]
        assert (row[2], number(row[4]), row[5], row[6]) == (plugin.name, total, plugin.family_ref["name"], plugin.solution)
    assert HOSTILE_NAME in [row[2] for row in shown]
    assert "<script" not in text and "&lt;script&gt;" in text

    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert Counter((row["ip"], row["repository.name"], int(row["pluginID"]), int(row["port"])) for row in rows) == Counter(
        (host.ip, report_sc.dataset.repository(host.repository_id)["name"], plugin.id, port)
        for host, plugin, port in findings)
    assert Counter(row["severity.name"] for row in rows) == expected_levels
    assert {row["pluginName"] for row in rows if int(row["pluginID"]) == ranking[0][0].id} == {HOSTILE_NAME}


def test_check_mode_asks_sc_and_writes_nothing(report, report_sc, tmp_path):
    mark = len(report_sc.requests)
    dest = tmp_path / "new" / "reports"
    run = report(dest=dest, args=["--check"], vuln_report_top_plugins=1)
    assert run.returncode == 0, run.output
    assert not (tmp_path / "new").exists()
    assert next(entry for entry in run.results if entry["task"].endswith(" : Write the HTML report"))["result"]["changed"]
    assert [r.path for r in report_sc.requests[mark:]].count("/rest/analysis") >= 4


def test_filters_reach_every_part_of_the_report(report, report_sc, tmp_path):
    """Two asset lists by name (their union), severities, and a filter passed through."""
    lists = {asset["name"]: asset["typeFields"] for asset in report_sc.dataset.asset_lists}
    web_servers = {ipaddress.ip_address(ip) for ip in lists["DMZ Web Servers"]["definedIPs"].split(",")}
    windows = set(lists["Windows Servers"]["definedDNSNames"].split(","))
    members = {host.index for host in report_sc.dataset.hosts
               if ipaddress.ip_address(host.ip) in web_servers or host.dns_name in windows}
    findings = list(open_findings(report_sc, {2, 3, 4}, hosts=members, plugin_test=lambda p: not p.exploit_available))
    assert findings, "the filters must leave something to report"

    run = report(vuln_report_asset_lists=["DMZ Web Servers", "Windows Servers"],
                 vuln_report_severity=["medium", "high", 4], vuln_report_filters={"exploit_available": False},
                 vuln_report_top_hosts=0, vuln_report_top_plugins=0)
    assert run.returncode == 0, run.output
    page = Page((tmp_path / "reports" / "tenablesc-findings.html").read_text())
    levels = Counter(LABELS[plugin.severity] for host, plugin, port in findings)
    assert {label: number(count) for label, count in page.tables["severity-totals"]} == {
        label: levels[label] for label in ("Critical", "High", "Medium")}
    assert {(row[0], row[3]) for row in page.tables["hosts"]} == set(per_host(report_sc, findings))
    assert "top-hosts" not in page.tables and "top-plugins" not in page.tables
    with (tmp_path / "reports" / "tenablesc-findings.csv").open(newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(findings)


def test_an_ambiguous_asset_list_name_fails_with_its_ids(report, tmp_path):
    run = report(vuln_report_asset_lists=["DMZ Web Servers", "Datacenter Subnet"])
    assert run.returncode != 0
    assert "Asset list name 'Datacenter Subnet' matches 2 objects (IDs 5, 6); give the ID instead" in run.stdout
    assert not (tmp_path / "reports").exists()


@pytest.mark.parametrize("variables, expected", [
    ({"vuln_report_filters": {"severity": ["high"], "last_seen": 30}},
     "vuln_report_filters cannot set severity"),
    ({"vuln_report_dest": "reports"}, "vuln_report_dest must be an absolute path"),
    ({"vuln_report_top_hosts": "many", "vuln_report_filters": "not a dictionary"}, "vuln_report_top_hosts"),
])
def test_wrong_settings_fail_before_asking_sc(report, report_sc, variables, expected):
    mark = len(report_sc.requests)
    run = report(**variables)
    assert run.returncode != 0
    assert expected in run.results[-1]["result"]["msg"]
    assert report_sc.requests[mark:] == []


def test_the_filters_passed_through_are_the_modules():
    """vuln_report_filters takes tenablesc_vulns_info's filter options, but those with variables of their own."""
    allowed = yaml.safe_load((ROLE / "vars" / "main.yml").read_text())["__vuln_report_filter_options"]
    assert sorted(allowed) == sorted(set(FILTER_OPTIONS) - {"severity", "repository", "asset"} | {"filters"})
