# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Analysis filters: SC's names, value formats and error texts, compiled to host, plugin and finding tests."""

import re

from .envelope import invalid_parameters, query_not_built
from .iputil import IntervalSet, IPListError

DAY = 86400
# documented: "=", "!=", ">=", "<=" (Analysis API operators, as quoted in pyTenable #278)
# client: "~" only for the asset filter (pyTenable's analysis docs: "The tilda is only used when using the asset
# filter"); "pcre" for regular expressions on text (SC web UI captures)
# reported: pyTenable #278, SC refuses any other operator with 143 'Operator "contains" is not recognized'.
OPERATORS = ("=", "!=", ">=", "<=", "~", "pcre")
# inferred: which filters take "~" and "pcre" beyond those; SC refuses them elsewhere in the same words.
TILDE_FILTERS = ("asset",)
PCRE_FILTERS = ("pluginName", "pluginText")
# documented: wasVuln takes onlyWas, excludeWas or includeWas; SC 6.3 and later include WAS findings unless told
# (Analysis API).
WAS_VALUES = ("onlyWas", "excludeWas", "includeWas")
WAS_FINDINGS_FROM = (6, 3)

# reported: pyTenable #606 (the list a server printed when refusing a filter, in its order)
# reported: tenable/integration-jira-cloud #283 (wasVuln refused before 6.2, accepted from 6.2 on)
# inferred: where 6.2 lists wasVuln
LISTED_FILTERS = (
    "acceptedRisk", "acceptRiskStatus", "assetID", "auditFileID", "benchmarkName", "cceID", "cpe", "cveID",
    "baseCVSSScore", "cvssVector", "cvssV3BaseScore", "cvssV3Vector", "dataFormat", "daysMitigated",
    "daysToMitigated", "dnsName", "exploitAvailable", "exploitFrameworks", "familyID", "firstSeen", "iavmID", "ip",
    "lastMitigated", "lastSeen", "mitigatedStatus", "msbulletinID", "outputAssets", "patchPublished",
    "pluginModified", "pluginPublished", "pluginID", "pluginName", "pluginText", "pluginType", "policyID", "port",
    "protocol", "recastRisk", "recastRiskStatus", "repositoryIDs", "responsibleUserIDs", "severity", "solutionID",
    "stigSeverity", "tcpport", "udpport", "uuid", "vulnPublished", "wasMitigated", "xref", "vprScore",
    "assetCriticalityRating")
# client: pyTenable and the SC web UI send them, though the refusal text does not list them (pyTenable #244 and
# #467 quote working "repository" and "asset" filters)
UNLISTED_FILTERS = ("asset", "repository", "family")


def valid_filters(version):
    names = list(LISTED_FILTERS)
    if version >= (6, 2):
        names.insert(names.index("wasMitigated") + 1, "wasVuln")
    return names


class FilterContext:
    """What filters need from the server: the dataset, asset list membership, the SC version."""

    def __init__(self, dataset, asset_members, version):
        self.dataset = dataset
        self.asset_members = asset_members
        self.version = version


class Criteria:
    """Compiled filters: tests on hosts, on plugins and on finding columns; all must hold."""

    def __init__(self):
        self.host_tests = []
        self.host_masks = []
        self.plugin_tests = []
        self.finding_tests = []  # (column name, predicate on the column value)
        self.severity_tests = []  # predicates on a finding's severity, after recast rules
        self.risk_tests = []  # ("accepted" or "recast", whether the finding must be)
        self.nothing = False
        self.was_vuln = None  # the wasVuln value, when the query gives one

    def host_mask(self, dataset, allowed):
        """bytearray over hosts: in the user's repositories and passing every host test and asset mask."""
        mask = bytearray(allowed)
        for other in self.host_masks:
            mask = bytearray(a & b for a, b in zip(mask, other))
        for test in self.host_tests:
            mask = bytearray(flag and test(host) for flag, host in zip(mask, dataset.hosts))
        return mask


