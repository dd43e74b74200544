"""The signature check's upload: refused while it is read once past its limit, with a Vietnamese
message at the field; the file is never read whole, and nothing is checked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.uploads import UploadLimitHandler
from sandbox import signing
from sandbox.views.signing import SIGNED_PDF_MAX_BYTES


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def test_an_oversized_pdf_is_refused_while_it_is_read(signed_in, workspace, monkeypatch):
    read, checked = [], []
    original = UploadLimitHandler.receive_data_chunk

    def counting(self, raw_data, start):
        read.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(UploadLimitHandler, "receive_data_chunk", counting)
    monkeypatch.setattr(signing, "pdf_check", lambda **kwargs: checked.append(kwargs))
    big = SimpleUploadedFile("to.pdf", b"%PDF-1.7\n" + b"0" * (SIGNED_PDF_MAX_BYTES + 1), "application/pdf")
    response = signed_in.post(reverse("sandbox:validate_upload"), {"file": big})
    assert response.status_code == 200
    assert "Tệp quá lớn: tối đa 10 MB." in response.content.decode()
    assert not checked
    # The limit handler saw the chunks up to the limit and stopped the file there.
    assert SIGNED_PDF_MAX_BYTES < sum(read) <= SIGNED_PDF_MAX_BYTES + 64 * 1024 * 2


def test_a_pdf_within_the_limit_is_checked(signed_in, workspace, monkeypatch):
    checked = []
    monkeypatch.setattr(signing, "pdf_check", lambda **kwargs: checked.append(len(kwargs["pdf_bytes"])))
    small = SimpleUploadedFile("to.pdf", b"%PDF-1.7\n" + b"0" * 1000, "application/pdf")
    response = signed_in.post(reverse("sandbox:validate_upload"), {"file": small})
    assert response.status_code == 200 and checked == [1009]


def test_the_upload_still_needs_the_csrf_token(official, workspace):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(official)
    small = SimpleUploadedFile("to.pdf", b"%PDF-1.7\n", "application/pdf")
    assert client.post(reverse("sandbox:validate_upload"), {"file": small}).status_code == 403
