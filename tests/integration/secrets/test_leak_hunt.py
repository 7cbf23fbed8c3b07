# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leak hunt: every module and the inventory plugin, succeeding and failing, at -vvvv with ANSIBLE_DEBUG.

Each case gets a simulator of its own with its fault armed beforehand, so one ansible-playbook (or
ansible-inventory) run holds many cases. The accounts' keys contain '+', '/' and '=' so that each URL
encoding of a key is a distinct string; the search looks for every key, wrong keys the cases send
included, in each of those forms and for either half of it, ignoring case.

What is searched: stdout and stderr of every run (verbose and ANSIBLE_DEBUG output), the
ANSIBLE_LOG_PATH log, the results the record_results callback saw, and every file under the test's
working directory: Ansible's local and remote temporary directories (kept with
ANSIBLE_KEEP_REMOTE_FILES), TMPDIR, the inventory cache, the files dest writes (and any partial
ones), the ansible-inventory output file, and the playbooks and vars files themselves (the keys in them
are vault-encrypted, as users keep them). What modules log on the target (module.debug goes to its
syslog) is out of reach here; tests/integration/secrets/test_error_chains.py reads the client's debug lines.

What is not searched, and why, when keys are given as module arguments: the AnsiballZ payload in the
remote temporary directory holds the module's arguments, and ANSIBLE_DEBUG makes ansible-core print them
("done with _execute_module (module, arguments)"); both are ansible-core's doing, and Ansible documents
that debug output can include secrets despite no_log. A user who keeps remote files has chosen to keep
the arguments on disk. Everything else from those runs is searched, and with keys taken from the
TENABLESC_* environment (as AWX injects them) nothing is left out at all: not the payloads, not a line
of debug output.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

import yaml
from ansible.parsing.vault import VaultLib, VaultSecret

from leak_search import WRONG_KEYS
from support.ansible_run import run_inventory, run_playbook

VAULT_PASSWORD = "leak-hunt-vault-password"
# ansible-core's own echo of a module's arguments in ANSIBLE_DEBUG output.
ARGUMENTS_ECHO = re.compile(r"^.*done with _execute_module \(.*$", re.MULTILINE)
# An ANSIBLE_DEBUG line: process ID, time, message.
DEBUG_LINE = re.compile(r"^ *\d+ \d+\.\d+: ", re.MULTILINE)
# Where the faults hit: the request that checks the keys, a page after the first, an asset list read
# after the listing, and the create.
KEY_CHECK = dict(method="GET", path="/rest/currentUser")
LATER_PAGE = dict(method="POST", path="/rest/analysis", after=1)
ASSET_READ = dict(method="GET", path="/rest/asset", after=1)
ASSET_CREATE = dict(method="POST", path="/rest/asset")
LAUNCH = dict(method="POST", path="/rest/scan/1/launch")
POLICY_CREATE = dict(method="POST", path="/rest/policy")
RULE_CREATE = dict(method="POST", path="/rest/acceptRiskRule")
ONCE, EVERY_TIME = 1, 100


def fault(kind, where, times=ONCE, **params):
    return dict(where, kind=kind, times=times, **params)


@dataclass
class Case:
    """One task (or inventory source): what it runs, what it is given, and how it must end."""

    name: str
    target: str
    outcome: str
    says: str
    user: str = "vulnanalyst"
    args: dict = field(default_factory=dict)
    faults: tuple = ()
    keys: str = "api_keys"  # api_keys, separate (access_key and secret_key) or a name in the vault file
    sim: str = "tls"  # tls, http, or none (the case fails before contacting SC)


def vulns(**args):
    return dict(dict(tool="sumip", page_size=20, fields=["ip", "dnsName", "severityCritical"]), **args)


def changes(**args):
    return dict(dict(page_size=20, filters={"severity": ["high", "critical"]}), **args)


def remediation(**args):
    """A remediation scan of a host that does not answer: it runs, finds nothing and cleans up."""
    return dict(dict(poll_interval=1, findings=[{"ip": "10.251.9.9", "pluginID": 19506, "repository": {"id": 1}}]),
                **args)


def exception(**args):
    """A rule accepting a plugin on an address no host has: it changes nothing the other cases read."""
    return dict(dict(plugin_id=19506, ips=["10.251.7.7"], repositories=[1], comment="leak hunt"), **args)


def new_list(name):
    return dict(name="Leak hunt %s" % name, type="static", ips=["10.251.0.1"])