def compile_filters(filters, context):
    if not isinstance(filters, list):
        # inferred: wording of this refusal and the next
        raise invalid_parameters("Invalid parameters specified for vuln query. 'filters' must be a list.")
    valid = valid_filters(context.version)
    criteria = Criteria()
    for item in filters:
        if not isinstance(item, dict):
            raise invalid_parameters("Invalid parameters specified for vuln query. A filter must be an object.")
        name = item.get("filterName")
        if name not in valid and name not in UNLISTED_FILTERS:
            # reported: pyTenable #606 (403/146 "The filter 'x' is invalid (valid filters: ...).")
            raise invalid_parameters("The filter '%s' is invalid (valid filters: %s)." % (name, ", ".join(valid)))
        operator = item.get("operator", "=")
        if operator not in OPERATORS or (operator == "~" and name not in TILDE_FILTERS) or (
                operator == "pcre" and name not in PCRE_FILTERS):
            raise query_not_built('Operator "%s" is not recognized' % operator)
        handler = _HANDLERS.get(name)
        if handler:
            handler(criteria, name, operator, item.get("value"), context)
        # inferred: other valid names select on data the simulated findings do not carry (audit files, IAVM,
        # tickets...); they are accepted and select nothing away, as they would on a server without such data.
    _web_application_findings(criteria, context.version)
    return criteria


def _web_application_findings(criteria, version):
    """WAS findings exist from 6.3 on and are included unless wasVuln says otherwise.

    documented: Analysis API, wasVuln includeWas by default on 6.3+; inferred: no WAS findings before 6.3.
    """
    if criteria.was_vuln == "onlyWas":
        criteria.plugin_tests.append(lambda plugin: plugin.was and version >= WAS_FINDINGS_FROM)
    elif criteria.was_vuln == "excludeWas" or version < WAS_FINDINGS_FROM:
        criteria.plugin_tests.append(lambda plugin: not plugin.was)


# Value parsing helpers

