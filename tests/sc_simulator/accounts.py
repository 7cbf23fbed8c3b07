# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulated accounts: one per role, API keys derived from the dataset seed."""

import hashlib
from dataclasses import dataclass

# client: public pyTenable scripts test organization id 0 (a number) and name it "Tenable.sc Administration"
ADMIN_ORGANIZATION = {"id": 0, "name": "Tenable.sc Administration", "description": ""}
# recorded: test_accept_risks_list_success.yaml (organization refs {"id": "1", "name", "description"})
ORGANIZATION = {"id": "1", "name": "Acme Security Operations", "description": "Vulnerability management"}
# recorded: test_users_details_success.yaml
FULL_ACCESS_GROUP = {"id": "0", "name": "Full Access", "description": "Full Access group"}
# recorded: test_users_details_success.yaml (role "2" Security Manager)
# inferred: role ids "1", "3", "4" and the short descriptions
ROLES = {
    "1": ("Administrator", "Full access to the system, no access to organization data"),
    "2": ("Security Manager", "Full access to the organization"),
    "3": ("Security Analyst", "Analysis and asset management within the organization"),
    "4": ("Vulnerability Analyst", "Read access to vulnerability data"),
}
# inferred: which roles may create, edit and delete asset lists
ASSET_MANAGERS = frozenset(("2", "3"))


@dataclass(frozen=True)
class User:
    """An SC account and its API keys; ``repository_ids`` are the repositories assigned to it."""

    id: str
    username: str
    firstname: str
    lastname: str
    role_id: str
    role_name: str
    org_id: object
    access_key: str
    secret_key: str
    key_string: str
    repository_ids: tuple
    locked: bool = False

    @property
    def is_admin(self):
        return self.role_id == "1"

    @property
    def can_manage_assets(self):
        return self.role_id in ASSET_MANAGERS

    @property
    def organization(self):
        return ADMIN_ORGANIZATION if self.is_admin else ORGANIZATION

    def ref(self):
        """The creator/owner shape of asset lists (recorded: test_asset_lists_create_success.yaml)."""
        return {"id": self.id, "username": self.username, "firstname": self.firstname, "lastname": self.lastname}


def _key(seed, username, kind):
    return hashlib.sha256(("%s:%s:%s" % (seed, username, kind)).encode()).hexdigest()[:32]


def make_users(seed, repository_ids, make_key=None):
    """admin, secmanager, secanalyst, vulnanalyst (all but the last repository), norepo and locked.

    ``make_key(seed, username, kind)`` (kind "access" or "secret") gives each key; by default 32 lower-case hex
    digits like Tenable's example (documented: API Key Authorization). That SC compares keys case-insensitively
    is inferred, so a key must be lower case.
    """
    make_key = make_key or _key
    everything = tuple(repository_ids)
    most = everything[:-1] if len(everything) > 1 else everything
    accounts = (
        ("1", "admin", "System", "Administrator", "1", everything, False),
        ("2", "secmanager", "Security", "Manager", "2", everything, False),
        ("3", "secanalyst", "Security", "Analyst", "3", everything, False),
        ("4", "vulnanalyst", "Vulnerability", "Analyst", "4", most, False),
        ("5", "norepo", "Unassigned", "Analyst", "4", (), False),
        ("6", "locked", "Locked", "Analyst", "4", most, True),
    )
    users = {}
    for user_id, username, firstname, lastname, role_id, repositories, locked in accounts:
        access_key, secret_key = make_key(seed, username, "access"), make_key(seed, username, "secret")
        users[username] = User(
            id=user_id, username=username, firstname=firstname, lastname=lastname, role_id=role_id,
            role_name=ROLES[role_id][0], org_id=ADMIN_ORGANIZATION["id"] if role_id == "1" else ORGANIZATION["id"],
            access_key=access_key, secret_key=secret_key,
            key_string="accesskey=%s; secretkey=%s;" % (access_key, secret_key),
            repository_ids=repositories, locked=locked)
    return users