MODULE_CASES = (
    # Successes, some after a fault that a retry outlasts.
    Case("broader role warns", "tenablesc_apikey_check", "ok", "more than read-only use needs", user="secmanager"),
    Case("plain http warns", "tenablesc_asset_info", "ok", "travel unencrypted", sim="http"),
    Case("503 once", "tenablesc_apikey_check", "ok", "", faults=(fault("status", KEY_CHECK, status=503),)),
    Case("429 once", "tenablesc_vulns_info", "ok", "", args=vulns(), keys="separate",
         faults=(fault("status", LATER_PAGE, status=429, retry_after=1),)),
    Case("html502 once", "tenablesc_asset_info", "ok", "", faults=(fault("html502", ASSET_READ),)),
    Case("truncated once", "tenablesc_vulns_info", "ok", "", args=vulns(dest="truncated-once.csv"),
         faults=(fault("truncated", LATER_PAGE),)),
    Case("reset after create", "tenablesc_asset", "ok", "found asset list", user="secmanager",
         args=new_list("reset after create"), faults=(fault("reset_after", ASSET_CREATE),)),
    Case("slow once", "tenablesc_apikey_check", "ok", "", args=dict(timeout=1),
         faults=(fault("slow", KEY_CHECK, delay=1.5),)),
    Case("database locked once", "tenablesc_asset_info", "ok", "", faults=(fault("db_locked", ASSET_READ),)),
    Case("reset before once", "tenablesc_vulns_info", "ok", "", args=vulns(), faults=(fault("reset_before", LATER_PAGE),)),
    Case("total records drift", "tenablesc_vulns_info", "ok", "", args=vulns(dest="drift.json"),
         faults=(fault("total_records_drift", LATER_PAGE, EVERY_TIME, delta=-7),)),
    # Faults that outlast the retries.
    Case("429 every time", "tenablesc_apikey_check", "failed", "HTTP 429",
         faults=(fault("status", KEY_CHECK, EVERY_TIME, status=429, retry_after=1),)),
    Case("503 every time", "tenablesc_asset_info", "failed", "HTTP 503",
         faults=(fault("status", ASSET_READ, EVERY_TIME, status=503),)),
    Case("launch and wait", "tenablesc_scan_launch", "ok", "", user="secmanager",
         args=dict(id=1, wait=True, poll_interval=1)),
    Case("launch answer lost", "tenablesc_scan_launch", "ok", "answer to the launch was lost", user="secmanager",
         args=dict(id=1), faults=(fault("reset_after", LAUNCH),)),
    Case("scan results since 2000", "tenablesc_scan_result_info", "ok", "", args=dict(since="2000-01-01")),
    Case("remediation scan", "tenablesc_remediation_scan", "ok", "", user="secmanager", args=remediation()),
    Case("remediation policy answer lost", "tenablesc_remediation_scan", "ok", "answer to the policy create was lost",
         user="secmanager", args=remediation(), faults=(fault("reset_after", POLICY_CREATE),)),
    Case("accept a risk", "tenablesc_accept_risk", "ok", "", user="secmanager", args=exception(expires="2099-01-31")),
    Case("accept answer lost", "tenablesc_accept_risk", "ok", "answer to the create was lost", user="secmanager",
         args=exception(ips=["10.251.7.8"]), faults=(fault("reset_after", RULE_CREATE),)),
    Case("recast a risk", "tenablesc_recast_risk", "ok", "", user="secmanager", args=exception(new_severity="low")),
    Case("risk rules", "tenablesc_risk_rule_info", "ok", ""),
    Case("expiry in the past", "tenablesc_accept_risk", "failed", "already past", user="secmanager",
         args=exception(expires="2001-01-01")),
    Case("changes since the checkpoint", "tenablesc_findings_sync", "ok", "",
         args=changes(checkpoint_file="changes.checkpoint", dest="changes.jsonl")),
    Case("changes when a reset persists", "tenablesc_findings_sync", "failed", "connection broke",
         args=changes(checkpoint_file="reset.checkpoint", dest="reset-changes.csv"),
         faults=(fault("reset_after", LATER_PAGE, EVERY_TIME),)),
    Case("html502 every time", "tenablesc_vulns_info", "failed", "HTTP 502", args=vulns(dest="html502.csv"),
         faults=(fault("html502", LATER_PAGE, EVERY_TIME),)),
    Case("reset before every time", "tenablesc_asset", "failed", "connection broke", user="secmanager",
         args=new_list("reset before"), faults=(fault("reset_before", ASSET_CREATE, EVERY_TIME),)),
    Case("reset after every time", "tenablesc_vulns_info", "failed", "connection broke", args=vulns(),
         faults=(fault("reset_after", LATER_PAGE, EVERY_TIME),)),
    Case("truncated every time", "tenablesc_apikey_check", "failed", "cut off",
         faults=(fault("truncated", KEY_CHECK, EVERY_TIME),)),
    Case("slow every time", "tenablesc_asset_info", "failed", "did not answer within", args=dict(timeout=1),
         faults=(fault("slow", ASSET_READ, EVERY_TIME, delay=1.5),)),
    Case("database locked every time", "tenablesc_vulns_info", "failed", "database is locked", args=vulns(),
         faults=(fault("db_locked", LATER_PAGE, EVERY_TIME),)),
    Case("403/146 on a later page", "tenablesc_vulns_info", "failed", "Invalid parameters",
         args=vulns(dest="refused.csv"), faults=(fault("analysis_error", LATER_PAGE),)),
    Case("wait times out", "tenablesc_scan_launch", "failed", "was not imported within 0 seconds", user="secmanager",
         args=dict(id=1, wait=True, wait_timeout=0)),
    Case("remediation policy refused every time", "tenablesc_remediation_scan", "failed", "HTTP 503",
         user="secmanager", args=remediation(), faults=(fault("status", POLICY_CREATE, EVERY_TIME, status=503),)),
    Case("role may not launch scans", "tenablesc_scan_launch", "failed", "Security Manager or Security Analyst",
         args=dict(id=1)),
    # Keys SC refuses.
    Case("wrong secret key", "tenablesc_apikey_check", "failed", "Users > Users > API Keys", keys="wrong_secret"),
    Case("unknown keys", "tenablesc_vulns_info", "failed", "refused the API keys", args=vulns(), keys="unknown"),
    Case("role may not manage lists", "tenablesc_asset", "failed", "", args=new_list("not allowed")),
    Case("administrator keys", "tenablesc_apikey_check", "failed", "organization service account", user="admin"),
    # URLs that cannot work.
    Case("not http", "tenablesc_apikey_check", "failed", "not an http(s) URL", args=dict(url="ftp://127.0.0.1/"),
         sim="none"),
    Case("keys in the url", "tenablesc_vulns_info", "failed", "must not carry credentials", args=vulns(),
         keys="keys_in_url", sim="none"),
    Case("nothing listens", "tenablesc_asset_info", "failed", "Could not connect", args=dict(url="https://127.0.0.1:9"),
         sim="none"),
    Case("not SC's API", "tenablesc_asset", "failed", "not with Tenable Security Center's JSON API", user="secmanager",
         args=dict(new_list("not sc"), url_path="/sc/rest/more")),
    # Key strings that are not SC's form.
    Case("no semicolon", "tenablesc_apikey_check", "failed", "characters SC keys never have", keys="no_semicolon",
         sim="none"),
    Case("colon pair", "tenablesc_vulns_info", "failed", "unknown field", args=vulns(), keys="colon_pair", sim="none"),
    Case("extra field", "tenablesc_asset_info", "failed", "unknown field", keys="extra_field", sim="none"),
    Case("quoted secret", "tenablesc_asset", "failed", "characters SC keys never have", user="secmanager",
         args=new_list("quoted"), keys="quoted_secret", sim="none"),
)

