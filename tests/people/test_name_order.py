"""The pages that list communes, provinces and officials list them in Vietnamese alphabetical order
(``core.collation``), within the viewer's scope."""

import re
from html import unescape

import pytest
from django.urls import reverse

from tests.core.test_collation import VIETNAMESE_ORDER, shuffled
from tests.factories import CommuneFactory, OfficialFactory, ProvinceFactory


@pytest.fixture
def communes(province):
    """The province's communes, created out of order; "Phường Kinh Bắc" (the ``commune`` fixture's
    name) sorts before every "Xã"."""
    created = [CommuneFactory(name=name, province=province) for name in shuffled(VIETNAMESE_ORDER)]
    CommuneFactory(name="Xã Ái Quốc", province=ProvinceFactory(name="Tỉnh Khác"))
    return created


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no {name} drop-down"
    labels = [unescape(label).strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select[1])]
    return [label for label in labels if label and not label.startswith(("-", "Tất cả"))]


def test_officials_page_lists_communes_in_vietnamese_order(client, department_head, communes):
    client.force_login(department_head)

    html = client.get(reverse("people:official_list")).content.decode()

    assert options(html, "commune") == [f"{name}, Tỉnh Bắc Ninh" for name in VIETNAMESE_ORDER]


def test_new_session_page_lists_communes_in_vietnamese_order(client, trainer, communes):
    client.force_login(trainer)

    html = client.get(reverse("live_sessions:create")).content.decode()

    assert options(html, "audience_communes") == [f"{name}, Tỉnh Bắc Ninh" for name in VIETNAMESE_ORDER]


def test_communes_page_lists_communes_in_vietnamese_order(client, department_head, communes):
    client.force_login(department_head)

    html = client.get(reverse("people:commune_list")).content.decode()

    listed = re.findall(r'<a href="/accounts/communes/[^"/]+/">([^<]*)</a>', html)
    assert [unescape(name) for name in listed] == VIETNAMESE_ORDER
    assert "Xã Ái Quốc" not in html


def test_communes_page_lists_provinces_in_vietnamese_order(client, administrator):
    for name in ["Tỉnh Điện Biên", "Thành phố Hà Nội", "Tỉnh Đắk Lắk", "Tỉnh Yên Bái", "Tỉnh Cà Mau"]:
        ProvinceFactory(name=name)
    client.force_login(administrator)

    html = client.get(reverse("people:commune_list")).content.decode()

    assert options(html, "province") == [
        "Thành phố Hà Nội",
        "Tỉnh Cà Mau",
        "Tỉnh Đắk Lắk",
        "Tỉnh Điện Biên",
        "Tỉnh Yên Bái",
    ]


def test_officials_are_listed_in_vietnamese_order(client, department_head, commune):
    names = ["Bùi Văn An", "Đỗ Thị Lan", "Dương Văn Minh", "Ân Thị Hoa", "Anh Văn Tú"]
    for name in names:
        OfficialFactory(full_name=name, commune=commune)
    client.force_login(department_head)

    html = client.get(reverse("people:official_list")).content.decode()

    positions = [
        html.index(name)
        for name in ["Anh Văn Tú", "Ân Thị Hoa", "Bùi Văn An", "Dương Văn Minh", "Đỗ Thị Lan"]
    ]
    assert positions == sorted(positions)
