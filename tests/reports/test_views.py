"""The dashboard pages: who sees what (404 outside one's scope), sorting, filters, a fixed number of
queries whatever the number of communes."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from people.models import JobRole
from progress.models import ProgressStatus
from tests.factories import CommuneFactory, OfficialFactory, TrainerFactory
from tests.reports.conftest import assign


@pytest.fixture
def head_client(client, department_head):
    client.force_login(department_head)
    return client


def test_department_head_lands_on_their_province(head_client, province):
    response = head_client.get(reverse("reports:dashboard"))

    assert response.status_code == 302
    assert response.url == reverse("reports:province", args=[province.pk])


def test_province_dashboard_lists_communes_lagging_first(head_client, province, commune, official, course):
    lagging = CommuneFactory(province=province, name="Xã Chậm Tiến Độ")
    assign(official, course, status=ProgressStatus.COMPLETED)
    assign(OfficialFactory(commune=lagging), course, due=timezone.localdate() - timedelta(days=1))

    response = head_client.get(reverse("reports:province", args=[province.pk]))

    assert response.status_code == 200
    rows = [row.key for row in response.context["rows"]]
    assert rows == [lagging.pk, commune.pk]
    html = response.content.decode()
    assert "Xã Chậm Tiến Độ" in html
    assert "<svg" in html and 'class="bar"' in html
    assert reverse("reports:commune", args=[lagging.pk]) in html

    by_name = head_client.get(reverse("reports:province", args=[province.pk]), {"sort": "-name"})
    assert [row.key for row in by_name.context["rows"]] == [lagging.pk, commune.pk]
    by_rate = head_client.get(reverse("reports:province", args=[province.pk]), {"sort": "-rate"})
    assert [row.key for row in by_rate.context["rows"]] == [commune.pk, lagging.pk]
    assert 'aria-sort="descending"' in by_rate.content.decode()


def test_commune_and_official_pages(head_client, commune, official, course):
    assign(official, course, status=ProgressStatus.COMPLETED)

    commune_page = head_client.get(reverse("reports:commune", args=[commune.pk]))
    official_page = head_client.get(reverse("reports:official", args=[official.pk]))

    assert official.full_name in commune_page.content.decode()
    assert official_page.status_code == 200
    assert "Chữ ký số" in official_page.content.decode()
    assert (
        reverse("reports:certificate_download", args=[official.pk, course.pk])
        in official_page.content.decode()
    )


def test_other_province_is_not_found(client, other_department_head, province, commune, official):
    client.force_login(other_department_head)

    for url in (
        reverse("reports:province", args=[province.pk]),
        reverse("reports:commune", args=[commune.pk]),
        reverse("reports:official", args=[official.pk]),
        reverse("reports:certificate_download", args=[official.pk, 1]),
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("reports:export_create"), {"scope": "commune", "scope_id": commune.pk, "format": "xlsx"}
    )
    assert response.status_code == 404


def test_only_administrators_see_the_national_view(client, administrator, department_head, province):
    client.force_login(department_head)
    response = client.post(reverse("reports:export_create"), {"scope": "national", "format": "csv"})
    assert response.status_code == 404

    client.force_login(administrator)
    page = client.get(reverse("reports:dashboard"))
    assert page.status_code == 200
    assert page.context["report"].level == "national"
    assert reverse("reports:province", args=[province.pk]) in page.content.decode()


def test_officials_and_trainers_have_no_dashboard(client, official, commune, province):
    client.force_login(official)
    assert client.get(reverse("reports:dashboard")).url == reverse("reports:my_progress")
    assert client.get(reverse("reports:commune", args=[commune.pk])).status_code == 404
    assert client.get(reverse("reports:province", args=[province.pk])).status_code == 404

    client.force_login(TrainerFactory(province=province))
    assert client.get(reverse("reports:dashboard")).status_code == 403


def test_commune_chairman_sees_their_commune_only(client, commune, official, other_commune, other_official):
    chairman = OfficialFactory(commune=commune, job_role=JobRole.CHAIRMAN)
    client.force_login(chairman)

    assert client.get(reverse("reports:dashboard")).url == reverse("reports:commune", args=[commune.pk])
    page = client.get(reverse("reports:commune", args=[commune.pk]))
    assert page.status_code == 200
    assert official.full_name in page.content.decode()
    assert client.get(reverse("reports:official", args=[official.pk])).status_code == 200
    assert client.get(reverse("reports:commune", args=[other_commune.pk])).status_code == 404
    assert client.get(reverse("reports:official", args=[other_official.pk])).status_code == 404
    assert client.get(reverse("reports:province", args=[commune.province_id])).status_code == 404


def test_an_official_sees_only_their_own_progress(client, official, other_official, course):
    colleague = OfficialFactory(commune=official.commune)
    assign(official, course, due=timezone.localdate() - timedelta(days=2))
    client.force_login(official)

    page = client.get(reverse("reports:my_progress"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Chữ ký số" in html and "Quá hạn" in html
    assert client.get(reverse("reports:official", args=[colleague.pk])).status_code == 404


def test_a_wrong_period_is_explained_and_kept(head_client, province):
    response = head_client.get(
        reverse("reports:province", args=[province.pk]), {"due_from": "2026-03-01", "due_to": "2026-01-01"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu của kỳ." in html
    assert 'value="2026-03-01"' in html and 'value="2026-01-01"' in html


def _populate(province, communes: int, course) -> None:
    for _index in range(communes):
        commune = CommuneFactory(province=province)
        for job_role in (JobRole.CHAIRMAN, JobRole.ONE_STOP):
            assign(
                OfficialFactory(commune=commune, job_role=job_role), course, status=ProgressStatus.COMPLETED
            )


def _queries(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_communes(client, department_head, administrator, province, course):
    client.force_login(department_head)
    province_url = reverse("reports:province", args=[province.pk])
    _populate(province, 2, course)
    small = _queries(client, province_url)
    client.force_login(administrator)
    national_small = _queries(client, reverse("reports:dashboard"))

    _populate(province, 6, course)

    assert _queries(client, reverse("reports:dashboard")) == national_small
    client.force_login(department_head)
    assert _queries(client, province_url) == small


def test_cached_report_is_refreshed_by_a_change(head_client, province, commune, official, course):
    assign(official, course)
    url = reverse("reports:province", args=[province.pk])
    assert head_client.get(url).context["report"].totals.completed == 0

    assign(OfficialFactory(commune=commune), course, status=ProgressStatus.COMPLETED)

    assert head_client.get(url).context["report"].totals.completed == 1


def test_figures_are_grouped_and_an_empty_trend_is_explained(head_client, province, commune, course):
    for _index in range(3):
        assign(OfficialFactory(commune=commune), course)
    response = head_client.get(
        reverse("reports:province", args=[province.pk]),
        {"due_from": (timezone.localdate() + timedelta(days=60)).isoformat()},
    )

    html = response.content.decode()
    assert "Kỳ đã chọn chưa bắt đầu" in html
    assert "<svg" not in html


def test_grouped_numbers():
    from django.utils import translation

    from reports.templatetags.reports_tags import grouped

    with translation.override("vi"):
        assert grouped(201600) == "201.600"
    with translation.override("en"):
        assert grouped(201600) == "201,600"