ENVIRONMENT_CASES = (
    Case("check", "tenablesc_apikey_check", "ok", ""),
    Case("export after a reset", "tenablesc_vulns_info", "ok", "", args=vulns(dest="environment.json"),
         faults=(fault("reset_after", LATER_PAGE),)),
    Case("changes after a reset", "tenablesc_findings_sync", "ok", "",
         args=changes(checkpoint_file="environment.checkpoint", dest="environment-changes.jsonl"),
         faults=(fault("reset_after", LATER_PAGE),)),
    Case("503 every time", "tenablesc_asset_info", "failed", "HTTP 503",
         faults=(fault("status", ASSET_READ, EVERY_TIME, status=503),)),
    Case("role may not manage lists", "tenablesc_asset", "failed", "", args=new_list("environment")),
    Case("role may not scan", "tenablesc_remediation_scan", "failed", "Security Manager or Security Analyst",
         args=remediation()),
    Case("scan results", "tenablesc_scan_result_info", "ok", ""),
    Case("role may not accept risks", "tenablesc_accept_risk", "failed", "Accept Risk and Recast Risk permissions",
         args=exception()),
)

INVENTORY_CASES = (
    Case("cached", "inventory", "ok", "", args=dict(cache=True)),
    Case("429 once", "inventory", "ok", "", faults=(fault("status", LATER_PAGE, status=429, retry_after=1),)),
    Case("validate_certs off", "inventory", "ok", "validate_certs is off", args=dict(validate_certs=False, ca_path=None)),
    Case("total records drift", "inventory", "ok", "", faults=(fault("total_records_drift", LATER_PAGE, EVERY_TIME,
                                                                     delta=-7),)),
    Case("429 every time", "inventory", "failed", "HTTP 429",
         faults=(fault("status", LATER_PAGE, EVERY_TIME, status=429, retry_after=0),)),
    Case("503", "inventory", "failed", "HTTP 503", faults=(fault("status", LATER_PAGE, EVERY_TIME, status=503),)),
    Case("html502", "inventory", "failed", "HTTP 502", faults=(fault("html502", LATER_PAGE, EVERY_TIME),)),
    Case("reset before", "inventory", "failed", "connection broke", faults=(fault("reset_before", LATER_PAGE, EVERY_TIME),)),
    Case("reset after", "inventory", "failed", "connection broke", faults=(fault("reset_after", LATER_PAGE, EVERY_TIME),)),
    Case("truncated", "inventory", "failed", "cut off", faults=(fault("truncated", LATER_PAGE, EVERY_TIME),)),
    Case("slow", "inventory", "failed", "did not answer within", args=dict(timeout=1),
         faults=(fault("slow", LATER_PAGE, EVERY_TIME, delay=1.5),)),
    Case("database locked", "inventory", "failed", "database is locked",
         faults=(fault("db_locked", LATER_PAGE, EVERY_TIME),)),
    Case("403/146 on a later page", "inventory", "failed", "Invalid parameters",
         faults=(fault("analysis_error", LATER_PAGE),)),
    Case("unknown keys", "inventory", "failed", "refused the API keys", keys="unknown"),
    Case("no semicolon", "inventory", "failed", "characters SC keys never have", keys="no_semicolon", sim="none"),
    Case("not http", "inventory", "failed", "not an http(s) URL", args=dict(url="ftp://127.0.0.1/"), sim="none"),
)


