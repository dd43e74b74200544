"""Loading the post-reform administrative map from the ``vietnam-provinces`` package."""

from dataclasses import dataclass

import vietnam_provinces
from django.db import transaction

from people.models import Commune, Province


@dataclass(frozen=True)
class LoadResult:
    provinces: int
    communes: int
    data_version: str


def _code(value) -> str:
    # The package's codes are enums of ints; official codes are zero-padded (01, 00070).
    return str(int(value.value if hasattr(value, "value") else value))


@transaction.atomic
def administrative_map_load() -> LoadResult:
    """Upsert every province and commune by its official code: a renamed unit is updated in place,
    never duplicated, and running it again changes nothing."""
    provinces = [
        Province(
            code=_code(p.code).zfill(2),
            name=p.name,
            division_type=str(p.division_type.value),
            codename=p.codename,
        )
        for p in vietnam_provinces.Province.iter_all()
    ]
    Province.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "division_type", "codename"],
    )
    province_ids = dict(Province.objects.values_list("code", "pk"))
    communes = [
        Commune(
            code=_code(w.code).zfill(5),
            name=w.name,
            division_type=str(w.division_type.value),
            codename=w.codename,
            province_id=province_ids[_code(w.province_code).zfill(2)],
        )
        for w in vietnam_provinces.Ward.iter_all()
    ]
    Commune.objects.bulk_create(
        communes,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "division_type", "codename", "province"],
    )
    return LoadResult(
        provinces=len(provinces),
        communes=len(communes),
        data_version=str(vietnam_provinces.__data_version__),
    )
