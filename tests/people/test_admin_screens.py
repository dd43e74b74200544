"""The officials' and communes' screens: search, filters, editing, and the scope of each role."""

import pytest
from django.urls import reverse

from tests.factories import CommuneFactory, OfficialFactory


@pytest.fixture
def people_map(communes):
    return {
        "lan": OfficialFactory(
            username="lan", full_name="Nguyễn Thị Lan", commune=communes["home"], phone="0900000001"
        ),
        "hung": OfficialFactory(
            username="hung", full_name="Trần Văn Hùng", commune=communes["home2"], job_role="land"
        ),
        "ha": OfficialFactory(
            username="ha", full_name="Đặng Thu Hà", commune=communes["home"], is_active=False
        ),
        "away": OfficialFactory(username="xa.khac", full_name="Lê Văn Khác", commune=communes["away"]),
    }


@pytest.fixture
def head_client(client, department_head):
    client.force_login(department_head)
    return client


def listed(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


OFFICIALS = reverse("people:official_list")
COMMUNES = reverse("people:commune_list")


def test_a_department_head_lists_only_their_provinces_officials(head_client, people_map):
    html = listed(head_client, OFFICIALS)
    assert "Nguyễn Thị Lan" in html and "Trần Văn Hùng" in html and "Đặng Thu Hà" in html
    assert "Lê Văn Khác" not in html
    assert "3 cán bộ." in html
    assert 'name="province"' not in html  # one province: nothing to choose


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "lan"}, {"Nguyễn Thị Lan"}),
        ({"q": "0900000001"}, {"Nguyễn Thị Lan"}),
        ({"q": "xa.khac"}, set()),  # search never reaches outside the scope
        ({"commune": "91002"}, {"Trần Văn Hùng"}),
        ({"commune": "92001"}, {"Nguyễn Thị Lan", "Trần Văn Hùng", "Đặng Thu Hà"}),  # not a choice: ignored
        ({"job_role": "land"}, {"Trần Văn Hùng"}),
        ({"status": "inactive"}, {"Đặng Thu Hà"}),
        ({"status": "active"}, {"Nguyễn Thị Lan", "Trần Văn Hùng"}),
    ],
)
def test_search_and_filters(head_client, people_map, params, expected):
    html = listed(head_client, OFFICIALS, **params)
    names = {"Nguyễn Thị Lan", "Trần Văn Hùng", "Đặng Thu Hà", "Lê Văn Khác"}
    assert {name for name in names if name in html} == expected


def test_first_sign_in_filter(head_client, people_map):
    people_map["hung"].must_change_password = True
    people_map["hung"].save()
    html = listed(head_client, OFFICIALS, status="first_sign_in")
    assert "Trần Văn Hùng" in html and "Nguyễn Thị Lan" not in html
    assert "Chưa đăng nhập lần đầu" in html


def test_an_administrator_chooses_a_province_before_a_commune(client, administrator, people_map, province):
    client.force_login(administrator)
    html = listed(client, OFFICIALS)
    assert "Lê Văn Khác" in html and "Nguyễn Thị Lan" in html
    assert 'name="province"' in html and 'name="commune"' not in html
    html = listed(client, OFFICIALS, province=province.pk)
    assert 'name="commune"' in html and "Lê Văn Khác" not in html


def test_the_list_is_paginated(head_client, communes):
    for n in range(55):
        OfficialFactory(username=f"cb{n}", full_name=f"Cán Bộ Số {n}", commune=communes["home"])
    html = listed(head_client, OFFICIALS, q="Cán Bộ")
    assert "Trang 1/2" in html and "page=2" in html and "q=C" in html


def test_editing_an_official(head_client, people_map):
    lan = people_map["lan"]
    url = reverse("people:official_edit", args=[lan.pk])
    assert "Nguyễn Thị Lan" in listed(head_client, url)
    response = head_client.post(
        url,
        {
            "full_name": "Nguyễn  Thị Lan Anh",
            "job_role": "office",
            "phone": "+84 900 000 111",
            "email": "A@X.vn",
        },
    )
    assert response.status_code == 302
    lan.refresh_from_db()
    assert (lan.full_name, lan.job_role, lan.phone, lan.email, lan.is_active) == (
        "Nguyễn Thị Lan Anh",
        "office",
        "0900000111",
        "a@x.vn",
        False,  # the box was not ticked: the account is switched off
    )


