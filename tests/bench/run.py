# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make bench: the inventory, tenablesc_vulns_info and tenablesc_findings_sync against the simulator, by their floors.

Each comparison runs both sides in the same repetition loop, one after the other (the order alternates
from one repetition to the next), and reports medians, ratios and each Ansible process's peak RSS.
The simulator runs in a process of its own. Nothing printed or written is a number this run did not measure.

    make bench BENCH_ARGS='--hosts 5000 --findings 50000 --repeat 1'
"""

import argparse
import ast
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import ansible
import requests
import yaml

# The collection as make bench built it (PYTHONPATH holds the build tree).
from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.export import AtomicRowWriter
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import translate_filters
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row
from ansible_collections.secops.tenablesc.plugins.module_utils.sync import SOURCES
from support.ansible_run import BIN, ansible_environment
from simulator_process import simulator_process

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCRIPTS = ("static_inventory.py", "pytenable_inventory.py", "export_floor.py")
ASSET_LIST_COUNT = 10
# From these sizes on a comparison is "large": one run of it takes minutes, so it repeats --large-repeat times.
LARGE_HOSTS = 50000
LARGE_FINDINGS = 500000
LATENCY_FINDINGS = 200000
# Pages read once, outside any timed run, to break an export's CPU per row down into its steps.
STAGE_PAGES = 30
# Export throughput / the floor's, at zero latency and under the latency model. Under the model both walk the
# pages one request at a time (the module's default): the module types and writes every row and pays Ansible's
# start, yet must stay within a tenth of a floor that does neither, by handling one page while SC answers the next.
EXPORT_GOALS = {"zero": 0.9, "model": 0.9}
# Requests in flight of the export run that shows what more than one (opt-in, against Tenable's advice) buys.
MANY_IN_FLIGHT = 4
# Lists created on top of the simulator's seeded ones, for scenario 5.
EXTRA_ASSET_LISTS = (("Windows Hosts", "Windows"), ("Server Hosts", "Server"), ("Ubuntu Hosts", "Ubuntu"),
                     ("RHEL Hosts", "Red Hat"), ("ESXi Hosts", "ESXi"))


class BenchError(Exception):
    """A run failed or measured something other than what it should; the benchmark stops."""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=100000, help="host records (sumip rows) in the simulated SC")
    parser.add_argument("--findings", type=int, default=1000000, help="findings exported at zero latency")
    parser.add_argument("--latency-findings", type=int, default=None,
                        help="findings exported under the latency model, where the floor waits for every page in"
                             " turn (default: --findings, at most %d)" % LATENCY_FINDINGS)
    parser.add_argument("--repeat", type=int, default=3, help="repetitions of each comparison")
    parser.add_argument("--large-repeat", type=int, default=1,
                        help="repetitions of the large comparisons (inventories of %d hosts or more, exports of %d"
                             " findings or more)" % (LARGE_HOSTS, LARGE_FINDINGS))
    parser.add_argument("--latency-request", type=float, default=0.3, help="seconds SC takes per analysis request")
    parser.add_argument("--latency-row", type=float, default=20e-6, help="seconds SC takes per returned row")
    parser.add_argument("--export-page-size", type=int, default=None,
                        help="page_size of the export (default: the module's)")
    parser.add_argument("--export-concurrency", type=int, default=None,
                        help="concurrency of the export (default: the module's)")
    parser.add_argument("--only", nargs="+", choices=("inventory", "requests", "export", "sync"),
                        default=["inventory", "requests", "export", "sync"], help="scenario groups to run")
    parser.add_argument("--report", type=Path, help="write the Markdown report here, and its SVG plot beside it")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    options = parser.parse_args(argv)
    options.latency_findings = options.latency_findings or min(options.findings, LATENCY_FINDINGS)
    if min(options.hosts, options.findings, options.latency_findings, options.repeat, options.large_repeat) < 1:
        parser.error("sizes and repetitions must be 1 or more")
    return options


def repetitions(options, large):
    return options.large_repeat if large else options.repeat


# Measuring ----------------------------------------------------------------------------------------------------


class Clock:
    """Elapsed time since the benchmark started, for progress lines and the report."""

    def __init__(self):
        self.start = time.monotonic()

    @property
    def elapsed(self):
        return time.monotonic() - self.start

    def say(self, message):
        print("[%6.0fs] %s" % (self.elapsed, message), flush=True)


class Run:
    """One measured process: wall seconds, CPU seconds and peak RSS (MB) of it and its waited-for children,
    and what the benchmark learnt around it (requests the simulator saw, the simulator's CPU seconds)."""

    def __init__(self, wall, cpu, rss_mb):
        self.wall = wall
        self.cpu = cpu
        self.rss_mb = rss_mb
        # Learnt after the run, from the simulator and /proc/stat.
        self.requests = self.sim_cpu = self.stolen = None


def stolen_seconds():
    """CPU seconds the hypervisor has taken from this machine's CPUs since boot (the "steal" of /proc/stat):
    while it grows, CPU seconds measured here buy less work. None where there is no /proc/stat."""
    try:
        with open("/proc/stat") as stat:
            fields = stat.readline().split()
    except OSError:
        return None
    return int(fields[8]) / os.sysconf("SC_CLK_TCK") if fields[0] == "cpu" and len(fields) > 8 else None


# Linux carries a process's resident high-water mark across exec, and a child starts from its parent's:
# measured commands are started by this small launcher, not by the benchmark (which holds large documents),
# so that their peak RSS is their own. wait4 gives the usage of the command and of every descendant it reaped.
_LAUNCHER = """
import json, os, sys, time
started = time.monotonic()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_pid, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - started
with open(sys.argv[1], "w") as report:
    json.dump({"exit": os.waitstatus_to_exitcode(status), "wall": wall,
               "cpu": usage.ru_utime + usage.ru_stime, "rss_kb": usage.ru_maxrss}, report)
"""


def measure(argv, env, cwd, stdout_path=None):
    """Run ``argv`` to completion through the launcher; its wall time, CPU time and peak RSS."""
    stolen_before = stolen_seconds()
    with open(stdout_path or os.devnull, "wb") as stdout, tempfile.TemporaryFile() as stderr, \
            tempfile.NamedTemporaryFile(suffix=".json") as usage:
        subprocess.run([sys.executable, "-c", _LAUNCHER, usage.name] + [str(part) for part in argv],
                       env=env, cwd=cwd, stdout=stdout, stderr=stderr, check=True)
        report = json.load(usage)
        if report["exit"]:
            stderr.seek(0)
            tail = stderr.read().decode("utf-8", "replace")[-3000:]
            raise BenchError("%s exited %d:\n%s" % (" ".join(str(part) for part in argv), report["exit"], tail))
    run = Run(report["wall"], report["cpu"], report["rss_kb"] / 1024.0)
    if stolen_before is not None:
        run.stolen = stolen_seconds() - stolen_before
    return run


def measured_task(workdir, sim, name, module, args):
    """Run one task of ``module`` with ``args`` through ansible-playbook; (its Run, the task's result)."""
    playbook = workdir / ("%s.yml" % name)
    playbook.write_text(yaml.safe_dump([{"hosts": "localhost", "gather_facts": False, "tasks": [{
        "name": name, "secops.tenablesc." + module: args}]}]))
    env = bench_environment(workdir, sim)
    results = Path(env["RECORD_RESULTS_FILE"])
    if results.exists():
        results.unlink()
    run = measure([str(BIN / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(playbook)], env, workdir)
    return run, json.loads(results.read_text().splitlines()[-1])["result"]


def median(runs, attribute="wall"):
    return statistics.median(getattr(run, attribute) for run in runs)


class Simulator:
    """The simulator's control and REST API. It runs in a process of its own (simulator_process), so that it
    does not share the measured process's GIL."""

    def __init__(self, state):
        self.state = state
        self.session = requests.Session()

    @property
    def url(self):
        return self.state["url"]

    def user(self, name):
        return self.state["users"][name]

    def control(self, method, name, body=None):
        # verify with each request: REQUESTS_CA_BUNDLE, when set, overrides a session's.
        answer = self.session.request(method, self.url + "/_sim/" + name, json=body, timeout=60,
                                      verify=self.state["ca_path"])
        answer.raise_for_status()
        return answer.json()

    def latency(self, per_request=0.0, per_row=0.0):
        self.control("POST", "latency", {"per_request": per_request, "per_row": per_row})

    def counts(self):
        """Requests the simulator has recorded so far, by 'METHOD /path'."""
        return self.control("GET", "state")["counts"]

    def cpu_seconds(self):
        """CPU the simulator has used so far (Linux /proc; None elsewhere)."""
        try:
            fields = Path("/proc/%d/stat" % self.state["pid"]).read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def api(self, method, path, user, body=None):
        answer = self.session.request(method, self.url + "/rest" + path, json=body, timeout=300,
                                      verify=self.state["ca_path"], headers={"x-apikey": self.user(user)["key_string"]})
        document = answer.json()
        if answer.status_code != 200 or document.get("error_code"):
            raise BenchError("%s %s: HTTP %d %s" % (method, path, answer.status_code, document.get("error_msg")))
        return document["response"]

    def total_records(self, user, tool, filters=(), source_type="cumulative"):
        """How many rows the collection's query for ``tool`` and ``filters`` (SC filters) has."""
        query = AnalysisQuery(tool=tool, filters=filters, source_type=source_type)
        return int(self.api("POST", "/analysis", user, query.body(0, 1))["totalRecords"])


def requests_between(before, after):
    return {key: after.get(key, 0) - before.get(key, 0) for key in after if after.get(key, 0) != before.get(key, 0)}


# What the collection documents --------------------------------------------------------------------------------


def documented_default(relative_path, option):
    """An option's default, read from a plugin's DOCUMENTATION or the collection's doc fragments it extends
    (so the harness follows the plugin)."""
    documentation = _documentation(REPO / relative_path)
    fragments = [fragment.split(".")[2] for fragment in documentation.get("extends_documentation_fragment") or []
                 if fragment.startswith("secops.tenablesc.") and fragment.count(".") == 2]
    for options in [documentation["options"]] + [
            _documentation(REPO / "plugins" / "doc_fragments" / (name + ".py"))["options"] for name in fragments]:
        if option in options:
            return options[option].get("default")
    raise BenchError("%s documents no option %s" % (relative_path, option))


def _documentation(path):
    """The DOCUMENTATION string of a plugin or doc fragment, parsed."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DOCUMENTATION" for t in node.targets):
            return yaml.safe_load(node.value.value)
    raise BenchError("%s has no DOCUMENTATION" % path)


# Inventory ----------------------------------------------------------------------------------------------------


def comparable(path):
    """An ``ansible-inventory --list`` document with group member lists sorted (their order means nothing)."""
    document = json.loads(Path(path).read_bytes())
    for name, group in document.items():
        if name != "_meta":
            for key in ("hosts", "children"):
                if key in group:
                    group[key] = sorted(group[key])
    return document


def canonical_digest(document):
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_difference(expected, found):
    missing = sorted(set(expected) - set(found))[:5]
    extra = sorted(set(found) - set(expected))[:5]
    differing = sorted(key for key in set(expected) & set(found) if expected[key] != found[key])[:5]
    hostvars = expected.get("_meta", {}).get("hostvars", {}), found.get("_meta", {}).get("hostvars", {})
    hosts = sorted(set(hostvars[0]) ^ set(hostvars[1]))[:5]
    return "groups missing %s, extra %s, differing %s; hosts in one only %s" % (missing, extra, differing, hosts)


class InventoryBench:
    """Scenarios 1 to 3: ansible-inventory --list through the plugin, the floor script and the pyTenable script."""

    KINDS = ("floor", "plugin", "naive", "plugin_latency", "cached")

    def __init__(self, sim, workdir, options, clock):
        self.sim = sim
        self.workdir = workdir
        self.options = options
        self.clock = clock
        self.runs = {kind: [] for kind in self.KINDS}
        self.digests = {}
        self.reference = None
        self.floor_digest = None
        self.shape = None
        self.cache_dir = workdir / "inventory-cache"
        self.plugin_config = workdir / "bench.tenablesc.yml"
        self.plugin_config.write_text("plugin: secops.tenablesc.tenablesc\n")
        self.cached_config = workdir / "cached.tenablesc.yml"
        self.cached_config.write_text(yaml.safe_dump({
            "plugin": "secops.tenablesc.tenablesc", "cache": True, "cache_plugin": "ansible.builtin.jsonfile",
            "cache_connection": str(self.cache_dir), "cache_timeout": 86400}))
        self.floor_document = workdir / "floor.json"
        self.repetitions = repetitions(options, options.hosts >= LARGE_HOSTS)

    def environment(self, enabled):
        return bench_environment(self.workdir, self.sim, ANSIBLE_INVENTORY_ENABLED=enabled,
                                 ANSIBLE_INVENTORY_UNPARSED_FAILED="1", BENCH_STATIC_INVENTORY=str(self.floor_document))

    def list_inventory(self, kind, source, enabled):
        output = self.workdir / ("%s.list.json" % kind)
        before = self.sim.counts()
        run = measure([str(BIN / "ansible-inventory"), "-i", str(source), "--list"], self.environment(enabled),
                      self.workdir, output)
        run.requests = requests_between(before, self.sim.counts())
        self._check_output(kind, output)
        self.runs[kind].append(run)
        self.clock.say("inventory %-15s %7.1f s wall %7.1f s CPU %6.0f MB  requests %s  stolen %s s" % (
            kind, run.wall, run.cpu, run.rss_mb, sum(run.requests.values()),
            "-" if run.stolen is None else "%.1f" % run.stolen))

    def _check_output(self, kind, output):
        """Every source must list exactly the plugin's inventory, or the floor is not a floor for it.

        The very first run is the plugin's: its output becomes the floor's document and the reference.
        Each source's first output is compared as a document; later ones byte for byte with that first.
        """
        digest = file_digest(output)
        if self.reference is None:
            os.replace(output, self.floor_document)
            self.floor_digest = digest
            document = comparable(self.floor_document)
            self.reference = canonical_digest(document)
            hostvars = document["_meta"]["hostvars"]
            self.shape = {"inventory_hosts": len(hostvars), "groups": len([name for name in document if name != "_meta"]),
                          "vars_per_host": statistics.median(len(v) for v in hostvars.values()) if hostvars else 0}
        elif kind not in self.digests and digest != self.floor_digest:
            found = comparable(output)
            if canonical_digest(found) != self.reference:
                raise BenchError("%s lists another inventory than the plugin: %s" % (
                    kind, describe_difference(comparable(self.floor_document), found)))
        if self.digests.setdefault(kind, digest) != digest:
            raise BenchError("%s listed another inventory than in its first repetition" % kind)
        if output.exists():
            output.unlink()

    def run(self):
        scripts = self.workdir / "scripts"
        for repetition in range(self.repetitions):
            self.clock.say("inventory repetition %d of %d" % (repetition + 1, self.repetitions))
            pair = [("plugin", self.plugin_config, "secops.tenablesc.tenablesc"),
                    ("floor", scripts / "static_inventory.py", "script")]
            # The floor is the plugin's own output, so the very first run is the plugin's.
            for kind, source, enabled in pair if repetition % 2 == 0 else pair[::-1]:
                self.list_inventory(kind, source, enabled)
            self.sim.latency(self.options.latency_request, self.options.latency_row)
            try:
                latency_pair = [("naive", scripts / "pytenable_inventory.py", "script"),
                                ("plugin_latency", self.cached_config, "secops.tenablesc.tenablesc")]
                for kind, source, enabled in latency_pair if repetition % 2 == 0 else latency_pair[::-1]:
                    if kind == "plugin_latency":
                        # The first run with the cache on: nothing cached yet, so it asks SC and fills the cache.
                        shutil.rmtree(self.cache_dir, ignore_errors=True)
                    self.list_inventory(kind, source, enabled)
                # The second run with the cache on, still under the latency model: it must not ask SC at all.
                self.list_inventory("cached", self.cached_config, "secops.tenablesc.tenablesc")
            finally:
                self.sim.latency()
            if self.runs["cached"][-1].requests:
                raise BenchError("the run from the cache sent requests: %s" % self.runs["cached"][-1].requests)
        return self.summary()

    def summary(self):
        floor = median(self.runs["floor"])
        return dict(
            self.shape,
            repetitions=self.repetitions,
            runs_per_kind={kind: len(runs) for kind, runs in self.runs.items()},
            medians={kind: {"wall": median(runs), "cpu": median(runs, "cpu"), "rss_mb": max(r.rss_mb for r in runs),
                            "stolen": None if None in [r.stolen for r in runs] else median(runs, "stolen")}
                     for kind, runs in self.runs.items()},
            requests={kind: sum(runs[-1].requests.values()) for kind, runs in self.runs.items()},
            above_floor={"plugin": median(self.runs["plugin_latency"]) - floor, "naive": median(self.runs["naive"]) - floor},
        )


def bench_environment(workdir, sim, **extra):
    """Ansible's environment for a measured run: the collection from this checkout, the simulator's address and
    the Security Analyst's keys (every repository). The inventory script imports the collection from PYTHONPATH."""
    analyst = sim.user("secanalyst")
    settings = dict(
        TENABLESC_URL=sim.url, TENABLESC_ACCESS_KEY=analyst["access_key"], TENABLESC_SECRET_KEY=analyst["secret_key"],
        TENABLESC_CA_PATH=sim.state["ca_path"])
    settings.update(extra)
    return ansible_environment(workdir, settings)


# Scenario 5: request counts -------------------------------------------------------------------------------------


def ensure_asset_lists(sim, count):
    """``count`` asset list IDs: the simulator's seeded lists, then lists created until there are enough."""
    usable = sim.api("GET", "/asset?fields=id,name", "secanalyst")["usable"]
    ids = [str(asset["id"]) for asset in usable][:count]
    for name, os_text in EXTRA_ASSET_LISTS[:max(0, count - len(ids))]:
        rules = {"operator": "all", "children": [
            {"type": "clause", "filterName": "os", "operator": "contains", "value": os_text}]}
        created = sim.api("POST", "/asset", "secmanager", {"name": name, "type": "dynamic", "rules": rules})
        ids.append(str(created["id"]))
    if len(ids) < count:
        raise BenchError("only %d asset lists could be had, %d wanted" % (len(ids), count))
    return ids


class AssetListIds:
    """A client stand-in answering the name resolver's one question, the asset lists, with these IDs."""

    def __init__(self, asset_ids):
        self.asset_ids = asset_ids

    def get(self, path, params=None):
        if path != "/asset":
            raise BenchError("the name resolver asked for %s" % path)
        return {"usable": [dict(id=asset_id, name=None) for asset_id in self.asset_ids]}


def request_counts(sim, workdir, options, asset_ids, clock):
    """Scenario 5: the plugin with asset lists asks one page per page of rows and nothing per host."""
    page_size = documented_default("plugins/inventory/tenablesc.py", "page_size")
    walks = [("hosts", sim.total_records("secanalyst", "sumip"))]
    for asset_id in asset_ids:
        walks.append(("asset list %s" % asset_id, sim.total_records(
            "secanalyst", "sumip", translate_filters({"asset": int(asset_id)}, NameResolver(AssetListIds(asset_ids))))))
    # A walk ends on its first short page: a row count that is a multiple of the page size costs an empty page.
    expected = {"POST /rest/analysis": sum(rows // page_size + 1 for _name, rows in walks), "GET /rest/asset": 1}
    config = workdir / "asset_lists.tenablesc.yml"
    config.write_text(yaml.safe_dump({"plugin": "secops.tenablesc.tenablesc", "asset_lists": [int(i) for i in asset_ids]}))
    sim.latency(options.latency_request, options.latency_row)
    try:
        before = sim.counts()
        run = measure([str(BIN / "ansible-inventory"), "-i", str(config), "--graph"],
                      bench_environment(workdir, sim, ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc",
                                        ANSIBLE_INVENTORY_UNPARSED_FAILED="1"), workdir)
        seen = requests_between(before, sim.counts())
    finally:
        sim.latency()
    clock.say("requests: %d asset lists, %s rows per walk: %s (expected %s) in %.1f s" % (
        len(asset_ids), [rows for _name, rows in walks], seen, expected, run.wall))
    if seen != expected:
        raise BenchError("the plugin sent %s; pages and asset lists call for %s" % (seen, expected))
    return {"asset_lists": len(asset_ids), "page_size": page_size, "walks": walks, "expected": expected,
            "seen": seen, "wall": run.wall}


# Export ---------------------------------------------------------------------------------------------------------


class ExportBench:
    """Scenario 4: tenablesc_vulns_info writing dest (jsonl, csv) against plain requests + json, per latency."""

    FORMATS = ("jsonl", "csv")
    # Under the latency model, also the jsonl export with MANY_IN_FLIGHT requests in flight.
    MANY = "jsonl, %d in flight" % MANY_IN_FLIGHT

    def __init__(self, sim, workdir, options, clock):
        self.sim = sim
        self.workdir = workdir
        self.options = options
        self.clock = clock
        module = "plugins/modules/tenablesc_vulns_info.py"
        self.page_size = options.export_page_size or documented_default(module, "page_size")
        self.concurrency = options.export_concurrency or documented_default(module, "concurrency")
        self.rows = {"zero": options.findings, "model": options.latency_findings}
        self.repetitions = {latency: repetitions(options, rows >= LARGE_FINDINGS) for latency, rows in self.rows.items()}
        self.runs = {}

    def _export(self, kind, rows):
        file_format, concurrency = ("jsonl", MANY_IN_FLIGHT) if kind == self.MANY else (kind, self.concurrency)
        dest = self.workdir / ("export." + file_format)
        run, result = measured_task(self.workdir, self.sim, "export-" + file_format, "tenablesc_vulns_info", {
            "dest": str(dest), "limit": rows, "page_size": self.page_size, "concurrency": concurrency})
        dest.unlink()
        if result.get("returned_records") != rows:
            raise BenchError("the %s export wrote %s rows, not %d" % (file_format, result.get("returned_records"), rows))
        return run

    def _floor(self, rows):
        env = bench_environment(self.workdir, self.sim)
        output = self.workdir / "export-floor.json"
        run = measure([sys.executable, str(self.workdir / "scripts" / "export_floor.py"), "--rows", str(rows),
                       "--page-size", str(self.page_size)], env, self.workdir, output)
        fetched = json.loads(output.read_text())["rows"]
        if fetched != rows:
            raise BenchError("the export floor fetched %d rows, not %d" % (fetched, rows))
        return run

    def stage_costs(self, pages=STAGE_PAGES):
        """CPU per row of each step of an export, measured in this process with the collection's own code on
        pages the simulator serves: what the module must spend per row whatever its concurrency."""
        analyst = self.sim.user("secanalyst")
        session = requests.Session()
        session.headers["x-apikey"] = analyst["key_string"]
        spent = dict.fromkeys(("fetch", "decode", "typing") + self.FORMATS, 0.0)
        rows_seen = 0

        def timed(stage, step):
            started = time.process_time()
            value = step()
            spent[stage] += time.process_time() - started
            return value

        # Spread over the rows the export reads: SC's rows differ in size from one part of the data to another.
        last_page = max(self.rows["zero"] // self.page_size - 1, 0)
        offsets = sorted({index * last_page // max(pages - 1, 1) * self.page_size for index in range(pages)})
        for start in offsets:
            body = AnalysisQuery().body(start, start + self.page_size)
            answer = timed("fetch", lambda: session.post(
                self.sim.url + "/rest/analysis", json=body, timeout=300, verify=self.sim.state["ca_path"]))
            page = timed("decode", lambda: json.loads(answer.content)["response"]["results"])
            typed = timed("typing", lambda: [normalize_row(row) for row in page])
            for file_format in self.FORMATS:
                with AtomicRowWriter(str(self.workdir / ("stages." + file_format)), file_format) as writer:
                    timed(file_format, lambda: writer.write_rows(typed))
            rows_seen += len(page)
        return {"pages": len(offsets), "rows": rows_seen,
                "us_per_row": {stage: seconds / rows_seen * 1e6 for stage, seconds in spent.items()}}

    def run(self):
        # A task with limit 0 sends nothing: what Ansible itself spends to start and finish an export task.
        self.start = self._export(self.FORMATS[0], 0)
        self.clock.say("export task with limit 0: %.1f s wall, %.1f s CPU" % (self.start.wall, self.start.cpu))
        self.stages = self.stage_costs()
        self.clock.say("export steps, CPU us per row: %s" % ", ".join(
            "%s %.0f" % item for item in self.stages["us_per_row"].items()))
        for latency in ("zero", "model"):
            rows = self.rows[latency]
            kinds = ["floor"] + list(self.FORMATS) + ([self.MANY] if latency == "model" else [])
            for repetition in range(self.repetitions[latency]):
                if latency == "model":
                    self.sim.latency(self.options.latency_request, self.options.latency_row)
                try:
                    for kind in kinds[repetition % len(kinds):] + kinds[:repetition % len(kinds)]:
                        sim_cpu = self.sim.cpu_seconds()
                        run = self._floor(rows) if kind == "floor" else self._export(kind, rows)
                        if sim_cpu is not None:
                            run.sim_cpu = self.sim.cpu_seconds() - sim_cpu
                        self.runs.setdefault((latency, kind), []).append(run)
                        self.clock.say("export %-5s latency %-18s %7.1f s wall %7.1f s CPU %6.0f MB  %8.0f rows/s" % (
                            latency, kind, run.wall, run.cpu, run.rss_mb, rows / run.wall))
                finally:
                    self.sim.latency()
        return self.summary()

    def summary(self):
        summary = {"page_size": self.page_size, "concurrency": self.concurrency, "repetitions": self.repetitions,
                   "rows": self.rows, "kinds": {}, "stages": self.stages,
                   "start": {"wall": self.start.wall, "cpu": self.start.cpu}, "latency_request": self.options.latency_request,
                   "latency_row": self.options.latency_row}
        for (latency, kind), runs in self.runs.items():
            rows = summary["rows"][latency]
            sim_cpu = [run.sim_cpu for run in runs]
            summary["kinds"]["%s/%s" % (latency, kind)] = {
                "wall": median(runs), "cpu": median(runs, "cpu"), "rss_mb": max(run.rss_mb for run in runs),
                "rows_per_second": rows / median(runs),
                "sim_cpu": statistics.median(sim_cpu) if None not in sim_cpu else None}
        for latency in ("zero", "model"):
            floor = summary["kinds"].get("%s/floor" % latency)
            for file_format in self.FORMATS + (self.MANY,):
                entry = summary["kinds"].get("%s/%s" % (latency, file_format))
                if floor and entry:
                    entry["vs_floor"] = entry["rows_per_second"] / floor["rows_per_second"]
        return summary


# Scenario 6: the findings sync ----------------------------------------------------------------------------------

# Peak RSS of the sync over two simulated days / over the last one: memory flat whatever the rows.
SYNC_MEMORY_GOAL = 1.2


class SyncBench:
    """Scenario 6: tenablesc_findings_sync after one simulated day, against a plain requests + json fetch of the
    same pages one after the other, and against what a full export of both data sources would ask."""

    def __init__(self, sim, workdir, options, clock):
        self.sim = sim
        self.workdir = workdir
        self.options = options
        self.clock = clock
        module = "plugins/modules/tenablesc_findings_sync.py"
        self.page_size = documented_default(module, "page_size")
        self.concurrency = documented_default(module, "concurrency")
        self.runs = {}

    def _window_filters(self, time_filter, start=None):
        return [{"filterName": time_filter, "operator": "=", "value": "%d-%d" % (start or self.start, self.end)}]

    def _changed(self, start=None):
        return {state: self.sim.total_records("secanalyst", "vulndetails", self._window_filters(time_filter, start),
                                              source_type=source)
                for state, source, time_filter in SOURCES}

    def _sync(self, start, expected):
        dest = self.workdir / "changes.jsonl"
        before = self.sim.counts()
        run, result = measured_task(self.workdir, self.sim, "sync", "tenablesc_findings_sync",
                                    {"since": str(start), "dest": str(dest)})
        run.requests = requests_between(before, self.sim.counts())
        dest.unlink()
        if result.get("window") != {"start": start, "end": self.end} or sum(result["counts"].values()) != expected:
            raise BenchError("the sync read %s in %s, not %d rows in %d-%d" % (
                result.get("counts"), result.get("window"), expected, start, self.end))
        return run

    def _floor(self):
        env = bench_environment(self.workdir, self.sim)
        output = self.workdir / "sync-floor.json"
        # The filters the module sends: the window, and the wasVuln filter it adds by default.
        queries = [{"sourceType": source, "filters": AnalysisQuery(
            source_type=source, filters=self._window_filters(time_filter)).body(0, 1)["query"]["filters"]}
            for _state, source, time_filter in SOURCES]
        run = measure([sys.executable, str(self.workdir / "scripts" / "export_floor.py"), "--page-size",
                       str(self.page_size), "--queries", json.dumps(queries)], env, self.workdir, output)
        fetched = json.loads(output.read_text())["rows"]
        if fetched != sum(self.changed.values()):
            raise BenchError("the sync floor fetched %d rows, not %d" % (fetched, sum(self.changed.values())))
        return run

    def run(self):
        self.full = {state: self.sim.total_records("secanalyst", "vulndetails", source_type=source)
                     for state, source, _filter in SOURCES}
        # Two days: the scenario reads the last one; reading both shows whether memory grows with the rows.
        self.two_days_start = self.sim.control("GET", "state")["now"] + 1
        self.start = self.sim.control("POST", "advance_day")["now"] + 1
        self.end = self.sim.control("POST", "advance_day")["now"]
        self.changed = self._changed()
        self.clock.say("sync: one day of scanning changed %s findings (of %s)" % (self.changed, self.full))
        kinds = ("floor", "module")
        for latency in ("zero", "model"):
            for repetition in range(repetitions(self.options, sum(self.changed.values()) >= LARGE_FINDINGS)):
                if latency == "model":
                    self.sim.latency(self.options.latency_request, self.options.latency_row)
                try:
                    for kind in kinds[repetition % 2:] + kinds[:repetition % 2]:
                        run = self._floor() if kind == "floor" else self._sync(self.start, sum(self.changed.values()))
                        self.runs.setdefault((latency, kind), []).append(run)
                        self.clock.say("sync %-5s latency %-6s %7.1f s wall %7.1f s CPU %6.0f MB  %8.0f rows/s" % (
                            latency, kind, run.wall, run.cpu, run.rss_mb, sum(self.changed.values()) / run.wall))
                finally:
                    self.sim.latency()
        self.two_days = sum(self._changed(self.two_days_start).values())
        self.two_days_run = self._sync(self.two_days_start, self.two_days)
        self.clock.say("sync of two days, %d rows: %.0f MB" % (self.two_days, self.two_days_run.rss_mb))
        return self.summary()

    def summary(self):
        module = self.runs[("zero", "module")][0]
        analysis = module.requests.get("POST /rest/analysis", 0)
        rows = sum(self.changed.values())
        summary = {
            "page_size": self.page_size, "concurrency": self.concurrency, "changed": self.changed, "full": self.full,
            "requests": module.requests, "analysis_requests": analysis,
            "allowed_requests": sum(count // self.page_size + 1 for count in self.changed.values()),
            "full_requests": sum(count // self.page_size + 1 for count in self.full.values()),
            "rss_mb": max(run.rss_mb for (_latency, kind), runs in self.runs.items() if kind == "module"
                          for run in runs),
            "two_days": {"rows": self.two_days, "rss_mb": self.two_days_run.rss_mb}, "kinds": {}}
        for (latency, kind), runs in self.runs.items():
            summary["kinds"]["%s/%s" % (latency, kind)] = {
                "wall": median(runs), "cpu": median(runs, "cpu"), "rss_mb": max(run.rss_mb for run in runs),
                "rows_per_second": rows / median(runs), "repetitions": len(runs)}
        for latency in ("zero", "model"):
            entry, floor = (summary["kinds"]["%s/%s" % (latency, kind)] for kind in ("module", "floor"))
            entry["vs_floor"] = entry["rows_per_second"] / floor["rows_per_second"]
        return summary


def sync_section(sync):
    rows = sum(sync["changed"].values())
    lines = [
        "## Sync: `tenablesc_findings_sync` after one simulated day",
        "",
        "A day of scanning on the simulator (a quarter of the hosts scanned: findings seen again, fixed, new and"
        " back) changed %s findings of %s; the sync read them with `since` at the day's start, page_size %d and"
        " concurrency %d, writing `dest` in JSON lines. It sent %s: %d analysis requests, where the changed rows"
        " and one page per state allow %d and a full export of both data sources would send %d for %d rows." % (
            ", ".join("%d %s" % (count, state) for state, count in sync["changed"].items()),
            ", ".join("%d %s" % (count, state) for state, count in sync["full"].items()), sync["page_size"],
            sync["concurrency"], ", ".join("%d %s" % (count, key) for key, count in sorted(sync["requests"].items())),
            sync["analysis_requests"], sync["allowed_requests"], sync["full_requests"], sum(sync["full"].values())),
        "The floor fetches the same pages one after the other with plain `requests` and `json` and keeps nothing.",
        "",
        "| latency | side | wall s | CPU s | peak RSS MB | rows/s | vs floor |",
        "|---|---|---|---|---|---|---|",
    ]
    for latency in ("zero", "model"):
        for kind in ("floor", "module"):
            entry = sync["kinds"]["%s/%s" % (latency, kind)]
            lines.append("| %s | %s | %.1f | %.1f | %.0f | %.0f | %s |" % (
                latency, kind, entry["wall"], entry["cpu"], entry["rss_mb"], entry["rows_per_second"],
                "%.2fx" % entry["vs_floor"] if "vs_floor" in entry else ""))
    lines += ["", "Peak RSS of the sync: %.0f MB for the day's %d changed rows, %.0f MB for the %d of two days." % (
        sync["rss_mb"], rows, sync["two_days"]["rss_mb"], sync["two_days"]["rows"]), ""]
    zero, floor = sync["kinds"]["zero/module"], sync["kinds"]["zero/floor"]
    if zero["vs_floor"] < 0.9:
        lines += [
            "At zero latency the sync moved %.2fx the floor's rows per second: the floor spends %.0f us of wall time"
            " per row, while the sync's own work (fetching, decoding, typing, keying and writing each row, and"
            " Ansible's start) took %.0f us of CPU per row in one Python process, which no overlap with SC can"
            " hide. Where SC takes time to answer (the latency model) that work runs while SC prepares the next"
            " page." % (zero["vs_floor"], 1e6 / floor["rows_per_second"], zero["cpu"] / rows * 1e6), ""]
    return lines


# Report ---------------------------------------------------------------------------------------------------------

INVENTORY_LABELS = {
    "floor": "static JSON script (the floor)", "plugin": "plugin",
    "naive": "pyTenable script, latency model", "plugin_latency": "plugin, latency model, cache on (first run)",
    "cached": "plugin from its cache (second run)"}


STEP_LABELS = {"fetch": "fetching (requests, TLS)", "decode": "decoding JSON", "typing": "typing the values",
               "jsonl": "writing jsonl", "csv": "writing csv"}


def export_shortfalls(export):
    """For each missed export target, why, in numbers this run measured."""
    steps = export["stages"]["us_per_row"]
    common = steps["fetch"] + steps["decode"] + steps["typing"]
    lines = []
    zero_floor = export["kinds"].get("zero/floor")
    for file_format in ExportBench.FORMATS:
        entry = export["kinds"].get("zero/%s" % file_format)
        if not zero_floor or not entry or entry["vs_floor"] >= EXPORT_GOALS["zero"]:
            continue
        floor_us = 1e6 / zero_floor["rows_per_second"]
        needed = common + steps[file_format]
        run_us = entry["cpu"] / export["rows"]["zero"] * 1e6
        line = (
            "- **%s at zero latency: %.2fx, %.0f%% short of %.1fx.** The floor spends %.0f us of wall time per row: its"
            " fetch and decode, then the simulator's answer, one after the other. The module overlaps the simulator's"
            " work with its own, but its own work runs in one Python process, one thread at a time: fetching,"
            " decoding, typing and writing %s take %.0f us of CPU per row (steps above), " % (
                file_format, entry["vs_floor"], 100 * (1 - entry["vs_floor"] / EXPORT_GOALS["zero"]),
                EXPORT_GOALS["zero"], floor_us, file_format, needed))
        if floor_us / needed < EXPORT_GOALS["zero"]:
            line += ("which caps it at %.2fx of the floor's throughput whatever its concurrency. %.1fx would leave %.0f"
                     " us per row for typing and writing after the fetch and decode the floor does too; they take"
                     " %.0f." % (floor_us / needed, EXPORT_GOALS["zero"],
                                 floor_us / EXPORT_GOALS["zero"] - steps["fetch"] - steps["decode"],
                                 steps["typing"] + steps[file_format]))
        else:
            line += ("which alone would allow %.2fx. The measured run spent %.0f us of CPU per row (%.2fx), Ansible's"
                     " start (%.1f s of CPU with limit 0) and the module's threads included; the rest went waiting for"
                     " CPUs it shares with the simulator." % (
                         floor_us / needed, run_us, floor_us / run_us, export["start"]["cpu"]))
        lines.append(line)
    model_floor = export["kinds"].get("model/floor")
    page_seconds = export["latency_request"] + export["page_size"] * export["latency_row"]
    arriving = export["concurrency"] * export["page_size"] / page_seconds
    for file_format in ExportBench.FORMATS:
        entry = export["kinds"].get("model/%s" % file_format)
        if not model_floor or not entry or entry["vs_floor"] >= EXPORT_GOALS["model"]:
            continue
        rows = export["rows"]["model"]
        moving = rows / max(entry["wall"] - export["start"]["wall"], 1e-9)
        cpu_us = max(entry["cpu"] - export["start"]["cpu"], 0.0) / rows * 1e6
        lines.append(
            "- **%s under the latency model: %.2fx, %.0f%% short of %.1fx.** A page of %d rows takes SC %.2f s, so"
            " %d request(s) in flight deliver %.0f rows/s (%.1fx the floor). Of the run's %.1f s, %.1f s is Ansible starting"
            " and finishing the task (a run with limit 0 took that long); the rest moved %.0f rows/s (%.1fx the floor)"
            " at %.0f us of CPU per row, %s." % (
                file_format, entry["vs_floor"], 100 * (1 - entry["vs_floor"] / EXPORT_GOALS["model"]),
                EXPORT_GOALS["model"], export["page_size"], page_seconds, export["concurrency"], arriving,
                arriving / model_floor["rows_per_second"], entry["wall"], export["start"]["wall"], moving,
                moving / model_floor["rows_per_second"], cpu_us,
                "so its CPU is the limit" if cpu_us * arriving > 0.9e6 else "so Ansible's start is most of the gap"))
    return lines


def one_request_at_a_time(export):
    """What keeping one request in flight costs and gains, from the export runs under the latency model."""
    one, many, floor = (export["kinds"].get("model/%s" % kind) for kind in ("jsonl", ExportBench.MANY, "floor"))
    if not (one and many and floor):
        return []
    page_seconds = export["latency_request"] + export["page_size"] * export["latency_row"]
    return [
        "### One request in flight",
        "",
        "Tenable does not recommend multi-threading API calls against SC, so the module and the inventory keep one"
        " request in flight unless `concurrency` says otherwise. Under the latency model a page of %d rows takes SC"
        " %.2f s, which caps one request at a time at %.0f rows/s. The jsonl export moved %.0f rows/s with one"
        " request in flight (%.2fx the floor, which also waits for each page in turn but types and writes nothing):"
        " it handles each page while SC answers the next. With %d in flight it moved %.0f rows/s, %.1fx as many, at"
        " the price of %d requests on SC at once." % (
            export["page_size"], page_seconds, export["page_size"] / page_seconds, one["rows_per_second"],
            one["vs_floor"], MANY_IN_FLIGHT, many["rows_per_second"], many["rows_per_second"] / one["rows_per_second"],
            MANY_IN_FLIGHT),
        "",
    ]


def targets(results):
    """(scenario, what, measured, target, met) for every target of the benchmark; wall-clock ratios, with the
    CPU-time ratio beside them where a busy machine could make the wall clock unfair."""
    rows = []
    inventory = results.get("inventory")
    if inventory:
        medians = inventory["medians"]

        def versus_floor(scenario, kind, what, goal):
            wall, cpu = (medians[kind][key] / medians["floor"][key] for key in ("wall", "cpu"))
            rows.append((scenario, what, "%.2fx (CPU %.2fx)" % (wall, cpu), "<= %.2fx" % goal, wall <= goal))

        versus_floor("1", "plugin", "plugin / floor, --list at zero latency", 1.10)
        above = inventory["above_floor"]
        # Below the floor counts as no time above it.
        share = max(above["plugin"], 0.0) / above["naive"] if above["naive"] > 0 else float("inf")
        rows.append(("2", "time above the floor under the latency model: plugin / pyTenable script",
                     "%.1f s / %.1f s: %.2f" % (above["plugin"], above["naive"], share), "<= 0.20", share <= 0.20))
        versus_floor("3", "cached", "plugin from cache / floor", 1.05)
        cached_requests = inventory["requests"]["cached"]
        rows.append(("3", "requests reaching SC from the cache", "%d" % cached_requests, "0", not cached_requests))
    export = results.get("export")
    if export:
        for latency, goal in EXPORT_GOALS.items():
            for file_format in ExportBench.FORMATS:
                entry = export["kinds"].get("%s/%s" % (latency, file_format))
                if entry:
                    rows.append(("4", "%s export throughput / floor, %s latency" % (
                        file_format, "zero" if latency == "zero" else "the model's"),
                        "%.2fx" % entry["vs_floor"], ">= %.1fx" % goal, entry["vs_floor"] >= goal))
        peak = max(entry["rss_mb"] for key, entry in export["kinds"].items()
                   if not key.endswith(("/floor", "/" + ExportBench.MANY)))
        rows.append(("4", "export peak RSS (Ansible and the module, default concurrency)", "%.0f MB" % peak,
                     "<= 200 MB", peak <= 200))
    counts = results.get("requests")
    if counts:
        rows.append(("5", "requests with %d asset lists and %d host records" % (
            counts["asset_lists"], counts["walks"][0][1]), "%d" % sum(counts["seen"].values()),
            "%d (pages, plus 1)" % sum(counts["expected"].values()), counts["seen"] == counts["expected"]))
    sync = results.get("sync")
    if sync:
        rows.append(("6", "sync analysis requests after one day: changed rows plus one page per state",
                     "%d (a full export: %d)" % (sync["analysis_requests"], sync["full_requests"]),
                     "<= %d" % sync["allowed_requests"], sync["analysis_requests"] <= sync["allowed_requests"]))
        for latency in ("zero", "model"):
            ratio = sync["kinds"]["%s/module" % latency]["vs_floor"]
            rows.append(("6", "sync throughput / floor, %s latency" % ("zero" if latency == "zero" else "the model's"),
                         "%.2fx" % ratio, ">= 0.9x", ratio >= 0.9))
        memory = sync["two_days"]["rss_mb"] / sync["rss_mb"]
        rows.append(("6", "sync peak RSS, two days' rows / one day's", "%.0f / %.0f MB: %.2fx" % (
            sync["two_days"]["rss_mb"], sync["rss_mb"], memory), "<= %.1fx" % SYNC_MEMORY_GOAL,
            memory <= SYNC_MEMORY_GOAL))
    return rows


def markdown(results, svg_name):
    facts = results["facts"]
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`tests/bench/run.py`) from what that run measured; run it again to check.",
        "Each comparison ran both sides in the same repetition loop, one after the other, against the SC simulator",
        "in a process of its own, over HTTPS. Times are medians of wall-clock seconds; CPU is the user and system",
        "seconds of the measured process and its children; peak RSS is the largest resident set among them.",
        "",
        "Run of %s: %s, %d CPUs, Python %s, ansible-core %s; the benchmark took %.0f s (%s: %s)." % (
            facts["date"], facts["machine"], facts["cpus"], facts["python"], facts["ansible_core"], facts["duration"],
            facts["arguments"], ", ".join("%s %.0f s" % item for item in facts["durations"].items())),
        "The hypervisor took %s of the CPUs' time during the run (steal, from /proc/stat)." % (
            "an unknown share" if facts["stolen_share"] is None else "%.0f%%" % (100 * facts["stolen_share"])),
        "Latency model: %.0f ms per analysis request plus %.0f us per returned row." % (
            facts["latency_request"] * 1000, facts["latency_row"] * 1e6),
        "",
        "## Targets",
        "",
        "| scenario | what | measured | target | |",
        "|---|---|---|---|---|",
    ]
    lines += ["| %s | %s | %s | %s | %s |" % (scenario, what, measured, target, "met" if met else "**missed**")
              for scenario, what, measured, target, met in targets(results)]
    lines += ["", "![Measured times and throughputs](%s)" % svg_name, ""]
    inventory = results.get("inventory")
    if inventory:
        lines += [
            "## Inventory: %d SC host records, %d inventory hosts, %d groups, %d variables per host" % (
                facts["hosts"], inventory["inventory_hosts"], inventory["groups"], inventory["vars_per_host"]),
            "",
            "`ansible-inventory --list`, %d repetition(s), as the Security Analyst (every repository). The floor" % (
                inventory["repetitions"]),
            "script serves the plugin's own `--list` output; every source was checked to list exactly that inventory.",
            "CPU stolen is the time the hypervisor took from this machine's CPUs during the run: where it is large,"
            " the same work shows more wall and CPU time, so compare ratios of runs with similar steal.",
            "",
            "| source | wall s | CPU s | CPU stolen s | peak RSS MB | requests to SC | wall / floor | CPU / floor |",
            "|---|---|---|---|---|---|---|---|",
        ]
        floor = inventory["medians"]["floor"]
        for kind in InventoryBench.KINDS:
            entry = inventory["medians"][kind]
            lines.append("| %s | %.1f | %.1f | %s | %.0f | %d | %.2fx | %.2fx |" % (
                INVENTORY_LABELS[kind], entry["wall"], entry["cpu"],
                "-" if entry["stolen"] is None else "%.1f" % entry["stolen"], entry["rss_mb"], inventory["requests"][kind],
                entry["wall"] / floor["wall"], entry["cpu"] / floor["cpu"]))
        lines.append("")
    counts = results.get("requests")
    if counts:
        lines += [
            "## Requests: %d asset lists" % counts["asset_lists"],
            "",
            "`ansible-inventory --graph` under the latency model took %.1f s. Rows per walk (the hosts, then each" % (
                counts["wall"]),
            "asset list): %s. With pages of %d rows that is %d analysis requests (each walk ends on its first"
            " short page) and one asset list lookup; sent: %s." % (
                ", ".join(str(rows) for _name, rows in counts["walks"]), counts["page_size"],
                counts["expected"]["POST /rest/analysis"],
                ", ".join("%d %s" % (count, key) for key, count in sorted(counts["seen"].items()))),
            "",
        ]
    export = results.get("export")
    if export:
        lines += [
            "## Export: `tenablesc_vulns_info` with `dest`",
            "",
            "page_size %d, concurrency %d (%d repetition(s) at zero latency, %d under the latency model). The floor" % (
                export["page_size"], export["concurrency"], export["repetitions"]["zero"],
                export["repetitions"]["model"]),
            "fetches the same pages one after the other with plain `requests` and `json`, and keeps nothing.",
            "Simulator CPU is what the SC side spent meanwhile; CPU per row is the measured process's.",
            "",
            "| latency | rows | side | wall s | CPU s | CPU us/row | simulator CPU s | peak RSS MB | rows/s | vs floor |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for latency in ("zero", "model"):
            for kind in ("floor",) + ExportBench.FORMATS + (ExportBench.MANY,):
                entry = export["kinds"].get("%s/%s" % (latency, kind))
                if not entry:
                    continue
                rows = export["rows"][latency]
                lines.append("| %s | %d | %s | %.1f | %.1f | %.0f | %s | %.0f | %.0f | %s |" % (
                    latency, rows, kind if kind == "floor" else "module, " + kind, entry["wall"], entry["cpu"],
                    entry["cpu"] / rows * 1e6, "%.1f" % entry["sim_cpu"] if entry["sim_cpu"] is not None else "-",
                    entry["rss_mb"], entry["rows_per_second"],
                    "%.2fx" % entry["vs_floor"] if "vs_floor" in entry else ""))
        steps = export["stages"]["us_per_row"]
        lines += [
            "",
            "CPU per row of each step of an export, measured in the benchmark process with the collection's code on"
            " %d pages spread over the exported rows: %s us." % (export["stages"]["pages"], ", ".join(
                "%s %.0f" % (STEP_LABELS[step], cost) for step, cost in steps.items())),
            "",
        ]
        lines += one_request_at_a_time(export)
        shortfalls = export_shortfalls(export)
        if shortfalls:
            lines += ["### Why export targets were missed", ""] + shortfalls + [""]
    if results.get("sync"):
        lines += sync_section(results["sync"])
    closing = ("What to tune for speed: [tuning.md](tuning.md). Run it: `make bench`; sizes and repetitions:"
               " `make bench BENCH_ARGS='--help'`.")
    if inventory:
        closing += (" The %d runs of `ansible-inventory --list` above took %.0f s of this run's %.0f s, most of it"
                    " Ansible's own work (the floor); a run at a fifth of the sizes,"
                    " `make bench BENCH_ARGS='--hosts 20000 --findings 200000'`, checks the same things sooner." % (
                        sum(inventory["runs_per_kind"].values()), facts["durations"]["inventory"], facts["duration"]))
    lines += [closing, ""]
    return "\n".join(lines)


def svg(results):
    """Horizontal bars drawn to scale from the results, one panel per measured quantity; the comparators grey."""
    panels = []
    inventory = results.get("inventory")
    if inventory:
        panels.append(("Inventory of %d hosts: ansible-inventory --list, median seconds" % inventory["inventory_hosts"],
                       "s", [(INVENTORY_LABELS[kind], inventory["medians"][kind]["wall"], kind in ("floor", "naive"))
                             for kind in InventoryBench.KINDS]))
    export = results.get("export")
    if export:
        for latency, title in (("zero", "zero latency"), ("model", "the latency model")):
            bars = [("floor (requests + json)" if kind == "floor" else "module, " + kind,
                     export["kinds"]["%s/%s" % (latency, kind)]["rows_per_second"], kind == "floor")
                    for kind in ("floor",) + ExportBench.FORMATS + (ExportBench.MANY,)
                    if "%s/%s" % (latency, kind) in export["kinds"]]
            if bars:
                panels.append(("Export of %d findings, %s: rows per second" % (export["rows"][latency], title),
                               "rows/s", bars))
    width, label_width, bar_height, gap = 820, 300, 18, 6
    parts, y = [], 10
    for title, unit, bars in panels:
        parts.append('<text x="10" y="%d" font-weight="bold">%s</text>' % (y + 14, escape(title)))
        y += 24
        scale = (width - label_width - 120) / max(value for _label, value, _comparator in bars)
        for label, value, comparator in bars:
            parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (label_width - 8, y + 13, escape(label)))
            parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (
                label_width, y, value * scale, bar_height, "#8c8c8c" if comparator else "#2f6db5"))
            parts.append('<text x="%.1f" y="%d">%s %s</text>' % (
                label_width + value * scale + 6, y + 13, ("%.1f" if value < 1000 else "%.0f") % value, unit))
            y += bar_height + gap
        y += 12
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">\n'
            '<rect width="100%%" height="100%%" fill="white"/>\n%s\n</svg>\n') % (width, y, "\n".join(parts))


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def print_targets(results):
    print("\nTargets:")
    for scenario, what, measured, target, met in targets(results):
        print("  %s  %-72s %-26s %-18s %s" % (scenario, what, measured, target, "met" if met else "MISSED"))


# Main -------------------------------------------------------------------------------------------------------------


def findings_per_host(options):
    """Enough findings per host that the cumulative (unmitigated) findings cover both exports."""
    wanted = max(options.findings, options.latency_findings)
    # A host gets about four fifths of findings_per_host as current findings: repeated picks of a plugin
    # collapse, and mitigated findings stay out of cumulative queries. main() checks the count it gets.
    return max(1, -(-wanted * 4 // (options.hosts * 3)))


def main(argv=None):
    options = parse_args(argv)
    clock = Clock()
    workdir = Path(tempfile.mkdtemp(prefix="tenablesc-bench-"))
    results = {}
    durations = {}
    stolen_at_start = stolen_seconds()
    try:
        (workdir / "scripts").mkdir()
        for name in SCRIPTS:
            # Ansible runs an inventory script itself: the copy names this Python, which has pyTenable.
            script = workdir / "scripts" / name
            script.write_text("#!%s\n%s" % (sys.executable, (HERE / name).read_text()))
            script.chmod(0o755)
        clock.say("simulator: %d hosts, starting" % options.hosts)
        dataset = ["--hosts", str(options.hosts), "--findings-per-host", str(findings_per_host(options))]
        with simulator_process(workdir / "simulator.json", startup_timeout=600, arguments=dataset) as state:
            sim = Simulator(state)
            asset_ids = ensure_asset_lists(sim, ASSET_LIST_COUNT) if "requests" in options.only else []
            # SC's first answer to a query evaluates it; the simulator then keeps it, as a warm SC would.
            available = sim.total_records("secanalyst", "vulndetails")
            clock.say("simulator: %s sumip rows, %d cumulative findings" % (
                sim.total_records("secanalyst", "sumip"), available))
            if "export" in options.only and available < max(options.findings, options.latency_findings):
                raise BenchError("the simulator holds %d findings, fewer than asked for: each host has a limited set of"
                                 " plugins, so raise --hosts or lower --findings" % available)
            durations["simulator start"] = clock.elapsed
            groups = {"inventory": lambda: InventoryBench(sim, workdir, options, clock).run(),
                      "requests": lambda: request_counts(sim, workdir, options, asset_ids, clock),
                      "export": lambda: ExportBench(sim, workdir, options, clock).run(),
                      # Last: its simulated day changes the data the others read.
                      "sync": lambda: SyncBench(sim, workdir, options, clock).run()}
            for group, bench in groups.items():
                if group in options.only:
                    started = clock.elapsed
                    results[group] = bench()
                    durations[group] = clock.elapsed - started
    except BenchError as exc:
        clock.say("FAILED: %s" % exc)
        return 1
    finally:
        if options.keep:
            clock.say("working directory kept: %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    results["facts"] = {
        "date": time.strftime("%Y-%m-%d"), "machine": platform.machine(), "cpus": os.cpu_count(),
        "python": platform.python_version(), "ansible_core": ansible.__version__, "duration": clock.elapsed,
        "durations": durations,
        "stolen_share": None if stolen_at_start is None else (stolen_seconds() - stolen_at_start) / (
            clock.elapsed * os.cpu_count()),
        "hosts": options.hosts, "latency_request": options.latency_request, "latency_row": options.latency_row,
        "arguments": " ".join(["tests/bench/run.py"] + list(argv if argv is not None else sys.argv[1:]))}
    print_targets(results)
    if options.report:
        svg_path = options.report.with_suffix(".svg")
        options.report.parent.mkdir(parents=True, exist_ok=True)
        svg_path.write_text(svg(results))
        options.report.write_text(markdown(results, svg_path.name))
        clock.say("wrote %s and %s" % (options.report, svg_path))
    clock.say("benchmark took %.0f s" % clock.elapsed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
