# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plain-requests access to the simulator for its own tests."""

import pytest
import requests


class Api:
    """requests against the simulator as one of its users; the CA is passed per request because
    REQUESTS_CA_BUNDLE, when set, overrides a CA configured on the session."""

    def __init__(self, sim):
        self.sim = sim
        self.session = requests.Session()

    def call(self, method, path, user="vulnanalyst", keys=None, **kwargs):
        headers = kwargs.pop("headers", {})
        if keys is None and user:
            keys = self.sim.key_string(user)
        if keys is not None:
            headers["x-apikey"] = keys
        return self.session.request(method, self.sim.url + path, headers=headers, verify=self.sim.ca_path,
                                    timeout=30, **kwargs)

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def response(self, method, path, **kwargs):
        """The envelope's response of a call that must succeed."""
        answer = self.call(method, path, **kwargs)
        assert answer.status_code == 200, answer.text
        assert answer.json()["error_code"] == 0
        return answer.json()["response"]

    def analysis(self, tool="vulndetails", filters=(), start=0, end=100000, user="vulnanalyst", **root):
        body = {"type": "vuln", "sourceType": root.pop("sourceType", "cumulative"),
                "query": {"tool": tool, "type": "vuln", "filters": list(filters), "startOffset": start,
                          "endOffset": end}}
        body.update(root)
        return self.response("POST", "/rest/analysis", json=body, user=user)

    def close(self):
        self.session.close()


@pytest.fixture
def api(sc):
    client = Api(sc)
    yield client
    client.close()


class Reference:
    """Expected answers computed from the dataset directly, never through the server's filtering code."""

    def __init__(self, sim, dataset):
        self.sim = sim
        self.dataset = dataset

    def repositories(self, user="vulnanalyst"):
        return set(self.sim.users[user].repository_ids)

    def hosts(self, user="vulnanalyst"):
        repositories = self.repositories(user)
        return [host for host in self.dataset.hosts if host["repository_id"] in repositories]

    def findings(self, user="vulnanalyst", mitigated=False):
        repositories = self.repositories(user)
        return [f for f in self.dataset.findings
                if f.mitigated == mitigated and f.host["repository_id"] in repositories]


@pytest.fixture
def reference(sc, sc_dataset):
    return Reference(sc, sc_dataset)
