"""Runs every app's ``seed.py`` (reference data) or ``demo.py`` (demo data), in app order.

An app takes part by having a module with ``run(log)``; ``log`` prints one line per fact.
Each must be idempotent: running it twice changes nothing the second time.
"""

from importlib import import_module, util

from django.apps import apps
from django.db import transaction


def run_modules(module_name: str, log) -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("investdesk."):
            continue
        dotted = f"{config.name}.{module_name}"
        if util.find_spec(dotted) is None:
            continue
        with transaction.atomic():
            import_module(dotted).run(log)
