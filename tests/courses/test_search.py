"""Search that ignores Vietnamese diacritics: "dang nhap" finds "đăng nhập"."""

from django.urls import reverse

from courses.search import fold, fold_for_index, query_words
from tests.courses import builders


def test_fold():
    assert fold("Đăng nhập hệ thống MỘT CỬA!") == "dang nhap he thong mot cua"
    assert fold_for_index("Ký số", "USB token") == " ky so usb token "
    assert query_words("  Đăng   nhập đăng ") == ["dang", "nhap"]


def _search(client, query):
    return client.get(reverse("courses:search"), {"q": query})


def test_query_without_diacritics_finds_the_lesson(signed_in, lessons):
    html = _search(signed_in, "dang nhap lan 2").content.decode()
    assert lessons[1].title in html
    assert lessons[0].title not in html


def test_query_with_diacritics_and_capitals_finds_the_same(signed_in, lessons):
    html = _search(signed_in, "ĐĂNG NHẬP LẦN 2").content.decode()
    assert lessons[1].title in html


def test_words_match_the_start_of_words_in_the_body(signed_in, lessons):
    html = _search(signed_in, "ten dang").content.decode()  # "Nhập tên đăng nhập" in every step
    for lesson in lessons:
        assert lesson.title in html
    assert "Không tìm thấy" in _search(signed_in, "ang nhap").content.decode()


def test_search_text_is_refreshed_on_publish(signed_in, course, lessons):
    revision = lessons[0].specific
    revision.title = "Chữ ký số từ xa"
    revision.save_revision().publish()
    assert "Chữ ký số từ xa" in _search(signed_in, "chu ky so").content.decode()


def test_search_only_covers_courses_the_user_may_open(client, course, lessons, other_official, image):
    other = builders.course("Một cửa điện tử", slug="mot-cua-dien-tu", lessons=1, image=image)
    client.force_login(other_official)
    html = _search(client, "dang nhap").content.decode()
    assert lessons[0].title not in html
    assert other.title not in html


def test_too_short_query_is_explained_and_kept(signed_in, course):
    html = _search(signed_in, "d").content.decode()
    assert "Nhập ít nhất 2 ký tự." in html
    assert 'value="d"' in html
