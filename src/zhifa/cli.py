"""The `zhifa` console script: Django's manage.py with the settings preset.

`zhifa demo` migrates, loads the demo data and serves; `zhifa <command>` runs any manage.py command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zhifa.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["zhifa", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
