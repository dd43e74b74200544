"""Checking every row of an officials' file: each kind of problem, matching existing officials,
normalising names and numbers, and generated usernames."""

import unicodedata

import pytest

from people.imports.files import Sheet
from people.imports.messages import MESSAGES, problem_message
from people.imports.rows import import_plan, phone_normalise, username_base
from people.models import JobRole
from tests.factories import OfficialFactory, TrainerFactory

KEYS = ["full_name", "commune_code", "job_role", "phone", "email", "username"]


def sheet_of(*rows, headings=None) -> Sheet:
    return Sheet(
        headings=headings or {key: key for key in KEYS},
        rows=[(number, dict(zip(KEYS, values, strict=True))) for number, values in enumerate(rows, 2)],
    )


def valid(name="Nguyễn Thị Lan", code="91001", role="one_stop", phone="0912345678", email=None, username=""):
    return [name, code, role, phone, email or f"{phone or 'x'}@example.gov.vn", username]


def problems_of(plan) -> list[tuple]:
    return [(p["row"], p["column"], p["code"]) for p in plan.problems]


@pytest.fixture
def plan_for(communes, province):
    def make(*rows, province_id=province.pk):
        return import_plan(sheet_of(*rows), province_id=province_id)

    return make


def test_a_valid_file_plans_every_account(plan_for, communes):
    plan = plan_for(valid(), valid(name="Trần Văn Hùng", code="91002", phone="0987654321", role="land"))
    assert plan.problems == []
    assert plan.rows_total == 2
    assert [(o.full_name, o.commune_id, o.job_role) for o in plan.new] == [
        ("Nguyễn Thị Lan", communes["home"].pk, "one_stop"),
        ("Trần Văn Hùng", communes["home2"].pk, "land"),
    ]


def test_decomposed_unicode_names_are_stored_composed(plan_for):
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Lan ")
    assert decomposed != "Nguyễn Thị Lan"
    plan = plan_for(valid(name=decomposed))
    assert plan.new[0].full_name == "Nguyễn Thị Lan"
    assert unicodedata.is_normalized("NFC", plan.new[0].full_name)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("one_stop", JobRole.ONE_STOP),
        ("Bộ phận một cửa", JobRole.ONE_STOP),
        ("BỘ PHẬN MỘT CỬA", JobRole.ONE_STOP),
        ("bo phan mot cua", JobRole.ONE_STOP),
        ("Văn phòng – Thống kê", JobRole.OFFICE),  # an en dash, as Word and Excel autocorrect it
        ("Chủ tịch / Phó Chủ tịch", JobRole.CHAIRMAN),
        (unicodedata.normalize("NFD", "Tư pháp - Hộ tịch"), JobRole.CIVIL_STATUS),
        ("Finance and accounting", JobRole.FINANCE),
    ],
)
def test_job_role_by_code_or_label(plan_for, written, expected):
    plan = plan_for(valid(role=written))
    assert plan.problems == []
    assert plan.new[0].job_role == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("0912345678", "0912345678"),
        ("0912 345 678", "0912345678"),
        ("0912.345.678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("+84 912-345-678", "0912345678"),
        ("912345678", None),  # Excel dropped the leading zero
        ("09123456789", None),
        ("84912345678", None),
        ("0912abc678", None),
    ],
)
def test_phone_numbers(raw, expected):
    assert phone_normalise(raw) == expected


def test_commune_codes_may_lose_their_leading_zeros(communes, province):
    communes["home"].code = "00070"
    communes["home"].save()
    plan = import_plan(sheet_of(valid(code="70")), province_id=province.pk)
    assert plan.problems == []
    assert plan.new[0].commune_id == communes["home"].pk


def test_every_kind_of_cell_problem_is_reported_with_row_and_column(plan_for):
    plan = plan_for(
        ["", "", "", "", "", ""],
        ["Lan 2", "99999", "giám đốc", "12345", "not-an-email", "Có Dấu"],
        ["N" * 151, "92001", "land", "0900000001", "ok@example.gov.vn", "ab"],
    )
    assert problems_of(plan) == [
        (2, "full_name", "required"),
        (2, "commune_code", "required"),
        (2, "job_role", "required"),
        (2, "email", "required"),
        (3, "full_name", "name_invalid"),
        (3, "commune_code", "commune_unknown"),
        (3, "job_role", "job_role_unknown"),
        (3, "phone", "phone_invalid"),
        (3, "email", "email_invalid"),
        (3, "username", "username_invalid"),
        (4, "full_name", "too_long"),
        (4, "commune_code", "commune_out_of_scope"),
        (4, "username", "username_invalid"),
    ]
    assert plan.new == []


def test_problems_carry_the_offending_value_and_read_in_vietnamese(plan_for):
    plan = plan_for(valid(code="92001"), valid(phone="12345", role="giám đốc"))
    by_code = {p["code"]: p for p in plan.problems}
    out_of_scope = by_code["commune_out_of_scope"]
    assert out_of_scope["value"] == "92001"
    assert (
        problem_message(out_of_scope)
        == "Phường Hoa Lư (mã 92001) thuộc Tỉnh Ninh Bình, ngoài tỉnh bạn quản lý."
    )
    assert "Bộ phận một cửa (one_stop)" in problem_message(by_code["job_role_unknown"])
    assert problem_message(by_code["phone_invalid"]).startswith("Số điện thoại di động phải có 10 chữ số")


