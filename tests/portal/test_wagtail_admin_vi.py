"""The Wagtail admin that authors and trainers use speaks Vietnamese (issue 16, item 17), and loads
nothing from another host (item 18).

Wagtail ships Vietnamese for a small part of its admin; ``site/locale/vi`` (on LOCALE_PATHS, so it
wins over the apps' catalogues) fills the rest. These tests render the screens an author meets,
signed in under Vietnamese, and look for English labels in what a person sees: text, and the
labels a screen reader or a tooltip shows (aria-label, title, placeholder, alt)."""

import json
import re
import runpy
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
import wagtail
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from people.groups import EDITORS_GROUP
from quizzes.models import Question
from tests.courses import builders
from tests.factories import AdministratorFactory, TrainerFactory

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "site/locale/vi/LC_MESSAGES"
WAGTAIL = Path(wagtail.__file__).parent
# The Wagtail apps installed here whose screens authors, trainers and administrators meet: the list
# the catalogue script refreshes from.
WAGTAIL_APPS = runpy.run_path(str(ROOT / "scripts/wagtail_vi_catalogue.py"))["APPS"]
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sd]|\{[a-z_]*\}|<[^>]+>")

# English labels of the admin: none of them may be seen under Vietnamese. Matched as whole words,
# case-sensitively ("Edit" does not match "Edited"; the lower-case "draft" of a CSS class is code).
ENGLISH = [
    "Pages",
    "Images",
    "Documents",
    "Snippets",
    "Reports",
    "Help",
    "Settings",
    "Users",
    "Groups",
    "Search",
    "Dashboard",
    "Site summary",
    "Save draft",
    "Publish",
    "Unpublish",
    "Preview",
    "History",
    "Add child page",
    "Edit",
    "Delete",
    "Copy",
    "Move",
    "Sort",
    "Filter",
    "Status",
    "Actions",
    "Title",
    "Collection",
    "Tags",
    "Upload",
    "Locked pages",
    "Site history",
    "Aging pages",
    "Workflows",
    "Are you sure you want to delete this page?",
    "is referenced",
    "Your most recent edits",
    "Log out",
    "Account",
    "Comments",
    "Choose",
    "Draft",
    "Live",
    "Yes, delete it",
    "Add an image",
    "Add a document",
    "Add a user",
    "Content",
    "Promote",
]


class _VisibleText(HTMLParser):
    """Text nodes (outside script and style), the labels people are read or shown (aria-label,
    title, placeholder, alt, a button's value), and the JSON the admin's scripts render into the
    page (the sidebar menu, the StreamField block definitions)."""

    LABELS = ("aria-label", "title", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0
        self._json = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("script", "style"):
            if tag == "script" and attributes.get("type") == "application/json":
                self._json += 1
            else:
                self._skip += 1
            return
        for name in self.LABELS:
            if attributes.get(name):
                self.parts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.parts.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            if self._json:
                self._json -= 1
            elif self._skip:
                self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_in(text: str) -> list[str]:
    return [label for label in ENGLISH if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", text)]


# --- The catalogue -----------------------------------------------------------------------------


def _entries(domain):
    for app in WAGTAIL_APPS:
        path = (WAGTAIL / app if app else WAGTAIL) / f"locale/en/LC_MESSAGES/{domain}.po"
        if path.exists():
            yield from (e for e in polib.pofile(str(path)) if not e.obsolete)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_admin_string_has_vietnamese(domain):
    catalogue = polib.pofile(str(CATALOGUE / f"{domain}.po"))
    assert catalogue.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    translated = {
        (e.msgctxt, e.msgid): (e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr)
        for e in catalogue
        if not e.fuzzy
    }
    missing = sorted({e.msgid for e in _entries(domain) if not translated.get((e.msgctxt, e.msgid))})
    assert not missing, f"{len(missing)} Wagtail strings without Vietnamese, e.g. {missing[:10]}"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_vietnamese_keeps_every_placeholder_and_tag(domain):
    broken = []
    for entry in polib.pofile(str(CATALOGUE / f"{domain}.po")):
        source = entry.msgid_plural or entry.msgid
        target = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if entry.msgid_plural:
            ok = set(PLACEHOLDER.findall(source)) <= set(PLACEHOLDER.findall(target))
        else:
            ok = sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(target))
        if not ok:
            broken.append(entry.msgid)
    assert not broken


def test_compiletranslations_compiles_the_vietnamese_catalogue():
    from django.core.management import call_command

    call_command("compiletranslations")
    assert (CATALOGUE / "django.mo").exists()
    assert (CATALOGUE / "djangojs.mo").exists()
    assert Path(settings.LOCALE_PATHS[0]) == ROOT / "site/locale"


# --- The screens -------------------------------------------------------------------------------


@pytest.fixture
def authoring(db):
    """An administrator and a trainer (Editors group), a course with two lessons, an image, a
    document, and a lesson locked by the administrator (so the locked-pages report has a row)."""
    course = builders.course(lessons=2)
    lesson = course.get_children().first().specific
    admin = AdministratorFactory(username="quantri-vi")
    lesson.locked = True
    lesson.locked_by = admin
    lesson.locked_at = timezone.now()
    lesson.save()
    image = builders.screenshot("Màn hình một cửa")
    document = get_document_model().objects.create(
        title="Hướng dẫn ký số", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="huong-dan.pdf")
    )
    trainer = TrainerFactory(username="giangvien-vi")
    trainer.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    return {
        "admin": admin,
        "trainer": trainer,
        "course": course,
        "lesson": lesson,
        "image": image,
        "document": document,
    }


