# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export floor: plain requests and json fetching the pages an export asks for, one after the other.

It decodes every page and keeps nothing: no typing, no file. Prints {"rows": N} when done.
Each of ``--queries`` (SC data source and filters) is walked in turn, up to ``--rows`` rows or to its first
short page. Connection from TENABLESC_URL, TENABLESC_ACCESS_KEY, TENABLESC_SECRET_KEY and TENABLESC_CA_PATH.
"""

import argparse
import json
import os
import sys

import requests

CUMULATIVE = [{"sourceType": "cumulative", "filters": []}]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="rows to fetch from the first, per query (default: every row)")
    parser.add_argument("--page-size", type=int, required=True)
    parser.add_argument("--tool", default="vulndetails")
    parser.add_argument("--queries", type=json.loads, default=CUMULATIVE,
                        help='JSON list of {"sourceType": ..., "filters": [...]} (default: cumulative, no filter)')
    options = parser.parse_args(argv)
    session = requests.Session()
    session.headers["x-apikey"] = "accesskey=%s; secretkey=%s;" % (
        os.environ["TENABLESC_ACCESS_KEY"], os.environ["TENABLESC_SECRET_KEY"])
    fetched = 0
    for query in options.queries:
        fetched += walk(session, options, query)
    print(json.dumps({"rows": fetched}))
    return 0


def walk(session, options, query):
    fetched, start = 0, 0
    while options.rows is None or start < options.rows:
        end = start + options.page_size if options.rows is None else min(start + options.page_size, options.rows)
        body = {"tool": options.tool, "type": "vuln", "filters": query["filters"], "startOffset": start,
                "endOffset": end}
        answer = session.post(os.environ["TENABLESC_URL"] + "/rest/analysis", timeout=300,
                              json={"type": "vuln", "sourceType": query["sourceType"], "query": body},
                              verify=os.environ["TENABLESC_CA_PATH"])
        document = json.loads(answer.content)
        if answer.status_code != 200 or document.get("error_code"):
            sys.exit("rows %d-%d: HTTP %d, error %s" % (start, end, answer.status_code, document.get("error_msg")))
        fetched += len(document["response"]["results"])
        if fetched < end:
            break
        start = end
    return fetched


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
