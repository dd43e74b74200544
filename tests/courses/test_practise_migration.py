"""Lessons written with the old "Thực hành ngay" block (a typed slug and a typed title) keep working:
migration 0006 drops the typed title from the page and from its revisions, and the block shows the
practice's own title."""

import importlib
import json

from django.apps import apps
from django.db import connection

from courses.models import LessonPage
from sandbox.scenarios.catalogue import SCENARIOS
from tests.courses import builders

OLD_BLOCK = {
    "type": "practise",
    "id": "0b8f5d1c-7c1a-4a57-9a55-0c0ffee00001",
    "value": {"scenario": "dang-nhap-co-ban", "title": "Tên gõ tay đã khác", "description": "Thử đăng nhập."},
}


def test_old_practise_blocks_lose_their_typed_title_and_show_the_real_one(db):
    course = builders.course(lessons=0)
    lesson = builders.lesson(course, "Bài cũ", body=[("text", "<p>Mở đầu</p>")])
    with connection.cursor() as cursor:  # stored as the old block wrote it
        cursor.execute(
            "UPDATE courses_lessonpage SET body = %s WHERE page_ptr_id = %s",
            [json.dumps([OLD_BLOCK]), lesson.pk],
        )
    revision = lesson.latest_revision
    revision.content = {**revision.content, "body": json.dumps([OLD_BLOCK])}
    revision.save()

    migration = importlib.import_module("courses.migrations.0006_practise_from_the_sandbox_list")
    operation = migration.Migration.operations[0]
    operation.migrate_stream_data_forward(apps, connection.schema_editor())

    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM courses_lessonpage WHERE page_ptr_id = %s", [lesson.pk])
        (stored,) = cursor.fetchone()
    stored = json.loads(stored) if isinstance(stored, str) else stored
    assert stored[0]["value"] == {"scenario": "dang-nhap-co-ban", "description": "Thử đăng nhập."}
    revision.refresh_from_db()
    revised = json.loads(revision.content["body"])
    assert revised[0]["value"] == {"scenario": "dang-nhap-co-ban", "description": "Thử đăng nhập."}

    lesson = LessonPage.objects.get(pk=lesson.pk)
    html = lesson.body[0].render()
    assert SCENARIOS["dang-nhap-co-ban"].title in html and "Tên gõ tay đã khác" not in html
    assert 'href="/sandbox/scenarios/dang-nhap-co-ban/"' in html
