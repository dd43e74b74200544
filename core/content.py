"""Shipped content as data: the one loader of the YAML files that hold the demo courses, quizzes and the
like, so that adding or correcting shipped content touches no Python.

An app describes the shape of its files with dataclasses (the schema) and asks for them:

    content_files_load(folder=Path(...), schema=CourseSpec)   # every *.yaml of a folder, by file name
    content_file_load(path=Path(...), schema=dict[str, System])  # one file

Each file is read as UTF-8 YAML (safe loading: plain data, no Python objects) and checked against the
schema: a dataclass is a mapping whose keys are its fields (fields with a default may be left out; any
other key is refused), ``list[X]`` a sequence, ``tuple[X, Y]`` a sequence of exactly that length,
``dict[str, X]`` a mapping, ``X | None`` may be left empty, ``Literal[...]`` one of the values, and
``str``, ``int``, ``bool`` and ``Decimal`` what they say (a ``str`` is never made from a number, a date or
true/false: YAML reads ``01`` as the number 1, so such text must be quoted). A dataclass's
``__post_init__`` may raise ``ValueError`` for a check of its own. Any mistake raises ``ContentError``
naming the file and the path inside it (``lessons[1].steps[0].screen.target``).

This module is the bottom layer: it imports no app.
"""

import dataclasses
import types
import typing
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar, Union

import yaml

T = TypeVar("T")


class ContentError(ValueError):
    """A content file that cannot be read or does not fit its schema."""

    def __init__(self, *, file: Path, path: str, message: str):
        self.file, self.path, self.message = Path(file), path, message
        where = f"{self.file}: {path}: " if path else f"{self.file}: "
        super().__init__(where + message)


@dataclass(frozen=True)
class ContentFile(Generic[T]):
    """One loaded file: where it came from and what it holds."""

    path: Path
    data: T


class _Mismatch(Exception):
    def __init__(self, path: str, message: str):
        self.path, self.message = path, message


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping (key: value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    return f"{type(value).__name__} {value!r}"


def _convert(value: Any, schema: Any, path: str) -> Any:
    origin, args = typing.get_origin(schema), typing.get_args(schema)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _convert(value, inner, path)
    if origin is Literal:
        if value not in args:
            choices = ", ".join(str(arg) for arg in args)
            raise _Mismatch(path, f"must be one of {choices}; found {value!r}")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise _Mismatch(path, f"expected a list, found {_describe(value)}")
        return [_convert(item, args[0], _join(path, index)) for index, item in enumerate(value)]
    if origin is tuple:
        if not isinstance(value, list) or len(value) != len(args):
            raise _Mismatch(path, f"expected a list of exactly {len(args)} items, found {_describe(value)}")
        return tuple(
            _convert(item, arg, _join(path, index))
            for index, (item, arg) in enumerate(zip(value, args, strict=True))
        )
    if origin is dict:
        if not isinstance(value, dict):
            raise _Mismatch(path, f"expected a mapping (key: value), found {_describe(value)}")
        return {
            _convert(key, args[0], path): _convert(item, args[1], _join(path, str(key)))
            for key, item in value.items()
        }
    if dataclasses.is_dataclass(schema):
        return _record(value, schema, path)
    if schema is str:
        if not isinstance(value, str):
            raise _Mismatch(path, f'expected text, found {_describe(value)} (put text in quotes: "...")')
        return value
    if schema is bool:
        if not isinstance(value, bool):
            raise _Mismatch(path, f"expected true or false, found {_describe(value)}")
        return value
    if schema is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Mismatch(path, f"expected a whole number, found {_describe(value)}")
        return value
    if schema is Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise _Mismatch(path, f"expected a number, found {_describe(value)}")
        try:
            return Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise _Mismatch(path, f"expected a number, found {value!r}") from None
    raise TypeError(f"core.content cannot read the type {schema!r}")  # a mistake in the schema, not the file


def _record(value: Any, schema: type, path: str) -> Any:
    if not isinstance(value, dict):
        raise _Mismatch(path, f"expected a mapping (key: value), found {_describe(value)}")
    fields = {field.name: field for field in dataclasses.fields(schema) if field.init}
    hints = typing.get_type_hints(schema)
    unknown = [key for key in value if key not in fields]
    if unknown:
        raise _Mismatch(_join(path, str(unknown[0])), f"unknown key; the keys here are: {', '.join(fields)}")
    kwargs = {}
    for name, field in fields.items():
        if name in value:
            kwargs[name] = _convert(value[name], hints[name], _join(path, name))
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise _Mismatch(_join(path, name), "is required")
    try:
        return schema(**kwargs)
    except ValueError as exc:
        raise _Mismatch(path, str(exc)) from None


def content_parse(*, text: str, schema: Any, file: Path) -> Any:
    """``text`` read as YAML and checked against ``schema``; ``file`` names it in errors."""
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ContentError(file=file, path="", message=f"not valid YAML: {exc}") from None
    try:
        return _convert(value, schema, "")
    except _Mismatch as exc:
        raise ContentError(file=file, path=exc.path or "(the whole file)", message=exc.message) from None


def content_file_load(*, path: Path, schema: Any) -> Any:
    """The file at ``path``, checked against ``schema``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(file=path, path="", message=f"cannot be read: {exc}") from None
    return content_parse(text=text, schema=schema, file=Path(path))


def content_files_load(*, folder: Path, schema: Any, pattern: str = "*.yaml") -> list[ContentFile]:
    """Every file of ``folder`` matching ``pattern``, in the order of their names, each checked against
    ``schema``. An empty or missing folder is an error: shipped content never vanishes silently."""
    files = sorted(Path(folder).glob(pattern))
    if not files:
        raise ContentError(file=folder, path="", message=f"no content files ({pattern}) in this folder")
    return [ContentFile(path=file, data=content_file_load(path=file, schema=schema)) for file in files]
