# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Offline stand-in for the ``get-pip.py`` bootstrap script of ansible-test.

``ansible-test sanity --venv`` bootstraps pip in every virtual environment it
creates by running a ``get-pip.py`` script, which it downloads from a host that
is not reachable from every build machine.  ansible-test looks for a cached copy
first (``~/.ansible/test/cache/get_pip_<version>.py``), so
``tools/ansible_test_pip_bootstrap.py`` installs this file there together
with the matching pip wheel.

The script is executed by ansible-test as ``__main__`` with the arguments it
would pass to ``get-pip.py`` (for example ``--disable-pip-version-check
pip==24.2 --no-setuptools --no-wheel``).  It imports pip from the wheel lying
next to it and installs that same wheel into the running interpreter.
"""

from __future__ import annotations

import glob
import os
import pkgutil
import sys
import tempfile

# Options understood by get-pip.py but not by ``pip install``.
GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel')


def find_wheel(directory, version):
    """Return the path of the pip wheel for ``version`` stored in ``directory``."""
    wheels = sorted(glob.glob(os.path.join(directory, 'pip-%s-*.whl' % version)))

    if not wheels:
        sys.stderr.write('get_pip stand-in: no pip-%s wheel found in %s\n' % (version, directory))
        sys.exit(1)

    return wheels[-1]


def requested_version(args):
    """Return the pip version requested on the command line."""
    for arg in args:
        if arg.startswith('pip=='):
            return arg.split('==', 1)[1]

    # The cache file name carries the version: get_pip_24_2.py -> 24.2
    name = os.path.splitext(os.path.basename(__file__))[0]

    return name[len('get_pip_'):].replace('_', '.')


def main():
    """Install pip from the wheel stored next to this script."""
    args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
    version = requested_version(args)
    wheel = find_wheel(os.path.dirname(os.path.abspath(__file__)), version)

    # Install the local wheel instead of asking an index for it.
    args = [wheel if arg == 'pip==%s' % version else arg for arg in args]

    sys.path.insert(0, wheel)

    from pip._internal.cli.main import main as pip_main  # pylint: disable=import-outside-toplevel

    with tempfile.TemporaryDirectory(prefix='get-pip-') as tmpdir:
        if not os.environ.get('PIP_CERT'):
            # pip cannot read its CA bundle from inside a zip file.
            cert_path = os.path.join(tmpdir, 'cacert.pem')

            with open(cert_path, 'wb') as cert_file:
                cert_file.write(pkgutil.get_data('pip._vendor.certifi', 'cacert.pem'))

            os.environ['PIP_CERT'] = cert_path

        return pip_main(['install', '--upgrade', '--force-reinstall'] + args)


if __name__ == '__main__':
    sys.exit(main())