def slug(name):
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def vault():
    return VaultLib([("default", VaultSecret(VAULT_PASSWORD.encode()))])


def vaulted_keys(sim):
    """Every key string a case may use, by name; the playbook reads them from a vault-encrypted file."""
    users = sim.users
    access, secret = users["vulnanalyst"].access_key, users["vulnanalyst"].secret_key
    return dict(
        key_strings={name: user.key_string for name, user in users.items()},
        access_keys={name: user.access_key for name, user in users.items()},
        secret_keys={name: user.secret_key for name, user in users.items()},
        wrong_secret="accesskey=%s; secretkey=%s;" % (access, WRONG_KEYS[1]),
        unknown="accesskey=%s; secretkey=%s;" % WRONG_KEYS,
        no_semicolon="accesskey=%s secretkey=%s" % (access, secret),
        colon_pair="%s:%s" % (access, secret),
        extra_field="accesskey=%s; secretkey=%s; token=%s;" % (access, secret, secret),
        quoted_secret="accesskey=%s; secretkey='%s';" % (users["secmanager"].access_key, users["secmanager"].secret_key),
        # As a URL must carry them: percent-encoded.
        keys_in_url="%s:%s" % (quote(access, safe=""), quote(secret, safe="")),
    )


class Hunt:
    """Simulators for the cases, the runs' outputs, and the search over all of it."""

    def __init__(self, workdir, leaky_sims, needles):
        self.workdir = Path(workdir)
        self.leaky_sims = leaky_sims
        self.needles = needles
        self.outputs = {}
        self.armed = {}
        self.log = self.workdir / "ansible.log"
        (self.workdir / "tmp").mkdir()
        self.environment = dict(
            ANSIBLE_DEBUG="1", ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_LOG_PATH=str(self.log),
            TMPDIR=str(self.workdir / "tmp"), ANSIBLE_VAULT_PASSWORD_FILE=str(self.vault_password_file()))

    def vault_password_file(self):
        path = self.workdir / "vault-password"
        path.write_text(VAULT_PASSWORD)
        return path

    def simulator(self, case):
        """The case's own simulator with its faults armed, or None when the case never reaches SC."""
        if case.sim == "none":
            return None
        sim = self.leaky_sims(tls=case.sim == "tls")
        self.armed[case.name] = [sim.add_fault(**spec) for spec in case.faults]
        return sim

    def connection(self, case, sim, any_sim):
        """The connection options of a case, keys as Jinja references into the vault file."""
        args = dict(case.args)
        url = args.pop("url", None) or (sim.url + args.pop("url_path", "") if sim else any_sim.url)
        # One retry outlasts a fault that fires once; one that fires every time fails at once, as retrying would
        # only wait.
        retries = 0 if any(spec["times"] == EVERY_TIME for spec in case.faults) else 1
        options = dict(url=url, retries=retries, timeout=10)
        if sim and sim.tls:
            options["ca_path"] = sim.ca_path
        if case.keys == "api_keys":
            options["api_keys"] = "{{ key_strings.%s }}" % case.user
        elif case.keys == "separate":
            options.update(access_key="{{ access_keys.%s }}" % case.user, secret_key="{{ secret_keys.%s }}" % case.user)
        elif case.keys == "keys_in_url":
            options.update(url="https://{{ keys_in_url }}@127.0.0.1:%d" % any_sim.port,
                           api_keys="{{ key_strings.%s }}" % case.user)
        elif case.keys:
            options["api_keys"] = "{{ %s }}" % case.keys
        options.update(args)
        return dict((name, value) for name, value in options.items() if value is not None)

    def record(self, name, stdout, stderr):
        self.outputs[name + " stdout"] = stdout
        self.outputs[name + " stderr"] = stderr

    def findings(self, skip_module_arguments):
        """Every needle found, in outputs and files; ``skip_module_arguments`` leaves out ansible-core's copies."""
        found = []
        for name, text in self.outputs.items():
            if skip_module_arguments:
                text = ARGUMENTS_ECHO.sub("", text)
            found.extend(self.needles.find(text, name))

        def payload(path):
            return skip_module_arguments and os.path.basename(path).startswith("AnsiballZ_")

        in_files, read = self.needles.find_in_files(self.workdir, skip=payload)
        return found + in_files, read

    def check_coverage(self, read):
        """The search is only as good as what it read: ANSIBLE_DEBUG output and the log."""
        assert DEBUG_LINE.search("".join(self.outputs.values())), "no ANSIBLE_DEBUG output"
        assert str(self.log) in read

    def kept_payloads(self):
        return [str(path) for path in self.workdir.rglob("AnsiballZ_*")]


