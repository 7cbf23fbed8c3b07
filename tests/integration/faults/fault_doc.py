# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/fault-matrix.md, written from what a run of the fault matrix observed.

The page must read the same on every run and every ansible-core: it shows outcomes and messages, never
timings, ports or IDs, and messages lose the parts that vary between runs.
"""

import re

from fault_matrix import FAULTS, PAGE_SIZE, RETRIES, SLOW_DELAY, SUCCESS, TARGETS, TIMEOUT
from support.ansible_run import REPO

DOC = REPO / "docs" / "fault-matrix.md"

INTRODUCTION = """\
# Fault matrix

How each module and the inventory plugin fare when Tenable Security Center, or a proxy in front of it,
misbehaves. Each cell is a run against the SC simulator with one fault scripted on one request of the target,
judged against what the simulator holds:

- **success**: complete, correct data: every row (returned, or in the `dest` file, whole and parseable), every
  asset list, the key check's facts; the change asked for made, and exactly one asset list of that name.
- **failed**: a failed task with one message and no traceback; no rows or asset lists returned, an earlier
  `dest` file left as it was and no temporary file beside it, no asset list created twice; the inventory run
  exits non-zero and prints no inventory.

No cell shows a key anywhere in its output.

`tests/integration/faults` fails when this page no longer matches what a run observes. After a
deliberate change, regenerate it (with every other golden file) and review the diff:

    make goldens
"""

LEGEND = """\
## Reading the matrix

- `success after N retries`: the task succeeded after sending again the N requests the fault spoiled.
- `success, no retry`: the task succeeded without repeating the request: the write had taken effect before its
  answer was lost and the module found the result on SC, or the rows, not the count SC announced, ended the walk.
- `success, N pages read again`: SC's count changed between pages, which the findings sync takes for data
  moving under it (an import landing): it read the state's pages again, delivering each finding once.
- `failed [n]`: the task failed with the message quoted in note n.
- `[n]` after a success: the warning the task gave, quoted in note n.
- `n/a`: the fault cannot meet the target, which reads no analysis page after a first one.

The runs use `retries: {retries}` and `timeout: {timeout}` (a slow reply takes {slow}s); analysis pages hold
{page_size} rows, fetched 4 at a time. "once" fires on one request, "every time" on every attempt of it, beyond
the retry budget. A create or delete is never sent twice once it may have reached SC, so only a 429, which SC
answers before doing anything, is retried for them. The inventory runs with
`ANSIBLE_INVENTORY_UNPARSED_FAILED=1`; without it (or `any_unparsed_is_failed`) Ansible turns a source that
failed into a warning and an empty inventory.
"""

NOTES = """\
## Notes

