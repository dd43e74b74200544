"""Load the demo: the national administrative map, demo accounts, courses, quizzes, sandbox scenarios
and a live session. Idempotent: a second run changes nothing."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has demo data keeps it in its own ``seed.py`` with a ``seed(stdout)`` function;
# they run in this order because later ones build on earlier ones (courses need communes, ...).
SEED_MODULES = [
    "people.seed",
    "portal.seed",
    "courses.seed",
    "quizzes.seed",
    "sandbox.seed",
    "live_sessions.seed",
    "reports.seed",
]


class Command(BaseCommand):
    help = "Load demo data (idempotent)."

    def handle(self, *args, **options):
        for name in SEED_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
