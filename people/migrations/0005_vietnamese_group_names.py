"""Wagtail's "Editors" and "Moderators" groups get Vietnamese names (``people.groups``): the same rows,
so their permissions, members and the course review task keep pointing at them.

It runs after every Wagtail migration that looks the groups up by their English names."""

from django.db import migrations

# Copied from people.groups: a migration keeps the names it was written with.
NAMES = [("Editors", "Biên tập viên"), ("Moderators", "Người duyệt")]


def _rename(apps, pairs) -> None:
    Group = apps.get_model("auth", "Group")
    for old, new in pairs:
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, NAMES)


def backwards(apps, schema_editor):
    _rename(apps, [(new, old) for old, new in NAMES])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_vietnamese_order"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
