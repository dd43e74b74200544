"""Issue 17, item 14 (in part): the replica's screens as clerks know them: a menu on the left, grids
with counts per state that filter, overdue dossiers highlighted, and the processing history as a
timeline in words (never an internal code)."""

import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sandbox.services import transition_apply, workspace_clock_set


@pytest.fixture
def signed_in(client, official):
    client.force_login(official)
    return client


def _tabs(html: str) -> dict[str, int]:
    nav = html[html.index('class="state-tabs"') :]
    nav = nav[: nav.index("</nav>")]
    return {
        label.strip(): int(count)
        for label, count in re.findall(r'>([^<>]+?) <span class="count">(\d+)</span>', nav)
    }


def test_the_incoming_grid_counts_each_state_and_filters_by_it(signed_in, workspace):
    html = signed_in.get(reverse("sandbox:incoming_list")).content.decode()
    tabs = _tabs(html)
    assert tabs["Tất cả"] == workspace.incoming.count()
    assert tabs["01 Đã đến"] == workspace.incoming.filter(status="01").count() > 0
    filtered = signed_in.get(reverse("sandbox:incoming_list"), {"status": "01"}).content.decode()
    rows = re.findall(r"<tr[ >]", filtered.split("<tbody>")[1].split("</tbody>")[0])
    assert len(rows) == tabs["01 Đã đến"]
    assert 'aria-current="page">01 Đã đến' in filtered


def test_the_outgoing_grid_counts_each_state(signed_in, workspace):
    tabs = _tabs(signed_in.get(reverse("sandbox:outgoing_list")).content.decode())
    assert tabs["Đã phát hành"] == workspace.outgoing.filter(status="issued").count() > 0


def test_overdue_dossiers_are_highlighted_and_counted(signed_in, workspace):
    open_dossiers = workspace.dossiers.filter(status__in=("2", "4", "6"), appointment_at__isnull=False)
    workspace_clock_set(workspace=workspace, at=timezone.make_aware(datetime(2099, 1, 6, 9)))
    html = signed_in.get(reverse("sandbox:dossier_list")).content.decode()
    assert html.count('<tr class="overdue">') == open_dossiers.count() > 0
    assert f"{open_dossiers.count()} hồ sơ quá hạn" in html


def test_the_history_is_a_timeline_in_words(signed_in, workspace):
    document = workspace.incoming.filter(status="01", secrecy="").first()
    transition_apply(workspace=workspace, obj=document, transition="register", actor_role="clerk")
    html = signed_in.get(reverse("sandbox:incoming_detail", args=[document.pk])).content.decode()
    timeline = html[html.index('class="timeline"') :]
    assert "Vào sổ văn bản đến: 01 Đã đến → 03 Đã vào sổ" in timeline
    assert "incoming.register" not in html


def test_the_menu_is_on_the_left_in_groups(signed_in, workspace):
    html = signed_in.get(reverse("sandbox:home")).content.decode()
    menu = html[html.index('class="sandbox-nav"') : html.index('class="sandbox-main"')]
    for group in ("Quản lý văn bản", "Một cửa, dịch vụ công", "Ký số, định danh", "Thực hành"):
        assert group in menu
    assert menu.index("Văn bản đến") < menu.index("Văn bản đi") < menu.index("Hồ sơ một cửa")