Messages and warnings as the task printed them. The request a message starts with is shown as `<request>`
(the table above says which request of the target the fault hit); the URL, asset list IDs and the details of
Python exceptions (anything in nested parentheses) are masked, because they change from run to run.
"""

# Each target: what runs, and which of its requests (to the target's method and path) the fault hits.
TARGET_DESCRIPTIONS = dict(
    apikey_check=("`tenablesc_apikey_check`, Vulnerability Analyst keys", "the key check"),
    asset_info=("`tenablesc_asset_info`, every asset list", "the second one, the first list's details"),
    vulns_info=("`tenablesc_vulns_info`, `tool: sumip`, rows returned", "a page after the first"),
    vulns_info_dest=("`tenablesc_vulns_info`, `tool: sumip`, `dest` in JSON lines over an earlier export",
                     "a page after the first"),
    findings_sync=("`tenablesc_findings_sync` from a checkpoint file, `dest` in JSON lines over an earlier export",
                   "a page after the first"),
    asset_create=("`tenablesc_asset` creating a static list, Security Manager keys", "the create"),
    asset_update=("`tenablesc_asset` changing a static list's addresses", "the update"),
    asset_delete=("`tenablesc_asset` with `state: absent`", "the delete"),
    scan_result_info=("`tenablesc_scan_result_info`, every result of the last 30 days", "the list"),
    scan_launch=("`tenablesc_scan_launch` of a scan definition, Security Manager keys", "the launch"),
    remediation_scan=("`tenablesc_remediation_scan` of one finding on a host that does not answer",
                      "the policy create (the first write)"),
    accept_risk=("`tenablesc_accept_risk` accepting a plugin on one address, Security Manager keys",
                 "the create (the first write)"),
    inventory=("the inventory plugin, `ansible-inventory --list`", "a page after the first"),
)


def render(observations):
    """The page for {fault name: {fires: {target name: cell}}} (see fault_matrix.observe)."""
    notes = Notes()
    lines = [INTRODUCTION, LEGEND.format(retries=RETRIES, timeout=TIMEOUT, slow=SLOW_DELAY, page_size=PAGE_SIZE),
             "## Where the faults hit", "", "| Target | What runs | Faulted request |", "| --- | --- | --- |"]
    for target in TARGETS:
        runs, which = TARGET_DESCRIPTIONS[target.name]
        lines.append("| %s | %s | `%s %s`: %s |" % (target.label, runs, target.method, target.path, which))
    lines.extend(["", "## The matrix", "", "| Fault | Fires | %s |" % " | ".join(t.label for t in TARGETS),
                  "| --- | --- |%s" % (" --- |" * len(TARGETS))])
    for fault in FAULTS:
        for position, fires in enumerate(fault.fires):
            cells = observations[fault.name][fires]
            texts = [cell_text(cells[target.name], notes, reread=fault.kind == "total_records_drift")
                     if target.name in cells else "n/a" for target in TARGETS]
            lines.append("| %s | %s | %s |" % (fault.label if not position else "", fires, " | ".join(texts)))
    lines.extend(["", NOTES])
    lines.extend("%d. `%s`" % (number, text) for number, text in enumerate(notes.texts, 1))
    return "\n".join(lines) + "\n"


def cell_text(cell, notes, reread=False):
    """``reread``: a fault that spoils no request, so what is sent again is a page read again."""
    if cell["outcome"] == SUCCESS:
        retries = cell["retries"]
        if not retries:
            text = "success, no retry"
        elif reread:
            text = "success, %d pages read again" % retries
        else:
            text = "success after %d %s" % (retries, "retry" if retries == 1 else "retries")
        quoted = cell["warnings"]
    else:
        text, quoted = "failed", [cell["message"]]
    return text + "".join(" [%d]" % notes.number(message) for message in quoted)


class Notes:
    """Messages numbered in the order they first appear; the same message keeps its number."""

    def __init__(self):
        self.texts = []

    def number(self, message):
        text = stable(message)
        if text not in self.texts:
            self.texts.append(text)
        return self.texts.index(text) + 1


def stable(message):
    """``message`` as a note: without the request it is about (the target says which), the simulator's URL,
    the IDs of asset lists, policies, scan results and risk rules, the token in a remediation scan's name and exception details,
    which change between runs."""
    text = re.sub(r"^(GET|POST|PATCH|PUT|DELETE) /\S+: ", "<request>: ", " ".join(str(message).split()))
    text = re.sub(r"https?://127\.0\.0\.1:\d+", "<url>", text)
    text = re.sub(r"(asset list|policy|scan result) \d+", r"\1 <id>", text)
    text = re.sub(r"(risk rules? it had created:|risk rule) [0-9, ]+\b", r"\1 <id>", text)
    text = re.sub(r" [0-9a-f]{8} repository ", " <token> repository ", text)
    return _mask_nested_parentheses(text)


def _mask_nested_parentheses(text):
    """'(('Connection aborted.', RemoteDisconnected('...')))' becomes '(...)'; '(HTTP 503, ...)' stays."""
    masked, position = [], 0
    while position < len(text):
        end = _closing(text, position) if text[position] == "(" else None
        if end is not None and "(" in text[position + 1:end]:
            masked.append("(...)")
            position = end + 1
        else:
            masked.append(text[position])
            position += 1
    return "".join(masked)


def _closing(text, opening):
    """Index of the parenthesis that closes the one at ``opening``; None if it is never closed."""
    depth = 0
    for position in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if not depth:
            return position
    return None
