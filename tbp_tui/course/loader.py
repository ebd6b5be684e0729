"""Read a course folder, check every rule, and build the model — one pass, every problem at once.

`tbp validate` and the app call the same `validate_course`, so an author sees exactly what the
app would refuse. Nothing here raises for a bad course: problems are collected and returned.
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from collections.abc import Callable, Iterable
from datetime import date, datetime, time
from pathlib import Path as FsPath
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tbp_tui.course.limits import MAX_BODY_CHARS, MAX_NESTING, MAX_TEXT_CHARS, too_deep
from tbp_tui.course.model import (
    APPROACHES,
    MODULE_KINDS,
    STEP_KINDS,
    Approach,
    ChecklistItem,
    ChecklistStep,
    Course,
    ExerciseStep,
    HelpNumber,
    HelpNumbers,
    Module,
    ModuleKind,
    QuizStep,
    Reference,
    ReflectionStep,
    Step,
    Term,
    TextStep,
)
from tbp_tui.files import MAX_FILE_BYTES, MAX_KEY_PARTS, FileRefused, long_dotted_key, read_regular

if TYPE_CHECKING:  # imported when a course has a problem: their regexes and dataclass cost 1-2 ms
    from tbp_tui.course.locate import Path
    from tbp_tui.course.problems import Problem

FORMAT_VERSION = 1
MAX_TIMER_SECONDS = 4 * 60 * 60
MINUTES_TOLERANCE = 0.10
MINUTES_RULE_KINDS = ("intro", "competency")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
LANGUAGES = ("nb", "en")

COURSE_KEYS = ("format_version", "id", "title", "language", "description", "modules", "glossary",
               "help_numbers")
MODULE_KEYS = ("id", "title", "kind", "minutes", "summary", "læringsmål", "ferdighet", "outline",
               "steps", "references")
STEP_KEYS = ("id", "kind", "title", "approaches", "minutes", "manus", "innholdsnotis", "sources")
KIND_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("body",),
    "reflection": ("prompt", "body"),
    "exercise": ("instructions", "timer_seconds"),
    "quiz": ("question", "options", "correct", "explanation"),
    "checklist": ("items", "body"),
}
# Per kind, the keys only other kinds take, so a misplaced key can say where it belongs.
OTHER_KINDS_KEYS: dict[str, dict[str, str]] = {
    kind: {k: f"{name} steps" for name, keys in KIND_KEYS.items() if name != kind for k in keys}
    for kind in KIND_KEYS
}
STEP_ALLOWED = {kind: STEP_KEYS + keys for kind, keys in KIND_KEYS.items()}
ITEM_KEYS = ("id", "text", "note", "detail")
REFERENCE_KEYS = ("id", "authors", "year", "title", "publication", "url", "no_link")

T = TypeVar("T")
_MISSING = object()


def _problem(file: str, line: int, key: str, message: str) -> Problem:
    """A Problem; its module is imported only when a course has one."""
    from tbp_tui.course.problems import Problem

    return Problem(file, line, key, message)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime | date | time):
        return "a date/time"
    return type(value).__name__


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _ascii_id(value: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", " ": "-", "_": "-"})
    return re.sub(r"[^a-z0-9-]", "", value.lower().translate(table)).strip("-") or "a-z0-9-"


class SourceFile:
    """One file's text, key positions and the problems found in it."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        self.problems = problems
        self.text = ""
        self._lines: dict[Path, int] | None = None

    @property
    def lines(self) -> dict[Path, int]:
        """Key positions, found only when a problem needs one: a clean course never pays for it."""
        if self._lines is None:
            try:
                from tbp_tui.course.locate import key_lines

                self._lines = key_lines(self.text)
            except RecursionError:
                self._lines = {}
        return self._lines

    def report(self, path: Path, message: str, *, at: Path | None = None) -> None:
        from tbp_tui.course.locate import line_of
        from tbp_tui.course.problems import format_path

        line = line_of(self.lines, path if at is None else at)
        self.problems.append(_problem(self.display, line, format_path(path), message))

    def parse(self, path: FsPath) -> dict[str, Any] | None:
        """Read, decode and parse; on failure report why and where, and return None."""
        try:
            raw = read_regular(path)
        except FileRefused as exc:
            why = (f"larger than {MAX_FILE_BYTES // 1_000_000} MB; a course file must be smaller"
                   if exc.code == "too-large" else
                   "not a regular file (a FIFO, device or socket); only regular files are read")
            self.problems.append(_problem(self.display, 1, "(file)", why))
            return None
        except OSError as exc:
            self.problems.append(_problem(self.display, 1, "(file)", f"cannot read: {exc.strerror}"))
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            self.problems.append(_problem(
                self.display, line, "(file)",
                f"not UTF-8: byte 0x{raw[exc.start]:02X} at column {column}; save the file as UTF-8",
            ))
            return None
        text = text.removeprefix("\ufeff")
        long_key = long_dotted_key(text, raw)
        if long_key is not None:
            self.problems.append(_problem(self.display, long_key, "(syntax)",
                                         f"a key with more than {MAX_KEY_PARTS} dotted parts; "
                                         "write it shorter"))
            return None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            msg = str(exc)
            m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
            if m:
                msg = msg[: m.start()].strip() + f" (column {m.group(2)})"
            line = int(m.group(1)) if m else 1
            if not m and "end of document" in msg:
                line = text.count("\n") + 1
            self.problems.append(_problem(self.display, line, "(syntax)", f"TOML syntax error: {msg}"))
            return None
        except RecursionError:
            self.problems.append(_problem(self.display, 1, "(syntax)", "nested too deeply to read"))
            return None
        self.text = text
        return data


