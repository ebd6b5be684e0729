"""The learner's progress as plain, mutable objects, and its TOML shape.

The file keeps everything it does not understand: unknown keys at every level go to ``extra``
and are written back, and modules or steps the course no longer has are kept. A course update
or a newer app must never wipe a learner's answers. ``schema_version`` is written in every
file; older files go through :func:`migrate`, newer or nonsensical ones raise
:class:`SchemaError` (the store then sets the file aside).

File shape (version 1)::

    schema_version = 1
    approach = "praksis"          # absent = all approaches
    first_run_done = true
    [current]                     # absent = not started
    module = "kk1"
    step = "hva-er-traume"
    [settings]
    theme = "standard"
    language = "nb"
    bell = true
    [modules.kk1]
    seen = ["a", "b"]             # ordered, no duplicates
    skipped = ["c"]
    seconds = 312.5
    [modules.kk1.reflections.egen-erfaring]
    text = "..."
    written_at = "2025-01-31T12:00:00Z"
    [[modules.kk1.quiz.sjekk-forstaelsen]]
    chosen = [2]
    correct = true
    at = "2025-01-31T12:01:00Z"
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Collection, Mapping
from datetime import UTC, datetime
from typing import Any

from tbp_tui.files import long_dotted_key

from .messages import DamageCode, FileDamage

__all__ = [
    "APPROACHES",
    "LANGUAGES",
    "SCHEMA_VERSION",
    "ModuleProgress",
    "Position",
    "Progress",
    "QuizAttempt",
    "Reflection",
    "SchemaError",
    "Serializer",
    "Settings",
    "dumps",
    "from_dict",
    "iso_utc",
    "loads",
    "migrate",
    "parse",
    "to_dict",
    "utc_now",
]

SCHEMA_VERSION = 1
APPROACHES = ("kunnskap", "praksis", "erfaring")
LANGUAGES = ("nb", "en")
DEFAULT_THEME = "standard"


class SchemaError(ValueError):
    """The file is not a progress file this app can use; ``damage`` says what, as a code.

    The store words it in the learner's language when it sets the file aside; ``str()`` is
    only for logs and tracebacks.
    """

    def __init__(self, code: DamageCode, **params: str) -> None:
        self.damage = FileDamage(code, params)
        super().__init__(" ".join([code, *(f"{k}={v}" for k, v in params.items())]))


def utc_now() -> datetime:
    """The default clock of the store; injectable so tests control time."""
    return datetime.now(UTC)


def iso_utc(moment: datetime) -> str:
    """ISO-8601 in UTC with a ``Z``, seconds precision: stable, sortable, readable."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Fields:
    """Equality and repr over ``__slots__``, as a dataclass has them, for the mutable classes
    below: written out once here, where @dataclass would compile six methods per class from
    source text at every start before home can paint (issue 22)."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # mutable: unhashable, as a dataclass is

    def __repr__(self) -> str:
        pairs = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({pairs})"


class Reflection(_Fields):
    """A reflection answer, with when it was last written."""

    __slots__ = ("extra", "text", "written_at")

    def __init__(self, text: str, written_at: str, extra: dict[str, Any] | None = None) -> None:
        self.text = text
        self.written_at = written_at
        self.extra: dict[str, Any] = {} if extra is None else extra

    @property
    def written(self) -> bool:
        """An answer erased back to blank is kept in the file but counts and exports as none."""
        return bool(self.text.strip())


class QuizAttempt(_Fields):
    """One quiz answer: chosen 1-based options, whether it matched, and when."""

    __slots__ = ("at", "chosen", "correct", "extra")

    def __init__(self, chosen: list[int], correct: bool, at: str,
                 extra: dict[str, Any] | None = None) -> None:
        self.chosen = chosen
        self.correct = correct
        self.at = at
        self.extra: dict[str, Any] = {} if extra is None else extra


class ModuleProgress(_Fields):
    """What the learner explored in one module (kept even if the course drops the module)."""

    __slots__ = ("extra", "quiz", "reflections", "seconds", "seen", "skipped")

    def __init__(
        self,
        seen: list[str] | None = None,
        skipped: list[str] | None = None,
        reflections: dict[str, Reflection] | None = None,
        quiz: dict[str, list[QuizAttempt]] | None = None,
        seconds: float = 0.0,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.seen: list[str] = [] if seen is None else seen
        self.skipped: list[str] = [] if skipped is None else skipped
        self.reflections: dict[str, Reflection] = {} if reflections is None else reflections
        self.quiz: dict[str, list[QuizAttempt]] = {} if quiz is None else quiz
        self.seconds = seconds
        self.extra: dict[str, Any] = {} if extra is None else extra

    @property
    def passed_over(self) -> list[str]:
        """Steps skipped at their content note and not read since: a step read later counts as
        seen, not skipped (home, Dine data and the export all count it so)."""
        return [s for s in self.skipped if s not in self.seen]


class Position(_Fields):
    """Where the learner was: resume point."""

    __slots__ = ("extra", "module", "step")

    def __init__(self, module: str, step: str, extra: dict[str, Any] | None = None) -> None:
        self.module = module
        self.step = step
        self.extra: dict[str, Any] = {} if extra is None else extra


class Settings(_Fields):
    """Per-profile settings, so a shared Unix account still gives each learner theirs."""

    __slots__ = ("bell", "extra", "language", "theme")

    def __init__(self, theme: str = DEFAULT_THEME, language: str = "nb", bell: bool = True,
                 extra: dict[str, Any] | None = None) -> None:
        self.theme = theme
        self.language = language
        self.bell = bell
        self.extra: dict[str, Any] = {} if extra is None else extra


class Progress(_Fields):
    """Everything stored for one profile."""

    __slots__ = ("approach", "current", "extra", "first_run_done", "modules", "settings")

    def __init__(
        self,
        current: Position | None = None,
        approach: str | None = None,
        settings: Settings | None = None,
        first_run_done: bool = False,
        modules: dict[str, ModuleProgress] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        self.current = current
        self.approach = approach
        self.settings = Settings() if settings is None else settings
        self.first_run_done = first_run_done
        self.modules: dict[str, ModuleProgress] = {} if modules is None else modules
        self.extra: dict[str, Any] = {} if extra is None else extra

    def explored(self, module_id: str, step_ids: Collection[str]) -> tuple[int, int]:
        """(steps seen, reflections written) among ``step_ids``; a blank answer is not written.

        Only the course's current steps count, so ids kept from an older course never inflate it.
        """
        found = self.modules.get(module_id)
        if found is None:
            return 0, 0
        seen = sum(1 for s in found.seen if s in step_ids)
        written = sum(1 for k, r in found.reflections.items() if k in step_ids and r.written)
        return seen, written

    def module(self, module_id: str) -> ModuleProgress:
        """The progress of ``module_id``, created empty on first use."""
        found = self.modules.get(module_id)
        if found is None:
            found = self.modules[module_id] = ModuleProgress()
        return found


# ---------------------------------------------------------------- migration


def _migrate_v0(raw: dict[str, Any]) -> dict[str, Any]:
    """v0 (prototype files, no ``schema_version``) stored module time as integer ``time``."""
    modules = raw.get("modules")
    if isinstance(modules, dict):
        for entry in modules.values():
            if isinstance(entry, dict) and "time" in entry and "seconds" not in entry:
                entry["seconds"] = entry.pop("time")
    raw["schema_version"] = 1
    return raw


_MIGRATIONS = {0: _migrate_v0}


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a parsed file up to :data:`SCHEMA_VERSION`, one step at a time.

    A file without ``schema_version`` is version 0. A newer version than this app knows, or a
    version that is not a non-negative integer, raises :class:`SchemaError`.
    """
    version = raw.get("schema_version", 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SchemaError("bad-version", value=repr(version))
    if version > SCHEMA_VERSION:
        raise SchemaError("newer-version", version=str(version))
    while version < SCHEMA_VERSION:
        raw = _MIGRATIONS[version](raw)
        version = raw["schema_version"]
    return raw


# ---------------------------------------------------------------- parsing


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError("not-table", where=where)
    return dict(value)


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SchemaError("not-text", where=where)
    return value


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise SchemaError("not-bool", where=where)
    return value


def _ids(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError("not-text-list", where=where)
    return list(dict.fromkeys(value))  # ordered set


def _seconds(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SchemaError("not-number", where=where)
    if not math.isfinite(value) or value < 0:
        raise SchemaError("not-finite", where=where)
    return float(value)


def _reflection(value: object, where: str) -> Reflection:
    raw = _table(value, where)
    text = _text(raw.pop("text", None), f"{where}.text")
    written_at = _text(raw.pop("written_at", ""), f"{where}.written_at")
    return Reflection(text, written_at, raw)


def _attempt(value: object, where: str) -> QuizAttempt:
    raw = _table(value, where)
    chosen = raw.pop("chosen", None)
    if not isinstance(chosen, list) or not all(
        isinstance(c, int) and not isinstance(c, bool) and c >= 1 for c in chosen
    ):
        raise SchemaError("bad-chosen", where=f"{where}.chosen")
    correct = _flag(raw.pop("correct", None), f"{where}.correct")
    at = _text(raw.pop("at", ""), f"{where}.at")
    return QuizAttempt(list(chosen), correct, at, raw)


def _module(value: object, where: str) -> ModuleProgress:
    raw = _table(value, where)
    result = ModuleProgress()
    result.seen = _ids(raw.pop("seen", []), f"{where}.seen")
    result.skipped = _ids(raw.pop("skipped", []), f"{where}.skipped")
    result.seconds = _seconds(raw.pop("seconds", 0), f"{where}.seconds")
    reflections = _table(raw.pop("reflections", {}), f"{where}.reflections")
    result.reflections = {
        step: _reflection(entry, f"{where}.reflections.{step}")
        for step, entry in reflections.items()
    }
    quiz = _table(raw.pop("quiz", {}), f"{where}.quiz")
    for step, attempts in quiz.items():
        if not isinstance(attempts, list):
            raise SchemaError("not-list", where=f"{where}.quiz.{step}")
        result.quiz[step] = [
            _attempt(a, f"{where}.quiz.{step}[{i}]") for i, a in enumerate(attempts)
        ]
    result.extra = raw
    return result


def from_dict(raw: Mapping[str, Any]) -> Progress:
    """Build a :class:`Progress` from parsed TOML (after migration); raises SchemaError."""
    data = migrate(dict(raw))
    data.pop("schema_version")
    progress = Progress()
    if "current" in data:
        current = _table(data.pop("current"), "current")
        module = _text(current.pop("module", None), "current.module")
        step = _text(current.pop("step", None), "current.step")
        progress.current = Position(module, step, current)
    if "approach" in data:
        approach = _text(data.pop("approach"), "approach")
        if approach not in APPROACHES:
            raise SchemaError("unknown", where="approach", value=repr(approach))
        progress.approach = approach
    settings = _table(data.pop("settings", {}), "settings")
    theme = _text(settings.pop("theme", DEFAULT_THEME), "settings.theme")
    language = _text(settings.pop("language", "nb"), "settings.language")
    if language not in LANGUAGES:
        raise SchemaError("unknown", where="settings.language", value=repr(language))
    bell = _flag(settings.pop("bell", True), "settings.bell")
    progress.settings = Settings(theme, language, bell, settings)
    progress.first_run_done = _flag(data.pop("first_run_done", False), "first_run_done")
    modules = _table(data.pop("modules", {}), "modules")
    progress.modules = {
        module_id: _module(entry, f"modules.{module_id}") for module_id, entry in modules.items()
    }
    progress.extra = data
    return progress


# ---------------------------------------------------------------- writing


def _module_dict(module: ModuleProgress) -> dict[str, Any]:
    out: dict[str, Any] = dict(module.extra)
    out["seen"] = list(module.seen)
    out["skipped"] = list(module.skipped)
    out["seconds"] = module.seconds
    if module.reflections:
        out["reflections"] = {
            step: {**r.extra, "text": r.text, "written_at": r.written_at}
            for step, r in module.reflections.items()
        }
    if module.quiz:
        out["quiz"] = {
            step: [
                {**a.extra, "chosen": list(a.chosen), "correct": a.correct, "at": a.at}
                for a in attempts
            ]
            for step, attempts in module.quiz.items()
        }
    return out


def to_dict(progress: Progress) -> dict[str, Any]:
    """The TOML-ready dict of ``progress``, unknown keys included."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    out.update(progress.extra)
    out["schema_version"] = SCHEMA_VERSION
    if progress.approach is not None:
        out["approach"] = progress.approach
    out["first_run_done"] = progress.first_run_done
    if progress.current is not None:
        pos = progress.current
        out["current"] = {**pos.extra, "module": pos.module, "step": pos.step}
    s = progress.settings
    out["settings"] = {**s.extra, "theme": s.theme, "language": s.language, "bell": s.bell}
    out["modules"] = {mid: _module_dict(m) for mid, m in progress.modules.items()}
    return out


class Serializer:
    """Writes progress as TOML with tomli-w, re-using the text of parts that did not change.

    tomli-w is pure Python and walks every string character by character: a full profile
    (15 modules, 40 reflections of 2 kB) takes 7–12 ms. Between two saves usually one thing
    changes, so the TOML of each module's own table and of each reflection is cached under the
    ``repr`` of its dict (repr, not ``==``, because ``1 == 1.0 == True`` but their TOML differs)
    and only changed parts are formatted again. Every part is its own table
    (``[modules.<id>]``, ``[modules.<id>.reflections.<step>]``), so the pieces concatenate
    into one valid document.
    """

    def __init__(self) -> None:
        self._cache: dict[tuple[str, ...], tuple[str, str]] = {}

    def _piece(
        self, cache: dict[tuple[str, ...], tuple[str, str]], key: tuple[str, ...],
        value: dict[str, Any], document: Callable[[tuple[str, ...], dict[str, Any]], dict[str, Any]],
    ) -> str:
        import tomli_w  # writing only: a start that does not save never needs it

        fingerprint = repr(value)
        hit = self._cache.get(key)
        if hit is None or hit[0] != fingerprint:
            hit = (fingerprint, tomli_w.dumps(document(key, value)))
        cache[key] = hit
        return hit[1]

    def _top(self, data: dict[str, Any]) -> dict[str, Any]:
        """The top-level keys as written; a sealed profile adds its ``[seal]`` table here."""
        return data

    def _reflection(self, module_id: str, step_id: str, table: dict[str, Any]) -> dict[str, Any]:
        """A reflection's table as written; a sealed profile encrypts it here."""
        return table

    @staticmethod
    def _module_document(key: tuple[str, ...], module: dict[str, Any]) -> dict[str, Any]:
        return {"modules": {key[0]: module}}

    def _reflection_document(self, key: tuple[str, ...], reflection: dict[str, Any]) -> dict[str, Any]:
        module_id, step_id = key
        written = self._reflection(module_id, step_id, reflection)
        return {"modules": {module_id: {"reflections": {step_id: written}}}}

    def dumps(self, progress: Progress) -> bytes:
        """Serialise to UTF-8 TOML bytes."""
        import tomli_w

        data = to_dict(progress)
        modules: dict[str, Any] = data.pop("modules")
        parts = [tomli_w.dumps(self._top(data))]
        cache: dict[tuple[str, ...], tuple[str, str]] = {}
        for module_id, module in modules.items():
            reflections: dict[str, Any] = module.pop("reflections", {})
            parts.append(self._piece(cache, (module_id,), module, self._module_document))
            for step_id, reflection in reflections.items():
                parts.append(self._piece(cache, (module_id, step_id), reflection, self._reflection_document))
        self._cache = cache
        return "\n".join(parts).encode("utf-8")


def dumps(progress: Progress) -> bytes:
    """Serialise to UTF-8 TOML bytes (no cache; the store keeps a :class:`Serializer`)."""
    return Serializer().dumps(progress)


def loads(data: bytes) -> Progress:
    """Parse file bytes; raises SchemaError for anything that is not a valid progress file."""
    return from_dict(parse(data))


def parse(data: bytes) -> dict[str, Any]:
    """File bytes as a checked TOML table (before the schema); raises SchemaError.

    Empty (or blank) files count as damaged, not as a v0 file: a real file always has content.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaError("not-utf8") from exc
    if not text.strip():
        raise SchemaError("empty")
    if long_dotted_key(text) is not None:
        raise SchemaError("too-deep")  # tomllib would take minutes (files.long_dotted_key)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError("not-toml", detail=str(exc)) from exc
    except RecursionError as exc:
        raise SchemaError("too-deep") from exc
    if _depth(raw) > MAX_DEPTH:
        raise SchemaError("too-deep")  # tomli-w could not write it back (recursion)
    return raw


#: Deepest nesting of tables and lists a progress file may have; a real one has 6.
MAX_DEPTH = 32


def _depth(value: object) -> int:
    """How deeply lists and tables nest in ``value``, without recursion (it may be hostile)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            level += 1
            if level > MAX_DEPTH:
                return level
            deepest = max(deepest, level)
            stack.extend((child, level) for child in item)
    return deepest
