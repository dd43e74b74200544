"""Fixtures shared by the whole suite."""

import os
import socket

import pytest

from tests.factories import (
    DEFAULT_PASSWORD,
    AdministratorFactory,
    CommuneFactory,
    DepartmentHeadFactory,
    OfficialFactory,
    ProvinceFactory,
    TrainerFactory,
)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request in English must not leak into the next
    test's thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the Redis pass shares one server) and an empty store of
    this process (``core.local_store``), and with Django's
    in-process content-type cache emptied: a transactional test's flush may have removed the rows it
    remembers."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from core import local_store

    cache.clear()
    local_store.clear()
    ContentType.objects.clear_cache()
    yield


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Tỉnh Bắc Ninh")


@pytest.fixture
def other_province(db):
    return ProvinceFactory(name="Tỉnh Ninh Bình")


@pytest.fixture
def commune(province):
    return CommuneFactory(name="Phường Kinh Bắc", province=province)


@pytest.fixture
def other_commune(other_province):
    return CommuneFactory(name="Phường Hoa Lư", province=other_province)


@pytest.fixture
def official(commune):
    return OfficialFactory(username="canbo1", full_name="Nguyễn Thị Lan", commune=commune)


@pytest.fixture
def other_official(other_commune):
    return OfficialFactory(username="canbo2", full_name="Trần Văn Bình", commune=other_commune)


@pytest.fixture
def trainer(province):
    return TrainerFactory(username="giangvien1", full_name="Trần Văn Hùng", province=province)


@pytest.fixture
def department_head(province):
    return DepartmentHeadFactory(username="lanhdao1", full_name="Lê Minh Tuấn", province=province)


@pytest.fixture
def other_department_head(other_province):
    return DepartmentHeadFactory(username="lanhdao2", province=other_province)


@pytest.fixture
def administrator(db):
    return AdministratorFactory(username="quantri1", full_name="Phạm Quốc Bảo")


def redis_available(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def require_redis():
    """Multi-process features are tested on a real Redis. CI sets REQUIRE_REDIS=1 so a missing
    server fails the run instead of skipping."""
    if not redis_available():
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail("Redis is not reachable on 127.0.0.1:6379 and REQUIRE_REDIS=1")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")


def pytest_collection_modifyitems(config, items):
    """Browser tests run last: Playwright's synchronous API keeps an event loop running in the main
    thread from the first browser test to the end of the session, and code that runs its own loop
    (pyHanko's signing, asyncio.run in tests) cannot run in a thread that already has one."""
    items.sort(key=lambda item: "tests/browser/" in item.nodeid.replace("\\", "/"))
