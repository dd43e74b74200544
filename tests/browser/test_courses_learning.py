"""In a browser: a new official signs in, sees the courses assigned to their province, completes a
lesson with the "Đã xong bài này" button, signs out, comes back and resumes where they left off."""

import pytest
from playwright.sync_api import expect

from courses.selectors import live_lessons
from tests.browser.conftest import sign_in
from tests.courses import builders
from tests.factories import DEFAULT_PASSWORD, CommuneFactory, OfficialFactory, ProvinceFactory

pytestmark = pytest.mark.browser


def test_new_official_completes_a_lesson_and_resumes(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    official = OfficialFactory(username="canbo-moi", commune=CommuneFactory(province=province))
    # Publishing queues the assignment sync; the test settings run django-q2 tasks at once.
    course = builders.course(assignments=[{"province": province, "due_date": builders.due(14)}])
    builders.course("Một cửa điện tử", slug="mot-cua-dien-tu", lessons=1)  # not assigned to anyone
    first, second, _third = live_lessons(course)

    page = new_page()
    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", name="Khóa học của tôi")).to_be_visible()
    card = page.locator(".course-row")
    expect(card).to_have_count(1)
    expect(card.get_by_role("link", name=course.title, exact=True)).to_be_visible()
    expect(card).to_contain_text("Chưa bắt đầu")
    expect(card).to_contain_text("Đã học 0/3 bài")
    expect(card).to_contain_text("Hạn hoàn thành: " + builders.due(14).strftime("%d/%m/%Y"))

    card.get_by_role("link", name="Bắt đầu học").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    steps = page.locator(".step")
    expect(steps).to_have_count(2)
    expect(steps.first.get_by_role("heading")).to_contain_text("Bước 1")
    expect(steps.first.locator("img")).to_have_attribute("loading", "lazy")
    expect(steps.first.locator("rect.step-highlight")).to_have_attribute("width", "30")
    page.get_by_role("button", name="Đã xong bài này").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    expect(page.get_by_role("status")).to_contain_text(f"bạn đã xong bài “{first.title}”")
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()

    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    card = page.locator(".course-row")
    expect(card).to_contain_text("Đang học")
    expect(card).to_contain_text("Đã học 1/3 bài")
    card.get_by_role("link", name="Học tiếp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)


# Reads a step's screenshot as the browser shows it: its size, how many rows at its bottom hold
# nothing (in the page's column, 3 %..97 % of the width) and how far the right end of the header bar
# (where a signed-in name is drawn) strays from the header's plain colour.
_SCREENSHOT_FACTS = """(img) => {
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext("2d");
  context.drawImage(img, 0, 0);
  const { width, height } = canvas;
  const pixels = context.getImageData(0, 0, width, height).data;
  const at = (x, y) => pixels.slice((y * width + x) * 4, (y * width + x) * 4 + 3);
  const apart = (a, b) => Math.max(...[0, 1, 2].map((i) => Math.abs(a[i] - b[i])));
  const background = at(Math.floor(width / 2), height - 1);
  let blank = 0;
  rows: for (let y = height - 1; y >= 0; y--) {
    for (let x = Math.floor(width * 0.03); x < width * 0.97; x++) {
      if (apart(at(x, y), background) > 40) break rows;
    }
    blank++;
  }
  const scale = width / 1024;
  const brand = [11, 79, 138];
  let stray = 0;
  for (let y = Math.round(42 * scale); y < 78 * scale; y++) {
    for (let x = Math.round(810 * scale); x < 1000 * scale; x++) {
      stray = Math.max(stray, apart(at(x, y), brand));
    }
  }
  return { width, height, blank, stray };
}"""


def _drawn_screen_image(title: str, system: str, heading: str):
    """The shipped course's own drawing of one of its screens, stored as a Wagtail image."""
    import io

    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    from courses.mockups import render_screen
    from courses.seed import screen_build, shipped_courses

    shipped = shipped_courses()
    spec = next(
        step.screen
        for course in shipped.courses
        for lesson in course.lessons
        for step in lesson.steps
        if step.screen.system == system and step.screen.heading == heading
    )
    png, area = render_screen(screen_build(spec=spec, systems=shipped.systems))
    image = get_image_model()(title=title, file=ImageFile(io.BytesIO(png), name=f"{system}.png"))
    image._set_image_file_metadata()
    image.save()
    return image, area


def test_lesson_screens_are_filled_and_the_sign_in_screen_shows_no_name(
    migrated_data, live, new_page, django_db_serialized_rollback
):
    province = ProvinceFactory(name="Tỉnh Bắc Ninh")
    official = OfficialFactory(username="canbo-xem-anh", commune=CommuneFactory(province=province))
    sign_in_screen, sign_in_area = _drawn_screen_image("Màn hình đăng nhập", "sso", "Đăng nhập hệ thống")
    documents_screen, documents_area = _drawn_screen_image(
        "Màn hình văn bản đến", "qlvb", "Văn bản đến chờ tiếp nhận"
    )
    course = builders.course(lessons=0, assignments=[{"province": province, "due_date": builders.due(14)}])
    lesson = builders.lesson(
        course,
        "Đăng nhập rồi mở văn bản đến",
        body=[
            builders.step("Bấm “Đăng nhập”", sign_in_screen, area=sign_in_area),
            builders.step("Mở văn bản đến", documents_screen, area=documents_area),
        ],
    )

    page = new_page()
    sign_in(page, live, official.username, DEFAULT_PASSWORD)
    page.goto(f"{live.url}{lesson.url}")
    facts = []
    for image in page.locator(".step-frame img").all():
        image.scroll_into_view_if_needed()
        page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        facts.append(image.evaluate(_SCREENSHOT_FACTS))
    sign_in_facts, documents_facts = facts
    # As tall as what is drawn on it: no blank lower half (it was 1024 x 640 with 57 % blank).
    assert sign_in_facts["height"] < 0.45 * sign_in_facts["width"], sign_in_facts
    assert sign_in_facts["blank"] < 0.2 * sign_in_facts["height"], sign_in_facts
    # Nobody is signed in on the sign-in screen: the header's right end is plain; once signed in, the
    # official's name is drawn there.
    assert sign_in_facts["stray"] < 60, sign_in_facts
    assert documents_facts["stray"] > 120, documents_facts
    # The red frame sits on the "Đăng nhập" button of the shorter picture.
    frame = page.locator("rect.step-highlight").first
    expect(frame).to_have_attribute("y", f"{sign_in_area[1]:g}")