def _text(name, value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise invalid_parameters("Filter '%s' must be a string." % name)  # inferred: wording
    return value.strip()


def _items(name, value):
    return [part.strip() for part in _text(name, value).split(",") if part.strip()]


def _integers(name, value):
    """'80,443,1000-2000' -> list of (low, high) (inferred: ranges; client: pyTenable's comma lists)."""
    ranges = []
    for part in _items(name, value):
        low, high = part.partition("-")[::2]
        if not low.isdigit() or (high and not high.isdigit()):
            raise invalid_parameters("Filter '%s' contains an invalid value '%s'." % (name, part))  # inferred: wording
        ranges.append((int(low), int(high or low)))
    return ranges


def _number_range(name, value):
    """'7.0-10.0' -> (7.0, 10.0); a single number means exactly that (inferred: format and refusal wording)."""
    low, high = _text(name, value).partition("-")[::2]
    try:
        return float(low), float(high or low)
    except ValueError:
        raise invalid_parameters("Filter '%s' must be in the following format: <low>-<high>" % name) from None


def _negate(operator, test):
    return (lambda x: not test(x)) if operator == "!=" else test


def _membership(operator, allowed):
    return _negate(operator, lambda value: value in allowed)


def _ranges_test(operator, ranges):
    # inferred: ">=" and "<=" compare with the first value or range
    if operator == ">=":
        return lambda number: number >= ranges[0][0]
    if operator == "<=":
        return lambda number: number <= ranges[0][1]
    return _negate(operator, lambda number: any(low <= number <= high for low, high in ranges))


def _text_test(operator, wanted):
    """'=' is an exact, case-insensitive match of one of the comma separated values (inferred)."""
    wanted = [item.lower() for item in wanted]
    return _negate(operator, lambda text: text.lower() in wanted)


def _contains_test(operator, wanted):
    """client: SC web UI captures: '=' on pluginName and pluginText is a case-insensitive "contains", 'pcre' a regex."""
    if operator == "pcre":
        try:
            pattern = re.compile(wanted)
        except re.error:
            raise invalid_parameters("Filter contains an invalid regular expression.") from None  # inferred: wording
        return lambda text: pattern.search(text) is not None
    return _negate(operator, lambda text: wanted.lower() in text.lower())


# Handlers, one per filter family

def _severity(criteria, name, operator, value, _context):
    # client: pyTenable's analysis docs ("('severity', '=', '3,4')")
    levels = {int(level) for level in _items(name, value) if level.isdigit() and int(level) <= 4}
    if len(levels) != len(_items(name, value)):
        raise invalid_parameters("Filter '%s' contains an invalid severity." % name)  # inferred: wording
    criteria.severity_tests.append(_membership(operator, levels))


def _true_false(name, value):
    text = _text(name, value).lower()
    if text not in ("true", "false"):
        raise invalid_parameters("Filter '%s' must be 'true' or 'false'." % name)  # inferred: wording
    return text == "true"


def _exploit_available(criteria, name, operator, value, _context):
    # client: pyTenable's analysis docs ("('exploitAvailable', '=', 'true')")
    wanted = _true_false(name, value)
    test = _negate(operator, lambda plugin: plugin.exploit_available == wanted)
    criteria.plugin_tests.append(test)


def _plugin_id(criteria, name, operator, value, _context):
    test = _ranges_test(operator, _integers(name, value))
    criteria.plugin_tests.append(lambda plugin: test(plugin.id))


def _plugin_name(criteria, name, operator, value, _context):
    test = _contains_test(operator, _text(name, value))
    criteria.plugin_tests.append(lambda plugin: test(plugin.name))


def _plugin_type(criteria, name, operator, value, _context):
    test = _membership(operator, set(_items(name, value)))
    # inferred: every simulated plugin is of type "active"
    criteria.plugin_tests.append(lambda _plugin: test("active"))


def _family(criteria, name, operator, value, _context):
    # client: pyTenable turns a list of ids into [{"id": "n"}] (family); familyID is a comma list (inferred)
    ids = _id_records(name, value) if name == "family" else set(_items(name, value))
    test = _membership(operator, ids)
    criteria.plugin_tests.append(lambda plugin: test(plugin.family_ref["id"]))


def _cve(criteria, name, operator, value, _context):
    # inferred: a comma list of CVE ids; a plugin matches when it lists one of them
    wanted = [item.upper() for item in _items(name, value)]
    test = _negate(operator, lambda cves: any(item in cves for item in wanted))
    criteria.plugin_tests.append(lambda plugin: test(plugin.cve.split(",")))


def _plugin_text_field(attribute):
    def handler(criteria, name, operator, value, _context):
        test = _text_test(operator, _items(name, value))
        criteria.plugin_tests.append(lambda plugin: test(getattr(plugin, attribute)))
    return handler


def _score(attribute):
    def handler(criteria, name, operator, value, _context):
        if operator in (">=", "<="):
            bound = _number_range(name, value)[0]
            test = (lambda score: score >= bound) if operator == ">=" else (lambda score: score <= bound)
        else:
            low, high = _number_range(name, value)
            test = _negate(operator, lambda score: low <= score <= high)
        criteria.plugin_tests.append(
            lambda plugin: getattr(plugin, attribute) != "" and test(float(getattr(plugin, attribute))))
    return handler


# client: Tenable's filter vocabularies in public SC front ends and scripts (acceptRiskStatus accepted /
# nonAcceptedRisk, recastRiskStatus recast / notRecast; "all" for both)
_RISK_STATUS_VALUES = {"acceptRiskStatus": {"accepted": True, "nonAcceptedRisk": False, "all": None},
                       "recastRiskStatus": {"recast": True, "notRecast": False, "all": None}}


def _risk_status(criteria, name, operator, value, _context):
    """acceptRiskStatus, recastRiskStatus, and the older acceptedRisk, recastRisk (true/false).

    Some servers refuse acceptedRisk with 143 (reported: pyTenable #266); this one accepts it.
    """
    kind = "accepted" if name.startswith("accept") else "recast"
    if name in _RISK_STATUS_VALUES:
        values = _RISK_STATUS_VALUES[name]
        text = _text(name, value)
        if text not in values:
            raise invalid_parameters("Filter '%s' must be one of %s." % (name, ", ".join(values)))  # inferred: wording
        wanted = values[text]
    else:
        wanted = _true_false(name, value) if _text(name, value) not in ("1", "0") else _text(name, value) == "1"
    if wanted is not None:
        criteria.risk_tests.append((kind, wanted if operator != "!=" else not wanted))


def _was_vuln(criteria, name, _operator, value, _context):
    criteria.was_vuln = _text(name, value)
    if criteria.was_vuln not in WAS_VALUES:
        raise invalid_parameters("Filter '%s' must be one of %s." % (name, ", ".join(WAS_VALUES)))  # inferred: wording


def _ip(criteria, name, operator, value, _context):
    # documented: an address, range or CIDR block, or a list of them (Vulnerability Analysis Filter Components)
    try:
        addresses = IntervalSet.parse(_text(name, value))
    except IPListError:
        # inferred: wording
        raise invalid_parameters("Filter '%s' contains an invalid IP address or range." % name) from None
    test = _negate(operator, lambda ip_int: ip_int in addresses)
    criteria.host_tests.append(lambda host: test(host.ip_int))


def _host_text_field(attribute):
    # inferred: '=' on dnsName and uuid is an exact, case-insensitive match
    def handler(criteria, name, operator, value, _context):
        test = _text_test(operator, _items(name, value))
        criteria.host_tests.append(lambda host: test(getattr(host, attribute)))
    return handler


def _id_records(name, value):
    """[{"id": "1"}, ...] as SC demands it, with SC's wording when a record has no numeric id.

    reported: pyTenable #244 (403/146 'The value for Filter "repository" contains a record without a numeric
    'id' field.'); client: pyTenable sends [{"id": "n"}].
    """
    records = value if isinstance(value, list) else [value]
    ids = set()
    for record in records:
        record_id = record.get("id") if isinstance(record, dict) else None
        if isinstance(record_id, bool) or not str(record_id).isdigit():
            raise invalid_parameters(
                "The value for Filter \"%s\" contains a record without a numeric 'id' field." % name)
        ids.add(str(int(record_id)))
    return ids


def _repository(criteria, name, operator, value, context):
    ids = _id_records(name, value) if name == "repository" else set(_items(name, value))
    # reported: pyTenable #646, #244 (repositoryIDs as a string of ids; commas for several, inferred)
    # inferred: dataFormat selects repositories by their data format
    data_formats = {r["id"]: r["dataFormat"] for r in context.dataset.repositories}
    if name == "dataFormat":
        ids = {repository_id for repository_id, data_format in data_formats.items() if data_format in ids}
    test = _membership(operator, ids)
    criteria.host_tests.append(lambda host: test(host.repository_id))


def _asset(criteria, name, operator, value, context):
    if operator == "~" and isinstance(value, dict) and "operator" not in value:
        # client: a current SC 6.x client sends "~" with a bare {"id"} to mean "not in the list"; pyTenable's
        # docs keep "~" for combinations, and a UI-captured query filters one list with "=".
        mask = bytearray(1 - flag for flag in _combination(value, context))
    elif operator == "~":
        mask = _combination(value, context)
    # client: one list is "=" with {"id": "N"} (pyTenable expands an int so; a UI-captured saved query)
    # inferred: assetID as a comma list of ids
    elif name == "assetID":
        mask = _union([context.asset_members(asset_id) for asset_id in _items(name, value)])
    else:
        mask = _union([context.asset_members(asset_id) for asset_id in sorted(_id_records(name, value))])
    if operator == "!=":
        mask = bytearray(1 - flag for flag in mask)
    criteria.host_masks.append(mask)


def _union(masks):
    result = masks[0]
    for mask in masks[1:]:
        result = bytearray(a | b for a, b in zip(result, mask))
    return result


def _combination(tree, context):
    """{"operator": "union|intersection|complement", "operand1": ..., "operand2": ...} or {"id": "5"}.

    client: pyTenable's combination expansion (tenable/sc/base.py).
    """
    if not isinstance(tree, dict):
        # inferred: wording
        raise invalid_parameters("The value for Filter \"asset\" is not a valid asset combination.")
    if "operator" not in tree:
        return context.asset_members(next(iter(_id_records("asset", tree))))
    first = _combination(tree.get("operand1"), context)
    operator = tree["operator"]
    if operator == "complement":
        return bytearray(1 - flag for flag in first)
    second = _combination(tree.get("operand2"), context)
    if operator == "union":
        return bytearray(a | b for a, b in zip(first, second))
    if operator == "intersection":
        return bytearray(a & b for a, b in zip(first, second))
    raise invalid_parameters("Invalid asset combination operator '%s'." % operator)  # inferred: wording


def _port(criteria, name, operator, value, _context):
    # inferred: tcpport and udpport are port filters restricted to one protocol
    criteria.finding_tests.append(("f_port", _ranges_test(operator, _integers(name, value))))
    if name in ("tcpport", "udpport"):
        criteria.finding_tests.append(("f_protocol", _membership("=", {6 if name == "tcpport" else 17})))


def _protocol(criteria, name, operator, value, _context):
    # inferred: protocol values are IP protocol numbers
    criteria.finding_tests.append(("f_protocol", _membership(operator, {bounds[0] for bounds in _integers(name, value)})))


_DAYS = re.compile(r"^(\d+):(\d+|all)$")
_EPOCHS = re.compile(r"^(\d+)-(\d+)$")


# reported: pyTenable #606 (SC's list of valid filters names lastMitigated)
# client: Tenable's Jira integration filters patched data by lastMitigated, in the forms lastSeen takes
_TIME_COLUMNS = {"lastSeen": "f_last", "firstSeen": "f_first", "lastMitigated": "f_last_mitigated"}


def _seen(criteria, name, _operator, value, context):
    """'<end day>:<start day>' counted back from the dataset's clock ('0:30', '30:all') or 'from-to' epochs.

    documented: days back from today (API best practices, "Retrieve Vulnerability Data for a Specific Time Range");
    inferred: 24-hour periods back from now; client: 'from-to' epochs (Elastic's tenable_sc, questioned in
    elastic/integrations #10419).
    """
    text = value.strip() if isinstance(value, str) else ""
    days, epochs = _DAYS.match(text), _EPOCHS.match(text)
    if days and days.group(2) != "all" and int(days.group(1)) > int(days.group(2)):
        # reported: pyTenable #411 (146, this wording)
        raise invalid_parameters("End day must be later (i.e. less than) than start day. Filter '%s' must be in the"
                                 " following format: <end day>:<start day>" % name)
    if days:
        now = context.dataset.now
        latest = now - int(days.group(1)) * DAY
        earliest = 0 if days.group(2) == "all" else now - int(days.group(2)) * DAY
    elif epochs:
        earliest, latest = int(epochs.group(1)), int(epochs.group(2))
    else:
        # reported: pyTenable #411 (146, this wording)
        raise invalid_parameters("Filter '%s' must be in the following format: <end day>:<start day>" % name)
    column = _TIME_COLUMNS[name]
    criteria.finding_tests.append((column, lambda stamp: earliest <= stamp <= latest))


_HANDLERS = {
    "severity": _severity, "exploitAvailable": _exploit_available, "pluginID": _plugin_id,
    "pluginName": _plugin_name, "pluginType": _plugin_type, "family": _family, "familyID": _family,
    "cveID": _cve, "exploitFrameworks": _plugin_text_field("exploit_frameworks"),
    "xref": _plugin_text_field("xref"), "stigSeverity": _plugin_text_field("stig_severity"),
    "cpe": _plugin_text_field("cpe"), "vprScore": _score("vpr_score"), "baseCVSSScore": _score("base_score"),
    "cvssV3BaseScore": _score("cvss3_base_score"), "acceptedRisk": _risk_status, "recastRisk": _risk_status,
    "acceptRiskStatus": _risk_status, "recastRiskStatus": _risk_status,
    "wasVuln": _was_vuln, "ip": _ip, "dnsName": _host_text_field("dns_name"), "uuid": _host_text_field("uuid"),
    "repositoryIDs": _repository, "repository": _repository, "dataFormat": _repository, "asset": _asset,
    "assetID": _asset, "port": _port, "tcpport": _port, "udpport": _port, "protocol": _protocol,
    "lastSeen": _seen, "firstSeen": _seen, "lastMitigated": _seen,
}
