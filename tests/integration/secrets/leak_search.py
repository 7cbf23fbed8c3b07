# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keys that are easy to find, and the search for them in text and files."""

import hashlib
import os
from urllib.parse import quote, quote_plus


def leak_key(seed, username, kind):
    """A 32-character key with '+', '/' and '=', so that each URL encoding of it is a different string.

    Lower case, as SC compares keys case-insensitively; the key-string parser accepts these characters.
    """
    digest = hashlib.sha256(("leak:%s:%s:%s" % (seed, username, kind)).encode()).hexdigest()
    return "%s+%s/%s=" % (digest[:10], digest[10:20], digest[20:29])


# A key pair no SC account has: what a user who mistyped a key sends, and must not see echoed either.
WRONG_KEYS = (leak_key(0, "nobody", "access"), leak_key(0, "nobody", "secret"))


class Needles:
    """Every form in which a secret could leak: as is, URL-encoded three ways, and either half of it.

    The search ignores case: SC accepts keys in any case, so an upper-cased key is a leaked key too.
    """

    def __init__(self, secrets):
        self.forms = {}
        for secret in secrets:
            half = len(secret) // 2
            for how, form in (("as is", secret), ("quote", quote(secret)), ("quote, safe=''", quote(secret, safe="")),
                              ("quote_plus", quote_plus(secret)), ("first half", secret[:half]),
                              ("second half", secret[half:])):
                self.forms.setdefault(form.lower(), "%s (%s)" % (secret, how))

    def find(self, text, where):
        """[(where, which secret and form, the text around it)] for every needle in ``text``."""
        lowered = text.lower()
        found = []
        for form, what in self.forms.items():
            position = lowered.find(form)
            if position >= 0:
                found.append((where, what, text[max(0, position - 150):position + len(form) + 50]))
        return found

    def find_in_files(self, root, skip=lambda path: False):
        """Findings in every regular file under ``root`` (symbolic links are not followed), and the files read."""
        found, read = [], []
        for directory, _subdirectories, names in os.walk(str(root)):
            for name in names:
                path = os.path.join(directory, name)
                if os.path.islink(path) or not os.path.isfile(path) or skip(path):
                    continue
                with open(path, "rb") as handle:
                    text = handle.read().decode("utf-8", "replace")
                read.append(path)
                found.extend(self.find(text, path))
        return found, read
