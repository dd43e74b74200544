"""The import pages: who may use them, upload, progress, the report, the credential slips; and the
refusals across provinces (a guessed URL answers 404)."""

import csv
import io

import pytest
from django.urls import reverse

from people.imports import files
from people.models import ImportJob, ImportState, IssuedCredential, Role, User
from people.services import user_password_chosen
from tests.factories import DepartmentHeadFactory
from tests.people.conftest import csv_bytes, row, upload

GOOD = [
    row("Nguyễn Thị Lan", "91001", "Bộ phận một cửa", "0900000001"),
    row("Trần Văn Hùng", "91002", "land", "0900000002"),
]


@pytest.fixture
def manager(client, department_head, password):
    client.force_login(department_head)
    return client


def post_file(client, content, name="can-bo.csv", **extra):
    return client.post(reverse("people:import"), {"file": upload(content, name), **extra})


def test_the_page_explains_the_columns(manager, communes):
    html = manager.get(reverse("people:import")).content.decode()
    for column in ("full_name", "commune_code", "job_role", "phone", "email", "username"):
        assert f"<code>{column}</code>" in html
    assert reverse("people:import_example") in html


@pytest.mark.parametrize("fixture", ["official", "trainer"])
def test_other_roles_are_refused(client, request, password, fixture, communes):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    for name in ("import", "import_example", "official_list", "commune_list", "commune_codes"):
        assert client.get(reverse(f"people:{name}")).status_code == 403, name
    assert post_file(client, csv_bytes(GOOD)).status_code == 403
    assert not ImportJob.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("people:import"))
    assert response.status_code == 302 and reverse("people:login") in response.url


def test_upload_runs_the_import_and_shows_the_result(manager, communes):
    response = post_file(manager, csv_bytes(GOOD))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("people:import_job", args=[job.pk])
    html = manager.get(response.url).content.decode()
    assert "Đã nhập xong" in html
    assert "Đã tạo 2 tài khoản mới." in html
    assert "In phiếu của tất cả các xã" in html
    assert User.objects.filter(role=Role.OFFICIAL).count() == 2


def test_dry_run_from_the_page(manager, communes):
    post_file(manager, csv_bytes(GOOD), dry_run="on")
    job = ImportJob.objects.get()
    assert job.state == ImportState.CHECKED
    assert "Tệp hợp lệ" in manager.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert not User.objects.filter(role=Role.OFFICIAL).exists()


def test_a_refused_file_keeps_the_form_and_says_why(manager, communes):
    response = post_file(manager, b"%PDF-1.4", name="can-bo.pdf", dry_run="on")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chỉ nhận tệp .csv hoặc .xlsx." in html
    assert 'id="id_dry_run" checked' in html  # what was chosen is not lost
    assert not ImportJob.objects.exists()


def test_an_oversized_upload_is_dropped_while_it_streams(manager, communes, monkeypatch):
    # Only the streaming handler knows the lower limit: the file must not reach the form at all.
    monkeypatch.setattr("people.views.MAX_UPLOAD_BYTES", 1024 * 1024)
    assert files.MAX_UPLOAD_BYTES > 2 * 1024 * 1024
    content = csv_bytes(GOOD * 12_000)
    assert len(content) > 1024 * 1024
    response = post_file(manager, content, dry_run="on")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp quá lớn: tối đa 1 MB." in html
    assert 'id="id_dry_run" checked' in html
    assert not ImportJob.objects.exists()


def test_a_bad_file_shows_every_problem_and_offers_the_report(manager, communes):
    post_file(manager, csv_bytes([*GOOD, row(phone="12345"), row(code="92001", phone="0900000009")]))
    job = ImportJob.objects.get()
    html = manager.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert "Tệp bị từ chối: không nhập cán bộ nào" in html
    assert "Tìm thấy 2 lỗi." in html
    assert "Số điện thoại di động phải có 10 chữ số" in html
    assert "ngoài tỉnh bạn quản lý" in html
    assert reverse("people:import_job_report", args=[job.pk]) in html


