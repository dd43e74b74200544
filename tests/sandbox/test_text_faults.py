"""Issue 16, item 23: small text faults of the sandbox's data and documents."""

from types import SimpleNamespace

from faker import Faker

from sandbox import fake, pdf


def test_a_province_name_keeps_its_capitals_inside_a_sentence():
    assert fake._province_phrase(SimpleNamespace(province_name="Bắc Ninh")) == "Bắc Ninh"
    assert fake._province_phrase(SimpleNamespace(province_name="Tỉnh Bắc Ninh")) == "tỉnh Bắc Ninh"
    assert fake._province_phrase(SimpleNamespace(province_name="Thành phố Hà Nội")) == "thành phố Hà Nội"


def test_generated_names_never_repeat_a_word():
    faker = Faker("vi_VN")
    faker.seed_instance(16)
    for _ in range(2000):
        words = fake.person_name(faker).split()
        assert len(words) == len(set(words)), words


def test_the_recipients_lines_end_with_one_semicolon(monkeypatch):
    captured = []
    original = pdf.Paragraph

    def paragraph(text, *args, **kwargs):
        captured.append(text)
        return original(text, *args, **kwargs)

    pdf._register_fonts()
    monkeypatch.setattr(pdf, "Paragraph", paragraph)
    pdf._closing(
        recipients=["UBND tỉnh Bắc Ninh;", "Sở Tư pháp tỉnh Bắc Ninh", "Các thôn."],
        drafting_unit="VP",
        signer_lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn A"],
        slots={},
    )
    lines = [text for text in captured if text.startswith("- ") and "Lưu" not in text]
    assert lines == ["- UBND tỉnh Bắc Ninh;", "- Sở Tư pháp tỉnh Bắc Ninh;", "- Các thôn;"]
