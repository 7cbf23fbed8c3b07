# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``python -m sc_simulator``: serve a simulated SC until SIGTERM or SIGINT.

Prints one JSON line (url, ca_path, pid, users with their key strings) once listening, and writes the same
JSON to --state-file if given. The CA lives in a temporary directory removed on exit.
"""

import argparse
import json
import os
import signal
import sys
import threading

from . import Dataset, Simulator


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="python -m sc_simulator", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: any free port)")
    parser.add_argument("--tls", action=argparse.BooleanOptionalAction, default=True, help="serve HTTPS")
    parser.add_argument("--hosts", type=int, default=300)
    parser.add_argument("--repositories", type=int, default=4)
    parser.add_argument("--findings-per-host", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--version", default="6.4.0", help="SC version to report")
    parser.add_argument("--latency-request", type=float, default=0.0, help="seconds added to each analysis call")
    parser.add_argument("--latency-row", type=float, default=0.0, help="seconds added per returned analysis row")
    parser.add_argument("--state-file", help="write the startup JSON here too")
    return parser.parse_args(argv)


def state(sim):
    return {
        "url": sim.url, "ca_path": sim.ca_path, "pid": os.getpid(), "version": sim.version,
        "users": {name: {"key_string": user.key_string, "access_key": user.access_key,
                         "secret_key": user.secret_key, "role": user.role_name,
                         "repository_ids": list(user.repository_ids)}
                  for name, user in sim.users.items()},
    }


def main(argv=None):
    options = parse_args(argv)
    dataset = Dataset(seed=options.seed, hosts=options.hosts, repositories=options.repositories,
                      findings_per_host=options.findings_per_host)
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    sim = Simulator(dataset=dataset, tls=options.tls, version=options.version, port=options.port)
    with sim:
        sim.latency(per_request=options.latency_request, per_row=options.latency_row)
        text = json.dumps(state(sim))
        if options.state_file:
            # Written whole then renamed: a watcher never reads half a file.
            partial = options.state_file + ".partial"
            with open(partial, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(partial, options.state_file)
        print(text, flush=True)
        stopping.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
