# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The export floor: plain requests and json fetching the pages an export asks for, one after the other.

It decodes every page and keeps nothing: no typing, no file. Prints {"rows": N} when done.
Connection from TENABLESC_URL, TENABLESC_ACCESS_KEY, TENABLESC_SECRET_KEY and TENABLESC_CA_PATH.
"""

import argparse
import json
import os
import sys

import requests


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="rows to fetch, from the first")
    parser.add_argument("--page-size", type=int, required=True)
    parser.add_argument("--tool", default="vulndetails")
    options = parser.parse_args(argv)
    session = requests.Session()
    session.headers["x-apikey"] = "accesskey=%s; secretkey=%s;" % (
        os.environ["TENABLESC_ACCESS_KEY"], os.environ["TENABLESC_SECRET_KEY"])
    fetched = 0
    for start in range(0, options.rows, options.page_size):
        end = min(start + options.page_size, options.rows)
        query = {"tool": options.tool, "type": "vuln", "filters": [], "startOffset": start, "endOffset": end}
        answer = session.post(os.environ["TENABLESC_URL"] + "/rest/analysis", timeout=300,
                              json={"type": "vuln", "sourceType": "cumulative", "query": query},
                              verify=os.environ["TENABLESC_CA_PATH"])
        document = json.loads(answer.content)
        if answer.status_code != 200 or document.get("error_code"):
            sys.exit("rows %d-%d: HTTP %d, error %s" % (start, end, answer.status_code, document.get("error_msg")))
        fetched += len(document["response"]["results"])
        if fetched < end:
            break
    print(json.dumps({"rows": fetched}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
