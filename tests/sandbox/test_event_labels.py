"""Issue 16, item 7: the event log, the histories and the trainer's view show every action and state
by its label, never by its code (``incoming.register``, ``signing → signed``, ``must_change →
active``, ``1 → 2``), in Vietnamese and in English."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from sandbox.event_labels import OTHER_ACTIONS, action_label, state_change
from sandbox.machines import MACHINES
from sandbox.models import Event

CODE = re.compile(r"\b[a-z]+_?[a-z]*\.[a-z_]+\b|\b(?:signing|signed|must_change|active)\b|\b1 → 2\b")

LOGGED = [
    # machine, action, from, to, the words the log must show
    ("incoming", "register", "01", "03", ["Vào sổ văn bản đến", "01 Đã đến → 03 Đã vào sổ"]),
    ("signing", "usb_sign", "signing", "signed", ["Ký số bằng USB token", "Trình ký → Đã ký"]),
    ("login", "change_password", "must_change", "active", ["Chưa đổi mật khẩu lần đầu → Đang hoạt động"]),
    ("dossier", "accept", "1", "2", ["1 Mới đăng ký → 2 Được tiếp nhận"]),
    ("dossier", "print_receipt", "2", "2", ["In phiếu tiếp nhận"]),
    ("fault", "enable", "", "", ["Bật tình huống sự cố"]),
    ("outgoing", "fly_away", "", "", ["Văn bản đi: thao tác khác"]),
]


@pytest.fixture
def logged(workspace):
    for machine, action, before, after, _words in LOGGED:
        Event.objects.create(
            workspace=workspace,
            at=timezone.now(),
            actor="clerk",
            machine=machine,
            action=action,
            from_state=before,
            to_state=after,
        )
    return workspace


def _table(html: str) -> str:
    """The event table (the one whose first column is "Thời điểm")."""
    start = html.rindex("<table", 0, html.index("Thời điểm"))
    return html[start : html.index("</table>", start)]


def test_the_event_log_names_actions_and_states_in_words(client, official, logged):
    client.force_login(official)
    table = _table(client.get(reverse("sandbox:events")).content.decode())
    for _machine, _action, _before, _after, words in LOGGED:
        for text in words:
            assert text in table
    assert not CODE.search(table), CODE.search(table)


def test_the_trainers_view_of_a_workspace_names_them_too(client, department_head, official, logged):
    client.force_login(department_head)
    html = client.get(reverse("sandbox:trainer_workspace", args=[official.pk])).content.decode()
    table = _table(html)
    assert "Vào sổ văn bản đến" in table and "Trình ký → Đã ký" in table
    assert not CODE.search(table)


def test_every_action_the_sandbox_logs_has_a_label_in_both_languages():
    actions = [(m.name, t) for m in MACHINES.values() for t in m.transitions] + list(OTHER_ACTIONS)
    for language in ("vi", "en"):
        with override(language):
            for machine, action in actions:
                label = action_label(machine, action)
                assert label and "." not in label and "_" not in label, (machine, action, label)
    with override("en"):
        assert action_label("dossier", "print_receipt") == "Print the receipt"
        assert state_change("login", "must_change", "active") == "First password not yet changed → Active"
