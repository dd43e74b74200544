"""The peak: 12,300 signed-in officials, each acting about every 30 s, against the production stack.

Prepare and start the stack, generate the data (bench/load/stack.sh, bench/load/generate.py), then:

    .venv/bin/locust -f bench/load/locustfile.py --headless -u 12300 -r 200 -t 5m \
        --host http://127.0.0.1:8100 --csv bench/results/peak/peak Official Bare SignIn

and, at the same time, the live-session chat: ``bench/load/chat.py`` (WebSockets; see its docstring).

User classes:

- ``Official`` (all but two users): signed in (a session the generator wrote), waits 25-35 s between
  actions, and acts on the mix below, one request per action (POSTs are not followed to the page they
  redirect to). The first action comes after a random 0-30 s, as if the official had been working
  before the test began, so the ramp-up does not fire 12,300 first actions in one minute.
- ``Bare``: one user requesting ``/bare`` at a fixed rate, the baseline in the same run.
- ``SignIn``: one user signing in through the real form at a fixed rate, to measure what a sign-in
  costs beside the peak (12,300 real sign-ins would cost 12,300 PBKDF2 verifications).
- ``BareFlood``, ``LessonFlood``: for the saturation runs (no wait), each run alone:
  ``locust ... -u 48 -r 48 -t 60s BareFlood`` and the same with ``LessonFlood``.

Environment: ``BENCH_RUN_DIR`` (where generate.py wrote users.csv and plan.json, default
/tmp/hotro-bench), ``BENCH_TARGETS`` (comma-separated base URLs: address the Daphne processes directly,
round-robin per user, instead of ``--host``), ``BENCH_LOCUST_PROCESSES`` (set it to the number given to
``--processes`` so the processes take different officials), ``BENCH_BARE_RPS`` (default 5).
"""

import csv
import itertools
import json
import os
import random
import re
import string
from pathlib import Path

import gevent
from locust import FastHttpUser, between, constant, constant_throughput, task
from requests.cookies import create_cookie

RUN = Path(os.environ.get("BENCH_RUN_DIR", "/tmp/hotro-bench"))
PLAN = json.loads((RUN / "plan.json").read_text())
with open(RUN / "users.csv", newline="") as _file:
    USERS = list(csv.DictReader(_file))
TARGETS = [target.strip() for target in os.environ.get("BENCH_TARGETS", "").split(",") if target.strip()]
PROCESSES = max(1, int(os.environ.get("BENCH_LOCUST_PROCESSES", "1")))
BARE_RPS = float(os.environ.get("BENCH_BARE_RPS", "5"))
_claimed = itertools.count()
_targets = itertools.count()

QUIZ_FIELD = re.compile(
    r'<input type="(radio|checkbox|text)" name="(choice|choices|text)"(?: value="([^"]*)")?'
)
OWNER = {
    "owner_name": "Nguyễn Văn Thử",
    "owner_address": "Số 1 đường Lý Thái Tổ, phường Kinh Bắc",
    "owner_phone": "0912345678",
}


def _csrf_secret() -> str:
    return "".join(random.choices(string.ascii_letters + string.digits, k=32))


class Portal(FastHttpUser):
    """What every simulated browser shares: a base URL (nginx, or one Daphne process round-robin),
    its cookies, and the CSRF header Django checks on POSTs."""

    abstract = True
    network_timeout = 60.0
    connection_timeout = 30.0

    def __init__(self, environment):
        if TARGETS:
            self.host = TARGETS[next(_targets) % len(TARGETS)]
        super().__init__(environment)
        self.csrf = _csrf_secret()
        self.set_cookie("csrftoken", self.csrf)

    def set_cookie(self, name: str, value: str) -> None:
        self.client.cookiejar.set_cookie(create_cookie(name, value, path="/"))

    def claim_official(self) -> dict:
        """The next official of users.csv; with several locust processes each takes its own share."""
        runner = self.environment.runner
        index = next(_claimed) * PROCESSES + (getattr(runner, "worker_index", 0) or 0)
        return USERS[index % len(USERS)]

    def sign_in_as(self, row: dict) -> None:
        self.official = row
        self.set_cookie(PLAN["session_cookie"], row["session"])

    def post(self, path: str, data: dict, name: str, **kwargs):
        return self.client.post(
            path,
            data=data,
            name=name,
            allow_redirects=False,
            headers={"X-CSRFToken": self.csrf, "Referer": self.host + path, **kwargs.pop("headers", {})},
            **kwargs,
        )


