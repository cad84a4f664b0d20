"""The `helhed` console command: Django's management commands under the project's name.

`helhed demo`, `helhed migrate`, `helhed plans list --format csv` … are all management commands.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "helhed.settings")
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "demo":
        # The demo creates demo users, which only exist in demo mode (see accounts.backends).
        os.environ.setdefault("HELHED_DEMO", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["helhed", *args])


if __name__ == "__main__":
    main()
