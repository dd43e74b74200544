"""Running an import end to end through the task: all or nothing, idempotent, with progress, one-time
passwords, and the uploaded file never kept."""

from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied

from people.credentials import unseal
from people.imports import rows as rows_module
from people.models import ImportJob, ImportState, IssuedCredential, Role, User
from people.services import (
    credentials_purge_expired,
    import_credentials_clear,
    import_job_create,
    import_job_run,
    import_job_submit,
    user_password_chosen,
)
from tests.factories import OfficialFactory, TrainerFactory
from tests.people.conftest import XLSX_TYPE, csv_bytes, row, upload, xlsx_bytes


def submit(user, content, name="can-bo.csv", content_type="text/csv", dry_run=False) -> ImportJob:
    """Upload as the page does; the test settings run the task synchronously."""
    uploaded = upload(content, name, content_type)
    job = import_job_submit(
        uploaded_by=user, fileobj=uploaded, name=name, content_type=content_type, dry_run=dry_run
    )
    job.refresh_from_db()
    return job


def officials():
    return User.objects.filter(role=Role.OFFICIAL)


GOOD = [
    row("Nguyễn Thị Lan", "91001", "Bộ phận một cửa", "0900000001"),
    row("Trần Văn Hùng", "91002", "land", "0900000002", username="hungtv"),
    row("Lê Minh Châu", "91001", "Tài chính - Kế toán", "", email="chau@example.gov.vn"),
]


def test_a_good_file_creates_every_official(department_head, communes):
    job = submit(department_head, csv_bytes(GOOD))
    assert job.state == ImportState.DONE
    assert (job.rows_total, job.created_count, job.unchanged_count, job.errors) == (3, 3, 0, [])
    assert job.progress_done == 3 and job.percent == 100
    lan = officials().get(email="0900000001@example.gov.vn")
    assert (lan.username, lan.full_name, lan.job_role, lan.phone) == (
        "lannt.91001",
        "Nguyễn Thị Lan",
        "one_stop",
        "0900000001",
    )
    assert lan.commune == communes["home"] and lan.province == communes["home"].province
    assert lan.must_change_password and lan.is_active
    assert officials().get(username="hungtv").commune == communes["home2"]
    assert not job.file  # the uploaded file is not kept


def test_names_typed_in_decomposed_unicode_are_stored_composed(department_head, communes):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Lan")
    submit(department_head, csv_bytes([row(decomposed, "91001", "one_stop", "0900000001")]))
    assert officials().get().full_name == unicodedata.normalize("NFC", "Nguyễn Thị Lan")
    assert officials().filter(full_name="Nguyễn Thị Lan").exists()


def test_xlsx_is_imported_like_csv(department_head, communes):
    content = xlsx_bytes([["Nguyễn Thị Lan", 91001, "one_stop", 900000001, "lan@example.gov.vn", None]])
    job = submit(department_head, content, "can-bo.xlsx", XLSX_TYPE)
    # Excel dropped the phone's leading zero: the whole file is refused, the row is named.
    assert job.state == ImportState.REJECTED
    assert [(e["row"], e["code"]) for e in job.errors] == [(2, "phone_invalid")]
    content = xlsx_bytes([["Nguyễn Thị Lan", 91001, "one_stop", "0900000001", "lan@example.gov.vn", None]])
    assert submit(department_head, content, "can-bo.xlsx", XLSX_TYPE).state == ImportState.DONE


def test_one_bad_row_imports_nothing_and_reports_every_bad_row(department_head, communes):
    content = csv_bytes([*GOOD, row(phone="12345"), row(code="92001", phone="0900000005"), GOOD[0]])
    job = submit(department_head, content)
    assert job.state == ImportState.REJECTED
    assert officials().count() == 0
    assert [(e["row"], e["column"], e["code"]) for e in job.errors] == [
        (5, "phone", "phone_invalid"),
        (6, "commune_code", "commune_out_of_scope"),
        (7, "phone", "duplicate_in_file"),
        (7, "email", "duplicate_in_file"),
    ]
    assert job.created_count == 0
    assert not job.file