def test_editing_refuses_someone_elses_phone_and_keeps_what_was_typed(head_client, people_map):
    hung = people_map["hung"]
    response = head_client.post(
        reverse("people:official_edit", args=[hung.pk]),
        {"full_name": "Trần Văn Hùng Mới", "job_role": "land", "phone": "0900000001", "email": "h@x.vn"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số điện thoại này đã thuộc về một tài khoản khác." in html
    assert 'value="Trần Văn Hùng Mới"' in html
    hung.refresh_from_db()
    assert hung.full_name == "Trần Văn Hùng"


def test_another_provinces_official_answers_404(head_client, people_map):
    url = reverse("people:official_edit", args=[people_map["away"].pk])
    assert head_client.get(url).status_code == 404
    payload = {"full_name": "Đã Sửa", "job_role": "land", "email": "a@b.vn", "is_active": "on"}
    assert head_client.post(url, payload).status_code == 404
    people_map["away"].refresh_from_db()
    assert people_map["away"].full_name == "Lê Văn Khác"


def test_staff_who_are_not_officials_are_not_edited_here(head_client, department_head, trainer):
    assert head_client.get(reverse("people:official_edit", args=[trainer.pk])).status_code == 404


def test_communes_of_the_province_with_counts(head_client, people_map):
    html = listed(head_client, COMMUNES)
    assert "Phường Kinh Bắc" in html and "Xã Tiên Du" in html and "Phường Hoa Lư" not in html
    assert "2 xã/phường." in html


def test_commune_search_by_name_or_code(head_client, people_map, communes):
    assert "Xã Tiên Du" not in listed(head_client, COMMUNES, q="Kinh")
    html = listed(head_client, COMMUNES, q="91002")
    assert "Xã Tiên Du" in html and "Phường Kinh Bắc" not in html
    assert "Xã Tiên Du" in listed(head_client, COMMUNES, q="910")  # a prefix
    communes["home"].code = "09187"
    communes["home"].save()
    html = listed(head_client, COMMUNES, q="9187")  # as Excel shows it
    assert "Phường Kinh Bắc" in html and "Xã Tiên Du" not in html


def test_commune_filter_by_kind(head_client, communes, province):
    CommuneFactory(code="91003", name="Đặc khu Thử", division_type="đặc khu", province=province)
    html = listed(head_client, COMMUNES, division_type="đặc khu")
    assert "Đặc khu Thử" in html and "Phường Kinh Bắc" not in html


def test_commune_detail_counts_officials_by_job_role(head_client, people_map, communes):
    html = listed(head_client, reverse("people:commune_detail", args=["91001"]))
    assert "Phường Kinh Bắc" in html
    assert "2 (đang hoạt động: 1; chưa đăng nhập lần đầu: 0)" in html


def test_another_provinces_commune_answers_404(head_client, communes):
    assert head_client.get(reverse("people:commune_detail", args=["92001"])).status_code == 404
    assert head_client.get(reverse("people:commune_detail", args=["00000"])).status_code == 404


def test_an_administrator_sees_every_commune(client, administrator, communes):
    client.force_login(administrator)
    assert client.get(reverse("people:commune_detail", args=["92001"])).status_code == 200
    assert "Phường Hoa Lư" in listed(client, COMMUNES)


def test_another_department_head_sees_the_other_side(client, other_department_head, people_map):
    client.force_login(other_department_head)
    html = listed(client, OFFICIALS)
    assert "Lê Văn Khác" in html and "Nguyễn Thị Lan" not in html
    assert client.get(reverse("people:official_edit", args=[people_map["lan"].pk])).status_code == 404
    assert client.get(reverse("people:commune_detail", args=["91001"])).status_code == 404