def _screens(data):
    course, lesson = data["course"], data["lesson"]
    return {
        "dashboard": ("/admin/", ["Tổng quan trang", "2 ảnh", "1 tài liệu"]),
        "explorer": (f"/admin/pages/{course.pk}/", ["Thêm trang con", "Sắp xếp"]),
        "create lesson": (
            f"/admin/pages/add/courses/lessonpage/{course.pk}/",
            ["Lưu bản nháp", "Nội dung", "Quảng bá"],
        ),
        "edit lesson": (f"/admin/pages/{lesson.pk}/edit/", ["Lưu bản nháp", "Xem trước", "Lịch sử"]),
        "delete lesson": (
            f"/admin/pages/{lesson.pk}/delete/",
            ["Bạn có chắc muốn xóa trang này không?", "Có 0 tham chiếu tới bài học này.", "Có, xóa trang"],
        ),
        "page history": (f"/admin/pages/{lesson.pk}/history/", ["Lịch sử"]),
        "images": ("/admin/images/", ["Ảnh", "Thêm ảnh", "Sắp xếp theo"]),
        "upload images": ("/admin/images/multiple/add/", ["Thêm nhiều ảnh", "Hoặc chọn từ máy tính của bạn"]),
        "edit image": (f"/admin/images/{data['image'].pk}/", ["Điểm trọng tâm", "Đổi tệp ảnh:"]),
        "documents": ("/admin/documents/", ["Tài liệu", "Thêm tài liệu"]),
        "upload documents": ("/admin/documents/multiple/add/", ["Thêm nhiều tài liệu"]),
        "edit document": (f"/admin/documents/edit/{data['document'].pk}/", ["Đổi tài liệu:"]),
        "users": ("/admin/users/", ["Người dùng", "Thêm người dùng"]),
        "groups": ("/admin/groups/", ["Nhóm", "Thêm nhóm"]),
        "locked pages": ("/admin/reports/locked/", ["Trang bị khóa"]),
        "site history": ("/admin/reports/site-history/", ["Lịch sử website"]),
        "aging pages": ("/admin/reports/aging-pages/", ["Trang lâu chưa cập nhật"]),
        "workflows report": ("/admin/reports/workflow/", ["Quy trình"]),
        "snippets": (reverse(Question.snippet_viewset.get_url_name("list")), ["Ngân hàng câu hỏi", "Thêm"]),
        "account": ("/admin/account/", ["Hồ sơ", "Ảnh đại diện", "Giao diện"]),
        "search": ("/admin/pages/search/?q=bai", ["Tìm kiếm"]),
    }