def test_importing_the_same_file_twice_creates_nothing_new(department_head, communes):
    content = csv_bytes(GOOD)
    submit(department_head, content)
    passwords = dict(officials().values_list("username", "password"))
    again = submit(department_head, content)
    assert again.state == ImportState.DONE
    assert (again.created_count, again.unchanged_count) == (0, 3)
    assert dict(officials().values_list("username", "password")) == passwords
    # A file with the old rows and one new row adds only the new official.
    more = submit(department_head, csv_bytes([*GOOD, row("Phạm Quốc Bảo", phone="0900000009")]))
    assert (more.created_count, more.unchanged_count) == (1, 3)
    assert officials().count() == 4


def test_dry_run_checks_and_creates_nothing(department_head, communes):
    job = submit(department_head, csv_bytes(GOOD), dry_run=True)
    assert job.state == ImportState.CHECKED
    assert (job.created_count, job.unchanged_count) == (3, 0)
    assert officials().count() == 0


def test_a_file_wide_fault_is_reported(department_head, communes):
    job = submit(department_head, csv_bytes([["a", "b"]], header=["full_name", "email"]))
    assert job.state == ImportState.REJECTED
    assert job.errors[0]["code"] == "missing_columns"


def test_one_time_passwords_sign_in_once_and_are_rehashed(department_head, communes, settings, rf):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    job = submit(department_head, csv_bytes(GOOD[:1]))
    official = officials().get()
    assert official.password.startswith("pbkdf2_sha256$10000$")
    password = unseal([IssuedCredential.objects.get(user=official).secret])[0]
    request = rf.post("/accounts/login/")
    assert authenticate(request, username=official.username, password=password) == official
    official.refresh_from_db()
    assert official.password.startswith("pbkdf2_sha256$1000000$")  # full strength after the first use
    assert job.credentials.count() == 1


def test_credentials_are_encrypted_and_go_when_the_official_chooses_a_password(department_head, communes):
    submit(department_head, csv_bytes(GOOD))
    credential = IssuedCredential.objects.select_related("user").first()
    password = unseal([credential.secret])[0]
    assert password and password not in credential.secret
    user_password_chosen(user=credential.user)
    assert not IssuedCredential.objects.filter(user=credential.user).exists()
    assert IssuedCredential.objects.count() == 2


def test_only_the_uploader_clears_credentials(department_head, communes, province):
    from tests.factories import DepartmentHeadFactory

    job = submit(department_head, csv_bytes(GOOD))
    colleague = DepartmentHeadFactory(province=province)
    with pytest.raises(PermissionDenied):
        import_credentials_clear(job=job, user=colleague)
    assert import_credentials_clear(job=job, user=department_head) == 3
    assert not IssuedCredential.objects.exists()


def test_expired_credentials_are_purged(department_head, communes):
    from django.utils import timezone

    from people.credentials import CREDENTIAL_TTL

    submit(department_head, csv_bytes(GOOD))
    IssuedCredential.objects.update(issued_at=timezone.now() - CREDENTIAL_TTL)
    assert credentials_purge_expired() == 3


def test_roles_that_may_not_import(official, trainer, communes):
    for user in (official, trainer):
        with pytest.raises(PermissionDenied):
            submit(user, csv_bytes(GOOD))
    assert not ImportJob.objects.exists()


