"""Certificates: a PDF per completed course, with a stored unguessable code and a QR code pointing to the
public verification page."""

from django.urls import reverse

from progress.models import ProgressStatus
from reports.models import Certificate
from tests.reports.conftest import assign


def _download(client, official, course):
    return client.get(reverse("reports:certificate_download", args=[official.pk, course.pk]))


def test_certificate_of_a_completed_course(client, official, commune, course):
    assign(official, course, status=ProgressStatus.COMPLETED)
    client.force_login(official)

    response = _download(client, official, course)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    certificate = Certificate.objects.get()
    assert len(certificate.code) >= 16
    assert certificate.code.encode() in pdf
    verify_url = "http://testserver" + reverse("reports:certificate_verify", args=[certificate.code])
    assert verify_url.encode() in pdf  # the QR code's link
    assert b"DejaVuSans" in pdf  # the Vietnamese font is embedded
    assert (certificate.official_name, certificate.course_title) == ("Nguyễn Thị Lan", "Chữ ký số")
    assert certificate.commune_name == f"{commune.name}, {commune.province.name}"
    # Asking again gives the same certificate.
    _download(client, official, course)
    assert Certificate.objects.get().code == certificate.code


def test_no_certificate_before_completion(client, official, course):
    assign(official, course, status=ProgressStatus.IN_PROGRESS)
    client.force_login(official)

    assert _download(client, official, course).status_code == 404
    assert not Certificate.objects.exists()


def test_no_certificate_of_someone_else(client, official, other_official, course):
    assign(other_official, course, status=ProgressStatus.COMPLETED)
    client.force_login(official)

    assert _download(client, other_official, course).status_code == 404


def test_verification_page_shows_only_what_the_certificate_shows(client, official, course):
    assign(official, course, status=ProgressStatus.COMPLETED)
    client.force_login(official)
    _download(client, official, course)
    certificate = Certificate.objects.get()
    client.logout()

    response = client.get(reverse("reports:certificate_verify", args=[certificate.code]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Chứng nhận hợp lệ" in html
    for shown in (
        certificate.official_name,
        "Chữ ký số",
        certificate.commune_name,
        certificate.completed_on.strftime("%d/%m/%Y"),
    ):
        assert shown in html
    for hidden in (official.username, official.email):
        assert hidden not in html


def test_unknown_code_is_not_found(client, db):
    response = client.get(reverse("reports:certificate_verify", args=["khong-ton-tai"]))

    assert response.status_code == 404
    assert "Không tìm thấy chứng nhận" in response.content.decode()
