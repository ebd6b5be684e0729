"""Frozen, keyword-only records whose classes cost next to nothing to define.

The course model, the app's options and the session's answers were frozen dataclasses:
dataclasses writes up to six methods per class as source text and compiles them when the
module is imported, 8-14 ms for the course model's 14 classes alone, on every start before home
can paint (issue 22). A Record's methods are
written once, here; a class only lists its fields. For the type checker a subclass is a frozen,
keyword-only dataclass (`dataclass_transform`); at run time it behaves like one: keyword
`__init__` with defaults, equality and hash over the fields in order, a repr, no assignment,
and the same pickle (the instance dict). `replace` and `fields` stand in for `dataclasses`'.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from typing import Any, ClassVar, TypeVar, dataclass_transform

__all__ = ["Record", "fields", "replace"]

@dataclass_transform(kw_only_default=True, frozen_default=True)
class Record:
    """Subclass and annotate the fields; a value in the class body is that field's default.

    Defaults are shared between instances, so they must be immutable (the model's are tuples,
    strings and None). `ClassVar` annotations are not fields.
    """

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _required: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # This class's own annotations (strings), without importing inspect for get_annotations.
        notes = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
        own = [name for name, note in notes.items()
               if not str(note).startswith(("ClassVar", "typing.ClassVar"))]
        cls._fields = (*cls._fields, *(name for name in own if name not in cls._fields))
        defaults = {name: value for name, value in cls._defaults.items() if name not in own}
        defaults.update((name, cls.__dict__[name]) for name in own if name in cls.__dict__)
        cls._defaults = defaults
        cls._required = frozenset(cls._fields) - defaults.keys()

    def __init__(self, **values: Any) -> None:
        cls = type(self)
        if not cls._required <= values.keys() or len(values.keys() - cls._fields) > 0:
            missing = sorted(cls._required - values.keys())
            unknown = sorted(values.keys() - set(cls._fields))
            raise TypeError(f"{cls.__name__}(): missing {missing}, unknown {unknown}")
        state = self.__dict__
        state.update(cls._defaults)
        state.update(values)

    def _values(self) -> tuple[Any, ...]:
        state = self.__dict__
        return tuple(state[name] for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        values = zip(self._fields, self._values(), strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in values)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


R = TypeVar("R", bound=Record)  # after the class: a bound named in a string is compiled


def fields(record: Record) -> tuple[str, ...]:
    """The record's field names, in order (base class fields first)."""
    return record._fields


def replace(record: R, **changes: Any) -> R:
    """A copy of `record` with `changes`, checked like a new record."""
    return type(record)(**{**{name: getattr(record, name) for name in record._fields}, **changes})