class Official(Portal):
    """A commune official at the peak: lessons, progress, sandbox, quiz."""

    wait_time = between(25, 35)

    def on_start(self):
        self.sign_in_as(self.claim_official())
        self.attempt_url = ""
        self.answer = None
        gevent.sleep(random.uniform(0, 30))

    @task(40)
    def lesson_page(self):
        self.client.get(random.choice(PLAN["lessons"]), name="lesson page")

    @task(15)
    def my_courses(self):
        self.client.get("/learning/", name="my courses")

    @task(10)
    def my_progress(self):
        self.client.get("/reports/me/", name="my progress")

    @task(15)
    def sandbox_transition(self):
        dossier = self.official["dossier"]
        if not dossier:
            return
        data = {
            **OWNER,
            "owner_id_number": f"0010{random.randrange(10**8):08d}",
            "csrfmiddlewaretoken": self.csrf,
        }
        self.post(f"/sandbox/act/dossier/{dossier}/update/", data, "sandbox transition")

    @task(15)
    def quiz_autosave(self):
        if not PLAN["quiz"]:
            return
        if self.answer is None and not self.quiz_open():
            return
        url, data = self.answer
        with self.post(
            url, data, "quiz autosave", headers={"Accept": "application/json"}, catch_response=True
        ) as response:
            if response.status_code == 409:  # time up or submitted: start again next time
                self.answer = None
                response.success()
            elif response.status_code != 200 or '"saved": true' not in (response.text or ""):
                response.failure(f"not saved: {response.status_code} {response.text[:200]}")

    def quiz_open(self) -> bool:
        """Start (or resume) the quiz, then find a question the autosave can answer with a choice or a
        number: its URL and form data."""
        response = self.post(f"/quizzes/{PLAN['quiz']}/", {"csrfmiddlewaretoken": self.csrf}, "quiz start")
        location = (response.headers or {}).get("Location", "")
        match = re.search(r"/quizzes/attempts/(\d+)/(\d+)/", location)
        if not match:
            return False
        attempt = match.group(1)
        for position in range(1, 8):
            url = f"/quizzes/attempts/{attempt}/{position}/"
            page = self.client.get(url, name="quiz question page")
            fields = QUIZ_FIELD.findall(page.text or "")
            if not fields:
                continue
            kind, name, value = fields[0]
            data = {"csrfmiddlewaretoken": self.csrf, name: value if kind != "text" else "1"}
            self.answer = (url, data)
            return True
        return False


class Bare(Portal):
    """The baseline in the same run: ``/bare`` at a fixed rate."""

    fixed_count = 1
    wait_time = constant_throughput(BARE_RPS)

    @task
    def bare(self):
        self.client.get("/bare", name="bare (baseline)")


class SignIn(Portal):
    """Real sign-ins through the form, at a fixed rate, beside the peak."""

    fixed_count = 1
    wait_time = constant_throughput(0.5)

    @task
    def sign_in(self):
        row = random.choice(USERS)
        self.client.cookiejar.clear()
        self.set_cookie("csrftoken", self.csrf)
        self.client.get("/accounts/login/", name="sign-in page")
        with self.post(
            "/accounts/login/",
            {"username": row["username"], "password": PLAN["password"], "csrfmiddlewaretoken": self.csrf},
            "sign in",
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused: {response.status_code}")


class BareFlood(Portal):
    """Saturation: ``/bare`` as fast as the stack answers."""

    wait_time = constant(0)

    @task
    def bare(self):
        self.client.get("/bare", name="bare (saturation)")


class LessonFlood(Portal):
    """Saturation: a signed-in official's lesson pages as fast as the stack answers."""

    wait_time = constant(0)

    def on_start(self):
        self.sign_in_as(self.claim_official())

    @task
    def lesson(self):
        self.client.get(random.choice(PLAN["lessons"]), name="lesson page (saturation)")
