# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Install the offline pip bootstrap used by ``ansible-test --venv``.

Usage: python tools/ansible_test_pip_bootstrap.py WHEEL_CACHE_DIR

Run with the interpreter that has ansible-core installed.  The script

1. asks ansible-test which pip version it bootstraps into its virtual
   environments,
2. downloads that pip wheel into WHEEL_CACHE_DIR (once),
3. copies the wheel and ``get_pip_standin.py`` into ansible-test's cache
   directory (``~/.ansible/test/cache``) under the name ansible-test looks for.

A genuine ``get-pip.py`` already present in the cache is left untouched.
"""

from __future__ import annotations

import filecmp
import glob
import os
import shutil
import subprocess
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
STANDIN = os.path.join(HERE, 'get_pip_standin.py')
STANDIN_MARKER = 'Offline stand-in for the ``get-pip.py`` bootstrap script'
CACHE_DIR = os.path.expanduser('~/.ansible/test/cache')


def ansible_test_pip_version():
    """Return the pip version ansible-test installs into the virtual environments it creates."""
    # pylint: disable-next=import-outside-toplevel
    from ansible_test._internal.python_requirements import get_venv_packages

    python = types.SimpleNamespace(version='%d.%d' % sys.version_info[:2])

    return get_venv_packages(python)['pip']


def download_wheel(version, wheel_dir):
    """Return the path of the pip wheel, downloading it into ``wheel_dir`` if needed."""
    pattern = os.path.join(wheel_dir, 'pip-%s-*.whl' % version)
    wheels = sorted(glob.glob(pattern))

    if not wheels:
        os.makedirs(wheel_dir, exist_ok=True)
        subprocess.run(
            [sys.executable, '-m', 'pip', 'download', '--quiet', '--disable-pip-version-check',
             '--no-deps', '--only-binary', ':all:', '--dest', wheel_dir, 'pip==%s' % version],
            check=True,
        )
        wheels = sorted(glob.glob(pattern))

    if not wheels:
        sys.exit('pip %s wheel not found in %s after download' % (version, wheel_dir))

    return wheels[-1]


def copy_if_changed(src, dst):
    """Copy ``src`` to ``dst`` unless both files already have the same content."""
    if os.path.exists(dst) and filecmp.cmp(src, dst, shallow=False):
        return False

    shutil.copyfile(src, dst)

    return True


def main():
    """Main entry point."""
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])

    version = ansible_test_pip_version()
    wheel = download_wheel(version, os.path.abspath(sys.argv[1]))
    script = os.path.join(CACHE_DIR, 'get_pip_%s.py' % version.replace('.', '_'))

    if os.path.exists(script):
        with open(script, encoding='utf-8') as script_file:
            if STANDIN_MARKER not in script_file.read():
                print('ansible-test pip %s bootstrap: using existing %s' % (version, script))
                return

    os.makedirs(CACHE_DIR, exist_ok=True)
    changed = copy_if_changed(wheel, os.path.join(CACHE_DIR, os.path.basename(wheel)))
    changed = copy_if_changed(STANDIN, script) or changed

    print('ansible-test pip %s bootstrap: %s %s' % (version, 'installed' if changed else 'up to date', script))


if __name__ == '__main__':
    main()
