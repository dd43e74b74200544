"""A lesson for older eyes (issue 20): each screenshot opens full size, and the navigation between
lessons is named in words, its arrows hidden from screen readers."""

import re


def test_screenshots_open_full_size_and_lesson_links_are_named_in_words(signed_in, lessons, image):
    html = signed_in.get(lessons[1].url).content.decode()
    links = re.findall(r'<a class="step-full" href="([^"]+)">', html)
    assert links and all(link == image.file.url for link in links)
    assert "(mở ảnh cỡ đầy đủ)" in html and "Bấm vào ảnh để xem cỡ đầy đủ." in html
    assert re.search(
        r'rel="prev"><span aria-hidden="true">‹</span> <span class="visually-hidden">Bài trước:</span>', html
    )
    assert re.search(
        r'<span class="visually-hidden">Bài sau:</span> [^<]+ <span aria-hidden="true">›</span></a>', html
    )
    assert "</a> ›" not in html
