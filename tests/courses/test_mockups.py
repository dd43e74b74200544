"""The drawn screens of the shipped courses (courses/mockups.py): each is as tall as what is drawn on it
(no half-empty picture), and a sign-in screen shows no signed-in official's name in its header."""

import io

import pytest
from PIL import Image, ImageChops

from courses.mockups import BRAND, WIDTH, Screen, render_screen
from courses.seed import screen_build, shipped_courses


def _screens():
    shipped = shipped_courses()
    for course in shipped.courses:
        for lesson in course.lessons:
            for number, step in enumerate(lesson.steps, start=1):
                screen = screen_build(spec=step.screen, systems=shipped.systems)
                yield f"{course.slug}/{lesson.slug}/{number}", step.screen, screen


def _drawn(screen: Screen) -> Image.Image:
    png, _area = render_screen(screen)
    return Image.open(io.BytesIO(png)).convert("RGB")


def _blank_rows_at_the_bottom(image: Image.Image, left: int, right: int) -> int:
    """How many rows at the bottom of the content column (``left``..``right``) hold nothing drawn."""
    column = image.crop((left, 0, right, image.height))
    background = column.getpixel((column.width // 2, column.height - 1))
    for row in range(column.height - 1, -1, -1):
        line = column.crop((0, row, column.width, row + 1))
        if ImageChops.difference(line, Image.new("RGB", line.size, background)).getbbox():
            return column.height - 1 - row
    return column.height


def _name_area(image: Image.Image) -> Image.Image:
    """The right end of the system's header bar, where a signed-in official's name is drawn."""
    return image.crop((WIDTH - 220, 40, WIDTH - 20, 80))


def _is_plain(area: Image.Image, colour: str) -> bool:
    return ImageChops.difference(area, Image.new("RGB", area.size, colour)).getbbox() is None


SCREENS = list(_screens())


@pytest.mark.parametrize(("name", "spec", "screen"), SCREENS, ids=[name for name, *_ in SCREENS])
def test_every_shipped_screen_is_filled_to_its_bottom(name, spec, screen):
    image = _drawn(screen)
    if screen.phone:
        # Inside the phone: below the last button, the screen's margin (24 px), then the phone's chin.
        blank = _blank_rows_at_the_bottom(image, 360, 665)
        assert blank <= 64 + 40 or image.height == 480, name  # a short screen keeps a phone's shape
    else:
        # The lower of the two columns (the menu's items, the page's content) reaches the bottom.
        blank = _blank_rows_at_the_bottom(image, 232 if screen.menu else 24, WIDTH - 24)
        if screen.menu:
            blank = min(blank, _blank_rows_at_the_bottom(image, 8, 200))
        assert blank <= 60 or image.height == 320, name


def test_a_sign_in_screen_has_no_signed_in_name_and_a_signed_in_screen_has_one():
    screens = {name: screen for name, _spec, screen in _screens()}
    sign_in = screens["dang-nhap-tai-khoan/dang-nhap-lan-dau/1"]  # "Đăng nhập hệ thống"
    assert sign_in.heading == "Đăng nhập hệ thống" and sign_in.signed_in is False
    assert _is_plain(_name_area(_drawn(sign_in)), BRAND)
    change = screens["dang-nhap-tai-khoan/dang-nhap-lan-dau/3"]  # the first password change, signed in
    assert change.signed_in is True and not _is_plain(_name_area(_drawn(change)), BRAND)
    documents = screens["quan-ly-van-ban/tiep-nhan-van-ban-den/1"]
    assert not _is_plain(_name_area(_drawn(documents)), BRAND)


def test_no_shipped_sign_in_screen_shows_a_name():
    for name, _spec, screen in _screens():
        if not screen.phone and screen.heading.startswith(("Đăng nhập", "Quên mật khẩu", "Đặt mật khẩu mới")):
            assert _is_plain(_name_area(_drawn(screen)), BRAND), name


def test_the_highlighted_area_follows_the_screens_height():
    screen = Screen(system="Hệ thống", heading="Đăng nhập", target="Đăng nhập", buttons=["Đăng nhập"])
    png, (x, y, width, height) = render_screen(screen)
    image = Image.open(io.BytesIO(png))
    assert image.height == 320  # short content: the smallest screen
    # The button is drawn at y = 150..184 px; with 5 px around it, as percentages of 320 px.
    assert (y, height) == (round(100 * 145 / 320, 1), round(100 * 44 / 320, 1))