def module_play(hunt, cases, keys_from_environment):
    any_sim = hunt.leaky_sims()
    tasks = []
    for case in cases:
        sim = hunt.simulator(case)
        args = hunt.connection(case, sim, any_sim)
        if keys_from_environment:
            args = dict((name, value) for name, value in args.items() if name not in ("api_keys", "access_key", "secret_key"))
        for path_option in ("dest", "checkpoint_file"):
            if path_option in args:
                args[path_option] = str(hunt.workdir / "exports" / args[path_option])
        tasks.append({"name": case.name, "secops.tenablesc." + case.target: args, "ignore_errors": True})
    (hunt.workdir / "exports").mkdir()
    secrets = hunt.workdir / "secrets.yml"
    secrets.write_bytes(vault().encrypt(yaml.safe_dump(vaulted_keys(any_sim))))
    playbook = hunt.workdir / "leak_hunt.yml"
    playbook.write_text(yaml.safe_dump([dict(hosts="localhost", gather_facts=False, vars_files=[str(secrets)],
                                             tasks=tasks)]))
    return playbook, any_sim


def assert_outcomes(cases, outcomes, hunt):
    """Each case ended as it must, saying what it must, and each fault fired: the hunt ran what it claims."""
    wrong = []
    for case in cases:
        status, text = outcomes[case.name]
        if status != case.outcome or case.says not in text:
            wrong.append((case.name, status, text[:300]))
        if not all(armed.fired for armed in hunt.armed.get(case.name, ())):
            wrong.append((case.name, "a fault never fired", ""))
    assert not wrong


def task_outcomes(run):
    outcomes = {}
    for entry in run.results:
        result = entry["result"]
        text = " ".join([str(result.get("msg", ""))] + [str(warning) for warning in result.get("warnings") or []])
        outcomes[entry["task"]] = (entry["status"], text)
    return outcomes