def test_an_account_taken_while_the_passwords_were_hashed_rejects_the_file(
    department_head, communes, monkeypatch
):
    job = import_job_create(
        uploaded_by=department_head,
        fileobj=upload(csv_bytes(GOOD)),
        name="a.csv",
        content_type=None,
        dry_run=False,
    )
    real_plan = rows_module.import_plan

    def plan_then_race(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        TrainerFactory(username="hungtv", email="other@example.gov.vn")  # another import got there first
        return plan

    monkeypatch.setattr("people.services.import_plan", plan_then_race)
    job = import_job_run(job_id=job.pk)
    assert job.state == ImportState.REJECTED
    assert [(e["row"], e["code"]) for e in job.errors] == [(3, "username_taken")]
    assert officials().count() == 0


def test_an_unexpected_error_fails_the_job_and_creates_nothing(department_head, communes, monkeypatch):
    job = import_job_create(
        uploaded_by=department_head,
        fileobj=upload(csv_bytes(GOOD)),
        name="a.csv",
        content_type=None,
        dry_run=False,
    )

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("people.services.User.objects.bulk_create", broken)
    job = import_job_run(job_id=job.pk)
    assert job.state == ImportState.FAILED
    assert job.errors[0]["code"] == "internal"
    assert officials().count() == 0
    assert not ImportJob.objects.get(pk=job.pk).file


def test_a_job_runs_once(department_head, communes):
    job = submit(department_head, csv_bytes(GOOD))
    assert import_job_run(job_id=job.pk).state == ImportState.DONE
    assert officials().count() == 3


def test_an_administrator_imports_into_every_province(administrator, communes):
    content = csv_bytes([row(code="91001", phone="0900000001"), row(code="92001", phone="0900000002")])
    job = submit(administrator, content)
    assert job.state == ImportState.DONE and job.province is None
    assert set(officials().values_list("province_id", flat=True)) == {
        communes["home"].province_id,
        communes["away"].province_id,
    }


def test_existing_officials_elsewhere_are_not_touched(department_head, communes):
    outsider = OfficialFactory(username="xa.khac", email="khac@example.gov.vn", commune=communes["away"])
    job = submit(department_head, csv_bytes([row(email="khac@example.gov.vn")]))
    assert job.state == ImportState.REJECTED
    outsider.refresh_from_db()
    assert outsider.commune == communes["away"]


@pytest.mark.slow
def test_ten_thousand_rows_through_the_task(department_head, communes, django_assert_max_num_queries):
    names = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Minh Châu", "Phạm Quốc Bảo", "Đặng Thu Hà"]
    rows = [
        row(names[n % 5], "91001" if n % 2 else "91002", "one_stop", f"09{n:08d}", f"cb{n}@example.gov.vn")
        for n in range(10_000)
    ]
    content = csv_bytes(rows)
    # Far from one query per row: bulk writes in batches (SQLite's 999-parameter limit makes those
    # about 50 users each; PostgreSQL takes 500) and a progress update every few hundred rows.
    with django_assert_max_num_queries(400):
        job = submit(department_head, content)
    assert job.state == ImportState.DONE
    assert job.created_count == 10_000
    assert officials().count() == 10_000
    assert IssuedCredential.objects.filter(job=job).count() == 10_000
    assert officials().values("username").distinct().count() == 10_000
    again = submit(department_head, content)
    assert (again.created_count, again.unchanged_count) == (0, 10_000)


def test_a_task_delivered_twice_at_once_runs_the_job_once(department_head, communes):
    job = import_job_create(
        uploaded_by=department_head,
        fileobj=upload(csv_bytes(GOOD)),
        name="a.csv",
        content_type=None,
        dry_run=False,
    )
    real_select_related = ImportJob.objects.select_related

    class LoadedThenTaken:
        def __init__(self, *fields):
            self.queryset = real_select_related(*fields)

        def get(self, **lookup):
            loaded = self.queryset.get(**lookup)
            # The other delivery moves the job just after this one has loaded it.
            ImportJob.objects.filter(pk=loaded.pk).update(state=ImportState.VALIDATING)
            return loaded

    with mock.patch.object(ImportJob.objects, "select_related", LoadedThenTaken):
        assert import_job_run(job_id=job.pk).state == ImportState.VALIDATING
    assert officials().count() == 0
    assert ImportJob.objects.get(pk=job.pk).state == ImportState.VALIDATING


def test_imported_officials_get_the_courses_already_assigned(
    department_head, communes, django_capture_on_commit_callbacks
):
    from progress.models import ProgressEntry, ProgressKind
    from tests.courses.builders import course

    assigned = course(lessons=1, assignments=[{"province": communes["home"].province}])
    with django_capture_on_commit_callbacks(execute=True):
        job = submit(department_head, csv_bytes(GOOD))
    assert job.state == ImportState.DONE
    entries = ProgressEntry.objects.filter(kind=ProgressKind.COURSE, key=str(assigned.pk))
    assert set(entries.values_list("official__username", flat=True)) == set(
        officials().values_list("username", flat=True)
    )
