"""Validating every row of an officials' file and planning the accounts to create.

Everything the checks need is read from the database once, before the first row (communes by code,
every username, e-mail and phone already in use), so 10,000 rows cost a handful of queries. Every row
is checked, even after the first error, so one report lists every problem.

A row describes an official who may already have an account: it is matched by ``username`` when the
row gives one, else by ``email``. A matched official in the uploader's scope is left as it is and
counted as unchanged, which makes importing the same file twice harmless. A match outside the scope,
or on an account that is not an official's, is reported as taken, without saying whose it is.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import translation
from unidecode import unidecode

from people.imports.files import Sheet, problem
from people.models import Commune, JobRole, Role, User, normalize_name

FULL_NAME_MAX = 150
EMAIL_MAX = 254
USERNAME_RE = re.compile(r"^[a-z0-9._-]{3,150}$")
PHONE_RE = re.compile(r"^0\d{9}$")
PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
NAME_PUNCTUATION = frozenset(" -'’.")
PROGRESS_EVERY = 500

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class NewOfficial:
    """An account to create, with every field already normalised."""

    row: int
    username: str
    full_name: str
    email: str
    phone: str
    job_role: str
    commune_id: int
    province_id: int


@dataclass
class ImportPlan:
    """What importing a file would do: the accounts to create, how many exist already, the problems."""

    rows_total: int
    headings: dict[str, str] = field(default_factory=dict)
    new: list[NewOfficial] = field(default_factory=list)
    unchanged: int = 0
    problems: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class _Account:
    pk: int
    is_official: bool
    province_id: int | None


@dataclass
class _Directory:
    """What already exists, read once."""

    communes: dict[str, tuple[int, int, str, str]]  # code -> (id, province id, name, province name)
    by_username: dict[str, _Account]  # lower-case username -> account
    by_email: dict[str, _Account]  # lower-case e-mail -> account
    by_phone: dict[str, _Account]

    @classmethod
    def load(cls) -> "_Directory":
        communes = {
            code: (pk, province_id, name, province_name)
            for code, pk, province_id, name, province_name in Commune.objects.values_list(
                "code", "pk", "province_id", "name", "province__name"
            )
        }
        by_username, by_email, by_phone = {}, {}, {}
        for pk, username, email, phone, role, province_id in User.objects.values_list(
            "pk", Lower("username"), Lower("email"), "phone", "role", "province_id"
        ):
            account = _Account(pk=pk, is_official=role == Role.OFFICIAL, province_id=province_id)
            by_username[username] = account
            if email:
                by_email.setdefault(email, account)
            if phone:
                by_phone.setdefault(phone, account)
        return cls(communes=communes, by_username=by_username, by_email=by_email, by_phone=by_phone)


def _lookup_key(text: str) -> str:
    text = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return re.sub(r"\s*([-–—/])\s*", lambda m: "-" if m.group(1) in "-–—" else "/", text)


def _job_roles() -> dict[str, str]:
    """Every way a job role may be written -> its code: the code, the Vietnamese label (with or without
    accents) and the English label."""
    lookup: dict[str, str] = {}
    for value, label in JobRole.choices:
        lookup[_lookup_key(value)] = value
        for language in ("vi", "en"):
            with translation.override(language):
                key = _lookup_key(str(label))
            lookup[key] = value
            lookup[unidecode(key)] = value
    return lookup


def phone_normalise(raw: str) -> str | None:
    """A Vietnamese mobile number as ``0xxxxxxxxx``, or None when it is not one."""
    digits = PHONE_SEPARATORS.sub("", raw)
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    return digits if PHONE_RE.match(digits) else None


def name_is_valid(name: str) -> bool:
    """Letters (any accents), spaces, hyphens, apostrophes and dots; at least one letter."""
    return any(ch.isalpha() for ch in name) and all(
        unicodedata.category(ch)[0] in "LM" or ch in NAME_PUNCTUATION for ch in name
    )


def username_base(full_name: str, commune_code: str) -> str:
    """``Nguyễn Thị Lan`` in commune 00070 -> ``lannt.00070``: the given name, then the initials of
    the family and middle names, as Vietnamese official mailboxes are usually named."""
    words = re.findall(r"[a-z0-9]+", unidecode(full_name).lower()) or ["canbo"]
    return f"{words[-1]}{''.join(word[0] for word in words[:-1])}.{commune_code}"


class _RowChecker:
    def __init__(self, sheet: Sheet, directory: _Directory, province_id: int | None):
        self.headings = sheet.headings
        self.directory = directory
        self.province_id = province_id
        self.job_roles = _job_roles()
        self.seen: dict[str, dict[str, int]] = {"username": {}, "email": {}, "phone": {}}
        self.problems: list[dict] = []

    def report(self, row: int, key: str, code: str, value: str = "", **params) -> None:
        column = self.headings.get(key, key)
        self.problems.append(problem(code, row=row, column=column, value=value, **params))

    def first_seen(self, row: int, key: str, value: str) -> bool:
        """Record a value that must be unique within the file; report it if an earlier row had it."""
        if not value:
            return True
        earlier = self.seen[key].setdefault(value, row)
        if earlier != row:
            self.report(row, key, "duplicate_in_file", value, first_row=earlier)
            return False
        return True

    def check(self, row: int, values: dict[str, str]) -> tuple[str, NewOfficial | None]:
        """Check one row and report each of its problems. Return ``("new", official)`` (its username
        may still be empty), ``("unchanged", None)`` or ``("bad", None)``."""
        before = len(self.problems)
        full_name = normalize_name(values.get("full_name", ""))
        if not full_name:
            self.report(row, "full_name", "required")
        elif len(full_name) > FULL_NAME_MAX:
            self.report(row, "full_name", "too_long", full_name, limit=FULL_NAME_MAX)
        elif not name_is_valid(full_name):
            self.report(row, "full_name", "name_invalid", full_name)

        commune = None
        raw_code = values.get("commune_code", "").strip()
        code = raw_code.zfill(5) if raw_code.isdigit() else raw_code
        if not raw_code:
            self.report(row, "commune_code", "required")
        elif code not in self.directory.communes:
            self.report(row, "commune_code", "commune_unknown", raw_code, commune_code=raw_code)
        else:
            commune = self.directory.communes[code]
            if self.province_id is not None and commune[1] != self.province_id:
                self.report(
                    row,
                    "commune_code",
                    "commune_out_of_scope",
                    raw_code,
                    commune_code=code,
                    commune=commune[2],
                    province=commune[3],
                )

        raw_role = values.get("job_role", "")
        job_role = self.job_roles.get(_lookup_key(raw_role)) or self.job_roles.get(
            unidecode(_lookup_key(raw_role))
        )
        if not raw_role:
            self.report(row, "job_role", "required")
        elif job_role is None:
            self.report(row, "job_role", "job_role_unknown", raw_role)

        raw_phone = values.get("phone", "")
        phone = phone_normalise(raw_phone) if raw_phone else ""
        if phone is None:
            self.report(row, "phone", "phone_invalid", raw_phone)

        email = values.get("email", "").strip().lower()
        if not email:
            self.report(row, "email", "required")
        else:
            try:
                validate_email(email)
            except ValidationError:
                self.report(row, "email", "email_invalid", email)
                email = ""
            else:
                if len(email) > EMAIL_MAX:
                    self.report(row, "email", "too_long", email, limit=EMAIL_MAX)

        username = values.get("username", "").strip().lower()
        if username and not USERNAME_RE.match(username):
            self.report(row, "username", "username_invalid", username)
            username = ""

        unique_in_file = all(
            [
                self.first_seen(row, "phone", phone or ""),
                self.first_seen(row, "email", email),
                self.first_seen(row, "username", username),
            ]
        )
        if len(self.problems) > before or not unique_in_file:
            return "bad", None
        status = self._match(row, username, email, phone, values)
        if status != "new":
            return status, None
        return status, NewOfficial(
            row=row,
            username=username,
            full_name=full_name,
            email=email,
            phone=phone,
            job_role=job_role,
            commune_id=commune[0],
            province_id=commune[1],
        )

    def _match(self, row: int, username: str, email: str, phone: str, values: dict[str, str]) -> str:
        directory = self.directory
        account = directory.by_username.get(username) if username else directory.by_email.get(email)
        if account is not None and not (
            account.is_official and self.province_id in (None, account.province_id)
        ):
            key = "username" if username else "email"
            self.report(row, key, f"{key}_taken", values.get(key, ""))
            return "bad"
        status = "new" if account is None else "unchanged"
        for key, value, index in (("email", email, directory.by_email), ("phone", phone, directory.by_phone)):
            owner = index.get(value) if value else None
            if owner is not None and owner != account:
                self.report(row, key, f"{key}_taken", values.get(key, ""))
                status = "bad"
        return status


def import_plan(sheet: Sheet, *, province_id: int | None, progress: Progress | None = None) -> ImportPlan:
    """Check every row of ``sheet`` for an uploader whose scope is ``province_id`` (None: the whole
    country) and plan the import. Usernames are generated only when the whole file is valid."""
    checker = _RowChecker(sheet, _Directory.load(), province_id)
    plan = ImportPlan(rows_total=len(sheet.rows), headings=sheet.headings)
    planned: list[NewOfficial] = []
    for done, (row, values) in enumerate(sheet.rows, 1):
        status, official = checker.check(row, values)
        if status == "new":
            planned.append(official)
        elif status == "unchanged":
            plan.unchanged += 1
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == plan.rows_total):
            progress(done, plan.rows_total)
    plan.problems = checker.problems
    if not plan.problems:
        plan.new = _with_usernames(planned, checker)
    return plan


def _with_usernames(planned: list[NewOfficial], checker: _RowChecker) -> list[NewOfficial]:
    """Give each new official without a username one of their own: the base from their name and
    commune, with a number added when it is already taken (in the database or in this file)."""
    taken = set(checker.directory.by_username) | set(checker.seen["username"])
    codes = {pk: code for code, (pk, *_rest) in checker.directory.communes.items()}
    next_number: dict[str, int] = {}  # base -> the number to try next (many officials share a name)
    result = []
    for official in planned:
        if official.username:
            result.append(official)
            continue
        base = username_base(official.full_name, codes[official.commune_id])
        given, commune_code = base.rsplit(".", 1)
        number = next_number.get(base, 1)
        candidate = base if number == 1 else f"{given}{number}.{commune_code}"
        while candidate in taken:
            number += 1
            candidate = f"{given}{number}.{commune_code}"
        next_number[base] = number + 1
        taken.add(candidate)
        result.append(NewOfficial(**{**official.__dict__, "username": candidate}))
    return result


def taken_since_planned(plan: ImportPlan) -> list[dict]:
    """Problems for planned accounts whose username, e-mail or phone another account took after the
    rows were checked (another import finished meanwhile). Called inside the writing transaction."""
    directory = _Directory.load()
    problems = []
    for official in plan.new:
        for key, index, value in (
            ("username", directory.by_username, official.username),
            ("email", directory.by_email, official.email),
            ("phone", directory.by_phone, official.phone),
        ):
            if value and value in index:
                column = plan.headings.get(key, key)
                problems.append(problem(f"{key}_taken", row=official.row, column=column, value=value))
    return problems