def test_every_key_differs_from_its_url_encodings(leaky_server):
    """What the search relies on to tell each encoded form of a key from the key."""
    assert all(key != quote(key) != quote_plus(key) for key in leaky_server.every_key())


def test_modules_with_keys_as_arguments(tmp_path, leaky_sims, needles):
    hunt = Hunt(tmp_path, leaky_sims, needles)
    playbook, _any_sim = module_play(hunt, MODULE_CASES, keys_from_environment=False)
    run = run_playbook(playbook, tmp_path, ["-vvvv"], env=hunt.environment)
    hunt.record("ansible-playbook", run.stdout, run.stderr)
    assert_outcomes(MODULE_CASES, task_outcomes(run), hunt)
    # What the failing cases would have written (reset.checkpoint, reset-changes.csv among them) is not there.
    assert sorted(os.listdir(str(tmp_path / "exports"))) == [
        "changes.checkpoint", "changes.jsonl", "drift.json", "truncated-once.csv"]
    found, read = hunt.findings(skip_module_arguments=True)
    hunt.check_coverage(read)
    assert hunt.kept_payloads()
    assert not found


def test_modules_with_keys_from_the_environment(tmp_path, leaky_sims, needles):
    hunt = Hunt(tmp_path, leaky_sims, needles)
    playbook, any_sim = module_play(hunt, ENVIRONMENT_CASES, keys_from_environment=True)
    user = any_sim.users["vulnanalyst"]
    run = run_playbook(playbook, tmp_path, ["-vvvv"], env=dict(
        hunt.environment, TENABLESC_ACCESS_KEY=user.access_key, TENABLESC_SECRET_KEY=user.secret_key))
    hunt.record("ansible-playbook", run.stdout, run.stderr)
    assert_outcomes(ENVIRONMENT_CASES, task_outcomes(run), hunt)
    found, read = hunt.findings(skip_module_arguments=False)
    hunt.check_coverage(read)
    assert hunt.kept_payloads() and set(hunt.kept_payloads()) <= set(read)
    assert not found


def inventory_source(hunt, case, any_sim, keys):
    """A source file for ``case``; a hosts group named after it shows that it parsed."""
    sim = hunt.simulator(case)
    options = hunt.connection(case, sim, any_sim)
    options.pop("api_keys", None)
    config = dict(plugin="secops.tenablesc.tenablesc", page_size=20, groups={"parsed_" + slug(case.name): "true"})
    config.update((name, value) for name, value in options.items() if name != "cache")
    if case.args.get("cache"):
        config.update(cache=True, cache_plugin="ansible.builtin.jsonfile",
                      cache_connection=str(hunt.workdir / "inventory-cache"), cache_timeout=600)
    text = yaml.safe_dump(config)
    if case.keys != "api_keys":
        encrypted = vault().encrypt(keys[case.keys]).decode()
        text += "api_keys: !vault |\n" + "".join("  %s\n" % line for line in encrypted.splitlines())
    path = hunt.workdir / ("%s.tenablesc.yml" % slug(case.name))
    path.write_text(text)
    return path


def test_inventory(tmp_path, leaky_sims, needles):
    hunt = Hunt(tmp_path, leaky_sims, needles)
    any_sim = leaky_sims()
    keys = vaulted_keys(any_sim)
    sources = [inventory_source(hunt, case, any_sim, keys) for case in INVENTORY_CASES]
    # Some sources fail on purpose: the others must still be listed.
    run = run_inventory(sources, tmp_path, args=["--list", "-vvvv"], strict=False, env=dict(
        hunt.environment, TENABLESC_API_KEYS=keys["key_strings"]["vulnanalyst"],
        ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc"))
    hunt.record("ansible-inventory", run.stdout, run.stderr)
    # Which source failed shows in its group; what it said is somewhere in the output (each case's own fault
    # firing on its own simulator ties the two together).
    outcomes = dict((case.name, ("ok" if run.hosts("parsed_" + slug(case.name)) else "failed", run.output))
                    for case in INVENTORY_CASES)
    assert_outcomes(INVENTORY_CASES, outcomes, hunt)
    assert list((tmp_path / "inventory-cache").iterdir())
    found, read = hunt.findings(skip_module_arguments=False)
    hunt.check_coverage(read)
    assert not found
