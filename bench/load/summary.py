"""A run's figures as a Markdown table, from locust's ``--csv`` output (``<prefix>_stats.csv``).

.venv/bin/python bench/load/summary.py bench/results/peak/LABEL
"""

import csv
import sys


def main() -> None:
    prefix = sys.argv[1]
    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    print("| request | count | errors | p50 ms | p95 ms | p99 ms | rps |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "**all**"
        print(
            f"| {row['Type']} {name} | {row['Request Count']} | {row['Failure Count']} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {float(row['Requests/s']):.1f} |"
        )


if __name__ == "__main__":
    main()