def test_problems_name_the_column_as_the_file_does(communes, province):
    headings = {key: key for key in KEYS} | {"phone": "Số điện thoại"}
    plan = import_plan(sheet_of(valid(phone="123"), headings=headings), province_id=province.pk)
    assert plan.problems[0]["column"] == "Số điện thoại"


def test_duplicates_within_the_file(plan_for):
    plan = plan_for(
        valid(phone="0900000001", email="a@example.gov.vn", username="lan.a"),
        valid(phone="0900000002", email="A@Example.gov.vn"),
        valid(phone="+84900000001", email="c@example.gov.vn"),
        valid(phone="0900000004", email="d@example.gov.vn", username="LAN.A"),
    )
    assert problems_of(plan) == [
        (3, "email", "duplicate_in_file"),
        (4, "phone", "duplicate_in_file"),
        (5, "username", "duplicate_in_file"),
    ]
    assert all(p["params"] == {"first_row": 2} for p in plan.problems)


def test_duplicates_against_existing_accounts(plan_for, communes):
    OfficialFactory(
        username="lan.cu", email="cu@example.gov.vn", phone="0900000009", commune=communes["home"]
    )
    TrainerFactory(username="giangvien", email="gv@example.gov.vn")
    plan = plan_for(
        valid(phone="0900000009", email="moi@example.gov.vn"),  # a new official with someone's phone
        valid(phone="0900000002", email="cu@example.gov.vn", username="khac"),  # someone's e-mail
        valid(phone="0900000003", email="x@example.gov.vn", username="giangvien"),  # not an official
    )
    assert problems_of(plan) == [
        (2, "phone", "phone_taken"),
        (3, "email", "email_taken"),
        (4, "username", "username_taken"),
    ]


def test_existing_officials_are_matched_and_left_unchanged(plan_for, communes):
    OfficialFactory(
        username="lan.cu", email="lan@example.gov.vn", phone="0900000001", commune=communes["home"]
    )
    OfficialFactory(username="hung", email="hung@example.gov.vn", phone="", commune=communes["home2"])
    plan = plan_for(
        valid(email="LAN@example.gov.vn", phone="0900000001"),  # matched by e-mail
        valid(email="hung@example.gov.vn", phone="0900000002", username="hung"),  # by username
        valid(email="moi@example.gov.vn", phone="0900000003"),
    )
    assert plan.problems == []
    assert plan.unchanged == 2
    assert [o.email for o in plan.new] == ["moi@example.gov.vn"]


def test_an_official_of_another_province_is_not_matched_nor_revealed(plan_for, communes):
    OfficialFactory(username="xa.khac", email="khac@example.gov.vn", commune=communes["away"])
    plan = plan_for(valid(email="khac@example.gov.vn"), valid(phone="0900000002", username="xa.khac"))
    assert problems_of(plan) == [(2, "email", "email_taken"), (3, "username", "username_taken")]
    assert problem_message(plan.problems[0]) == str(MESSAGES["email_taken"])


def test_an_administrator_imports_into_any_province(communes):
    plan = import_plan(
        sheet_of(valid(code="91001"), valid(code="92001", phone="0900000002")), province_id=None
    )
    assert plan.problems == []
    assert {o.province_id for o in plan.new} == {communes["home"].province_id, communes["away"].province_id}


def test_generated_usernames_are_unique(plan_for, communes):
    OfficialFactory(username="lannt.91001", email="old@example.gov.vn", commune=communes["home"])
    plan = plan_for(
        valid(name="Nguyễn Thị Lan", phone="0900000001"),
        valid(name="Ngô Thanh Lan", phone="0900000002"),
        valid(name="Nguyễn Thị Lan", phone="0900000003", username="lannt3.91001"),
        valid(name="Đặng Văn Đức", phone="0900000004", code="91002"),
    )
    assert plan.problems == []
    assert [o.username for o in plan.new] == ["lannt2.91001", "lannt4.91001", "lannt3.91001", "ducdv.91002"]


def test_username_base():
    assert username_base("Nguyễn Thị Lan", "00070") == "lannt.00070"
    assert username_base("Đỗ Đức", "00070") == "ducd.00070"
    assert username_base("Lan", "00070") == "lan.00070"


def test_usernames_are_not_generated_for_a_rejected_file(plan_for):
    plan = plan_for(valid(), valid(phone="bad"))
    assert plan.new == []


def test_progress_is_reported(communes, province):
    calls = []
    rows = [valid(phone=f"09000{n:05d}") for n in range(1200)]
    import_plan(
        sheet_of(*rows), province_id=province.pk, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_checking_ten_thousand_rows_takes_a_handful_of_queries(
    communes, province, django_assert_max_num_queries
):
    rows = [valid(phone=f"09{n:08d}") for n in range(10_000)]
    with django_assert_max_num_queries(3):
        plan = import_plan(sheet_of(*rows), province_id=province.pk)
    assert len(plan.new) == 10_000
