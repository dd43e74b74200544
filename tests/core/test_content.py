"""The content loader: a file that fits its schema comes back as dataclasses; any mistake names the file
and the path inside it, so an editor of shipped content knows what to correct without reading Python."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import pytest

from core.content import ContentError, content_file_load, content_files_load


@dataclass
class Item:
    name: str
    size: Literal["small", "large"] = "small"


@dataclass
class Doc:
    slug: str
    count: int
    items: list[Item]
    pair: tuple[str, str] | None = None
    price: Decimal | None = None
    flag: bool = False
    tags: dict[str, Item] = field(default_factory=dict)

    def __post_init__(self):
        if self.count < 0:
            raise ValueError("count must not be negative")


GOOD = """\
slug: mot
count: 2
items:
  - name: Đăng nhập
  - name: Văn bản đến
    size: large
pair: [Tên đăng nhập, lannt.kinhbac]
price: 2,5
tags:
  a: {name: Ký số}
"""


def _write(tmp_path, text, name="01-mot.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_that_fits_is_read_into_its_schema(tmp_path):
    doc = content_file_load(path=_write(tmp_path, GOOD), schema=Doc)
    assert doc == Doc(
        slug="mot",
        count=2,
        items=[Item("Đăng nhập"), Item("Văn bản đến", "large")],
        pair=("Tên đăng nhập", "lannt.kinhbac"),
        price=Decimal("2.5"),
        tags={"a": Item("Ký số")},
    )


def test_a_folder_is_read_in_the_order_of_the_file_names(tmp_path):
    _write(tmp_path, GOOD.replace("slug: mot", "slug: hai"), name="02-hai.yaml")
    _write(tmp_path, GOOD)
    (tmp_path / "notes.txt").write_text("not content")
    loaded = content_files_load(folder=tmp_path, schema=Doc)
    assert [(item.path.name, item.data.slug) for item in loaded] == [
        ("01-mot.yaml", "mot"),
        ("02-hai.yaml", "hai"),
    ]


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(ContentError, match="no content files"):
        content_files_load(folder=tmp_path, schema=Doc)


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (("count: 2\n", ""), "count", "is required"),
        (("count: 2\n", "count: 2\ncolour: red\n"), "colour", "unknown key"),
        (("count: 2", "count: hai"), "count", "expected a whole number, found text"),
        (
            ("  - name: Đăng nhập", "  - name: 01"),
            "items[0].name",
            "expected text, found int 1 (put text in quotes",
        ),
        (("    size: large", "    size: huge"), "items[1].size", "must be one of small, large; found 'huge'"),
        (("pair: [Tên đăng nhập, lannt.kinhbac]", "pair: [Tên đăng nhập]"), "pair", "exactly 2 items"),
        (("price: 2,5", "price: [1]"), "price", "expected a number, found a list"),
        (("  a: {name: Ký số}", "  a: {name: yes}"), "tags.a.name", "expected text, found true/false"),
        (("count: 2", "count: -1"), "(the whole file)", "count must not be negative"),
        (("tags:\n  a: {name: Ký số}", "tags: [1]"), "tags", "expected a mapping"),
    ],
)
def test_a_mistake_names_the_file_and_the_path_inside_it(tmp_path, change, path, message):
    old, new = change
    assert old in GOOD
    file = _write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        content_file_load(path=file, schema=Doc)
    error = caught.value
    assert error.file == file and error.path == path
    assert message in error.message
    assert str(error).startswith(f"{file}: {path}: ")


def test_invalid_yaml_names_the_file_and_line(tmp_path):
    file = _write(tmp_path, "slug: mot\nitems: [unclosed\n")
    with pytest.raises(ContentError, match=r"(?s)01-mot\.yaml: not valid YAML.*line 3"):
        content_file_load(path=file, schema=Doc)


def test_yaml_is_read_safely(tmp_path):
    file = _write(tmp_path, "!!python/object/apply:os.system ['true']\n")
    with pytest.raises(ContentError, match="not valid YAML"):
        content_file_load(path=file, schema=Doc)
