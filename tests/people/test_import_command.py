"""``manage.py import_officials``: exit status, --dry-run, --uploader."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from people.models import ImportJob, IssuedCredential, Role, User
from tests.people.conftest import csv_bytes, row, xlsx_bytes

GOOD = [
    row("Nguyễn Thị Lan", "91001", "one_stop", "0900000001"),
    row("Trần Văn Hùng", "92001", "land", "0900000002"),
]


def write(tmp_path: Path, content: bytes, name="can-bo.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_officials", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def officials():
    return User.objects.filter(role=Role.OFFICIAL)


def test_imports_a_file_for_the_whole_country(tmp_path, communes):
    out, _err = run(write(tmp_path, csv_bytes(GOOD)))
    assert "tài khoản mới: 2" in out
    assert officials().count() == 2
    # No uploader: nobody to hand slips to, so no one-time password is kept.
    assert not IssuedCredential.objects.exists()
    out, _err = run(write(tmp_path, csv_bytes(GOOD)))
    assert "tài khoản mới: 0; đã có, không thay đổi: 2" in out


def test_dry_run_creates_nothing(tmp_path, communes):
    out, _err = run(write(tmp_path, xlsx_bytes(GOOD), "can-bo.xlsx"), "--dry-run")
    assert "Đã kiểm tra: tệp hợp lệ" in out
    assert officials().count() == 0


def test_a_rejected_file_prints_every_problem_and_fails(tmp_path, communes):
    path = write(tmp_path, csv_bytes([*GOOD, row(phone="123"), row(code="99999", phone="0900000007")]))
    with pytest.raises(CommandError, match="lỗi: 2"):
        run(path)
    assert officials().count() == 0
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_officials", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("4\tphone\t123\tSố điện thoại di động")
    assert lines[1].startswith("5\tcommune_code\t99999\tKhông có xã/phường nào mang mã 99999")


def test_a_file_refused_before_parsing_fails(tmp_path, communes):
    with pytest.raises(CommandError, match="Chỉ nhận tệp .csv hoặc .xlsx"):
        run(write(tmp_path, b"x", "can-bo.txt"))
    with pytest.raises(CommandError, match="Không có tệp"):
        run(tmp_path / "missing.csv")
    assert not ImportJob.objects.exists()


def test_uploader_limits_the_scope_and_keeps_slips(tmp_path, communes, department_head, official):
    err = StringIO()
    with pytest.raises(CommandError, match="lỗi: 1"):
        call_command(
            "import_officials",
            str(write(tmp_path, csv_bytes(GOOD))),
            "--uploader",
            department_head.username,
            stdout=StringIO(),
            stderr=err,
        )
    assert "ngoài tỉnh bạn quản lý" in err.getvalue()
    run(write(tmp_path, csv_bytes(GOOD[:1])), "--uploader", department_head.username)
    job = ImportJob.objects.latest("pk")
    assert job.uploaded_by == department_head and job.credentials.count() == 1
    with pytest.raises(CommandError, match="không có quyền"):
        run(write(tmp_path, csv_bytes(GOOD[:1])), "--uploader", official.username)
    with pytest.raises(CommandError, match="Không có tài khoản"):
        run(write(tmp_path, csv_bytes(GOOD[:1])), "--uploader", "nobody")


@pytest.mark.slow
def test_exit_status_from_the_shell(tmp_path, transactional_db, settings):
    """The status scripts see: 0 for a valid file checked, 1 for a rejected one."""
    path = write(tmp_path, csv_bytes([row(code="99999")]))
    command = [sys.executable, "manage.py", "import_officials", str(path), "--dry-run"]
    database = settings.DATABASES["default"]["NAME"]
    env = {
        "PYTHONPATH": "site",
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "SQLITE_PATH": str(database),
    }
    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        pytest.skip("the child process reaches the test database through SQLITE_PATH")
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=Path(__file__).parents[2])
    assert result.returncode == 1, result.stderr
    assert "Không có xã/phường nào mang mã 99999" in result.stderr
