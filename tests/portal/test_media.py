"""Where no web server serves the uploads (the demo, debug, the test servers), Django serves lesson
images but never a private upload: exports (their download view checks the requester), uploaded
lists of officials, Wagtail's documents (collection privacy). nginx refuses the same in
docs/deploy.md."""

import pytest
from django.test import override_settings


@pytest.fixture
def media(tmp_path, db):
    for name in (
        "images/bai-1.png",
        "reports/exports/5f1c/tien-do.xlsx",
        "imports/2026/12/abc.csv",
        "documents/huong-dan.pdf",
    ):
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"content of " + name.encode())
    with override_settings(MEDIA_ROOT=str(tmp_path)):
        yield tmp_path


def test_a_lesson_image_is_served(client, media):
    response = client.get("/media/images/bai-1.png")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"content of images/bai-1.png"


@pytest.mark.parametrize(
    "path",
    [
        "/media/reports/exports/5f1c/tien-do.xlsx",
        "/media/imports/2026/12/abc.csv",
        "/media/documents/huong-dan.pdf",
        "/media/images/../reports/exports/5f1c/tien-do.xlsx",
        "/media/reports%252Fexports/5f1c/tien-do.xlsx",
        "/media/./imports/2026/12/abc.csv",
        "/media/reports/exports/",
    ],
)
def test_private_uploads_are_never_served_whatever_the_spelling(client, media, path):
    assert client.get(path).status_code == 404
