"""Speed of the practice sandbox: creating an official's workspace (target < 200 ms) and applying one
transition (target < 100 ms), on SQLite and, with DATABASE_URL set, on PostgreSQL.

    export PYTHONPATH=site
    .venv/bin/python bench/sandbox_bench.py [--runs 30]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotro .venv/bin/python bench/sandbox_bench.py

The script builds its own throw-away database (the test database of the ``bench-sandbox`` suffix,
kept between runs) and prints the median and 95th percentile of:

* a new workspace: ``workspace_get_or_create`` for an official who has none (one transaction: the
  workspace, six incoming and six outgoing documents, nine dossiers, the practice account);
* one transition: ``transition_apply`` accepting a dossier (guards, the 15:00 rule, the event log),
  outside a scenario and during one (the run's steps are then re-checked after the event).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.test"
os.environ["TEST_DB_SUFFIX"] = "bench-sandbox"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _report(label: str, timings: list[float], target_ms: float) -> None:
    median, p95 = statistics.median(timings) * 1000, _percentile(timings, 0.95) * 1000
    verdict = "ok" if p95 < target_ms else "OVER TARGET"
    figures = f"median {median:7.1f} ms   p95 {p95:7.1f} ms"
    print(f"  {label:<42} {figures}   target < {target_ms:.0f} ms: {verdict}")


def _officials(count: int, prefix: str):
    from tests.factories import CommuneFactory, OfficialFactory, ProvinceFactory

    province = ProvinceFactory(code="97", name="Tỉnh Đo Tốc Độ")
    commune = CommuneFactory(code="97001", name="Phường Đo Tốc Độ", province=province)
    return [OfficialFactory(username=f"{prefix}{i}", commune=commune) for i in range(count)]


def _accept(workspace, dossier):
    from sandbox.services import transition_apply

    start = time.perf_counter()
    outcome = transition_apply(workspace=workspace, obj=dossier, transition="accept", actor_role="one_stop")
    assert outcome.ok, outcome.message
    return time.perf_counter() - start


def bench(runs: int) -> None:
    from sandbox.models import Workspace
    from sandbox.scenarios.engine import scenario_start
    from sandbox.services import workspace_get_or_create

    stamp = str(int(time.time()))
    officials = _officials(runs + 1, f"bench{stamp}-")
    workspace_get_or_create(official=officials[0])  # warm: imports, Faker's locale, templates of SQL

    creation = []
    for official in officials[1:]:
        start = time.perf_counter()
        workspace_get_or_create(official=official)
        creation.append(time.perf_counter() - start)

    plain, scenario = [], []
    for official in officials[1:]:
        workspace = Workspace.objects.get(official=official)
        plain += [_accept(workspace, dossier) for dossier in workspace.dossiers.filter(status="1")]
        run = scenario_start(workspace=workspace, slug="hs-bo-sung-tu-choi")
        scenario.append(_accept(workspace, workspace.dossiers.get(pk=run.refs["ngoai"][1])))

    engine = connection.vendor
    print(f"{engine} ({connection.settings_dict['NAME']}), {runs} runs")
    _report("new workspace (seeded)", creation, 200)
    _report("one transition (dossier accepted)", plain, 100)
    _report("one transition during a scenario", scenario, 100)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    bench(args.runs)


if __name__ == "__main__":
    main()
