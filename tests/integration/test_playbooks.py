# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The playbooks under playbooks/ run against the simulator as a user would run them against SC."""

import json
from pathlib import Path

from sc_simulator.scans import ScanTiming
from support.ansible_run import REPO, run_playbook

PLAYBOOKS = REPO / "playbooks"


def sc_environment(sc, user="vulnanalyst"):
    return dict(TENABLESC_URL=sc.url, TENABLESC_API_KEYS=sc.key_string(user), TENABLESC_CA_PATH=sc.ca_path)


def test_check_api_keys(sc, tmp_path):
    run = run_playbook(PLAYBOOKS / "check_api_keys.yml", tmp_path, env=sc_environment(sc))
    assert run.returncode == 0, run.output
    assert "The keys work: vulnanalyst" in run.stdout


def test_check_api_keys_names_the_fix(sc, tmp_path):
    run = run_playbook(PLAYBOOKS / "check_api_keys.yml", tmp_path, env=sc_environment(sc, "norepo"))
    assert run.returncode != 0
    assert "Assign the service account to the repositories" in run.stdout


def test_export_findings(sc, tmp_path):
    dest = Path(tmp_path) / "audit.csv"
    run = run_playbook(PLAYBOOKS / "export_findings.yml", tmp_path, args=["-e", "export_dest=%s" % dest],
                       env=sc_environment(sc))
    assert run.returncode == 0, run.output
    assert dest.read_text().splitlines()[0].startswith("ip,dnsName,netbiosName,repository.id")


def test_sync_findings_twice_writes_the_changes_then_an_empty_window(sc, tmp_path):
    run = run_playbook(PLAYBOOKS / "sync_findings.yml", tmp_path, args=["-e", "sync_dir=%s" % tmp_path],
                       env=sc_environment(sc))
    assert run.returncode == 0, run.output
    written = sorted(tmp_path.glob("changes-*.jsonl"))
    assert len(written) == 1 and json.loads(written[0].read_text().splitlines()[0])["finding_key"]
    again = run_playbook(PLAYBOOKS / "sync_findings.yml", tmp_path, args=["-e", "sync_dir=%s" % tmp_path],
                         env=sc_environment(sc))
    assert again.returncode == 0, again.output
    assert "0 open, 0 reopened and 0 fixed" in again.stdout, "SC's clock stood still: nothing new"
    assert (tmp_path / "findings.checkpoint").exists()


def test_sync_asset_lists_is_idempotent(sc, tmp_path):
    first = run_playbook(PLAYBOOKS / "sync_asset_lists.yml", tmp_path, env=sc_environment(sc, "secmanager"))
    assert first.returncode == 0, first.output
    again = run_playbook(PLAYBOOKS / "sync_asset_lists.yml", tmp_path, env=sc_environment(sc, "secmanager"))
    assert again.returncode == 0 and "changed=0" in again.stdout


def test_patch_critical_in_check_mode_targets_hosts_with_a_critical(sc, tmp_path):
    run = run_playbook(PLAYBOOKS / "patch_critical.yml", tmp_path,
                       args=["-i", str(PLAYBOOKS / "inventory" / "sc.tenablesc.yml"), "--check", "-c", "local"],
                       env=dict(sc_environment(sc), ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc"))
    assert run.returncode == 0, run.output
    targeted = [r for r in run.results if r["task"] == "Say what SC found"]
    assert targeted and all("critical" in r["result"]["msg"] for r in targeted)
    assert all(int(r["result"]["msg"].split("): ")[1].split(" critical")[0]) > 0 for r in targeted)


def critical_findings(sc, days=None):
    """(ip, plugin id, port) of every open critical host finding in the simulator, or of those seen in ``days``."""
    ds = sc.dataset
    since = ds.now - days * 86400 if days else 0
    return {(ds.hosts[ds.f_host[i]].ip, ds.plugins[ds.f_plugin[i]].id, ds.f_port[i]) for i in range(len(ds.f_plugin))
            if not ds.f_mitigated[i] and ds.plugins[ds.f_plugin[i]].severity == 4 and not ds.plugins[ds.f_plugin[i]].was
            and ds.f_last[i] >= since}


def patch_and_verify(sc, tmp_path):
    sc.scans.timing = ScanTiming(queued=0.1, preparing=0.1, initializing=0.1, running=0.2, importing=0.3)
    return run_playbook(PLAYBOOKS / "patch_and_verify.yml", tmp_path,
                        args=["-i", str(PLAYBOOKS / "inventory" / "sc.tenablesc.yml"), "-c", "local",
                              "-e", "verify_poll_interval=1"],
                        env=dict(sc_environment(sc, "secmanager"), ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc"))


def test_patch_and_verify_passes_once_sc_sees_every_critical_finding_fixed(sc, tmp_path):
    for ip, plugin_id, port in critical_findings(sc):
        sc.scans.machines.patch(ip, plugin_id, port)
    run = patch_and_verify(sc, tmp_path)
    assert run.returncode == 0, run.output
    patched = [r for r in run.results if r["task"] == "Patch the host (replace this task with your patch tasks)"]
    [verified] = [r["result"] for r in run.results if r["task"].endswith("classify each finding")]
    assert patched and verified["counts"] == {"fixed": len(verified["results"]), "vulnerable": 0, "not_checked": 0}
    assert {item["ip"] for item in verified["results"]} == {r["result"]["msg"].split("(")[1].split(")")[0] for r in patched}


def test_patch_and_verify_fails_naming_a_finding_the_patch_missed(sc, tmp_path):
    # Seen in the inventory's 30 days, so its host is in sc_has_critical.
    missed = sorted(critical_findings(sc, days=30))[0]
    for ip, plugin_id, port in critical_findings(sc) - {missed}:
        sc.scans.machines.patch(ip, plugin_id, port)
    run = patch_and_verify(sc, tmp_path)
    assert run.returncode != 0
    assert "%s plugin %s port %s/" % missed in run.output and "vulnerable" in run.output


def test_exceptions_playbook_makes_sc_match_the_file_and_a_rerun_changes_nothing(sc, tmp_path):
    first = run_playbook(PLAYBOOKS / "exceptions.yml", tmp_path, env=sc_environment(sc, "secmanager"))
    assert first.returncode == 0 and "changed=2" in first.stdout, first.output
    repositories = len(sc.users["secmanager"].repository_ids)
    accepted = sorted((rule["plugin"].id, rule["repository"]["name"]) for rule in sc.risk_rules.listed("accept"))
    assert accepted == sorted([(51192, repository["name"]) for repository in sc.dataset.repositories]
                              + [(57582, "Datacenter")])
    recast = sc.risk_rules.listed("recast")
    assert len(recast) == repositories and {rule["newSeverity"] for rule in recast} == {"1"}
    mark = len(sc.requests)
    again = run_playbook(PLAYBOOKS / "exceptions.yml", tmp_path, env=sc_environment(sc, "secmanager"))
    assert again.returncode == 0 and "changed=0" in again.stdout, again.output
    assert not [r for r in sc.requests[mark:] if r.method in ("POST", "DELETE") and "RiskRule" in r.path]