class Table:
    """Typed access to one TOML table that reports, instead of raising, what is wrong."""

    def __init__(self, src: SourceFile, data: dict[str, Any], path: Path, allowed: Iterable[str],
                 what: str) -> None:
        self.src = src
        self.data = data
        self.path = path
        self.allowed = tuple(allowed)
        self.what = what
        self.failed = False

    def report(self, key: str | Path, message: str) -> None:
        sub = (key,) if isinstance(key, str) else key
        self.failed = True
        self.src.report((*self.path, *sub), message)

    def _typed(self, key: str, required: bool, check: Callable[[Any], bool], want: str) -> Any:
        value = self.data.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.failed = True
                self.src.report((*self.path, key), f"missing required key '{key}' in {self.what}",
                                at=self.path)
            return None
        if not check(value):
            self.report(key, f"must be {want}, not {_type_name(value)}")
            return None
        return value

    def text(self, key: str, required: bool = True) -> str | None:
        """Plain text: one paragraph, so line breaks from a multi-line TOML string are joined."""
        value = self._string(key, required, MAX_TEXT_CHARS)
        if value is None or (value.isprintable() and "  " not in value and value[0] != " " != value[-1]):
            return value  # no white space but single inner spaces (the others are not printable)
        return " ".join(value.split())

    def markdown(self, key: str, required: bool = True) -> str | None:
        """A Markdown body, no longer or more deeply nested than the renderer shows in time."""
        value = self._string(key, required, MAX_BODY_CHARS)
        deep = None if value is None else too_deep(value)
        if deep is not None:
            depth, line = deep
            self.report(key, f"nests quotes or lists {depth} levels deep (line {line} of the "
                             f"text); at most {MAX_NESTING} can be shown")
            return None
        return value

    def _string(self, key: str, required: bool, limit: int) -> str | None:
        value = self.data.get(key)
        if type(value) is str and 0 < len(value) <= limit and not value.isspace():
            return value  # the common case at once; anything else is judged below
        if value is None and not required:
            return None  # TOML has no null: an optional key left out
        value = self._typed(key, required, lambda v: isinstance(v, str), "text (a quoted string)")
        if value is not None and not value.strip():
            self.report(key, "is empty; write the text, or remove the key if it is optional")
            return None
        if value is not None and len(value) > limit:
            self.report(key, f"is {len(value):,} characters long; at most {limit:,} are allowed here")
            return None
        return cast("str | None", value)

    def integer(self, key: str, required: bool, low: int, high: int) -> int | None:
        value = self.data.get(key)
        if type(value) is int and low <= value <= high:
            return value  # the common case at once (a bool is not an int here); else judged below
        value = self._typed(key, required, lambda v: isinstance(v, int) and not isinstance(v, bool),
                            "a whole number")
        if value is not None and not low <= value <= high:
            self.report(key, f"is {value}; it must be from {low} to {high}")
            return None
        return cast("int | None", value)

    def number(self, key: str, required: bool, low: float, high: float) -> float | None:
        value = self.data.get(key)
        if (type(value) is int or type(value) is float) and low <= value <= high:
            return cast(float, value)  # the common case at once; anything else is judged below
        value = self._typed(key, required,
                            lambda v: isinstance(v, int | float) and not isinstance(v, bool),
                            "a number")
        if value is not None and not low <= value <= high:
            self.report(key, f"is {value}; it must be from {low:g} to {high:g}")
            return None
        return cast("float | None", value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self._typed(key, False, lambda v: isinstance(v, bool), "true or false")
        return default if value is None else bool(value)

    def ident(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not ID_PATTERN.fullmatch(value):
            self.report(key, f"'{value}' is not a valid id: use lower-case a–z, 0–9 and '-' "
                             f"(for example '{_ascii_id(value)}')")
            return None
        return value

    def choice(self, key: str, choices: Iterable[str], required: bool = True) -> str | None:
        options = tuple(choices)
        value = self.text(key, required)
        if value is not None and value not in options:
            self.report(key, f"'{value}' is not one of {', '.join(options)}"
                             f"{_did_you_mean(value, options)}")
            return None
        return value

    def items(self, key: str, required: bool, min_items: int, check: Callable[[Any], bool],
              want: str) -> list[tuple[int, Any]] | None:
        """A list whose elements pass `check`; each bad element is reported at its own line."""
        value = self.data.get(key)
        if type(value) is list and len(value) >= min_items and all(map(check, value)):
            return list(enumerate(value))  # the common case at once; anything else is judged below
        value = self._typed(key, required, lambda v: isinstance(v, list), f"a list of {want}")
        if value is None:
            return None
        if len(value) < min_items:
            self.report(key, f"needs at least {min_items} {want}, has {len(value)}")
            return None
        good: list[tuple[int, Any]] = []
        for i, element in enumerate(value):
            if check(element):
                good.append((i, element))
            else:
                self.report((key, i), f"must be {want}, not {_type_name(element)}")
        return good if len(good) == len(value) else None

    def texts(self, key: str, required: bool = True, min_items: int = 1) -> tuple[str, ...] | None:
        got = self.items(key, required, min_items, lambda v: isinstance(v, str) and bool(v.strip()),
                         "non-empty texts")
        return None if got is None else tuple(" ".join(v.split()) for _, v in got)

    def tables(self, key: str, required: bool, min_items: int) -> list[tuple[int, dict[str, Any]]]:
        got = self.items(key, required, min_items, lambda v: isinstance(v, dict), "tables")
        if got is None and isinstance(self.data.get(key), list):
            # Keep checking the good tables so every problem shows in one run.
            return [(i, v) for i, v in enumerate(self.data[key]) if isinstance(v, dict)]
        return got or []

    def child(self, key: str | Path, data: dict[str, Any], allowed: Iterable[str], what: str) -> Table:
        sub = (key,) if isinstance(key, str) else key
        return Table(self.src, data, (*self.path, *sub), allowed, what)

    def finish(self, elsewhere: dict[str, str] | None = None) -> None:
        """Report keys this table does not know; call after reading every known key."""
        if self.data.keys() <= _known(self.allowed):
            return
        for key in self.data:
            if key in self.allowed:
                continue
            where = (elsewhere or {}).get(key)
            if where:
                self.report(key, f"'{key}' is not used in {self.what} (it belongs to {where})")
            else:
                self.report(key, f"unknown key '{key}' in {self.what}"
                                 f"{_did_you_mean(key, self.allowed)}")


@functools.cache
def _known(allowed: tuple[str, ...]) -> frozenset[str]:
    """The keys a table may have, looked up at once (the tuples keep their order for messages)."""
    return frozenset(allowed)


def _build(table: Table, make: Callable[[], T]) -> T | None:
    return None if table.failed else make()


# -- steps ----------------------------------------------------------------------------------

def _read_step(module: Table, index: int, data: dict[str, Any],
               cited: list[tuple[SourceFile, Path, str]]) -> Step | None:
    t = module.child(("steps", index), data, STEP_KEYS, "a step")
    kind = t.choice("kind", STEP_KINDS)
    if kind is not None:  # read as every text is, so "text " is a text step, not a lost module
        t.allowed, t.what = STEP_ALLOWED[kind], f"a {kind} step"
    step_id = t.ident("id")
    title = t.text("title")
    approaches = _approaches(t)
    minutes = t.number("minutes", False, 0, 240)
    manus = t.markdown("manus", False)
    note = t.text("innholdsnotis", False)
    sources = _ids(t, "sources")
    for i, ref in enumerate(sources or ()):
        cited.append((t.src, (*t.path, "sources", i), ref))
    if kind is None:
        return None  # kind-specific keys cannot be judged; the kind problem is reported
    others = OTHER_KINDS_KEYS[kind]
    common: dict[str, Any] = {
        "id": step_id, "title": title, "approaches": approaches or APPROACHES, "minutes": minutes,
        "manus": manus, "innholdsnotis": note, "sources": sources or (),
    }
    step: Step | None
    if kind == "text":
        body = t.markdown("body")
        t.finish(others)
        step = _build(t, lambda: TextStep(**common, body=cast(str, body)))
    elif kind == "reflection":
        prompt, body = t.text("prompt"), t.markdown("body", False)
        t.finish(others)
        step = _build(t, lambda: ReflectionStep(**common, prompt=cast(str, prompt), body=body))
    elif kind == "exercise":
        step = _read_exercise(t, common, others)
    elif kind == "quiz":
        step = _read_quiz(t, common, others)
    else:
        step = _read_checklist(t, common, others)
    return step


def _approaches(t: Table) -> tuple[Approach, ...] | None:
    got = t.items("approaches", False, 1, lambda v: isinstance(v, str), "approach names")
    if got is None:
        return None
    result: list[Approach] = []
    for i, name in got:
        if name not in APPROACHES:
            t.report(("approaches", i), f"unknown approach '{name}'{_did_you_mean(name, APPROACHES)}; "
                                        f"use {', '.join(APPROACHES)}")
        elif name in result:
            t.report(("approaches", i), f"approach '{name}' is listed twice")
        else:
            result.append(cast(Approach, name))
    return tuple(result)


def _ids(t: Table, key: str) -> tuple[str, ...] | None:
    got = t.items(key, False, 1, lambda v: isinstance(v, str), "ids")
    if got is None:
        return None
    for i, value in got:
        if not ID_PATTERN.fullmatch(value):
            t.report((key, i), f"'{value}' is not a valid id: use lower-case a–z, 0–9 and '-'")
    return tuple(v for _, v in got)


def _read_exercise(t: Table, common: dict[str, Any], others: dict[str, str]) -> Step | None:
    instructions = t.markdown("instructions")
    seconds = t._typed("timer_seconds", False,
                       lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number")
    if seconds is not None and seconds <= 0:
        t.report("timer_seconds", f"is {seconds}; a timer needs a positive number of seconds "
                                  "(or leave the key out for no timer)")
    elif seconds is not None and seconds > MAX_TIMER_SECONDS:
        t.report("timer_seconds", f"is {seconds} s, over 4 hours, which cannot be meant; "
                                  f"use at most {MAX_TIMER_SECONDS}")
    t.finish(others)
    return _build(t, lambda: ExerciseStep(**common, instructions=cast(str, instructions),
                                          timer_seconds=seconds))


def _read_quiz(t: Table, common: dict[str, Any], others: dict[str, str]) -> Step | None:
    question = t.text("question")
    options = t.texts("options", min_items=2)
    explanation = t.markdown("explanation")
    correct = t.items("correct", True, 1,
                      lambda v: isinstance(v, int) and not isinstance(v, bool), "option numbers")
    if correct is not None and options is not None:
        for i, n in correct:
            if not 1 <= n <= len(options):
                t.report(("correct", i), f"answer {n} points at no option: there are {len(options)} "
                                         f"options, numbered 1–{len(options)}")
    t.finish(others)
    return _build(t, lambda: QuizStep(
        **common, question=cast(str, question), options=cast("tuple[str, ...]", options),
        correct=frozenset(n for _, n in cast("list[tuple[int, int]]", correct)),
        explanation=cast(str, explanation)))


def _read_checklist(t: Table, common: dict[str, Any], others: dict[str, str]) -> Step | None:
    body = t.markdown("body", False)
    items: list[ChecklistItem] = []
    seen: set[str] = set()
    for i, data in t.tables("items", True, 1):
        it = t.child(("items", i), data, ITEM_KEYS, "a checklist item")
        item_id, text = it.ident("id"), it.text("text")
        note, detail = it.boolean("note", False), it.text("detail", False)
        it.finish()
        if item_id is not None and item_id in seen:
            it.report("id", f"duplicate item id '{item_id}' in this checklist")
        seen.add(item_id or "")
        if it.failed:
            t.failed = True
        else:
            items.append(ChecklistItem(id=cast(str, item_id), text=cast(str, text), note=note,
                                       detail=detail))
    t.finish(others)
    return _build(t, lambda: ChecklistStep(**common, items=tuple(items), body=body))


# -- modules --------------------------------------------------------------------------------

def _read_module(src: SourceFile, data: dict[str, Any], file_id: str,
                 cited: list[tuple[SourceFile, Path, str]], refs: dict[str, Reference]) -> Module | None:
    t = Table(src, data, (), MODULE_KEYS, "a module file")
    module_id = t.ident("id")
    if module_id is not None and module_id != file_id:
        t.report("id", f"is '{module_id}' but the file is {file_id}.toml; the id must match the file name")
    title = t.text("title")
    kind = cast("ModuleKind | None", t.choice("kind", MODULE_KINDS))
    minutes = t.integer("minutes", True, 1, 600)
    summary = t.text("summary", False)
    needed = kind == "competency"
    goals = t.texts("læringsmål", needed)
    skill = t.text("ferdighet", needed)
    outline = t.texts("outline", needed)

    steps: list[Step] = []
    step_lines: dict[str, int] = {}
    all_steps_ok = True
    for i, step_data in t.tables("steps", True, 1):
        step = _read_step(t, i, step_data, cited)
        raw_id = step_data.get("id")
        if isinstance(raw_id, str):
            if raw_id in step_lines:
                t.report(("steps", i, "id"), f"duplicate step id '{raw_id}': step {step_lines[raw_id]} "
                                             "has it too; each step id must be unique in the module")
            step_lines.setdefault(raw_id, i + 1)
        if step is None:
            all_steps_ok = False
            t.failed = True
        else:
            steps.append(step)

    references: list[Reference] = []
    if kind == "references" or "references" in data:
        if kind != "references" and kind is not None:
            t.report("references", "only a module of kind 'references' may hold references")
        for i, ref_data in t.tables("references", kind == "references", 1):
            ref = _read_reference(t, i, ref_data, refs)
            if ref is not None:
                references.append(ref)
    t.finish()

    if all_steps_ok and kind in MINUTES_RULE_KINDS and minutes is not None:
        probe = Module(id="", title="", kind=kind, minutes=minutes, steps=tuple(steps))
        for approach in APPROACHES:
            total = probe.minutes_for(approach)
            low, high = minutes * (1 - MINUTES_TOLERANCE), minutes * (1 + MINUTES_TOLERANCE)
            if not low <= total <= high:
                t.report("minutes", f"the steps shown for '{approach}' add up to {total:g} min, but the "
                                    f"module says {minutes} (allowed {low:g}–{high:g}, ±10 %); adjust "
                                    "the steps' minutes or the module's")
    return _build(t, lambda: Module(
        id=cast(str, module_id), title=cast(str, title), kind=cast(ModuleKind, kind),
        minutes=cast(int, minutes), steps=tuple(steps), summary=summary,
        learning_goals=goals or (), skill=skill, outline=outline or (),
        references=tuple(references), source=None))


def _read_reference(t: Table, index: int, data: dict[str, Any],
                    refs: dict[str, Reference]) -> Reference | None:
    r = t.child(("references", index), data, REFERENCE_KEYS, "a reference")
    ref_id = r.ident("id")
    authors, title, publication = r.text("authors"), r.text("title"), r.text("publication")
    year = r._typed("year", True, lambda v: (isinstance(v, int) and not isinstance(v, bool))
                    or (isinstance(v, str) and bool(v.strip())), "a year (number) or text like \"u.å.\"")
    url = r.text("url", False)
    no_link = r.text("no_link", False)
    if url is not None and no_link is not None:
        r.report("no_link", "the reference has a url; no_link is only for one without")
    r.finish()
    if ref_id is not None and ref_id in refs:
        r.report("id", f"duplicate reference id '{ref_id}'")
    if r.failed:
        t.failed = True
        return None
    ref = Reference(id=cast(str, ref_id), authors=cast(str, authors), year=cast("int | str", year),
                    title=cast(str, title), publication=cast(str, publication), url=url,
                    no_link=no_link)
    refs[ref.id] = ref
    return ref


# -- glossary and help numbers --------------------------------------------------------------

def _read_glossary(src: SourceFile, data: dict[str, Any]) -> tuple[Term, ...] | None:
    t = Table(src, data, (), ("terms",), "the glossary")
    terms: list[Term] = []
    seen: dict[str, int] = {}
    for i, term_data in t.tables("terms", True, 1):
        g = t.child(("terms", i), term_data, ("term", "definition"), "a glossary term")
        term, definition = g.text("term"), g.text("definition")
        g.finish()
        if term is not None:
            if term.casefold() in seen:
                g.report("term", f"'{term}' is defined twice (also term {seen[term.casefold()]})")
            seen.setdefault(term.casefold(), i + 1)
        if g.failed:
            t.failed = True
        else:
            terms.append(Term(term=cast(str, term), definition=cast(str, definition)))
    t.finish()
    return _build(t, lambda: tuple(sorted(terms, key=lambda x: x.term.casefold())))


def _read_help(src: SourceFile, data: dict[str, Any]) -> HelpNumbers | None:
    t = Table(src, data, (), ("note", "numbers"), "the help-number file")
    note = t.text("note")
    numbers: list[HelpNumber] = []
    for i, number_data in t.tables("numbers", True, 1):
        h = t.child(("numbers", i), number_data, ("name", "contact", "detail"), "a help number")
        name, contact, detail = h.text("name"), h.text("contact"), h.text("detail", False)
        h.finish()
        if h.failed:
            t.failed = True
        else:
            numbers.append(HelpNumber(name=cast(str, name), contact=cast(str, contact), detail=detail))
    t.finish()
    return _build(t, lambda: HelpNumbers(note=cast(str, note), numbers=tuple(numbers)))


# -- the course -----------------------------------------------------------------------------

def _side_file(t: Table, key: str, root: FsPath) -> FsPath | None:
    name = t.text(key, False)
    if name is None:
        return None
    if "/" in name or "\\" in name or not name.endswith(".toml") or name.startswith("."):
        t.report(key, f"'{name}' must be a plain .toml file name in the course folder")
        return None
    if not (root / name).is_file():
        t.report(key, f"names {name}, which does not exist in {root}")
        return None
    return root / name


def validate_course(path: FsPath) -> tuple[Course | None, list[Problem]]:
    """Check a course folder (or its course.toml) and build the Course when nothing is wrong."""
    root = path.parent if path.name == "course.toml" else path
    problems: list[Problem] = []
    main_file = root / "course.toml"
    src = SourceFile(str(main_file), problems)
    if not main_file.is_file():
        what = ("is a file, not a course folder; point at a course folder or its course.toml"
                if root.exists() and not root.is_dir() else
                "no course.toml here; point at a course folder")
        problems.append(_problem(str(root), 1, "(folder)", what))
        return None, problems
    data = src.parse(main_file)
    if data is None:
        return None, problems
    t = Table(src, data, (), COURSE_KEYS, "course.toml")
    version = t._typed("format_version", True,
                       lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number")
    if version is not None and version > FORMAT_VERSION:
        t.report("format_version", f"is {version}, newer than this tbp-tui understands ({FORMAT_VERSION}); "
                                   "upgrade tbp-tui (pip install --upgrade tbp-tui) to read this course")
        return None, sorted(problems)
    if version is not None and version < 1:
        t.report("format_version", f"is {version}; the first format version is 1")
    course_id, title = t.ident("id"), t.text("title")
    language = t.choice("language", LANGUAGES)
    description = t.text("description", False)
    glossary_file = _side_file(t, "glossary", root)
    help_file = _side_file(t, "help_numbers", root)

    module_ids: list[str] = []
    for i, module_id in t.items("modules", True, 1, lambda v: isinstance(v, str), "module ids") or []:
        if not ID_PATTERN.fullmatch(module_id):
            t.report(("modules", i), f"'{module_id}' is not a valid module id")
        elif module_id in module_ids:
            t.report(("modules", i), f"duplicate module id '{module_id}': listed twice")
        elif not (root / f"{module_id}.toml").is_file():
            t.report(("modules", i), f"module '{module_id}' is listed, but {root / (module_id + '.toml')} "
                                     "does not exist")
        else:
            module_ids.append(module_id)
    t.finish()

    side = {p.name for p in (glossary_file, help_file) if p is not None}
    listed = {f"{m}.toml" for m in module_ids}
    raw_modules = data.get("modules") if isinstance(data.get("modules"), list) else []
    for extra in sorted(root.glob("*.toml")):
        stem = extra.stem
        if extra.name in ("course.toml", *side, *listed) or stem in cast(list[Any], raw_modules):
            continue
        problems.append(_problem(str(extra), 1, "(file)",
                                f"module file is not listed in course.toml; add \"{stem}\" to modules "
                                "or remove the file"))

    cited: list[tuple[SourceFile, Path, str]] = []
    refs: dict[str, Reference] = {}
    modules: list[Module] = []
    for module_id in module_ids:
        file = root / f"{module_id}.toml"
        msrc = SourceFile(str(file), problems)
        mdata = msrc.parse(file)
        if mdata is None:
            continue
        module = _read_module(msrc, mdata, module_id, cited, refs)
        if module is not None:
            modules.append(Module(**{**module.__dict__, "source": file}))
    for csrc, cpath, ref_id in cited:
        if ref_id not in refs and ID_PATTERN.fullmatch(ref_id):
            csrc.report(cpath, f"source '{ref_id}' is not in the reference list"
                               f"{_did_you_mean(ref_id, refs)}")

    glossary: tuple[Term, ...] | None = ()
    if glossary_file is not None:
        gsrc = SourceFile(str(glossary_file), problems)
        gdata = gsrc.parse(glossary_file)
        glossary = None if gdata is None else _read_glossary(gsrc, gdata)
    help_numbers: HelpNumbers | None = None
    if help_file is not None:
        hsrc = SourceFile(str(help_file), problems)
        hdata = hsrc.parse(help_file)
        help_numbers = None if hdata is None else _read_help(hsrc, hdata)

    if problems:
        return None, sorted(problems)
    return Course(
        id=cast(str, course_id), title=cast(str, title), language=cast(str, language),
        description=description, modules=tuple(modules), glossary=glossary or (),
        help_numbers=help_numbers, root=root,
    ), []


def load_course(path: FsPath) -> Course:
    """The app's way in: a Course, or CourseInvalid listing every problem."""
    course, problems = validate_course(path)
    if course is None:
        from tbp_tui.course.problems import CourseInvalid

        raise CourseInvalid(problems)
    return course
