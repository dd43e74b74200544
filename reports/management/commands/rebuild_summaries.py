"""Recompute the dashboards' summary tables from the progress ledger (also run nightly by django-q2)."""

import time

from django.core.management.base import BaseCommand

from reports.summaries import summaries_rebuild


class Command(BaseCommand):
    help = "Rebuild the completion summaries from the progress ledger."

    def handle(self, *args, **options):
        started = time.monotonic()
        counts = summaries_rebuild()
        rows = ", ".join(f"{name}: {count}" for name, count in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Summaries rebuilt in {elapsed:.1f} s ({rows})."))
