"""The admin URL the step form draws the highlighted area on: a larger copy of a screenshot the editor
may choose; nobody else gets it."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission

from people.groups import EDITORS_GROUP
from tests.courses import builders
from tests.factories import AdministratorFactory, OfficialFactory, TrainerFactory


def _url(image) -> str:
    return f"/admin/courses/screenshots/{image.pk}/"


def test_an_editor_gets_a_larger_copy_of_the_screenshot(client, image):
    editor = TrainerFactory(username="giangvien-anh")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(editor)
    response = client.get(_url(image))
    assert response.status_code == 302
    assert ".max-1024x1024." in response["Location"]
    assert client.get(_url(image).replace(str(image.pk), "999999")).status_code == 404


def test_an_image_outside_the_editors_collections_is_not_found(client, db):
    private = Collection.get_first_root_node().add_child(name="Ảnh riêng của quản trị")
    image = builders.screenshot("Ảnh riêng")
    image.collection = private
    image.save()
    editors = Group.objects.create(name="Biên tập một bộ sưu tập")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    own = Collection.get_first_root_node().add_child(name="Ảnh khóa học")
    GroupCollectionPermission.objects.create(
        group=editors, collection=own, permission=Permission.objects.get(codename="choose_image")
    )
    editor = TrainerFactory(username="giangvien-hep")
    editor.groups.add(editors)
    client.force_login(editor)
    assert client.get(_url(image)).status_code == 404
    client.force_login(AdministratorFactory(username="quantri-anh"))
    assert client.get(_url(image)).status_code == 302


def test_an_official_has_no_access(client, image, commune):
    client.force_login(OfficialFactory(commune=commune))
    response = client.get(_url(image))
    assert response.status_code in (302, 403)
    assert ".max-1024x1024." not in response.get("Location", "")
