"""Every use of Textual's private API, one function (or one name) per hook.

Textual is pinned (pyproject.toml); on an upgrade this file and tests/ui/test_compat.py are the
one place to check. Keep it flat: a hook is a small function or a re-exported name, with the
private thing it touches named in its docstring, and each has its own test.

The hang-up-safe terminal driver
--------------------------------
Textual's Linux driver hangs for good when the terminal dies while output is backed up (a laptop
that sleeps during an exercise, a dropped SSH link): its input thread spins on ``read() == 0`` at
the end of the pty, its writer thread dies on EIO (or blocks in ``write`` on a frozen link) while
the UI thread blocks on the writer's full queue, so neither SIGHUP nor SIGTERM (whose handlers run
on that blocked loop) is ever handled, and its SIGCONT handler (the kernel sends SIGCONT with
SIGHUP) would start application mode again during shutdown. `HangupSafeDriver` ends all four:

- the input thread treats end of file and read errors as a hang-up and stops;
- a write waits for the queue a little at a time, and gives up once the terminal is gone or a
  hang-up has begun and its short grace has passed, so the UI thread is always free to save;
- a failed write to the terminal marks it gone instead of killing the writer thread;
- SIGCONT does nothing once the terminal is gone, and closing never waits for a dead link.

Private names used: ``LinuxDriver._file`` (the file the writer thread writes to),
``LinuxDriver._writer_thread`` and ``WriterThread._queue`` (to wait on it with a time limit),
``LinuxDriver._sigcont_application`` and ``Driver._auto_restart``, ``textual._xterm_parser``,
``textual._loop.loop_last`` and ``App._driver``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
import queue
import selectors
import sys
import threading
import time
from codecs import getincrementaldecoder
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, Protocol

from rich.segment import Segment, Segments
from textual._compositor import Compositor
from textual._loop import loop_last
from textual._styles_cache import StylesCache
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.binding import Binding, BindingsMap
from textual.cache import FIFOCache
from textual.color import Color
from textual.containers import VerticalScroll
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.drivers.linux_driver import LinuxDriver
from textual.filter import ANSIToTruecolor, LineFilter, Monochrome, NoColor
from textual.geometry import Region, Size
from textual.notifications import Notification
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.document._document import Document, EditResult, Location
    from textual.document._document_navigator import DocumentNavigator
    from textual.document._wrapped_document import WrappedDocument

__all__ = [
    "OVERRIDDEN",
    "Document",
    "DocumentNavigator",
    "EditResult",
    "HangupSafeDriver",
    "LinePageScroll",
    "Location",
    "RuleKeeper",
    "WrappedDocument",
    "add_line_filter",
    "exit_printing",
    "filter_without_copies",
    "hangup_driver",
    "is_text_area",
    "keep_parsed_rules",
    "lazy_strip_caches",
    "node_bindings",
    "notifications",
    "quiet_key_names",
    "record_exception",
    "replace_colour_filters",
    "set_node_bindings",
    "shared_equal_rows",
    "slim_component_nodes",
    "small_cell_len_cache",
    "truecolor_without_copies",
    "unnotify",
]

#: The text area's document model (for the reflection field), imported when first asked for: it
#: comes with Textual's TextArea (together about 9 ms and 0.6 MiB), which home does not show.
_DOCUMENT = {
    "Document": "textual.document._document",
    "EditResult": "textual.document._document",
    "Location": "textual.document._document",
    "DocumentNavigator": "textual.document._document_navigator",
    "WrappedDocument": "textual.document._wrapped_document",
}
_TEXT_AREA_MODULE = "textual.widgets._text_area"


def __getattr__(name: str) -> Any:
    """The document names of ``_DOCUMENT`` (``textual.document``'s private modules), on first use."""
    if name in _DOCUMENT:
        value = getattr(importlib.import_module(_DOCUMENT[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


STRIP_CACHES: dict[str, int] = {
    "_divide_cache": 4, "_crop_cache": 16, "_style_cache": 16, "_filter_cache": 4,
    "_line_length_cache": 4, "_crop_extend_cache": 4, "_offsets_cache": 4,
}
"""The seven caches ``textual.strip.Strip.__init__`` makes for every line, with their sizes."""


def lazy_strip_caches() -> None:
    """Each ``Strip``'s caches are made on first use, not for every line drawn (issue 22: memory).

    Textual gives every Strip seven ``FIFOCache`` objects when it is made; nine in ten stay empty
    (counted with a module open and a timer running: 1,391 strips, 9,117 empty caches of 137 bytes
    each, 1.2 MiB of every session). Here each of those slots (``Strip.__slots__``, private) is
    reached through a property that fills it on first use, and ``Strip.__init__`` no longer fills
    them; what a cache holds and when is unchanged. Once per process; Textual's methods that use a
    cache are untouched.
    """
    if getattr(Strip, "_tbp_lazy_caches", False):
        return
    for name, size in STRIP_CACHES.items():
        setattr(Strip, name, property(_lazy_slot(Strip.__dict__[name], size)))

    def __init__(self: Strip, segments: Iterable[Segment], cell_length: int | None = None) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    Strip.__init__ = __init__  # type: ignore[method-assign]
    Strip._tbp_lazy_caches = True  # type: ignore[attr-defined]


def _lazy_slot(slot: Any, size: int) -> Callable[[Strip], FIFOCache[Any, Any]]:
    def get(strip: Strip) -> FIFOCache[Any, Any]:
        try:
            cache: FIFOCache[Any, Any] = slot.__get__(strip, Strip)
        except AttributeError:  # not used yet on this strip
            cache = FIFOCache(size)
            slot.__set__(strip, cache)
        return cache

    return get


SLIMMED: tuple[str, ...] = ("message_signal", "_timers", "_nodes", "_query_one_cache")
"""What a component node gets shared (see `slim_component_nodes`)."""


def slim_component_nodes() -> None:
    """The nodes Textual makes only to read a widget's component-class styles share their
    message-pump parts (issue 22: memory).

    For each class in a widget's ``COMPONENT_CLASSES`` (three for the key line, eight for the writing
    field, five for the step list) ``Stylesheet._process_component_classes`` makes a whole
    ``DOMNode`` and keeps it behind the styles it read (``DOMNode._component_styles``): 47 of them
    with kort-intro's first exercise open and its timer running (27 since the key line draws its
    own keys), about 6.6 kB each. Such a node
    is never mounted, sent a message, queried or given children or timers, so the names in
    `SLIMMED` (its signal, timer set, child list, query cache: 113 KiB over the 47, measured by
    dropping them) are one shared, empty instance each. Its styles, classes and parent are its
    own as before. Once per process.
    """
    if getattr(Stylesheet, "_tbp_slim_components", False):
        return
    owner = DOMNode()
    shared = {name: getattr(owner, name) for name in SLIMMED}
    process = Stylesheet._process_component_classes

    def _process_component_classes(self: Stylesheet, node: DOMNode) -> None:
        process(self, node)
        for styles in node._component_styles.values():
            component = styles.node
            if component is not None and component is not owner and type(component) is DOMNode:
                component.__dict__.update(shared)

    Stylesheet._process_component_classes = _process_component_classes  # type: ignore[method-assign]
    Stylesheet._tbp_slim_components = True  # type: ignore[attr-defined]


RulesKey = tuple[str, tuple[str, str], bool, int, str]
"""What Textual's parse of one stylesheet source depends on besides the CSS variables: the CSS
text, where it was read from, whether it is a widget's DEFAULT_CSS, its tie breaker and scope."""


class RuleKeeper(Protocol):
    """Parsed rules kept from an earlier start (tbp_tui/ui/stylecache.py)."""

    def get(self, variables: Mapping[str, str], key: RulesKey) -> list[Any] | None: ...
    def put(self, variables: Mapping[str, str], key: RulesKey, rules: list[Any]) -> None: ...
    def tokens(self, variables: Mapping[str, str]) -> dict[str, list[Any]] | None: ...
    def put_tokens(self, variables: Mapping[str, str], tokens: dict[str, list[Any]]) -> None: ...


_keeper: list[RuleKeeper | None] = [None]


def keep_parsed_rules(keeper: RuleKeeper | None) -> None:
    """Textual's stylesheets take each source's parsed rules from `keeper` when it has them, and
    give it what they parse (rules with errors are never kept); None: Textual's own way again.

    Textual parses every stylesheet (the app's .tcss files, each widget's DEFAULT_CSS) from text on
    every start, about 10 ms before home paints. Every such parse goes through
    ``Stylesheet._parse_rules`` (private), whose result depends only on its arguments and the
    stylesheet's CSS variables (``Stylesheet._variables``, private); it already keeps them per
    stylesheet in ``Stylesheet._parse_cache`` (private), which is asked first and filled as before.

    The variables themselves, tokenized (``Stylesheet._variable_tokens``, private, made on first
    use from all ~170 theme variables, 1-2 ms), are also taken from `keeper`: Textual's markup
    asks for them to resolve a ``$colour`` even when no stylesheet is parsed.
    """
    _keeper[0] = keeper
    if getattr(Stylesheet, "_tbp_keeps_rules", False):
        return
    parse_rules = Stylesheet._parse_rules
    tokenized = Stylesheet._variable_tokens.fget  # type: ignore[attr-defined]

    def _variable_tokens(self: Stylesheet) -> Any:
        keeper = _keeper[0]
        if keeper is not None and self._Stylesheet__variable_tokens is None:  # type: ignore[attr-defined]
            tokens = keeper.tokens(self._variables)
            if tokens is None:
                keeper.put_tokens(self._variables, tokenized(self))
            else:
                self._Stylesheet__variable_tokens = tokens  # type: ignore[attr-defined]
        return tokenized(self)

    def _parse_rules(self: Stylesheet, css: str, read_from: tuple[str, str],
                     is_default_rules: bool = False, tie_breaker: int = 0, scope: str = "") -> list[Any]:
        keeper = _keeper[0]
        if keeper is None:
            return parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        key: RulesKey = (css, read_from, is_default_rules, tie_breaker, scope)
        rules = self._parse_cache.get(key) or keeper.get(self._variables, key)
        if rules is None:
            rules = parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                keeper.put(self._variables, key, rules)
        else:
            self._parse_cache[key] = rules
        return rules

    Stylesheet._parse_rules = _parse_rules  # type: ignore[method-assign]
    Stylesheet._variable_tokens = property(_variable_tokens)  # type: ignore[assignment, method-assign]
    Stylesheet._tbp_keeps_rules = True  # type: ignore[attr-defined]


CELL_LEN_CACHE = 256
"""Entries in the cache of Rich's cell-length measure here (Rich's own: 4,096)."""
CELL_LEN_NAMES = ("cached_cell_len", "cell_len")
"""The names Rich's and Textual's modules import the cached measure as (``rich.segment``;
``textual._cells`` and the Textual modules that import its ``cell_len``). Looking only at these
instead of at every name of every Rich and Textual module: about 3 M instructions of every start."""


def shared_equal_rows() -> None:
    """A widget's row drawn the same as the row above it is kept as that row's line (issue 22:
    memory).

    Textual keeps every drawn row of every widget (``StylesCache._cache``, private), each its own
    ``Strip``, ``Segment`` and string even where the rows are alike: the screen's and the
    containers' blank rows, a bordered box's sides. With kort-intro's first exercise open and its
    timer running, 98 of the 142 rows kept were a copy of another (about 65 kB of every
    session). A strip is never changed once made, so an equal row can be the same object: the row
    is drawn as before, compared with the one above (the first segment differs on most rows), and
    the new copy dropped when they are equal. Once per process.
    """
    if getattr(StylesCache, "_tbp_shared_rows", False):
        return
    render_line = StylesCache.render_line

    def shared(self: StylesCache, styles: Any, y: int, *args: Any) -> Strip:
        strip = render_line(self, styles, y, *args)
        above = self._cache.get(y - 1)
        return above if above is not None and above == strip else strip

    StylesCache.render_line = shared  # type: ignore[assignment]
    StylesCache._tbp_shared_rows = True  # type: ignore[attr-defined]


def small_cell_len_cache(size: int = CELL_LEN_CACHE) -> None:
    """Rich's measure of a string's width in cells keeps up to 4,096 strings (issue 22: memory).

    ``rich.cells.cached_cell_len`` is an LRU cache of every string under 512 characters that is
    measured, and it keeps each string alive: with kort-intro's first exercise open and its timer
    running it held 1,661 of them, mostly single words of course text that Rich's line wrapping
    measured once (296 KiB freed when cleared; 1,661 misses against 10,853 hits). A miss
    costs little for most text (Rich answers text of one-cell characters with one
    ``frozenset.issuperset``), so here the same measure has a cache of `size` entries. Textual and
    Rich took the function by name at import (``textual._cells.cell_len`` and the modules that
    import it, ``rich.segment``): every Rich and Textual module that holds Rich's cache gets this
    one, and modules imported later take it from ``rich.cells`` and ``textual._cells``. Once per
    process.
    """
    import rich.cells

    old = rich.cells.cached_cell_len
    if getattr(old, "_tbp_small", False):
        return
    measure = rich.cells._cell_len

    @functools.lru_cache(maxsize=size)
    def cached_cell_len(text: str, unicode_version: str = "auto") -> int:
        return measure(text, unicode_version)

    cached_cell_len._tbp_small = True  # type: ignore[attr-defined]
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(("rich.", "textual.")):
            continue
        names = vars(module)  # a dict lookup: getattr of a missing name builds an AttributeError
        for attr in CELL_LEN_NAMES:  # every name they bind it to: not each module's every name
            if names.get(attr) is old:
                setattr(module, attr, cached_cell_len)


KEY_CHARACTERS: dict[str, str | None] = {
    "enter": None, "escape": "\x1b", "tab": "\t", "space": " ", "backspace": "\x08",
    "delete": "\x7f", "insert": None, "up": None, "down": None, "left": None, "right": None,
    "home": None, "end": None, "pageup": None, "pagedown": None, "plus": None, "minus": None,
    "question_mark": "?", "full_stop": ".",
    **{f"f{n}": None for n in range(1, 13)},
}
"""What ``textual.keys.key_to_character`` answers for the key names tbp binds (and the common
keys next to them), so that answering needs no look-up in Python's Unicode name database."""

CHARACTER_KEYS: dict[str, str] = {
    " ": "space", "!": "exclamation_mark", '"': "quotation_mark", "#": "number_sign",
    "$": "dollar_sign", "%": "percent_sign", "&": "ampersand", "'": "apostrophe",
    "(": "left_parenthesis", ")": "right_parenthesis", "*": "asterisk", "+": "plus", ",": "comma",
    "-": "minus", ".": "full_stop", "/": "slash", ":": "colon", ";": "semicolon",
    "<": "less_than_sign", "=": "equals_sign", ">": "greater_than_sign", "?": "question_mark",
    "@": "at", "[": "left_square_bracket", "\\": "backslash", "]": "right_square_bracket",
    "^": "circumflex_accent", "_": "underscore", "`": "grave_accent", "{": "left_curly_bracket",
    "|": "vertical_line", "}": "right_curly_bracket", "~": "tilde",
}
"""What ``textual.keys._character_to_key`` answers for each printable ASCII sign (a binding such
as ``+``, or a key typed: space, punctuation in a note), again without the name database."""


def quiet_key_names() -> None:
    """Key names and characters come from the two tables above before Python's Unicode name
    database is asked (issue 22: memory).

    Textual turns key names into characters with ``unicodedata.lookup`` each time it builds a
    screen's binding chain (``textual.screen.key_to_character``, for every multi-letter key bound
    outside the focused widget), and a typed sign into a key name with ``unicodedata.name``
    (``textual.keys._character_to_key``, imported by ``textual.binding`` and
    ``textual._xterm_parser``). Each look-up pages in parts of the name database: on home about
    0.8 MiB of every session's resident memory, for a dozen answers that never change. Both
    functions are replaced where Textual imported them by ones that answer from the tables and ask
    Textual's own for anything else. Once per process; tests/ui/test_compat.py checks that the
    tables give Textual's own answers.
    """
    screen, binding, parser = (vars(importlib.import_module(f"textual.{name}"))
                               for name in ("screen", "binding", "_xterm_parser"))
    if getattr(screen["key_to_character"], "_tbp_quiet", False):
        return
    key_to_character: Callable[[str], str | None] = screen["key_to_character"]
    character_to_key: Callable[[str], str] = binding["_character_to_key"]

    def quiet_key_to_character(key: str) -> str | None:
        if key in KEY_CHARACTERS:
            return KEY_CHARACTERS[key]
        return key_to_character(key)

    def quiet_character_to_key(character: str) -> str:
        return CHARACTER_KEYS.get(character) or character_to_key(character)

    quiet_key_to_character._tbp_quiet = True  # type: ignore[attr-defined]
    screen["key_to_character"] = quiet_key_to_character
    binding["_character_to_key"] = parser["_character_to_key"] = quiet_character_to_key


def is_text_area(widget: object) -> bool:
    """Whether `widget` is a Textual TextArea, without importing it (``textual.widgets._text_area``).

    No TextArea can exist before its module is imported, so until a screen with one was built the
    answer is no; importing it just to ask cost every start about 9 ms and 0.6 MiB.
    """
    module = sys.modules.get(_TEXT_AREA_MODULE)
    return module is not None and isinstance(widget, module.TextArea)


#: Private App methods that tbp_tui/ui/privacy.py overrides (same names, same arguments):
#: ``_on_notify(event)`` runs before Textual shows a notice; ``_handle_exception(error)`` gets
#: every crash; ``_fatal_error()`` prints it on the way out.
OVERRIDDEN = ("_on_notify", "_handle_exception", "_fatal_error")


def add_line_filter(app: App[Any], line_filter: LineFilter) -> None:
    """Run every line the app draws through `line_filter` (``App._filters``; the public
    constructor only offers the colour filters)."""
    app._filters.append(line_filter)


_PASSED_THROUGH: set[type[LineFilter]] = set()
"""Line filters whose unchanged lines are not copied (see `filter_without_copies`)."""


def filter_without_copies(kind: type[LineFilter]) -> None:
    """A line that a filter of `kind` leaves as it was is drawn as that line, not a cached copy.

    ``Strip.apply_filter`` (through ``Strip._filter_cache``; ``_segments`` and ``_cell_length`` are
    read here) keeps, for every line a widget has drawn, a second Strip holding the filter's
    answer, even when the answer is the very list of segments it was given; the compositor's crops
    and cuts are then cached on that copy. With
    kort-intro's first exercise open and its timer running, 454 lines had such a copy (780 KiB
    with what hangs off them, issue 22). A filter of `kind` must return its argument itself when it
    changes nothing (tbp's control-character filter does): it is asked again on each draw (one
    regular-expression search per segment), an unchanged line is the line itself, and a changed
    one a new Strip that is not kept. Other filters are cached by Textual as before. Once per
    process for the method; `kind` is remembered.
    """
    _PASSED_THROUGH.add(kind)
    if getattr(Strip, "_tbp_filter_without_copies", False):
        return
    cached = Strip.apply_filter

    def apply_filter(self: Strip, filter: LineFilter, background: Color) -> Strip:
        if type(filter) not in _PASSED_THROUGH:
            return cached(self, filter, background)
        segments = filter.apply(self._segments, background)
        return self if segments is self._segments else Strip(segments, self._cell_length)

    Strip.apply_filter = apply_filter  # type: ignore[method-assign]
    Strip._tbp_filter_without_copies = True  # type: ignore[attr-defined]


def truecolor_without_copies() -> None:
    """Textual's ANSIToTruecolor filter answers a line it leaves alone with its very segments,
    and is then passed through like tbp's control-character filter (`filter_without_copies`).

    Its ``apply`` built a new list of new Segments for every line, and ``Strip.apply_filter``
    kept that copy beside each line drawn, though the themes are truecolour and most lines come
    out unchanged: about 0.1 MiB of RSS on home (issue 22). A line with a system colour, dim
    text or a control code is converted by Textual's own ``apply``, each draw, and not kept.
    Once per process.
    """
    filter_without_copies(ANSIToTruecolor)
    if getattr(ANSIToTruecolor, "_tbp_without_copies", False):
        return
    convert = ANSIToTruecolor.apply

    def apply(self: ANSIToTruecolor, segments: list[Segment], background: Color) -> list[Segment]:
        truecolor_style, on = self.truecolor_style, background.rich_color
        for _, style, control in segments:
            if control is not None or (style is not None and truecolor_style(style, on) is not style):
                return convert(self, segments, background)
        return segments

    ANSIToTruecolor.apply = apply  # type: ignore[method-assign]
    ANSIToTruecolor._tbp_without_copies = True  # type: ignore[attr-defined]


def replace_colour_filters(app: App[Any], line_filter: LineFilter) -> None:
    """Drop the colour filters Textual chose at start (Monochrome or NoColor, in ``App._filters``)
    and use `line_filter` instead: NO_COLOR must leave the terminal's own colours, not greys."""
    app._filters[:] = [f for f in app._filters if not isinstance(f, Monochrome | NoColor)]
    app._filters.append(line_filter)


def node_bindings(node: DOMNode) -> dict[str, list[Binding]]:
    """A node's own bindings by key (``DOMNode._bindings``), as declared, before merging."""
    return {key: list(bindings) for key, bindings in node._bindings.key_to_bindings.items()}


def set_node_bindings(node: DOMNode, keys: Mapping[str, Iterable[Binding]]) -> None:
    """Replace a node's own bindings (``DOMNode._bindings``), e.g. with translated labels."""
    node._bindings = BindingsMap.from_keys({key: list(bindings) for key, bindings in keys.items()})


def notifications(app: App[Any]) -> list[Notification]:
    """The notices on screen now (``App._notifications``)."""
    return list(app._notifications)


def unnotify(app: App[Any], notification: Notification) -> None:
    """Take a notice down without a redraw (``App._unnotify``)."""
    app._unnotify(notification, refresh=False)


def record_exception(app: App[Any], error: Exception) -> None:
    """What Textual's own `_handle_exception` records before it prints: exit code 1 and the
    first error (``App._return_code``, ``_exception``, ``_exception_event``)."""
    app._return_code = 1
    if app._exception is None:
        app._exception = error
        app._exception_event.set()


def exit_printing(app: App[Any], renderable: Segments) -> None:
    """End the app and print `renderable` once the terminal is back (``App._exit_renderables``,
    ``App._close_messages_no_wait``), as Textual's `_fatal_error` does with its traceback."""
    app._exit_renderables.append(renderable)
    app._close_messages_no_wait()


# ---------------------------------------------------------------- the hang-up-safe driver
WRITE_STEP = 0.05
"""Seconds a write waits on the full queue before it looks again whether to give up."""
CLOSE_WAIT = 5.0
"""At an ordinary quit, how long the last output may take to drain on a slow link."""


class _TerminalFile:
    """The terminal as the writer thread sees it: an error writing marks the terminal gone.

    Textual's writer thread dies on the first OSError (EIO once the pty is hung up), and every
    later write then waits on its full queue for ever.
    """

    def __init__(self, file: IO[str], gone: Callable[[], None], is_gone: Callable[[], bool]) -> None:
        self._file = file
        self._gone = gone
        self._is_gone = is_gone

    def write(self, text: str) -> int:
        if self._is_gone():
            return len(text)
        try:
            return self._file.write(text)
        except (OSError, ValueError):
            self._gone()
            return len(text)

    def flush(self) -> None:
        if self._is_gone():
            return
        try:
            self._file.flush()
        except (OSError, ValueError):
            self._gone()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class _WakingEvent(threading.Event):
    """An Event whose `set` also writes a byte to a pipe, so a thread in `select` on that pipe
    wakes at once instead of looking at the flag on a timer."""

    def __init__(self, wake_fd: int) -> None:
        super().__init__()
        self._wake_fd = wake_fd
        self._fd_lock = threading.Lock()

    def set(self) -> None:
        super().set()
        with self._fd_lock, contextlib.suppress(OSError):
            if self._wake_fd >= 0:
                os.write(self._wake_fd, b"!")

    def close(self) -> None:
        """Close the pipe's write end; a later `set` then writes nowhere, never into a file that
        has since been given the same number."""
        with self._fd_lock:
            fd, self._wake_fd = self._wake_fd, -1
        if fd >= 0:
            os.close(fd)


class HangupSafeDriver(LinuxDriver):
    """Textual's Linux driver that notices a dead terminal and never blocks shutdown on it.

    ``on_hangup`` (set by the app) is called once, from whichever thread noticed, when the
    terminal went away (end of input, an error writing).
    """

    def __init__(self, app: App[Any], *, debug: bool = False, mouse: bool = True,
                 size: tuple[int, int] | None = None) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self.gone = threading.Event()
        self.on_hangup: Callable[[], None] | None = None
        self._give_up_at: float | None = None
        stderr = self._file
        assert stderr is not None
        self._file = _TerminalFile(stderr, self.terminal_gone, self.gone.is_set)  # type: ignore[assignment]
        self._wake_r, wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(wake_w, False)
        self._waker = _WakingEvent(wake_w)
        self.exit_event = self._waker  # LinuxDriver.exit_event: stops the input thread

    # ------------------------------------------------------------ giving up

    def terminal_gone(self) -> None:
        """The terminal is gone: from now on output is dropped and nothing waits for it."""
        if self.gone.is_set():
            return
        self.gone.set()
        self._auto_restart = False
        callback = self.on_hangup
        if callback is not None:
            callback()

    def leave_soon(self, grace: float) -> None:
        """A hang-up began: output may still drain for `grace` seconds, then it is dropped."""
        self._auto_restart = False
        deadline = time.monotonic() + grace
        if self._give_up_at is None or deadline < self._give_up_at:
            self._give_up_at = deadline

    def _should_give_up(self) -> bool:
        writer = self._writer_thread
        if self.gone.is_set() or writer is None or not writer.is_alive():
            return True
        return self._give_up_at is not None and time.monotonic() >= self._give_up_at

    # ------------------------------------------------------------ output

    def write(self, data: str) -> None:
        """Queue output; wait while a slow link drains, but never past a hang-up."""
        if self.gone.is_set():
            return
        writer = self._writer_thread
        assert writer is not None, "Driver must be in application mode"
        while True:
            try:
                writer._queue.put(data, timeout=WRITE_STEP)
                return
            except queue.Full:
                if self._should_give_up():
                    self.gone.set()  # nothing more is queued: the link is dead or we are leaving
                    return

    def close(self) -> None:
        """Stop the writer thread, waiting for it only while the terminal may still be there;
        close the wake pipe once no input thread can be waiting on it."""
        try:
            self._stop_writer()
        finally:
            key_thread = self._key_thread
            if key_thread is None or not key_thread.is_alive():
                self._waker.close()
                if self._wake_r >= 0:
                    os.close(self._wake_r)
                    self._wake_r = -1

    def _stop_writer(self) -> None:
        writer = self._writer_thread
        if writer is None:
            return
        limit = time.monotonic() + CLOSE_WAIT
        if self._give_up_at is not None:
            limit = min(limit, self._give_up_at)
        while not self.gone.is_set() and time.monotonic() < limit:
            try:
                writer._queue.put(None, timeout=WRITE_STEP)
            except queue.Full:
                continue
            writer.join(max(limit - time.monotonic(), 0.0))
            return
        # Gone: the thread may be stuck in write() on a frozen link; it is a daemon, left behind.

    # ------------------------------------------------------------ signals

    def _sigcont_application(self, *args: object) -> None:
        """After a hang-up the kernel sends SIGCONT too: never start application mode again then."""
        if self.gone.is_set() or self._give_up_at is not None:
            return
        super()._sigcont_application(*args)

    # ------------------------------------------------------------ input

    def run_input_thread(self) -> None:
        """Textual's input loop, except that end of input is a hang-up, not a reason to spin, and
        that it sleeps until a key, the end, or a half-read key sequence's time-out: Textual's
        woke every 100 ms to look at its stop flag, ten wake-ups a second in every idle session."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_r, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode

        def until_due() -> float | None:
            """Seconds until a lone Esc (or a cut-off sequence) is due as a key; None: none waits
            (``Parser._timeout_time``, on Textual's ``_time.get_time`` clock)."""
            due = parser._timeout_time
            return None if due is None else max(due - get_time(), 0.0)

        def process(events: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> bool:
            """False when the terminal has gone away."""
            for last, (key, mask) in loop_last(events):
                if key.fd == self._wake_r:
                    with contextlib.suppress(OSError):
                        os.read(self._wake_r, 64)
                    continue
                if mask & selectors.EVENT_READ:
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:
                        return False
                    if not data:
                        return False
                    for event in parser.feed(decode(data, final=final and last)):
                        self.process_message(event)
            for event in parser.tick():
                self.process_message(event)
            return True

        try:
            while not self.exit_event.is_set():
                if not process(selector.select(until_due())):
                    self.terminal_gone()
                    return
            selector.unregister(self.fileno)
            process(selector.select(0.1), final=True)
        finally:
            selector.close()


def hangup_driver(app: App[Any]) -> HangupSafeDriver | None:
    """The app's driver, when it is the hang-up-safe one (not in headless tests)."""
    driver = app._driver
    return driver if isinstance(driver, HangupSafeDriver) else None


def layout_now(screen: Screen[Any]) -> bool:
    """Lay the screen out now, even while the app's paints are held, and say whether anything
    moved, appeared or changed size (``Screen._refresh_layout``, ``Screen._layout_required``,
    ``Screen._dirty_widgets``, ``Compositor._full_map``)."""
    before = dict(screen._compositor._full_map)
    pending = screen._layout_required or bool(screen._dirty_widgets)
    screen._refresh_layout()
    screen._layout_required = False
    screen._dirty_widgets.clear()
    return pending or screen._compositor._full_map != before


def paint_whole(screen: Screen[Any]) -> None:
    """Lay the screen out and paint all of it now, as one update, and drop the layout and
    repaint it was waiting for (which would have been two more updates). Touches
    ``Screen._refresh_layout``, ``Screen._layout_required``, ``Screen._repaint_required``,
    ``Screen._dirty_widgets`` and ``Compositor._dirty_regions``."""
    screen._layout_required = False
    screen._repaint_required = False
    screen._dirty_widgets.clear()
    screen._compositor._dirty_regions.add(screen.outer_size.region)
    screen._refresh_layout()


class LinePageScroll(VerticalScroll):
    """A scrolling page that can also draw lines itself, as Textual's line-API ``ScrollView``
    does: while `drawing_lines` is on, its children are not laid out, its virtual size is the
    one its subclass gives (`line_page_size`), a new page of lines is shown with no layout
    (`show_lines_of_height`), and scrolling repaints only its own region (issue #17: a room's
    «go to step» lays out and paints 40 readers at once).

    Private API: overrides ``Widget._size_updated`` and calls ``Widget._scroll_update``, as
    ``ScrollView`` itself does; ``is_container`` decides whether the compositor arranges
    children (``Compositor._arrange_root``)."""

    _drawing_lines = False

    @property
    def drawing_lines(self) -> bool:
        return self._drawing_lines

    def draw_lines(self, on: bool) -> bool:
        """Draw lines (True) or lay out the children (False); True when that changed, which
        costs one layout."""
        if on == self._drawing_lines:
            return False
        self._drawing_lines = on
        self.refresh(layout=True)
        return True

    @property
    def is_container(self) -> bool:
        return not self._drawing_lines and super().is_container

    @property
    def is_scrollable(self) -> bool:
        return True

    def line_page_size(self, container: Size) -> Size:
        """The virtual size of the lines for a content area of `container` (overridden)."""
        return Size(container.width, 0)

    def show_lines_of_height(self, size: Size, *, repaint: bool = True) -> None:
        """A new page of lines of virtual `size`, shown without a layout: only this region is
        repainted (and the scroll bar, if it shows); with `repaint` off the caller repaints."""
        self.set_reactive(Widget.virtual_size, size)
        self._scroll_update(size)
        if repaint:
            self.refresh()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        if self._drawing_lines:
            virtual_size = self.line_page_size(size - self.styles.gutter.totals)
            layout = False
        return super()._size_updated(size, virtual_size, container_size, layout)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        if not self._drawing_lines:
            super().watch_scroll_y(old_value, new_value)
            return
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = new_value
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)


class _LeanCompositor(Compositor):
    """Textual's compositor, with a partial update that renders only what can show in it.

    Textual's partial update renders every widget whose clip overlaps the bounding box of the
    changed regions, each over its whole region: a step change (the page's rows and the position
    line) rendered the screen's background (24 rows), the body container (20), the title, the room
    line and the key bar too, and cut them all into pieces, to throw nearly all of it away (the
    page and the position line are in front). Here a widget is rendered only over the changed
    rows it is on, and not at all where widgets in front of it already cover those rows. The
    update written is the same, cell for cell. Full updates are Textual's own. Overrides
    ``Compositor._render_chops`` and reads ``Compositor.cuts``, ``visible_widgets`` and ``size``.
    """

    def _render_chops(self, crop: Region, is_rendered_line: Callable[[int], bool]) -> Any:
        width, height = self.size
        if crop.y <= 0 and crop.bottom >= height:
            return super()._render_chops(crop, is_rendered_line)
        cuts = self.cuts
        chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
        band = Region(0, crop.y, width, crop.height)
        for widget, (region, clip) in self.visible_widgets.items():  # front to back
            area = region.intersection(clip).intersection(band)
            if not area:
                continue
            first_cut, last_cut = area.column_span
            rows = [y for y in area.line_range if is_rendered_line(y) and any(
                chops[y][cut] is None for cut in cuts[y][:-1] if first_cut <= cut < last_cut)]
            if not rows:
                continue  # off the changed rows, or covered there by widgets in front
            top, bottom = rows[0], rows[-1] + 1
            strips = widget.render_lines(Region(area.x - region.x, top - region.y, area.width, bottom - top))
            for y, strip in zip(range(top, bottom), strips, strict=False):
                if not is_rendered_line(y):
                    continue
                line = chops[y]
                final = [cut for cut in cuts[y] if last_cut >= cut >= first_cut]
                for cut, piece in zip(final, strip.divide([cut - area.x for cut in final[1:]]), strict=False):
                    if line.get(cut) is None:
                        line[cut] = piece
        return chops


def lean_compositor(screen: Screen[Any]) -> None:
    """Give a new screen the compositor above (``Screen._compositor``), before it is mounted."""
    screen._compositor = _LeanCompositor()
