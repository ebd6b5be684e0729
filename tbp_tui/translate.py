"""The translator the command modules are handed: cli.py passes ``Catalog(lang)``, so the plain
packages (progress, room) print in the user's language without importing the UI package."""

from __future__ import annotations

from typing import Protocol

__all__ = ["Translate", "counted"]


class Translate(Protocol):
    """A catalog key and its values in, the sentence in the chosen language out."""

    def __call__(self, key: str, **values: object) -> str: ...


def counted(t: Translate, noun: str, n: int) -> str:
    """«1 modul», «3 moduler»: the catalog's `cli.n.<noun>.one` or `.other`."""
    return t(f"cli.n.{noun}.{'one' if n == 1 else 'other'}", n=n)
