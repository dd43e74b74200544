# The progress ledger and the activity feed move here from ``courses`` and ``live_sessions``: their
# tables stay as they are (``courses_progressentry``, ``live_sessions_officialactivity``), only
# Django's state moves. ``courses.0005`` and ``live_sessions.0002`` drop them from their apps' state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_types_follow(apps, schema_editor):
    """The content types (and so the permissions granted on them) of the moved models follow."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in (("courses", "progressentry"), ("live_sessions", "officialactivity")):
        if not ContentType.objects.filter(app_label="progress", model=model).exists():
            ContentType.objects.filter(app_label=app_label, model=model).update(app_label="progress")


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for app_label, model in (("courses", "progressentry"), ("live_sessions", "officialactivity")):
        if not ContentType.objects.filter(app_label=app_label, model=model).exists():
            ContentType.objects.filter(app_label="progress", model=model).update(app_label=app_label)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0004_lesson_block_labels"),
        ("live_sessions", "0001_initial"),
        ("people", "0002_import_jobs"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ProgressEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(choices=[("course", "Khóa học"), ("lesson", "Bài học"), ("quiz", "Bài kiểm tra"), ("scenario", "Bài thực hành"), ("live_session", "Buổi hỗ trợ trực tuyến")], max_length=20, verbose_name="loại")),
                        ("key", models.CharField(max_length=64, verbose_name="mã mục")),
                        ("course_id_ref", models.PositiveIntegerField(blank=True, db_index=True, null=True, verbose_name="khóa học")),
                        ("status", models.CharField(choices=[("not_started", "Chưa bắt đầu"), ("in_progress", "Đang học"), ("completed", "Hoàn thành"), ("failed", "Chưa đạt")], default="not_started", max_length=20, verbose_name="trạng thái")),
                        ("score", models.FloatField(blank=True, null=True, verbose_name="điểm")),
                        ("detail", models.JSONField(blank=True, default=dict, verbose_name="chi tiết")),
                        ("due_date", models.DateField(blank=True, null=True, verbose_name="hạn hoàn thành")),
                        ("started_at", models.DateTimeField(blank=True, null=True)),
                        ("completed_at", models.DateTimeField(blank=True, null=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("commune", models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.commune")),
                        ("official", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="progress_entries", to=settings.AUTH_USER_MODEL)),
                        ("province", models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.province")),
                    ],
                    options={
                        "verbose_name": "tiến độ học tập",
                        "verbose_name_plural": "sổ tiến độ học tập",
                        "db_table": "courses_progressentry",
                        "indexes": [
                            models.Index(fields=["province", "kind", "status"], name="courses_pro_provinc_ecab27_idx"),
                            models.Index(fields=["commune", "kind", "status"], name="courses_pro_commune_db1ffe_idx"),
                            models.Index(fields=["official", "kind"], name="courses_pro_officia_967a7a_idx"),
                        ],
                        "constraints": [
                            models.UniqueConstraint(fields=("official", "kind", "key"), name="progress_one_row_per_item"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="OfficialActivity",
                    fields=[
                        ("official", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="live_activity", serialize=False, to=settings.AUTH_USER_MODEL)),
                        ("kind", models.CharField(choices=[("lesson", "Bài học"), ("scenario", "Bài thực hành"), ("quiz", "Bài kiểm tra"), ("other", "Khác")], max_length=12)),
                        ("key", models.CharField(max_length=64)),
                        ("label", models.CharField(max_length=200)),
                        ("step", models.CharField(blank=True, max_length=200)),
                        ("since", models.DateTimeField()),
                        ("failed_checks", models.PositiveIntegerField(default=0)),
                        ("updated_at", models.DateTimeField()),
                    ],
                    options={
                        "verbose_name": "vị trí học hiện tại",
                        "verbose_name_plural": "vị trí học hiện tại",
                        "db_table": "live_sessions_officialactivity",
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
