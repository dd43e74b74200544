"""The course prints as one clean guide."""

from django.urls import reverse


def test_print_view_has_every_lesson_and_step_with_screenshots(signed_in, course, lessons):
    response = signed_in.get(reverse("courses:print", args=[course.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for number, lesson in enumerate(lessons, start=1):
        assert f"Bài {number}. {lesson.title}" in html
    assert html.count('class="step"') == 6
    assert html.count("<picture>") == 6
    assert 'loading="eager"' in html and 'loading="lazy"' not in html
    assert "courses/print.css" in html and 'media="print"' in html
    assert "In hướng dẫn" in html


def test_print_view_needs_the_course(client, course, other_official):
    client.force_login(other_official)
    assert client.get(reverse("courses:print", args=[course.pk])).status_code == 404
