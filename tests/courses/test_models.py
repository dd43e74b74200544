"""Page types, where they may be created, the blocks' validation and rendering, assignments' rules."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import CheckBlock, LessonBodyBlock, PractiseBlock, StepBlock, VideoBlock
from courses.models import Assignment, CourseIndexPage, CoursePage, LessonPage
from people.groups import EDITORS_GROUP
from portal.models import HomePage
from tests.courses import builders


def test_page_tree_rules(db):
    home = builders.site_home()
    index = builders.course_index()
    assert CourseIndexPage.can_create_at(home) is False  # only one index
    assert CoursePage.can_create_at(home) is False
    assert CoursePage.can_create_at(index) is True
    course = builders.course(lessons=1)
    assert LessonPage.can_create_at(course) is True
    assert LessonPage.can_create_at(index) is False
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert LessonPage.allowed_subpage_models() == []


def _step(**overrides):
    value = {
        "instruction": "Bấm Đăng nhập",
        "screenshot": None,
        "highlight_x": 10.0,
        "highlight_y": 10.0,
        "highlight_width": 20.0,
        "highlight_height": 10.0,
        "expected_result": "Trang chủ mở ra.",
        "common_mistake": "",
        "mistake_fix": "",
    }
    value.update(overrides)
    return value


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"highlight_height": None}, "highlight_x"),
        ({"highlight_x": 90.0, "highlight_width": 20.0}, "highlight_width"),
        ({"highlight_y": 95.0}, "highlight_height"),
        ({"common_mistake": "Quên bật Caps Lock."}, "mistake_fix"),
    ],
)
def test_step_block_refuses_inconsistent_values(image, overrides, field):
    block = StepBlock()
    value = block.to_python({**_step(**overrides), "screenshot": image.pk})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert field in error.value.block_errors


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"highlight_x": -1.0}, "highlight_x"),
        ({"highlight_y": 100.5, "highlight_height": 0.0}, "highlight_y"),
        ({"highlight_x": 0.0, "highlight_width": 101.0}, "highlight_width"),
        ({"highlight_height": -0.1}, "highlight_height"),
        ({"highlight_x": 60.1, "highlight_width": 40.0}, "highlight_width"),
    ],
)
def test_step_highlight_stays_on_the_picture(image, overrides, field):
    """What the drawing widget fills (or a keyboard user types) is refused outside 0–100 % or past
    the right or bottom edge."""
    block = StepBlock()
    value = block.to_python({**_step(**overrides), "screenshot": image.pk})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert field in error.value.block_errors


def test_step_highlight_may_reach_the_edges(image):
    block = StepBlock()
    edges = {"highlight_x": 0.0, "highlight_y": 70.0, "highlight_width": 100.0, "highlight_height": 30.0}
    value = block.clean(block.to_python({**_step(**edges), "screenshot": image.pk}))
    assert value.highlight == {"x": "0", "y": "70", "width": "100", "height": "30"}


def test_step_form_carries_the_drawing_widget():
    from wagtail.admin.telepath import JSContext

    context = JSContext()
    packed = context.pack(StepBlock())
    attrs = packed["_args"][2]["attrs"]
    assert attrs["data-controller"] == "courses-highlight"
    assert attrs["data-courses-highlight-preview-url-value"] == "/admin/courses/screenshots/0/"
    assert any("courses/admin/highlight.js" in str(path) for path in context.media._js)


def test_step_without_highlight_is_valid(image):
    block = StepBlock()
    value = block.to_python(
        {
            **_step(highlight_x=None, highlight_y=None, highlight_width=None, highlight_height=None),
            "screenshot": image.pk,
        }
    )
    assert block.clean(value).highlight is None


def test_video_needs_exactly_one_source():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(
            block.to_python({"title": "Hướng dẫn", "video_file": None, "embed": None, "transcript": ""})
        )


def test_step_renders_screenshot_with_lazy_renditions_and_svg_highlight(image):
    block = StepBlock()
    value = block.to_python({**_step(highlight_x=12.5), "screenshot": image.pk})
    html = block.render(value, context={"step_number": 3, "block_id": "abc"})
    assert "Bước 3" in html
    assert 'loading="lazy"' in html
    assert 'type="image/webp"' in html and ".jpg" in html  # webp source, jpeg fallback
    assert '<rect class="step-highlight" x="12.5" y="10" width="20" height="10"' in html
    assert "style=" not in html


def test_print_renders_images_eagerly(image):
    block = StepBlock()
    html = block.render(
        block.to_python({**_step(), "screenshot": image.pk}), context={"img_loading": "eager"}
    )
    assert 'loading="eager"' in html


def test_practise_and_check_link_to_sandbox_and_quiz():
    practise = PractiseBlock()
    html = practise.render(practise.to_python({"scenario": "ky-so-usb", "description": ""}))
    assert 'href="/sandbox/scenarios/ky-so-usb/"' in html and "Thực hành ngay" in html
    check = CheckBlock()
    html = check.render(check.to_python({"quiz": "kiem-tra-ky-so", "title": "Kiểm tra", "description": ""}))
    assert 'href="/quizzes/kiem-tra-ky-so/"' in html and "Tự kiểm tra" in html


def test_practise_shows_the_practices_own_title():
    from sandbox.scenarios.catalogue import SCENARIOS

    block = PractiseBlock()
    html = block.render(block.to_python({"scenario": "ky-so-usb", "description": "Ký thử một văn bản."}))
    assert f"<h3>{SCENARIOS['ky-so-usb'].title}</h3>" in html
    assert "Ký thử một văn bản." in html


def test_practise_offers_the_sandbox_practices_by_number_and_title():
    from sandbox.scenarios.catalogue import SCENARIOS

    choices = dict(PractiseBlock().child_blocks["scenario"].field.choices)
    assert set(choices) - {""} == set(SCENARIOS)
    assert choices["vb-den-tiep-nhan"] == f"Bài 1: {SCENARIOS['vb-den-tiep-nhan'].title}"
    assert choices["dang-nhap-co-ban"] == SCENARIOS["dang-nhap-co-ban"].title  # no task number


@pytest.mark.parametrize("slug", ["dang-nhap-co-bn", "Ký số USB", ""])
def test_practise_refuses_a_practice_the_sandbox_does_not_have(slug):
    block = PractiseBlock()
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(block.to_python({"scenario": slug, "description": ""}))
    message = " ".join(caught.value.block_errors["scenario"].messages)
    if slug:
        assert "Không có bài thực hành này" in message
    else:
        assert message  # required


def test_practise_whose_practice_is_gone_is_not_shown_to_learners():
    block = PractiseBlock()
    assert block.render(block.to_python({"scenario": "dang-nhap-co-bn", "description": ""})).strip() == ""


def test_steps_are_numbered_in_order_skipping_other_blocks(db, image):
    course = builders.course(lessons=0)
    page = builders.lesson(
        course,
        "Bài có nhiều khối",
        body=[
            ("text", "<p>Mở đầu</p>"),
            builders.step("Bước đầu", image),
            ("practise", {"scenario": "dang-nhap-co-ban", "description": ""}),
            builders.step("Bước hai", image),
        ],
    )
    numbers = [number for _block, number in page.numbered_body()]
    assert numbers == [None, 1, None, 2]
    assert LessonBodyBlock().child_blocks.keys() >= {
        "text",
        "image",
        "video",
        "guide",
        "step",
        "practise",
        "check",
    }


def test_assignment_needs_a_criterion_and_a_consistent_place(db, commune, other_province):
    with pytest.raises(ValidationError):
        Assignment(course_id=1).clean()
    with pytest.raises(ValidationError) as error:
        Assignment(course_id=1, province=other_province, commune=commune).clean()
    assert "commune" in error.value.message_dict
    Assignment(course_id=1, job_role="one_stop").clean()


def test_guide_template_offers_the_pdf(db):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model().objects.create(
        title="Tóm tắt", file=ContentFile(b"%PDF-1.4", name="tom-tat.pdf")
    )
    html = render_to_string(
        "courses/blocks/guide.html",
        {"value": {"document": document, "title": "Bản tóm tắt", "description": ""}},
    )
    assert document.url in html and "Tải tài liệu PDF" in html


def test_commune_chooser_searches_without_diacritics_within_the_trainers_province(
    client, trainer, commune, other_commune
):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from tests.factories import CommuneFactory

    CommuneFactory(name="Phường Võ Cường", codename="phuong_vo_cuong", province=commune.province)
    commune.codename = "phuong_kinh_bac"
    commune.save()
    trainer.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(trainer)
    url = reverse("courses_commune_chooser:choose_results")
    html = client.get(url, {"q": "kinh bac"}).content.decode()
    assert "Phường Kinh Bắc" in html and "Phường Võ Cường" not in html
    html = client.get(url).content.decode()
    assert "Phường Võ Cường" in html
    assert other_commune.name not in html  # another province
