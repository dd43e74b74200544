"""Demo data of the reports: the dashboards' summaries, recounted from whatever the other apps' demo
data put in the progress ledger. Idempotent: a rebuild from the same ledger gives the same tables."""

from reports.summaries import summaries_rebuild


def seed(stdout) -> None:
    counts = summaries_rebuild()
    stdout.write(
        "Completion summaries: " + ", ".join(f"{name} {count}" for name, count in counts.items()) + "."
    )
