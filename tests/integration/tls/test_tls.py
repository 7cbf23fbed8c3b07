# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS for every module and the inventory plugin: verified by default, ca_path, validate_certs, hostnames, proxies.

The simulator's certificate comes from a CA of its own, which no trust store holds. REQUESTS_CA_BUNDLE
is set for every run, as on many hosts, so the tests also show that ca_path wins over it.
"""

import select
import socket

import certifi
import pytest
import yaml

from sc_simulator import Simulator
from support.ansible_run import REPO, run_inventory, run_playbook
from support.servers import QuietHandler, serving

MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("tenablesc_*.py"))
# A call of each module that succeeds for a Vulnerability Analyst and changes nothing.
CALLS = {
    "tenablesc_accept_risk": dict(plugin_id=19506, all_hosts=True),
    "tenablesc_apikey_check": {},
    "tenablesc_asset": dict(name="No such list", state="absent"),
    "tenablesc_asset_info": {},
    "tenablesc_findings_sync": dict(states=["fixed"], first_run_days=1),
    "tenablesc_recast_risk": dict(plugin_id=19506, all_hosts=True, new_severity="low"),
    "tenablesc_remediation_scan": dict(findings=[{"ip": "10.16.0.1", "pluginID": 19506, "repository": {"id": 1}}]),
    "tenablesc_risk_rule_info": {},
    "tenablesc_scan_launch": dict(id=1),
    "tenablesc_scan_result_info": {},
    "tenablesc_vulns_info": dict(tool="sumseverity"),
}
# Modules whose call writes: run in check mode, where they read what they need and change nothing.
CHECK_MODE = ("tenablesc_accept_risk", "tenablesc_recast_risk", "tenablesc_remediation_scan", "tenablesc_scan_launch")
UNKNOWN_CA = "unable to get local issuer certificate"
MISMATCH = "mismatch"


class ConnectProxy(QuietHandler):
    """An HTTP proxy that only tunnels (CONNECT), recording where to; ``tunnels`` is set per server."""

    tunnels = None

    def do_CONNECT(self):  # noqa: N802 - http.server's naming
        host, port = self.path.rsplit(":", 1)
        self.tunnels.append(self.path)
        upstream = socket.create_connection((host, int(port)), timeout=30)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.close_connection = True
        sockets = [self.connection, upstream]
        try:
            while True:
                readable, _writable, _failed = select.select(sockets, [], [], 30)
                if not readable:
                    return
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is self.connection else self.connection).sendall(data)
        finally:
            upstream.close()


def connect_proxy():
    """serving() a fresh CONNECT proxy; the handler class's ``tunnels`` lists the tunnels it opened."""
    handler = type("RecordingConnectProxy", (ConnectProxy,), {"tunnels": []})
    return handler, serving(handler)


@pytest.fixture(scope="module")
def other_host(sc_dataset):
    """The simulator on 127.0.0.2: its certificate names 127.0.0.1 and localhost only."""
    with Simulator(dataset=sc_dataset, tls=True, host="127.0.0.2") as simulator:
        yield simulator


def situations(sc, other_host, proxy_port):
    """The connection options of each TLS situation, by name."""
    return {
        "verified_by_default": dict(url=sc.url),
        "ca_path": dict(url=sc.url, ca_path=sc.ca_path),
        "validate_certs_off": dict(url=sc.url, validate_certs=False),
        "another_hosts_certificate": dict(url=other_host.url, ca_path=other_host.ca_path),
        "proxy": dict(url=sc.url, ca_path=sc.ca_path, proxy="http://127.0.0.1:%d" % proxy_port),
    }


def tls_environment():
    """A CA bundle in REQUESTS_CA_BUNDLE, as hosts often have; it does not hold the simulator's CA."""
    return dict(REQUESTS_CA_BUNDLE=certifi.where())


def test_every_module(sc, other_host, tmp_path):
    assert sorted(CALLS) == MODULES, "add a call for the new module"
    keys = dict(api_keys=sc.key_string("vulnanalyst"), retries=0, timeout=10)
    option_proxy, option_proxy_server = connect_proxy()
    environment_proxy, environment_proxy_server = connect_proxy()
    with option_proxy_server as option_port, environment_proxy_server as environment_port:
        scenarios = dict(situations(sc, other_host, option_port), HTTPS_PROXY=dict(url=sc.url, ca_path=sc.ca_path))
        tasks = []
        for module in MODULES:
            for scenario, connection in scenarios.items():
                task = {"name": "%s %s" % (module, scenario), "ignore_errors": True, "check_mode": module in CHECK_MODE,
                        "secops.tenablesc." + module: dict(CALLS[module], **dict(keys, **connection))}
                if scenario == "HTTPS_PROXY":
                    task["environment"] = dict(HTTPS_PROXY="http://127.0.0.1:%d" % environment_port)
                tasks.append(task)
        playbook = tmp_path / "tls.yml"
        playbook.write_text(yaml.safe_dump([dict(hosts="localhost", gather_facts=False, tasks=tasks)]))
        run = run_playbook(playbook, tmp_path, env=tls_environment())
    outcomes = dict((entry["task"], (entry["status"], entry["result"].get("msg", ""),
                                     " ".join(entry["result"].get("warnings") or []))) for entry in run.results)
    assert len(outcomes) == len(tasks)
    for module in MODULES:
        status, message, _warnings = outcomes[module + " verified_by_default"]
        assert status == "failed" and UNKNOWN_CA in message and "ca_path" in message, (module, message)
        assert outcomes[module + " ca_path"][0] == "ok", (module, outcomes[module + " ca_path"])
        status, _message, warnings = outcomes[module + " validate_certs_off"]
        assert status == "ok" and "validate_certs is off" in warnings, (module, warnings)
        status, message, _warnings = outcomes[module + " another_hosts_certificate"]
        assert status == "failed" and MISMATCH in message and "127.0.0.2" in message and "issued for" in message, (
            module, message)
        assert outcomes[module + " proxy"][0] == outcomes[module + " HTTPS_PROXY"][0] == "ok", module
    # Each proxy tunnelled to SC, and only there.
    assert set(option_proxy.tunnels) == set(environment_proxy.tunnels) == {"127.0.0.1:%d" % sc.port}


def test_inventory(sc, other_host, tmp_path):
    proxy, proxy_server = connect_proxy()
    with proxy_server as proxy_port:
        sources = situations(sc, other_host, proxy_port)
        for name, options in sources.items():
            (tmp_path / ("%s.tenablesc.yml" % name)).write_text(yaml.safe_dump(dict(
                options, plugin="secops.tenablesc.tenablesc", retries=0, groups={"parsed_" + name: "true"})))
        # Some sources fail on purpose: the others must still be listed.
        run = run_inventory([tmp_path / ("%s.tenablesc.yml" % name) for name in sources], tmp_path, strict=False,
                            env=dict(tls_environment(), TENABLESC_API_KEYS=sc.key_string("vulnanalyst"),
                                     ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc"))
    output = run.output
    parsed = sorted(name for name in sources if run.hosts("parsed_" + name))
    assert parsed == ["ca_path", "proxy", "validate_certs_off"], output
    assert UNKNOWN_CA in output and "Set ca_path" in output and MISMATCH in output and "issued for" in output
    assert "validate_certs is off" in output
    assert set(proxy.tunnels) == {"127.0.0.1:%d" % sc.port}
