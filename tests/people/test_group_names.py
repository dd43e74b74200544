"""Wagtail's "Editors" and "Moderators" groups appear in Vietnamese in the admin, keeping what they
were for: their permissions, their members, the course review task."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from people.groups import EDITORS_GROUP, MODERATORS_GROUP

rename = importlib.import_module("people.migrations.0005_vietnamese_group_names")


@pytest.mark.django_db
def test_the_groups_have_vietnamese_names_and_keep_their_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert {EDITORS_GROUP, MODERATORS_GROUP} <= names
    assert not names & {"Editors", "Moderators"}
    for name in (EDITORS_GROUP, MODERATORS_GROUP):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ).exists()
        assert GroupPagePermission.objects.filter(group=group).exists()
    moderators = Group.objects.get(name=MODERATORS_GROUP)
    assert GroupPagePermission.objects.filter(group=moderators, permission__codename="publish_page").exists()


@pytest.mark.django_db
def test_the_rename_is_reversible():
    editors = Group.objects.get(name=EDITORS_GROUP)

    rename.backwards(apps, None)
    assert Group.objects.get(pk=editors.pk).name == "Editors"
    assert Group.objects.filter(name="Moderators").exists()

    rename.forwards(apps, None)
    assert Group.objects.get(pk=editors.pk).name == EDITORS_GROUP
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


@pytest.mark.django_db
def test_the_rename_leaves_a_group_alone_when_the_name_is_taken():
    Group.objects.filter(name=MODERATORS_GROUP).update(name="Moderators")
    Group.objects.create(name=MODERATORS_GROUP)

    rename.forwards(apps, None)

    assert Group.objects.filter(name="Moderators").count() == 1
    assert Group.objects.filter(name=MODERATORS_GROUP).count() == 1


def test_a_trainer_in_the_editors_group_enters_the_admin(client, trainer):
    client.force_login(trainer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302

    trainer.groups.add(Group.objects.get(name=EDITORS_GROUP))

    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_the_course_review_task_is_given_to_the_renamed_moderators(db):
    """The review workflow finds Wagtail's group under its new name instead of making an empty
    English one."""
    from courses.services import course_review_workflow_ensure
    from tests.courses import builders

    moderators = Group.objects.get(name=MODERATORS_GROUP)
    workflow = course_review_workflow_ensure(index=builders.course_index())

    task = workflow.tasks.get().specific
    assert list(task.groups.all()) == [moderators]
    assert not Group.objects.filter(name="Moderators").exists()
