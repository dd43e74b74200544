"""Vietnamese alphabetical order (``core.collation``): the one order of every list of names, the same
whether the database sorts (ICU's Vietnamese on PostgreSQL, the registered key on SQLite) or Python."""

import random

import pytest
import vietnam_provinces
from django.db import connection

from core.collation import VI_COLLATION, by_name, vi_sort_key, vi_sorted
from people.models import Commune, Province
from tests.factories import CommuneFactory, ProvinceFactory

# The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; code-point order puts
# "Nếnh" after "Ninh Xá" and every "Đ" after "Y", and folding accents away (unidecode) puts "Ân Thi"
# before "Anh Sơn" and "Đại Lai" before "Dũng Liệt". Each of those wrong orders fails this list.
VIETNAMESE_ORDER = [
    "Xã Anh Sơn",
    "Xã Ăn Khê",
    "Xã Ân Thi",
    "Xã Dũng Liệt",
    "Xã Đại Lai",
    "Xã Đông Cứu",
    "Xã Ea Kar",
    "Xã Êa Tu",
    "Xã Nếnh",
    "Xã Ninh Xá",
    "Xã Ong Bang",
    "Xã Ô Loan",
    "Xã Ơn Thành",
    "Xã Uyên Hưng",
    "Xã Ư Minh",
    "Xã Yên Phong",
]


def shuffled(names: list[str]) -> list[str]:
    names = list(names)
    random.Random(16).shuffle(names)
    assert names != VIETNAMESE_ORDER
    return names


def test_letters_of_the_vietnamese_alphabet():
    assert vi_sorted(shuffled(VIETNAMESE_ORDER)) == VIETNAMESE_ORDER


def test_d_with_stroke_comes_after_every_d_and_before_e():
    assert vi_sorted(["Ea", "Đa", "Dzũng", "Dư", "Đ"]) == ["Dư", "Dzũng", "Đ", "Đa", "Ea"]


def test_tones_only_decide_between_otherwise_equal_words():
    # No tone, huyền, hỏi, ngã, sắc, nặng; a tone never outweighs a later letter.
    assert vi_sorted(["hạ", "há", "hã", "hả", "hà", "ha"]) == ["ha", "hà", "hả", "hã", "há", "hạ"]
    assert vi_sorted(["Hà Nội", "Ha Nam", "Hà Nam"]) == ["Ha Nam", "Hà Nam", "Hà Nội"]
    assert vi_sorted(["Hòa", "Hoà"]) == ["Hoà", "Hòa"]


def test_lower_case_before_upper_case_and_shorter_first():
    assert vi_sorted(["An", "an", "Anh", "à", "án"]) == ["à", "an", "An", "án", "Anh"]
    assert vi_sort_key("") < vi_sort_key("a")


def test_names_keep_their_objects():
    people = [("Đỗ", 1), ("Dương", 2), ("Bùi", 3)]
    assert [pk for _, pk in vi_sorted(people, key=lambda p: p[0])] == [3, 2, 1]


@pytest.mark.django_db
def test_the_database_sorts_names_the_same_way():
    """On SQLite through the registered collation, on PostgreSQL through ICU's."""
    province = ProvinceFactory(name="Tỉnh Thử")
    for name in shuffled(VIETNAMESE_ORDER):
        CommuneFactory(name=name, province=province)

    ordered = Commune.objects.filter(province=province).order_by(*by_name("name"))
    assert list(ordered.values_list("name", flat=True)) == VIETNAMESE_ORDER
    descending = Commune.objects.filter(province=province).order_by(*by_name("-name"))
    assert list(descending.values_list("name", flat=True)) == VIETNAMESE_ORDER[::-1]
    # The models' default order is the same one.
    assert list(Commune.objects.filter(province=province).values_list("name", flat=True)) == VIETNAMESE_ORDER


@pytest.mark.django_db
def test_provinces_are_listed_in_vietnamese_order_by_default():
    for name in ["Tỉnh Điện Biên", "Thành phố Hà Nội", "Tỉnh Đắk Lắk", "Tỉnh Bắc Ninh", "Tỉnh Cao Bằng"]:
        ProvinceFactory(name=name)
    assert list(Province.objects.values_list("name", flat=True)) == [
        "Thành phố Hà Nội",
        "Tỉnh Bắc Ninh",
        "Tỉnh Cao Bằng",
        "Tỉnh Đắk Lắk",
        "Tỉnh Điện Biên",
    ]


@pytest.mark.django_db
def test_python_order_is_icu_order_on_the_whole_map():
    """Every province and commune name of the administrative map, sorted by ICU's Vietnamese collation
    in PostgreSQL and by ``vi_sort_key``: the same list (3,000 names with every letter, tone and the
    apostrophes of the Central Highlands' names)."""
    if connection.vendor != "postgresql":
        pytest.skip("ICU's collation is PostgreSQL's; run with DATABASE_URL set")
    names = sorted(
        {w.name for w in vietnam_provinces.Ward.iter_all()}
        | {p.name for p in vietnam_provinces.Province.iter_all()}
        | set(VIETNAMESE_ORDER)
        | {"Ha-Noi", "Ha Noi 2", "O'Neil", "an", "An", "à", "HA", "Lê Văn", "Lê-Văn", "Lễ"}
    )
    random.Random(16).shuffle(names)
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT x FROM unnest(%s::text[]) x ORDER BY x COLLATE "{VI_COLLATION}"', [names])
        icu = [row[0] for row in cursor.fetchall()]
    assert len(icu) > 3000
    assert vi_sorted(names) == icu
