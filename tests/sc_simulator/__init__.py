# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A Tenable Security Center REST API simulator for tests and benchmarks.

It answers like real SC servers did (see the shapes recorded in pyTenable's cassettes): the envelope, string
ids and counts, 403 for most application errors, API key authentication, analysis tools with SC's filters and
pagination, asset lists and saved queries. Every modelled quirk says where it comes from next to the code producing it:
``# recorded: <pyTenable cassette>``, ``# documented: <Tenable's docs>``, ``# reported: <public issue>``,
``# client: <another SC client>`` or ``# inferred: <why>`` when nobody has shown it.

    from sc_simulator import Dataset, Simulator
    with Simulator(dataset=Dataset(seed=7, hosts=300), tls=True) as sim:
        requests.get(sim.url + "/rest/currentUser", verify=sim.ca_path,
                     headers={"x-apikey": sim.key_string("vulnanalyst")})

``python -m sc_simulator --help`` serves one from the command line.
"""

from .accounts import User
from .dataset import Dataset, Finding, Host
from .server import RequestRecord, Simulator

__all__ = ["Dataset", "Finding", "Host", "RequestRecord", "Simulator", "User"]
