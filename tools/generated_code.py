# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render the collection's generated code: the doc fragments and the version module.

Doc fragments must be string literals (ansible-test reads them without running
them), so plugins/doc_fragments/*.py are rendered from the option tables in
module_utils.  Modules cannot read galaxy.yml where they run, so
plugins/module_utils/version.py is rendered from its version.  `make goldens`
rewrites them, and a unit test fails when they drift from their sources.
"""

import textwrap
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
VERSION_MODULE = '''# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's version, for the User-Agent of every request.

Generated from galaxy.yml by tools/generated_code.py; edit galaxy.yml, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

COLLECTION_VERSION = "%s"
'''
HEADER = '''# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""%s

Generated from %s by tools/generated_code.py; edit the table, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
'''


def _description_item(text):
    """One description entry: quoted on one line, or folded when it would exceed pep8's line length."""
    quoted = "      - '%s'" % text.replace("'", "''")
    if len(quoted) <= 120:
        return [quoted]
    return ["      - >-"] + ["        " + line for line in textwrap.wrap(text, 110)]


def _option_lines(name, option, extra_description=(), env=None):
    lines = ["  %s:" % name, "    description:"]
    for text in list(option["description"]) + list(extra_description):
        lines.extend(_description_item(text))
    lines.append("    type: %s" % option["type"])
    if "elements" in option:
        lines.append("    elements: %s" % option["elements"])
    if option.get("required"):
        lines.append("    required: true")
    if "choices" in option:
        lines.append("    choices: [%s]" % ", ".join(option["choices"]))
    if "default" in option:
        lines.append("    default: %s" % str(option["default"]).lower())
    if env:
        lines.extend(["    env:", "      - name: %s" % env])
    return lines


def connection_fragment(options, with_env):
    """Module variant: the env variable named in the text. Plugin variant: env entries for Ansible's config."""
    lines = ["options:"]
    for name, option in options.items():
        if with_env:
            lines.extend(_option_lines(name, option, env=option["env"]))
        else:
            lines.extend(_option_lines(name, option, [
                "If not set, the value of the E(%s) environment variable is used." % option["env"]]))
    return "\n".join(lines) + "\n"


def filters_fragment(options):
    lines = ["options:"]
    for name, option in options.items():
        lines.extend(_option_lines(name, option, ["Sent to SC as the C(%s) filter." % option["sc"]]))
    return "\n".join(lines) + "\n"


def options_fragment(options):
    lines = ["options:"]
    for name, option in options.items():
        lines.extend(_option_lines(name, option))
    return "\n".join(lines) + "\n"


def rendered():
    """{path: text} of every generated doc fragment."""
    from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import ANALYSIS_OPTIONS
    from ansible_collections.secops.tenablesc.plugins.module_utils.connection import CONNECTION_OPTIONS
    from ansible_collections.secops.tenablesc.plugins.module_utils.filters import FILTER_OPTIONS
    from ansible_collections.secops.tenablesc.plugins.module_utils.risk_rules import RECAST_OPTIONS, RULE_OPTIONS
    from ansible_collections.secops.tenablesc.plugins.module_utils.scans import WAIT_OPTIONS

    connection = HEADER % ("Connection options of every module and plugin.", "CONNECTION_OPTIONS in module_utils/connection.py")
    connection += '    DOCUMENTATION = r"""\n%s"""\n\n    # The inventory plugin reads the same options through Ansible\'s configuration.\n' % (
        connection_fragment(CONNECTION_OPTIONS, with_env=False))
    connection += '    PLUGINS = r"""\n%s"""\n' % connection_fragment(CONNECTION_OPTIONS, with_env=True)
    filters = HEADER % ("The friendly analysis filters.", "FILTER_OPTIONS in module_utils/filters.py")
    filters += '    DOCUMENTATION = r"""\n%s"""\n' % filters_fragment(FILTER_OPTIONS)
    analysis = HEADER % ("Analysis options that tenablesc_vulns_info, tenablesc_findings_sync and the inventory plugin share.",
                         "ANALYSIS_OPTIONS in module_utils/analysis.py")
    analysis += '    DOCUMENTATION = r"""\n%s"""\n' % options_fragment(ANALYSIS_OPTIONS)
    scan_wait = HEADER % ("The options of the modules that wait for a scan result.",
                          "WAIT_OPTIONS in module_utils/scans.py")
    scan_wait += '    DOCUMENTATION = r"""\n%s"""\n' % options_fragment(WAIT_OPTIONS)
    risk_rule = HEADER % ("The options of the modules that manage accept and recast risk rules.",
                          "RULE_OPTIONS and RECAST_OPTIONS in module_utils/risk_rules.py")
    risk_rule += '    DOCUMENTATION = r"""\n%s"""\n\n    RECAST = r"""\n%s"""\n' % (
        options_fragment(RULE_OPTIONS), options_fragment(RECAST_OPTIONS))
    return {REPO / "plugins/doc_fragments/connection.py": connection, REPO / "plugins/doc_fragments/filters.py": filters,
            REPO / "plugins/doc_fragments/analysis.py": analysis, REPO / "plugins/doc_fragments/scan_wait.py": scan_wait,
            REPO / "plugins/doc_fragments/risk_rule.py": risk_rule,
            REPO / "plugins/module_utils/version.py": version_module()}


def version_module():
    version = yaml.safe_load((REPO / "galaxy.yml").read_text())["version"]
    return VERSION_MODULE % str(version)
