#!/usr/bin/env python
"""Django's command-line utility. The project must be installed (``make install``)."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "policylab_site.settings.dev")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:  # pragma: no cover - guidance for a missing venv
        raise ImportError(
            "Django is not importable. Run `make install` and use .venv/bin/python."
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