SCREENS = [
    "dashboard",
    "explorer",
    "create lesson",
    "edit lesson",
    "delete lesson",
    "page history",
    "images",
    "upload images",
    "edit image",
    "documents",
    "upload documents",
    "edit document",
    "users",
    "groups",
    "locked pages",
    "site history",
    "aging pages",
    "workflows report",
    "snippets",
    "account",
    "search",
]


@pytest.mark.parametrize("screen", SCREENS)
def test_admin_screen_shows_no_english_under_vietnamese(client, authoring, screen):
    client.force_login(authoring["admin"])
    url, vietnamese = _screens(authoring)[screen]
    response = client.get(url)
    assert response.status_code == 200, url
    text = visible_text(response.content.decode())
    assert english_in(text) == [], f"{screen}: English on screen: {text}"
    for label in vietnamese:
        assert label in text, f"{screen}: {label!r} missing"


@pytest.mark.parametrize(
    ("url", "vietnamese"),
    [
        ("/admin/login/", ["Đăng nhập", "Quên mật khẩu?"]),
        ("/admin/password_reset/", ["Đặt lại mật khẩu"]),
    ],
)
def test_admin_sign_in_screens_are_vietnamese(client, db, url, vietnamese):
    response = client.get(url)
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert english_in(text) == [], text
    for label in vietnamese:
        assert label in text


def test_trainer_sees_the_editor_in_vietnamese(client, authoring):
    """A trainer (Editors group, no superuser) meets the same Vietnamese editor."""
    client.force_login(authoring["trainer"])
    response = client.get(f"/admin/pages/add/courses/lessonpage/{authoring['course'].pk}/")
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert english_in(text) == []
    assert "Lưu bản nháp" in text


def test_english_interface_keeps_the_admin_in_english(client, authoring):
    client.force_login(authoring["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = visible_text(client.get(f"/admin/pages/{authoring['lesson'].pk}/delete/").content.decode())
    assert "Are you sure you want to delete this page?" in text
    assert "Bạn có chắc muốn xóa trang này không?" not in text
    text = visible_text(client.get("/admin/").content.decode())
    assert "Site summary" in text


def test_admin_javascript_catalogue_is_vietnamese(client, authoring):
    client.force_login(authoring["admin"])
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    script = response.content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalog["Write something or type \u2018/\u2019 to insert a block"].startswith("Viết nội dung")
    assert catalog["Page explorer"] == "Trình duyệt trang"


# --- No request leaves the platform (item 18) ----------------------------------------------------

EXTERNAL = re.compile(
    r"""<(?:img|script|link|iframe|source)\b[^>]*?\b(?:src|href|srcset)=["']((?:https?:)?//[^"']+)""", re.I
)


@pytest.mark.parametrize(
    "screen", ["dashboard", "users", "account", "edit lesson", "locked pages", "site history"]
)
def test_admin_screen_loads_nothing_from_another_host(client, authoring, screen):
    client.force_login(authoring["admin"])
    url, _ = _screens(authoring)[screen]
    html = client.get(url).content.decode()
    assert "gravatar" not in html.lower()
    external = [
        src
        for src in EXTERNAL.findall(html)
        if not re.match(r"(?:https?:)?//(localhost|testserver)[:/]", src)
    ]
    assert external == []


@pytest.mark.parametrize("screen", ["users", "account"])
def test_avatars_are_the_platforms_own_picture(client, authoring, screen):
    """Without gravatar, a user's avatar is Wagtail's default picture, served by the platform."""
    client.force_login(authoring["admin"])
    url, _ = _screens(authoring)[screen]
    html = client.get(url).content.decode()
    assert re.search(r'<img src="/static/wagtailadmin/images/default-user-avatar\.png\?v=', html)