def test_the_report_is_a_csv_excel_opens_safely(manager, communes):
    dangerous = row(name="=HYPERLINK(1)", phone="+84 12", email="@evil")
    post_file(manager, csv_bytes([dangerous]))
    job = ImportJob.objects.get()
    response = manager.get(reverse("people:import_job_report", args=[job.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["Dòng", "Cột", "Giá trị", "Lỗi"]
    values = {line[1]: line[2] for line in lines[1:]}
    assert values == {"full_name": "'=HYPERLINK(1)", "phone": "'+84 12", "email": "'@evil"}
    assert all(not cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line)


def test_the_report_reads_in_english_for_an_english_reader(manager, communes):
    post_file(manager, csv_bytes([row(phone="123")]))
    job = ImportJob.objects.get()
    manager.cookies["hotro_language"] = "en"
    content = manager.get(reverse("people:import_job_report", args=[job.pk])).content.decode("utf-8-sig")
    assert content.splitlines()[0] == "Row,Column,Value,Problem"


def test_status_json_for_the_progress_bar(manager, communes):
    post_file(manager, csv_bytes(GOOD))
    job = ImportJob.objects.get()
    data = manager.get(reverse("people:import_job_status", args=[job.pk])).json()
    assert data == {
        "state": "done",
        "label": "Hoàn thành",
        "finished": True,
        "done": 2,
        "total": 2,
        "percent": 100,
    }


def test_a_running_job_shows_a_progress_bar_that_works_without_javascript(manager, communes, department_head):
    job = ImportJob.objects.create(
        uploaded_by=department_head,
        province=department_head.province,
        original_name="a.csv",
        state=ImportState.VALIDATING,
        progress_done=250,
        progress_total=1000,
    )
    html = manager.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert '<progress id="import-bar" max="100" value="25">' in html
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "250 / 1000" in html
    assert manager.get(reverse("people:import_job_status", args=[job.pk])).json()["percent"] == 25


def test_slips_print_username_and_one_time_password_per_commune(manager, communes):
    post_file(manager, csv_bytes(GOOD))
    job = ImportJob.objects.get()
    response = manager.get(reverse("people:import_job_slips", args=[job.pk]))
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert html.count('class="slip"') == 2
    assert "lannt.91001" in html and "Phường Kinh Bắc" in html and "Xã Tiên Du" in html
    assert html.count('class="slip-sheet"') == 2
    one = manager.get(
        reverse("people:import_job_slips", args=[job.pk]), {"commune": "91002"}
    ).content.decode()
    assert one.count('class="slip"') == 1 and "hungtv.91002" in one


def test_slips_disappear_once_the_official_has_chosen_a_password(manager, communes):
    post_file(manager, csv_bytes(GOOD))
    job = ImportJob.objects.get()
    user_password_chosen(user=User.objects.get(username="lannt.91001"))
    html = manager.get(reverse("people:import_job_slips", args=[job.pk])).content.decode()
    assert "lannt.91001" not in html and "hungtv.91002" in html


def test_the_uploader_clears_the_slips(manager, communes):
    post_file(manager, csv_bytes(GOOD))
    job = ImportJob.objects.get()
    response = manager.post(reverse("people:import_job_slips_clear", args=[job.pk]), follow=True)
    assert "Đã xóa 2 mật khẩu cấp lần đầu" in response.content.decode()
    assert not IssuedCredential.objects.exists()


def test_the_example_file_uses_codes_of_the_viewers_province(manager, communes):
    response = manager.get(reverse("people:import_example"))
    content = response.content.decode("utf-8-sig")
    assert content.splitlines()[0] == "full_name,commune_code,job_role,phone,email,username"
    assert "91001" in content and "92001" not in content


def test_commune_codes_download_is_scoped(manager, communes):
    content = manager.get(reverse("people:commune_codes")).content.decode("utf-8-sig")
    assert "91001" in content and "91002" in content and "92001" not in content


# --- Refusals across provinces ------------------------------------------------------------------------


@pytest.fixture
def job_of_other_province(communes, other_department_head):
    from people.services import import_job_submit

    return import_job_submit(
        uploaded_by=other_department_head,
        fileobj=upload(csv_bytes([row(code="92001", phone="0900000003", email="x@example.gov.vn")])),
        name="khac.csv",
        content_type="text/csv",
        dry_run=False,
    )


@pytest.mark.parametrize(
    "name",
    ["import_job", "import_job_status", "import_job_report", "import_job_slips"],
)
def test_another_provinces_import_answers_404(manager, job_of_other_province, name):
    assert manager.get(reverse(f"people:{name}", args=[job_of_other_province.pk])).status_code == 404


def test_another_provinces_slips_cannot_be_cleared(manager, job_of_other_province):
    url = reverse("people:import_job_slips_clear", args=[job_of_other_province.pk])
    assert manager.post(url).status_code == 404
    assert IssuedCredential.objects.filter(job=job_of_other_province).count() == 1


def test_other_provinces_imports_are_not_listed(manager, job_of_other_province):
    assert "khac.csv" not in manager.get(reverse("people:import")).content.decode()


def test_a_colleague_of_the_same_province_reads_the_report_but_not_the_slips(
    client, communes, department_head, province, password
):
    from people.services import import_job_submit

    job = import_job_submit(
        uploaded_by=department_head,
        fileobj=upload(csv_bytes(GOOD)),
        name="a.csv",
        content_type="text/csv",
        dry_run=False,
    )
    colleague = DepartmentHeadFactory(province=province)
    client.force_login(colleague)
    html = client.get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert "Đã nhập xong" in html and "In phiếu" not in html
    assert client.get(reverse("people:import_job_slips", args=[job.pk])).status_code == 404
    assert client.post(reverse("people:import_job_slips_clear", args=[job.pk])).status_code == 404


def test_an_administrator_reads_every_report_but_only_their_own_slips(
    client, administrator, password, job_of_other_province
):
    client.force_login(administrator)
    assert client.get(reverse("people:import_job", args=[job_of_other_province.pk])).status_code == 200
    assert client.get(reverse("people:import_job_slips", args=[job_of_other_province.pk])).status_code == 404


def test_a_department_head_without_a_province_manages_nobody(client, password, communes):
    head = DepartmentHeadFactory(province=None)
    client.force_login(head)
    assert client.get(reverse("people:import")).status_code == 403


def test_the_upload_is_csrf_protected(department_head, communes):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(department_head)
    assert post_file(client, csv_bytes(GOOD)).status_code == 403
    assert not ImportJob.objects.exists()


def test_wagtail_admin_menu_links_to_the_people_pages_for_managers(rf, administrator, trainer):
    from people.wagtail_hooks import register_people_menu

    submenu = register_people_menu()
    request = rf.get("/admin/")
    request.user = administrator
    urls = {str(item.url) for item in submenu.menu.menu_items_for_request(request)}
    assert urls == {reverse("people:official_list"), reverse("people:commune_list"), reverse("people:import")}
    request.user = trainer
    assert not submenu.is_shown(request)


def test_a_manager_with_a_generated_password_must_change_it_before_importing(
    client, department_head, communes
):
    department_head.must_change_password = True
    department_head.save()
    client.force_login(department_head)
    for name in ("import", "official_list", "commune_list"):
        response = client.get(reverse(f"people:{name}"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("people:password_change")), name
    assert client.get(reverse("people:password_change")).status_code == 200
