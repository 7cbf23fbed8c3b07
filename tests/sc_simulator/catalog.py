# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plugin feed: families, severities and ~230 plugins (hand-written classics plus generated patch checks).

The catalog is the same for every dataset seed, like a plugin feed is the same for every customer.
Family ids 6, 10, 11, 19, 20, 24, 28, 29, 30, 31, 34, 37 and 41 are the ones real servers sent (recorded:
test_analysis_vulns_sumfamily_tool.yaml, test_analysis_vulns_sumid_tool.yaml); the other family ids are assigned
here (inferred) and are not those of test_plugins_family_list_success.yaml.
"""

import json
import random

# recorded: test_analysis_vulns_sumseverity_tool.yaml
SEVERITIES = (
    {"id": "0", "name": "Info", "description": "Informative"},
    {"id": "1", "name": "Low", "description": "Low Severity"},
    {"id": "2", "name": "Medium", "description": "Medium Severity"},
    {"id": "3", "name": "High", "description": "High Severity"},
    {"id": "4", "name": "Critical", "description": "Critical Severity"},
)
# recorded: test_analysis_vulns_vulndetails_tool.yaml ("None" for info), test_analysis_mobile_vulndetails.yaml
# inferred: "Low" and "Medium"
RISK_FACTORS = ("None", "Low", "Medium", "High", "Critical")
# Per-severity weights of the organization's vulnerability score: what makes sumip's "score".
# recorded: test_analysis_vulns_sumip_tool.yaml (score = low + 3 * medium + 10 * high + 40 * critical),
# test_organizations_details_success.yaml (vulnScoreLow/Medium/High/Critical "1", "3", "10", "40")
SCORE_WEIGHTS = (0, 1, 3, 10, 40)
# recorded: test_analysis_vulns_sumprotocol_tool.yaml ("ICMP(1)", "TCP(6)", "UDP(17)")
PROTOCOL_NAMES = {1: "ICMP", 6: "TCP", 17: "UDP"}

# recorded: test_analysis_vulns_sumfamily_tool.yaml (the first thirteen, ids and names),
# test_plugins_family_list_success.yaml (the next eight); inferred: the web application family
FAMILIES = {
    "cgi": ("6", "CGI abuses"), "bulletins": ("10", "Windows : Microsoft Bulletins"), "web": ("11", "Web Servers"),
    "ftp": ("19", "FTP"), "windows": ("20", "Windows"), "service": ("24", "Service detection"), "rpc": ("28", "RPC"),
    "winusers": ("29", "Windows : User management"), "general": ("30", "General"), "databases": ("31", "Databases"),
    "firewalls": ("34", "Firewalls"), "dns": ("37", "DNS"), "settings": ("41", "Settings"),
    "portscan": ("42", "Port scanners"), "misc": ("23", "Misc."), "snmp": ("45", "SNMP"), "cisco": ("33", "CISCO"),
    "ubuntu": ("14", "Ubuntu Local Security Checks"), "redhat": ("1", "Red Hat Local Security Checks"),
    "centos": ("18", "CentOS Local Security Checks"), "vmware": ("48", "VMware ESX Local Security Checks"),
    "was": ("1001", "Web Applications"),
}
# Families of Tenable Web App Scanning plugins.
# inferred: family id 1001 and type "was"; SC 6.3 and later mix these findings into cumulative analysis (see
# filters.WAS_FINDINGS_FROM) but no recording shows such a row.
WAS_FAMILIES = ("was",)

# CVSS figures by severity: (baseScore, temporalScore, cvssVector, cvssV3BaseScore, cvssV3TemporalScore, cvssV3Vector)
# recorded: test_analysis_vulns_vulndetails_tool.yaml (all empty for info plugins)
# inferred: one typical set of figures per severity
_CVSS = (
    ("", "", "", "", "", ""),
    ("2.6", "2.0", "AV:N/AC:H/Au:N/C:P/I:N/A:N/E:U/RL:OF/RC:C", "3.7", "3.3",
     "AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N/E:U/RL:O/RC:C"),
    ("5.0", "3.9", "AV:N/AC:L/Au:N/C:N/I:P/A:N/E:U/RL:OF/RC:C", "6.5", "5.7",
     "AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N/E:U/RL:O/RC:C"),
    ("7.5", "5.9", "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C", "8.1", "7.3",
     "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C"),
    ("10.0", "8.7", "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:F/RL:OF/RC:C", "9.8", "9.4",
     "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:H/RL:O/RC:C"),
)
# inferred: VPR score range per severity
_VPR_RANGES = ((0.0, 0.0), (1.4, 3.9), (4.0, 6.6), (6.7, 8.9), (9.0, 9.9))
_DAY = 86400


class Plugin:
    """One plugin of the feed with everything a vulndetails row shows about it."""

    __slots__ = ("index", "id", "id_str", "name", "family", "severity", "protocol", "ports", "requires", "cve",
                 "exploit_available", "exploit_ease", "exploit_frameworks", "synopsis", "description", "solution",
                 "see_also", "risk_factor", "stig_severity", "base_score", "temporal_score", "cvss_vector",
                 "cvss3_base_score", "cvss3_temporal_score", "cvss3_vector", "cpe", "vuln_pub_date", "patch_pub_date",
                 "plugin_pub_date", "plugin_mod_date", "check_type", "version", "bid", "xref", "vpr_score",
                 "vpr_context", "weight", "output", "family_ref", "severity_ref", "was")

    def __init__(self, spec):
        self.index = None
        self.id = spec["id"]
        self.id_str = str(spec["id"])
        self.name = spec["name"]
        self.family = spec["family"]
        family_id, family_name = FAMILIES[spec["family"]]
        self.was = spec["family"] in WAS_FAMILIES
        # recorded: test_analysis_vulns_sumid_tool.yaml (family type "active")
        self.family_ref = {"id": family_id, "name": family_name, "type": "was" if self.was else "active"}
        self.severity = spec["severity"]
        self.severity_ref = SEVERITIES[self.severity]
        self.protocol = spec.get("protocol", 6)
        self.ports = spec.get("ports", (0,))
        self.requires = spec["requires"]
        self.cve = ",".join(spec.get("cves", ()))
        frameworks = spec.get("exploit")
        self.exploit_available = frameworks is not None
        self.exploit_frameworks = frameworks or ""
        # recorded: test_analysis_mobile_vulndetails.yaml (these two texts), test_analysis_vulns_vulndetails_tool.yaml
        # ("" for info)
        self.exploit_ease = ("Exploits are available" if self.exploit_available
                             else "No known exploits are available" if self.severity else "")
        self.synopsis = spec["synopsis"]
        self.description = spec.get("description", spec["synopsis"])
        self.solution = spec.get("solution", "n/a")
        self.see_also = spec.get("see_also", "")
        self.risk_factor = RISK_FACTORS[self.severity]
        self.stig_severity = spec.get("stig", "")
        (self.base_score, self.temporal_score, self.cvss_vector,
         self.cvss3_base_score, self.cvss3_temporal_score, self.cvss3_vector) = _CVSS[self.severity]
        self.cpe = spec.get("cpe", "")
        self.check_type = spec.get("check_type", "remote")
        # recorded: test_analysis_vulns_vulndetails_tool.yaml (version like "1.133")
        self.version = "1.%d" % (self.id % 97 + 3)
        self.bid = ""
        self.xref = spec.get("xref", "")
        self.weight = spec.get("weight", 4)
        self.output = spec.get("output", "")
        self._dates()
        self._vpr()

    def _dates(self):
        # Deterministic, plausible dates: older plugin ids were published earlier.
        # recorded: test_analysis_vulns_vulndetails_tool.yaml (epoch strings, "-1" when a plugin has none)
        published = 946684800 + (self.id % 260000) * 3100
        self.plugin_pub_date = str(published)
        self.plugin_mod_date = str(published + (self.id % 400) * _DAY)
        if self.severity:
            self.vuln_pub_date = str(published - (self.id % 60 + 5) * _DAY)
            self.patch_pub_date = str(published - (self.id % 5) * _DAY)
        else:
            self.vuln_pub_date = self.patch_pub_date = "-1"

    def _vpr(self):
        # client: elastic/integrations test-vulnerability.log ("" and "[]" for info; these seven context items)
        if not self.severity:
            self.vpr_score, self.vpr_context = "", "[]"
            return
        low, high = _VPR_RANGES[self.severity]
        score = low + (self.id % 1000) / 999.0 * (high - low)
        self.vpr_score = "%.1f" % score
        maturity = "High" if self.exploit_frameworks else "Functional" if self.exploit_available else "Unproven"
        self.vpr_context = json.dumps([
            {"id": "age_of_vuln", "name": "Vulnerability Age", "type": "string",
             "value": ("730 days +", "366 to 730 days", "181 to 365 days", "61 to 180 days")[self.id % 4]},
            {"id": "cvssV3_impactScore", "name": "CVSS v3 Impact Score", "type": "number",
             "value": round(min(5.9, score * 0.6), 1)},
            {"id": "exploit_code_maturity", "name": "Exploit Code Maturity", "type": "string", "value": maturity},
            {"id": "product_coverage", "name": "Product Coverage", "type": "string",
             "value": ("Low", "Medium", "High", "Very High")[self.id % 4]},
            {"id": "threat_intensity_last_28", "name": "Threat Intensity", "type": "string",
             "value": "Very High" if score >= 9 else "Low" if score >= 6 else "Very Low"},
            {"id": "threat_recency", "name": "Threat Recency", "type": "string",
             "value": "0 to 7 days" if score >= 9 else "No recorded events"},
            {"id": "threat_sources_last_28", "name": "Threat Sources", "type": "string",
             "value": "Social Media; Security Research" if score >= 9 else "No recorded events"},
        ], separators=(",", ":"))

    def plugin_text(self, host, port):
        """The per-finding output SC stores, wrapped like the real thing.

        recorded: test_analysis_vulns_vulndetails_tool.yaml ("<plugin_output>...</plugin_output>")
        """
        text = self.output.format(ip=host.ip, port=port, dns=host.dns_name or host.ip, os=host.os_name)
        return "<plugin_output>%s</plugin_output>" % (text or "\n%s\n" % self.synopsis)


def _p(plugin_id, name, family, severity, requires, synopsis, **extra):
    return {"id": plugin_id, "name": name, "family": family, "severity": severity, "requires": requires,
            "synopsis": synopsis, **extra}


_MS = "Metasploit"
_ALL_FRAMEWORKS = "Canvas (CANVAS), Core Impact, Metasploit (exploit/windows/smb/ms17_010_eternalblue)"

# Classic plugins, hand-written: ids, names and families as Nessus ships them.
# recorded: test_analysis_vulns_sumid_tool.yaml, test_analysis_vulns_listvuln_tool.yaml (twelve of them, e.g. 10107,
# 10114, 10287); the others inferred
_CLASSICS = [
    _p(19506, "Nessus Scan Information", "settings", 0, "scan", "This plugin displays information about the Nessus scan.",
       weight=40, output="\nInformation about this scan : \n\nNessus version : 10.6.4\nPlugin feed version : "
                         "202601010312\nScanner IP : 10.1.0.25\nPort scanner(s) : nessus_syn_scanner\n"),
    _p(10180, "Ping the remote host", "portscan", 0, "net", "It was possible to identify the status of the remote host.",
       weight=25, output="\nThe remote host is up\nThe host replied to an ARP who-is query.\n"),
    _p(11219, "Nessus SYN scanner", "portscan", 0, "net", "It is possible to determine which TCP ports are open.",
       ports=(22, 80, 135, 443, 445, 3389, 8443), weight=30, output="\nPort {port}/tcp was found to be open\n"),
    _p(22964, "Service Detection", "service", 0, "net", "The remote service could be identified.",
       ports=(22, 80, 443, 8080), weight=20, output="\nA web server is running on this port.\n"),
    _p(11936, "OS Identification", "general", 0, "net", "It is possible to guess the remote operating system.",
       weight=20, output="\n\nRemote operating system : {os}\nConfidence level : 95\nMethod : SSH\n"),
    _p(45590, "Common Platform Enumeration (CPE)", "general", 0, "scan",
       "It was possible to enumerate CPE names that matched on the remote system.", weight=15),
    _p(54615, "Device Type", "general", 0, "net", "It is possible to guess the remote device type.", weight=15,
       output="\nRemote device type : general-purpose\nConfidence level : 95\n"),
    _p(12053, "Host Fully Qualified Domain Name (FQDN) Resolution", "general", 0, "net",
       "It was possible to resolve the name of the remote host.", weight=12, output="\n{ip} resolves as {dns}.\n"),
    _p(10114, "ICMP Timestamp Request Remote Date Disclosure", "general", 0, "net",
       "It is possible to determine the exact time set on the remote host.", protocol=1, cves=("CVE-1999-0524",),
       xref="CWE #200", weight=8,
       solution="Filter out the ICMP timestamp requests (13), and the outgoing ICMP timestamp replies (14).",
       output="The difference between the local and remote clocks is 1 second.\n"),
    _p(10287, "Traceroute Information", "general", 0, "net", "It was possible to obtain traceroute information.",
       protocol=17, weight=12, output="For your information, here is the traceroute from 10.1.0.25 to {ip} : \n"
                                      "10.1.0.25\n{ip}\n\nHop Count: 1\n"),
    _p(25220, "TCP/IP Timestamps Supported", "general", 0, "net", "The remote service implements TCP timestamps.",
       weight=8),
    _p(35716, "Ethernet Card Manufacturer Detection", "misc", 0, "net",
       "The manufacturer can be identified from the Ethernet OUI.", weight=6),
    _p(86420, "Ethernet MAC Addresses", "general", 0, "net",
       "This plugin gathers MAC addresses from various sources and consolidates them into a list.", weight=6),
    _p(10107, "HTTP Server Type and Version", "web", 0, "web", "A web server is running on the remote host.",
       ports=(80, 443, 8080), weight=10, output="The remote web server type is :\n\nnginx"),
    _p(24260, "HyperText Transfer Protocol (HTTP) Information", "web", 0, "web",
       "Some information about the remote HTTP configuration can be extracted.", ports=(80, 443, 8080), weight=8),
    _p(10386, "Web Server No 404 Error Code Check", "web", 0, "web",
       "The remote web server does not return 404 error codes.", ports=(80, 443), weight=3),
    _p(10863, "SSL Certificate Information", "general", 0, "tls", "This plugin displays the SSL certificate.",
       ports=(443, 8443, 3389), weight=8),
    _p(56984, "SSL / TLS Versions Supported", "general", 0, "tls",
       "The remote service encrypts communications.", ports=(443, 8443), weight=8,
       output="\nThis port supports TLSv1.2 and TLSv1.3.\n"),
    _p(21643, "SSL Cipher Suites Supported", "general", 0, "tls",
       "The remote service encrypts communications using SSL.", ports=(443, 8443), weight=6),
    _p(10267, "SSH Server Type and Version Information", "service", 0, "ssh",
       "An SSH server is listening on this port.", ports=(22,), weight=8,
       output="\n  SSH version : SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6\n  SSH supported authentication : "
              "publickey,password\n"),
    _p(70657, "SSH Algorithms and Languages Supported", "misc", 0, "ssh",
       "An SSH server is listening on this port.", ports=(22,), weight=6),
    _p(10150, "Windows NetBIOS / SMB Remote Host Information Disclosure", "windows", 0, "smb",
       "It was possible to obtain the network name of the remote host.", protocol=17, ports=(137,), weight=8),
    _p(10785, "Microsoft Windows SMB NativeLanManager Remote System Information Disclosure", "windows", 0, "smb",
       "It was possible to obtain information about the remote operating system.", ports=(445,), weight=6),
    _p(11011, "Microsoft Windows SMB Service Detection", "windows", 0, "smb",
       "A file / print sharing service is listening on the remote host.", ports=(139, 445), weight=8),
    _p(20811, "Microsoft Windows Installed Software Enumeration (credentialed check)", "windows", 0, "win",
       "It is possible to enumerate installed software.", ports=(445,), check_type="local", weight=8),
    _p(22869, "Software Enumeration (SSH)", "misc", 0, "lnx",
       "It was possible to enumerate installed software on the remote host via SSH.", check_type="local", weight=8),
    _p(66334, "Patch Report", "general", 0, "scan", "The remote host is missing several patches.", weight=10),
    _p(117887, "OS Security Patch Assessment Available", "settings", 0, "cred",
       "Nessus was able to log in to the remote host using the provided credentials and enumerate OS security "
       "patch levels.", check_type="local", weight=10),
    _p(141118, "Target Credential Status by Authentication Protocol - Valid Credentials Provided", "settings", 0,
       "cred", "Valid credentials were provided for an authentication protocol on the remote target.",
       check_type="local", weight=8),
    _p(11002, "DNS Server Detection", "dns", 0, "dns", "A DNS server is listening on the remote host.",
       ports=(53,), weight=4),
    _p(10884, "Network Time Protocol (NTP) Server Detection", "service", 0, "ntp",
       "An NTP server is listening on the remote host.", protocol=17, ports=(123,), weight=4),
    _p(10092, "FTP Server Detection", "service", 0, "ftp", "An FTP server is listening on a remote port.",
       ports=(21,), weight=4),
    _p(10281, "Telnet Server Detection", "service", 0, "telnet", "A Telnet server is listening on the remote port.",
       ports=(23,), weight=4),
    _p(10223, "RPC portmapper Service Detection", "rpc", 0, "nfs", "An ONC RPC portmapper is running on the "
       "remote host.", protocol=17, ports=(111,), weight=4),
    _p(10913, "Microsoft Windows - Local Users Information : Disabled Accounts", "winusers", 0, "win",
       "At least one local user account has been disabled.", check_type="local", weight=3),
    _p(57608, "SMB Signing not required", "misc", 2, "smb", "Signing is not required on the remote SMB server.",
       ports=(445,), solution="Enforce message signing in the host's configuration.", weight=6,
       see_also="https://support.microsoft.com/en-us/help/887429"),
    _p(51192, "SSL Certificate Cannot Be Trusted", "general", 2, "tls",
       "The SSL certificate for this service cannot be trusted.", ports=(443, 8443, 3389),
       solution="Purchase or generate a proper SSL certificate for this service.", weight=6),
    _p(57582, "SSL Self-Signed Certificate", "general", 2, "tls",
       "The SSL certificate chain for this service ends in an unrecognized self-signed certificate.",
       ports=(443, 8443), solution="Purchase or generate a proper SSL certificate for this service.", weight=4),
    _p(15901, "SSL Certificate Expiry", "general", 2, "tls", "The remote server's SSL certificate has already expired.",
       ports=(443, 8443), solution="Purchase or generate a new SSL certificate to replace the existing one.", weight=3),
    _p(45411, "SSL Certificate with Wrong Hostname", "general", 2, "tls",
       "The SSL certificate for this service is for a different host.", ports=(443,), weight=3,
       solution="Purchase or generate a proper SSL certificate for this service."),
    _p(35291, "SSL Certificate Signed Using Weak Hashing Algorithm", "general", 2, "tls",
       "An SSL certificate in the certificate chain has been signed using a weak hash algorithm.", ports=(443,),
       cves=("CVE-2004-2761",), xref="CWE #310", weight=2),
    _p(104743, "TLS Version 1.0 Protocol Detection", "service", 2, "tls",
       "The remote service encrypts traffic using an older version of TLS.", ports=(443, 3389, 8443),
       solution="Enable support for TLS 1.2 and 1.3, and disable support for TLS 1.0.", weight=5),
    _p(157288, "TLS Version 1.1 Deprecated Protocol", "service", 2, "tls",
       "The remote service encrypts traffic using an older version of TLS.", ports=(443, 3389, 8443),
       solution="Enable support for TLS 1.2 and/or 1.3, and disable support for TLS 1.1.", weight=5),
    _p(42873, "SSL Medium Strength Cipher Suites Supported (SWEET32)", "general", 3, "tls",
       "The remote service supports the use of medium strength SSL ciphers.", ports=(443, 3389, 8443),
       cves=("CVE-2016-2183",), solution="Reconfigure the affected application if possible to avoid use of "
                                         "medium strength ciphers.", weight=4),
    _p(65821, "SSL RC4 Cipher Suites Supported (Bar Mitzvah)", "general", 2, "tls",
       "The remote service supports the use of the RC4 cipher.", ports=(443, 3389), weight=2,
       cves=("CVE-2013-2566", "CVE-2015-2808")),
    _p(83875, "SSL/TLS Diffie-Hellman Modulus <= 1024 Bits (Logjam)", "misc", 1, "tls",
       "The remote host allows SSL/TLS connections with one or more Diffie-Hellman moduli less than or equal to "
       "1024 bits.", ports=(443,), cves=("CVE-2015-4000",), exploit="", weight=2),
    _p(78479, "SSLv3 Padding Oracle On Downgraded Legacy Encryption Vulnerability (POODLE)", "misc", 2, "tls",
       "It is possible to obtain sensitive information from the remote host with SSL/TLS-enabled services.",
       ports=(443,), cves=("CVE-2014-3566",), exploit="", weight=2),
    _p(20007, "SSL Version 2 and 3 Protocol Detection", "service", 3, "tls",
       "The remote service encrypts traffic using a protocol with known weaknesses.", ports=(443, 8443),
       solution="Consult the application's documentation to disable SSL 2.0 and 3.0.", weight=2),
    _p(90317, "SSH Weak Algorithms Supported", "misc", 2, "ssh",
       "The remote SSH server is configured to allow weak encryption algorithms or no algorithm at all.",
       ports=(22,), weight=3),
    _p(70658, "SSH Server CBC Mode Ciphers Enabled", "misc", 1, "ssh",
       "The SSH server is configured to use Cipher Block Chaining.", ports=(22,), cves=("CVE-2008-5161",), weight=4),
    _p(71049, "SSH Weak MAC Algorithms Enabled", "misc", 1, "ssh",
       "The remote SSH server is configured to allow MD5 and 96-bit MAC algorithms.", ports=(22,), weight=4),
    _p(153953, "SSH Weak Key Exchange Algorithms Enabled", "misc", 1, "ssh",
       "The remote SSH server is configured to allow weak key exchange algorithms.", ports=(22,), weight=4),
    _p(187315, "SSH Terrapin Prefix Truncation Weakness (CVE-2023-48795)", "misc", 2, "ssh",
       "The remote SSH server is vulnerable to a mitm prefix truncation attack.", ports=(22,),
       cves=("CVE-2023-48795",), exploit="", weight=5),
    _p(97833, "MS17-010: Security Update for Microsoft Windows SMB Server (4013389) (ETERNALBLUE) (ETERNALCHAMPION) "
              "(ETERNALROMANCE) (ETERNALSYNERGY) (WannaCry) (EternalRocks) (Petya) (uncredentialed check)",
       "windows", 4, "oldwin", "The remote Windows host is affected by multiple vulnerabilities.", ports=(445,),
       cves=("CVE-2017-0143", "CVE-2017-0144", "CVE-2017-0145", "CVE-2017-0146", "CVE-2017-0147", "CVE-2017-0148"),
       exploit=_ALL_FRAMEWORKS, xref="MSFT #MS17-010, IAVA #2017-A-0065", stig="I", weight=3,
       solution="Microsoft has released a set of patches for Windows Vista, 2008, 7, 2008 R2, 2012, 8.1, RT 8.1, "
                "2012 R2, 10, and 2016."),
    _p(125313, "Microsoft RDP RCE (CVE-2019-0708) (BlueKeep) (uncredentialed check)", "windows", 4, "oldwin",
       "The remote host is affected by a remote code execution vulnerability.", ports=(3389,),
       cves=("CVE-2019-0708",), exploit=_MS, stig="I", weight=2),
    _p(58453, "Terminal Services Doesn't Use Network Level Authentication (NLA) Only", "misc", 2, "rdp",
       "The remote Terminal Services doesn't use Network Level Authentication only.", ports=(3389,), weight=4),
    _p(18405, "Microsoft Windows Remote Desktop Protocol Server Man-in-the-Middle Weakness", "windows", 2, "rdp",
       "It may be possible to get access to the remote host.", ports=(3389,), cves=("CVE-2005-1794",), exploit="",
       weight=3),
    _p(108797, "Unsupported Windows OS (remote)", "windows", 4, "oldwin",
       "The remote OS or service pack is no longer supported.", ports=(445,), weight=3,
       solution="Upgrade to a supported service pack or operating system."),
    _p(201408, "Canonical Ubuntu Linux SEoL (22.04.x)", "general", 4, "oldunix",
       "An unsupported version of Canonical Ubuntu Linux is installed on the remote host.", check_type="local",
       weight=2),
    _p(33850, "Unix Operating System Unsupported Version Detection", "general", 4, "oldunix",
       "The operating system running on the remote host is no longer supported.", check_type="local", weight=3,
       solution="Upgrade to a version of the Unix operating system that is currently supported."),
    _p(41028, "SNMP Agent Default Community Name (public)", "snmp", 3, "snmp",
       "The community name of the remote SNMP server can be guessed.", protocol=17, ports=(161,),
       cves=("CVE-1999-0517",), exploit=_MS, weight=4),
    _p(11213, "HTTP TRACE / TRACK Methods Allowed", "web", 2, "web", "Debugging functions are enabled on the remote "
       "web server.", ports=(80, 443), cves=("CVE-2003-1567", "CVE-2004-2320", "CVE-2010-0386"), exploit="",
       weight=3),
    _p(85582, "Web Application Potentially Vulnerable to Clickjacking", "web", 2, "web",
       "The remote web server may fail to mitigate a class of web application vulnerabilities.", ports=(80, 443),
       weight=4),
    _p(142960, "HSTS Missing From HTTPS Server (RFC 6797)", "web", 2, "tls",
       "The remote web server is not enforcing HSTS, as defined by RFC 6797.", ports=(443,), weight=4),
    _p(34850, "Web Server Uses Basic Authentication Without HTTPS", "web", 1, "web",
       "The remote web server seems to transmit credentials in cleartext.", ports=(80, 8080), weight=2),
    _p(156860, "Apache Log4Shell RCE detection via callback correlation (Direct Check HTTP)", "cgi", 4, "web",
       "The remote web server is affected by a remote code execution vulnerability.", ports=(80, 443, 8080),
       cves=("CVE-2021-44228",), exploit=_MS, weight=2, cpe="cpe:/a:apache:log4j"),
    _p(11356, "NFS Exported Share Information Disclosure", "rpc", 4, "nfs",
       "It is possible to access NFS shares on the remote host.", protocol=17, ports=(2049,),
       cves=("CVE-1999-0170", "CVE-1999-0211", "CVE-1999-0554"), exploit=_MS, weight=2),
    _p(10079, "Anonymous FTP Enabled", "ftp", 2, "ftp", "Anonymous logins are allowed on the remote FTP server.",
       ports=(21,), cves=("CVE-1999-0497",), exploit="", weight=3),
    _p(12217, "DNS Server Cache Snooping Remote Information Disclosure", "dns", 2, "dns",
       "The remote DNS server is vulnerable to cache snooping attacks.", protocol=17, ports=(53,), weight=3),
    _p(35450, "DNS Server Spoofed Request Amplification DDoS", "dns", 2, "dns",
       "The remote DNS server could be used in a distributed denial of service attack.", protocol=17, ports=(53,),
       cves=("CVE-2006-0987",), weight=2),
    _p(42263, "Unencrypted Telnet Server", "misc", 2, "telnet", "The remote Telnet server transmits traffic in "
       "cleartext.", ports=(23,), weight=4, solution="Disable the Telnet service and use SSH instead."),
    _p(89058, "SSL DROWN Attack Vulnerability (Decrypting RSA with Obsolete and Weakened eNcryption)", "misc", 2,
       "tls", "The remote host may be affected by a vulnerability that allows a remote attacker to potentially "
              "decrypt captured TLS traffic.", ports=(443,), cves=("CVE-2016-0800",), weight=1),
    _p(10264, "SNMP Agent Default Community Names", "snmp", 3, "snmp",
       "The community names of the remote SNMP server can be guessed.", protocol=17, ports=(161,),
       cves=("CVE-1999-0186", "CVE-1999-0254"), exploit="", weight=2),
    _p(133845, "Microsoft SQL Server Unsupported Version Detection (remote check)", "databases", 4, "mssql",
       "An unsupported version of a database server is running on the remote host.", ports=(1433,), weight=2),
    _p(10144, "Microsoft SQL Server TCP/IP Listener Detection", "service", 0, "mssql",
       "A database server is listening on the remote port.", ports=(1433,), weight=4),
    _p(51988, "Bind Shell Backdoor Detection", "firewalls", 4, "oldunix",
       "The remote host may have been compromised.", ports=(1524,), weight=1, exploit=""),
]


def _cve(rng, year):
    return "CVE-%d-%d" % (year, rng.randrange(20000, 49999))


def _cves(rng, year, count):
    return tuple(sorted({_cve(rng, year) for dummy in range(count)}))


def _windows_rollups(rng):
    months = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December")
    plugins = []
    for number, (year, month) in enumerate((y, m) for y in (2024, 2025) for m in range(12)):
        kb = "KB50%05d" % rng.randrange(30000, 60000)
        for edition, requires in (("Windows 10 version 21H2 / 22H2", "win10"), ("Windows Server 2019", "winsrv")):
            plugins.append(_p(
                185000 + number * 7 + len(plugins) % 2 * 3, "%s: %s Security Update (%s %d)" % (
                    kb, edition, months[month], year), "bulletins", 4 if rng.random() < 0.55 else 3, requires,
                "The remote Windows host is affected by multiple vulnerabilities.", check_type="local",
                cves=_cves(rng, year, rng.randint(3, 9)), exploit=_MS if rng.random() < 0.3 else None,
                xref="MSKB #%s, MSFT #MS%s" % (kb[2:], kb[2:]), weight=3, ports=(445,),
                solution="Apply Security Update %s." % kb,
                output="\nThe remote host is missing one of the following rollup KBs :\n  - %s\n\n  - C:\\Windows\\system32"
                       "\\ntoskrnl.exe has not been patched.\n    Remote version : 10.0.19041.3803\n    Should be      : "
                       "10.0.19041.3930\n" % kb))
    return plugins


def _third_party_windows(rng):
    products = (("Google Chrome", "cpe:/a:google:chrome", "120.0.6099.%d"), ("Mozilla Firefox", "cpe:/a:mozilla:firefox",
                "1%d.0"), ("Microsoft Edge (Chromium)", "cpe:/a:microsoft:edge_chromium", "121.0.2277.%d"),
                ("Oracle Java SE", "cpe:/a:oracle:jre", "1.8.0_%d"), ("Adobe Acrobat", "cpe:/a:adobe:acrobat",
                "23.008.20%d"), ("7-Zip", "cpe:/a:7-zip:7-zip", "23.%02d"), ("Zoom Client for Meetings",
                "cpe:/a:zoom:zoom", "5.17.%d"))
    plugins = []
    for product_number, (product, cpe, version) in enumerate(products):
        for release in range(3):
            fixed = version % (release * 7 + 11)
            plugins.append(_p(
                186500 + product_number * 41 + release * 5, "%s < %s Multiple Vulnerabilities" % (product, fixed),
                "windows", rng.choice((2, 3, 3, 4)), "win", "An application installed on the remote Windows host is "
                "affected by multiple vulnerabilities.", check_type="local", cpe=cpe,
                cves=_cves(rng, 2024, rng.randint(1, 6)), exploit="" if rng.random() < 0.2 else None, weight=3,
                solution="Upgrade to %s %s or later." % (product, fixed),
                output="\n  Path              : C:\\Program Files\\%s\n  Installed version : %s\n  Fixed version     : %s\n"
                       % (product, version % (release * 7 + 3), fixed)))
    return plugins


def _linux_advisories(rng):
    packages = ("kernel", "openssl", "sudo", "curl", "glibc", "openssh", "python3", "vim", "libxml2", "git",
                "systemd", "bind")
    plugins = []
    for number, package in enumerate(packages):
        for release in range(2):
            usn = "USN-6%03d-%d" % (rng.randrange(1000), release + 1)
            plugins.append(_p(
                189000 + number * 17 + release, "Ubuntu 22.04 LTS : %s vulnerabilities (%s)" % (
                    "Linux kernel" if package == "kernel" else package.capitalize(), usn), "ubuntu",
                rng.choice((1, 2, 2, 3, 3, 4)), "ubuntu", "The remote Ubuntu host is missing one or more security "
                "updates.", check_type="local", cves=_cves(rng, 2024, rng.randint(1, 8)),
                exploit="" if rng.random() < 0.15 else None, weight=3,
                see_also="https://ubuntu.com/security/notices/%s" % usn, solution="Update the affected packages.",
                output="\n  - %s-%d.%d\n    Should be : %s-%d.%d\n" % (
                    package, number, release, package, number, release + 1)))
            rhsa = "RHSA-2024:%04d" % rng.randrange(10000)
            plugins.append(_p(
                191000 + number * 17 + release, "RHEL 8 : %s (%s)" % (package, rhsa), "redhat",
                rng.choice((1, 2, 2, 3, 3, 4)), "rhel", "The remote Red Hat host is missing one or more security "
                "updates.", check_type="local", cves=_cves(rng, 2024, rng.randint(1, 8)),
                exploit="" if rng.random() < 0.15 else None, weight=3,
                see_also="https://access.redhat.com/errata/%s" % rhsa, solution="Update the affected %s packages."
                % package, output="\nRemote package installed : %s-%d.el8\nShould be                : %s-%d.el8_9\n"
                % (package, number, package, number + 1)))
        plugins.append(_p(
            193000 + number * 11, "CentOS 7 : %s (CESA-2023:%04d)" % (package, rng.randrange(10000)), "centos",
            rng.choice((2, 3, 4)), "centos", "The remote CentOS Linux host is missing one or more security updates.",
            check_type="local", cves=_cves(rng, 2023, rng.randint(1, 5)), weight=2,
            solution="Update the affected %s packages." % package))
    return plugins


def _server_software(rng):
    plugins = []
    for number, (fixed, severity) in enumerate((("2.4.49", 4), ("2.4.54", 4), ("2.4.56", 4), ("2.4.58", 3))):
        plugins.append(_p(153584 + number * 2311, "Apache 2.4.x < %s Multiple Vulnerabilities" % fixed, "web",
                          severity, "web", "The remote web server is affected by multiple vulnerabilities.",
                          ports=(80, 443), cpe="cpe:/a:apache:http_server", cves=_cves(rng, 2022 + number, 3),
                          exploit=_MS if severity == 4 else None, weight=2,
                          solution="Upgrade to Apache version %s or later." % fixed))
    for number, fixed in enumerate(("9.0.83", "9.0.86", "10.1.19")):
        plugins.append(_p(186361 + number * 991, "Apache Tomcat %s.x < %s multiple vulnerabilities" % (
            fixed.rsplit(".", 1)[0], fixed), "web", 3 - number % 2, "web",
            "The remote Apache Tomcat server is affected by multiple vulnerabilities.", ports=(8080, 8443),
            cpe="cpe:/a:apache:tomcat", cves=_cves(rng, 2024, 2), weight=2))
    plugins.append(_p(178811, "OpenSSH < 9.3p2 Vulnerability", "misc", 4, "ssh",
                      "The SSH server running on the remote host is affected by a vulnerability.", ports=(22,),
                      cpe="cpe:/a:openbsd:openssh", cves=("CVE-2023-38408",), exploit="", weight=3))
    plugins.append(_p(201194, "OpenSSH < 9.8 RCE", "misc", 3, "ssh",
                      "The SSH server running on the remote host is affected by a remote code execution "
                      "vulnerability.", ports=(22,), cpe="cpe:/a:openbsd:openssh", cves=("CVE-2024-6387",),
                      exploit="", weight=3))
    for number in range(4):
        advisory = "VMSA-2024-00%02d" % (number + 1)
        plugins.append(_p(190450 + number * 211, "VMware ESXi 7.0 / 8.0 Multiple Vulnerabilities (%s)" % advisory,
                          "vmware", 4 - number % 2, "esxi", "The remote VMware ESXi host is missing a security patch.",
                          ports=(443,), cves=_cves(rng, 2024, 3), weight=4,
                          see_also="https://www.vmware.com/security/advisories/%s.html" % advisory))
    for number in range(5):
        plugins.append(_p(182300 + number * 173, "Cisco IOS Software Multiple Vulnerabilities (cisco-sa-ios-%s)" %
                          "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for dummy in range(6)), "cisco",
                          rng.choice((2, 3, 4)), "cisco", "The remote device is missing a vendor-supplied security "
                          "patch.", ports=(22,), cves=_cves(rng, 2023, 2), weight=4, check_type="local"))
        plugins.append(_p(183900 + number * 157, "Fortinet FortiOS Multiple Vulnerabilities (FG-IR-23-%03d)" %
                          rng.randrange(400), "firewalls", rng.choice((3, 4)), "fortios",
                          "The remote Fortinet host is affected by multiple vulnerabilities.", ports=(443,),
                          cves=_cves(rng, 2023, 2), exploit=_MS if number == 0 else None, weight=4))
    return plugins


# Web application findings: hosts never carry the "was" tag, so the dataset adds them to web servers itself.
# inferred: these WAS plugins (ids, names, severities, ports)
_WEB_APPLICATION = [
    _p(98000, "Scan Information", "was", 0, "was", "Information about the web application scan.", ports=(443,)),
    _p(98104, "Cross-Site Scripting (XSS)", "was", 3, "was",
       "The web application is vulnerable to cross-site scripting.", ports=(443, 80)),
    _p(98115, "SQL Injection", "was", 4, "was", "The web application is vulnerable to SQL injection.", ports=(443,)),
    _p(112529, "Missing Content Security Policy", "was", 1, "was",
       "The web application does not set a Content-Security-Policy header.", ports=(443, 80)),
    _p(113092, "Vulnerable JavaScript Library", "was", 2, "was",
       "The web application uses a JavaScript library with known vulnerabilities.", ports=(443,)),
]
WAS_PLUGIN_IDS = tuple(spec["id"] for spec in _WEB_APPLICATION)


def _build():
    rng = random.Random(0x5C)  # the feed does not depend on the dataset seed
    specs = _CLASSICS + _windows_rollups(rng) + _third_party_windows(rng) + _linux_advisories(rng)
    specs += _server_software(rng) + _WEB_APPLICATION
    plugins = sorted((Plugin(spec) for spec in specs), key=lambda plugin: plugin.id)
    for index, plugin in enumerate(plugins):
        plugin.index = index
    if len({plugin.id for plugin in plugins}) != len(plugins):
        raise RuntimeError("plugin ids of the catalog collide")
    return tuple(plugins)


PLUGINS = _build()
