"""Speed of the courses app: materialising assignments for thousands of officials, giving newly imported
officials their courses, and serving the pages officials open most (My courses, a lesson, search).

    export PYTHONPATH=site
    .venv/bin/python bench/courses_bench.py [--officials 5000] [--runs 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotro .venv/bin/python bench/courses_bench.py

The script builds its own throw-away database (the test database of the ``bench-courses`` suffix, kept
between runs) and prints:

* ``course_assignments_sync`` for one course assigned to a whole province of N officials: the first run
  (N rows created) and a second one (nothing to change), with the number of queries of each;
* ``course_assignments_apply`` for 1,000 newly imported officials, against five assigned courses;
* the median and 95th percentile of a signed-in official's requests: My courses, a lesson page (which also
  records progress and reports to the live board), the "Đã xong bài này" button, and a search.
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
os.environ["TEST_DB_SUFFIX"] = "bench-courses"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timed(callable_):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = callable_()
        elapsed = time.perf_counter() - start
    return result, elapsed * 1000, len(queries.captured_queries)


def _officials(province, commune_count: int, count: int, stamp: str):
    from people.models import Commune, JobRole, Role, User

    communes = Commune.objects.bulk_create(
        [
            Commune(code=f"B{stamp[-5:]}{i:02d}", name=f"Xã Đo {i}", province=province)
            for i in range(commune_count)
        ]
    )
    roles = JobRole.values
    users = [
        User(
            username=f"bench{stamp}-{i}",
            full_name=f"Cán bộ {i}",
            role=Role.OFFICIAL,
            province=province,
            commune=communes[i % len(communes)],
            job_role=roles[i % len(roles)],
            password="!",
        )
        for i in range(count)
    ]
    return User.objects.bulk_create(users, batch_size=1000)


def bench(officials: int, runs: int) -> None:
    from django.test import Client
    from django.urls import reverse

    from courses.selectors import live_lessons
    from courses.services import course_assignments_apply, course_assignments_sync
    from people.models import Province
    from tests.courses import builders

    stamp = str(int(time.time()))
    province = Province.objects.create(code=f"P{stamp[-6:]}", name=f"Tỉnh Đo Tốc Độ {stamp}")
    image = builders.screenshot("Màn hình đo tốc độ", size=(1024, 640))
    courses = [
        builders.course(
            f"Khóa học đo tốc độ {n} – đăng nhập",
            slug=f"do-toc-do-{stamp}-{n}",
            lessons=4,
            image=image,
            quizzes=["kiem-tra-dang-nhap"],
            assignments=[{"province": province, "due_date": builders.due(30)}],
        )
        for n in range(5)
    ]
    # Created after the courses: publishing a course already queues (here: runs) its sync.
    people = _officials(province, 100, officials, stamp)

    print(f"{connection.vendor} ({connection.settings_dict['NAME']}), {officials} officials, {runs} runs")
    result, ms, queries = _timed(lambda: course_assignments_sync(course_id=courses[0].pk))
    print(f"  sync, first run ({result.created} rows created)         {ms:8.1f} ms   {queries} queries")
    result, ms, queries = _timed(lambda: course_assignments_sync(course_id=courses[0].pk))
    print(f"  sync, nothing to change                        {ms:8.1f} ms   {queries} queries")
    for course in courses[1:]:
        course_assignments_sync(course_id=course.pk)
    newcomers = _officials(province, 10, 1000, stamp + "n")
    result, ms, queries = _timed(lambda: course_assignments_apply(official_ids=[u.pk for u in newcomers]))
    print(f"  apply, 1,000 new officials ({result.created} rows)       {ms:8.1f} ms   {queries} queries")

    official = people[0]
    client = Client()
    client.force_login(official)
    lessons = live_lessons(courses[0])
    pages = {
        "My courses": lambda: client.get(reverse("courses:my_courses")),
        "a lesson (records progress)": lambda: client.get(lessons[1].url),
        "Đã xong bài này": lambda: client.post(reverse("courses:lesson_complete", args=[lessons[2].pk])),
        "search 'dang nhap'": lambda: client.get(reverse("courses:search"), {"q": "dang nhap"}),
    }
    for label, request in pages.items():
        request()  # warm: templates, renditions
        timings, counts = [], []
        for _ in range(runs):
            response, ms, queries = _timed(request)
            assert response.status_code in (200, 302), (label, response.status_code)
            timings.append(ms)
            counts.append(queries)
        print(
            f"  {label:<32} median {statistics.median(timings):7.1f} ms   "
            f"p95 {_percentile(timings, 0.95):7.1f} ms   {max(counts)} queries"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--officials", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    bench(args.officials, args.runs)


if __name__ == "__main__":
    main()
