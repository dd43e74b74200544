"""Fixtures of the reports tests: course pages and assigned courses in the ledger.

Assignment belongs to the courses app; here a course row is written the way its bulk assignment does
(a ledger row of kind ``course`` with a due date, then ``course_entries_changed``), and progress goes
through the contract, ``courses.services.progress_record``.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from progress.models import ProgressEntry, ProgressKind, ProgressStatus
from reports.summaries import course_entries_changed


def make_course_page(title: str, slug: str) -> Page:
    # Browser tests flush the database after each test, Wagtail's root page and locale with it.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    return root.add_child(instance=Page(title=title, slug=slug))


def assign(official, course: Page, *, due=None, status=ProgressStatus.NOT_STARTED, completed_at=None):
    entry = ProgressEntry.objects.create(
        official=official,
        province_id=official.province_id,
        commune_id=official.commune_id,
        kind=ProgressKind.COURSE,
        key=str(course.pk),
        course_id_ref=course.pk,
        status=status,
        due_date=due if due is not None else timezone.localdate() + timedelta(days=30),
        completed_at=completed_at or (timezone.now() if status == ProgressStatus.COMPLETED else None),
    )
    course_entries_changed(official_ids=[official.pk])
    return entry


@pytest.fixture
def course(db):
    return make_course_page("Chữ ký số", "chu-ky-so-thu")


@pytest.fixture
def other_course(db):
    return make_course_page("Quản lý văn bản", "quan-ly-van-ban-thu")
