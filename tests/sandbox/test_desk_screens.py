"""Issue 17, item 14: the left menu has "Hồ sơ công việc", "Tra cứu" and "Báo cáo" as working screens:
work files grouping the official's documents and dossiers, one search across documents and dossiers
with filters, and counts per state with the overdue ones, all inside the official's own sandbox."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sandbox import selectors, workfiles
from sandbox.models import WorkFile
from sandbox.services import sandbox_now


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def test_the_menu_names_the_three_screens(signed_in, workspace):
    html = signed_in.get(reverse("sandbox:home")).content.decode()
    for url, label in (
        (reverse("sandbox:workfile_list"), "Hồ sơ công việc"),
        (reverse("sandbox:lookup"), "Tra cứu"),
        (reverse("sandbox:report"), "Báo cáo"),
    ):
        assert f'href="{url}">{label}</a>' in html


def test_a_work_file_is_opened_filled_and_closed(signed_in, workspace):
    response = signed_in.post(
        reverse("sandbox:workfile_list"),
        {"code": "01.VP", "title": "Chuyển đổi số 2026", "retention": "10 năm"},
    )
    work_file = WorkFile.objects.get(workspace=workspace)
    assert response.status_code == 302 and response["Location"] == reverse(
        "sandbox:workfile_detail", args=[work_file.pk]
    )
    incoming = workspace.incoming.first()
    dossier = workspace.dossiers.first()
    url = reverse("sandbox:workfile_detail", args=[work_file.pk])
    assert signed_in.post(url, {"action": "add", "item": f"incoming:{incoming.pk}"}).status_code == 302
    assert signed_in.post(url, {"action": "add", "item": f"dossier:{dossier.pk}"}).status_code == 302
    again = signed_in.post(url, {"action": "add", "item": f"incoming:{incoming.pk}"})
    assert again.status_code == 400 and "đã có trong hồ sơ" in again.content.decode()
    html = signed_in.get(url).content.decode()
    assert incoming.reference in html and dossier.code in html
    assert "Đưa văn bản vào hồ sơ" in html and "Lập hồ sơ công việc" in html  # the timeline in words
    assert signed_in.post(url, {"action": "close"}).status_code == 302
    work_file.refresh_from_db()
    assert work_file.closed_at is not None
    late = signed_in.post(url, {"action": "add", "item": f"outgoing:{workspace.outgoing.first().pk}"})
    assert late.status_code == 400 and "đã kết thúc" in late.content.decode()
    assert list(work_file.incoming.all()) == [incoming]


def test_a_work_file_keeps_what_was_typed_when_refused(signed_in, workspace):
    response = signed_in.post(
        reverse("sandbox:workfile_list"), {"code": "02.VP", "title": "Việc A", "retention": ""}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="02.VP"' in html and 'value="Việc A"' in html and "thời hạn bảo quản" in html
    assert not WorkFile.objects.exists()


def test_an_empty_work_file_cannot_be_closed_and_codes_are_unique(workspace):
    opened = workfiles.workfile_open(workspace=workspace, code="03.VP", title="Việc B", retention="5 năm")
    assert not workfiles.workfile_close(workspace=workspace, work_file=opened.obj).ok
    assert not workfiles.workfile_open(
        workspace=workspace, code="03.vp", title="Việc C", retention="5 năm"
    ).ok


def test_another_officials_work_file_and_items_are_out_of_reach(
    client, other_official, workspace, other_workspace
):
    mine = workfiles.workfile_open(workspace=workspace, code="04.VP", title="Của tôi", retention="5 năm").obj
    client.force_login(other_official)
    assert client.get(reverse("sandbox:workfile_detail", args=[mine.pk])).status_code == 404
    assert (
        client.post(reverse("sandbox:workfile_detail", args=[mine.pk]), {"action": "close"}).status_code
        == 404
    )
    theirs = workfiles.workfile_open(
        workspace=other_workspace, code="05.VP", title="Của họ", retention="5 năm"
    ).obj
    # Someone else's document cannot be put into one's own file.
    refused = workfiles.workfile_item(
        workspace=other_workspace,
        work_file=theirs,
        kind="incoming",
        pk=workspace.incoming.first().pk,
        add=True,
    )
    assert not refused.ok and not theirs.incoming.exists()


def test_lookup_finds_documents_and_dossiers_by_number_summary_and_owner(
    signed_in, workspace, other_workspace
):
    dossier = workspace.dossiers.first()
    incoming = workspace.incoming.first()
    html = signed_in.get(reverse("sandbox:lookup"), {"q": dossier.owner_name}).content.decode()
    assert dossier.code in html and reverse("sandbox:dossier_detail", args=[dossier.pk]) in html
    html = signed_in.get(
        reverse("sandbox:lookup"), {"q": incoming.reference, "kind": "incoming"}
    ).content.decode()
    assert reverse("sandbox:incoming_detail", args=[incoming.pk]) in html
    # Only the dossiers when asked, and never another official's.
    theirs = other_workspace.dossiers.first()
    html = signed_in.get(
        reverse("sandbox:lookup"), {"q": theirs.owner_name, "kind": "dossier"}
    ).content.decode()
    assert theirs.code not in html
    assert workspace.events.filter(machine="lookup", action="search").count() == 2
    # A dossier search by code is the one-stop look-up: it names the dossier found.
    signed_in.get(reverse("sandbox:lookup"), {"q": dossier.code, "kind": "dossier"})
    searched = workspace.events.filter(machine="dossier", action="search").last()
    assert searched.object_id == dossier.pk


def test_lookup_filters_by_date_and_overdue(workspace):
    now = sandbox_now(workspace)
    dossier = workspace.dossiers.filter(status="4").first()
    dossier.appointment_at = now - timedelta(days=1)
    dossier.save()
    overdue = selectors.lookup_search(workspace=workspace, overdue_only=True, now=now)
    assert [f.pk for f in overdue if f.kind == "dossier"] == [dossier.pk] and all(f.overdue for f in overdue)
    # The filter's dates are the official's (Vietnam's), as on the screen: after 17:00 UTC, UTC's
    # "tomorrow" is already today there.
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    assert selectors.lookup_search(workspace=workspace, since=tomorrow, now=now) == []


def test_the_report_counts_states_and_overdue_in_the_officials_own_sandbox(
    signed_in, workspace, other_workspace
):
    now = sandbox_now(workspace)
    dossier = workspace.dossiers.filter(status="4").first()
    dossier.appointment_at = now - timedelta(days=1)
    dossier.save()
    reports = {r.kind: r for r in selectors.workspace_report(workspace=workspace, now=now)}
    assert reports["dossier"].total == workspace.dossiers.count()
    assert reports["dossier"].overdue == 1
    assert sum(s.count for s in reports["incoming"].states) == workspace.incoming.count()
    html = signed_in.get(reverse("sandbox:report")).content.decode()
    assert "1 quá hạn" in html and f"{reverse('sandbox:dossier_list')}?status=4" in html
    assert "04 Lãnh đạo đã phân công" in html or "Lãnh đạo đã phân công" in html


def test_the_incoming_grid_highlights_documents_past_their_handling_deadline(signed_in, workspace):
    document = workspace.incoming.filter(status="04").first()
    document.deadline = (sandbox_now(workspace) - timedelta(days=2)).date()
    document.save()
    html = signed_in.get(reverse("sandbox:incoming_list")).content.decode()
    assert 'class="overdue"' in html and "Quá hạn xử lý" in html
    assert "1 văn bản quá hạn xử lý trong danh sách." in html
