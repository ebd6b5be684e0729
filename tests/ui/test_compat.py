"""One test per hook in tbp_tui/ui/compat.py: the private Textual API we lean on still does
what we need. On a Textual upgrade, a failure here names the hook to rewrite."""

from __future__ import annotations

import asyncio
import inspect
from typing import ClassVar

from rich.segment import Segment, Segments
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.filter import LineFilter, Monochrome, NoColor
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from tbp_tui.ui import compat
from tbp_tui.ui.widgets.footer import KeyFooter

from .helpers import open_module, screen_text


class _Keys(Widget):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("x", "noop", "b.next", id="x-key")]


class _Shout(LineFilter):
    def apply(self, segments: list[Segment], background) -> list[Segment]:  # type: ignore[no-untyped-def, override]
        return [Segment(s.text.upper(), s.style, s.control) for s in segments]


class _Small(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("n", "noop", "b.next", id="n-key")]

    def compose(self) -> ComposeResult:
        yield Static("stille tekst", id="text")
        yield KeyFooter()

    def action_noop(self) -> None:
        pass


async def test_add_line_filter_changes_every_line_drawn():
    app = _Small()
    compat.add_line_filter(app, _Shout())
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        text = screen_text(app)  # type: ignore[arg-type]
        assert "STILLE TEKST" in text and "stille tekst" not in text


async def test_replace_colour_filters_leaves_only_the_one_given():
    app = _Small()
    app._filters.append(Monochrome())
    compat.replace_colour_filters(app, _Shout())
    assert not any(isinstance(f, Monochrome | NoColor) for f in app._filters)
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        assert "STILLE TEKST" in screen_text(app)  # type: ignore[arg-type]


def test_node_bindings_are_the_nodes_own_by_key():
    found = compat.node_bindings(_Keys())
    assert [b.id for b in found["x"]] == ["x-key"]


def test_set_node_bindings_replaces_them():
    node = _Keys()
    compat.set_node_bindings(node, {"y": [Binding("y", "noop", "Neste", id="y-key")]})
    assert list(compat.node_bindings(node)) == ["y"]
    assert compat.node_bindings(node)["y"][0].description == "Neste"


def test_document_classes_edit_wrap_and_navigate():
    doc = compat.Document("en\nto")
    result = doc.replace_range((0, 0), (0, 2), "tre")
    assert isinstance(result, compat.EditResult) and result.replaced_text == "en"
    location: compat.Location = result.end_location
    assert location == (0, 3) and doc.get_line(0) == "tre"
    wrapped = compat.WrappedDocument(doc, width=10)
    navigator = compat.DocumentNavigator(wrapped)
    assert navigator.get_location_below((0, 0)) == (1, 0)


async def test_notifications_and_unnotify():
    app = _Small()
    async with app.run_test(size=(40, 5)) as pilot:
        app.notify("hei")
        await pilot.pause()
        [shown] = compat.notifications(app)
        assert shown.message == "hei"
        compat.unnotify(app, shown)
        assert compat.notifications(app) == []


def test_record_exception_sets_the_exit_code():
    app = _Small()
    compat.record_exception(app, ValueError("x"))
    compat.record_exception(app, KeyError("y"))  # the first one is kept
    assert app.return_code == 1


async def test_exit_printing_ends_the_app():
    app = _Small()
    async with app.run_test(size=(40, 5)):
        compat.exit_printing(app, Segments([Segment("bye\n")]))
        for _ in range(500):  # the app closes its message queue by itself, soon
            if not app.is_running:
                break
            await asyncio.sleep(0.01)
        assert not app.is_running


def test_the_overridden_private_methods_still_exist_with_the_same_arguments():
    from tbp_tui.ui.privacy import PrivacyGuard

    for name in compat.OVERRIDDEN:
        ours, theirs = getattr(PrivacyGuard, name), getattr(App, name)
        assert ours is not theirs and callable(theirs)
        assert inspect.signature(ours).parameters.keys() == inspect.signature(theirs).parameters.keys()


async def test_layout_now_lays_out_while_paints_are_held_and_says_whether_anything_moved():
    app = _Small()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        with app.batch_update():
            late = Static("sent tekst", id="late")
            await app.screen.mount(late)
            assert compat.layout_now(app.screen) is True
            assert late.size.width == 40  # placed though nothing is painted
            assert compat.layout_now(app.screen) is False


async def test_paint_whole_is_one_update_of_the_whole_screen():
    from textual._compositor import LayoutUpdate

    app = _Small()
    async with app.run_test(size=(40, 5)) as pilot:
        await pilot.pause()
        shown: list[object] = []
        app._display = lambda screen, update: shown.append(update)  # type: ignore[method-assign]
        with app.batch_update():  # the text changes and waits, unpainted
            app.query_one("#text", Static).update("ny tekst")
            await pilot.pause()
        compat.paint_whole(app.screen)
        await pilot.pause()
        updates = [u for u in shown if u is not None]
        assert len(updates) == 1 and isinstance(updates[0], LayoutUpdate)
        assert "ny tekst" in screen_text(app)  # type: ignore[arg-type]


TEXTUAL_STRIP_CACHES = r"""
from textual.cache import FIFOCache
from textual.strip import Strip

strip = Strip([])  # Textual's own __init__: compat is not imported in this process
print(sorted((name, value._maxsize) for name in Strip.__slots__
             if isinstance(value := getattr(strip, name, None), FIFOCache)))
"""


def test_lazy_strip_caches_are_the_caches_textual_makes():
    """The table of caches made on first use is Textual's own: the same names and sizes."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", TEXTUAL_STRIP_CACHES], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == str(sorted(compat.STRIP_CACHES.items()))


def test_a_strip_makes_a_cache_when_it_first_uses_it():
    import gc

    from textual.cache import FIFOCache
    from textual.strip import Strip

    compat.lazy_strip_caches()
    before = sum(type(o) is FIFOCache for o in gc.get_objects())
    strips = [Strip([Segment(f"linje {i}")]) for i in range(100)]
    assert sum(type(o) is FIFOCache for o in gc.get_objects()) == before
    first = strips[0].crop(1, 4)
    assert first.text == "inj" and strips[0].crop(1, 4) is first  # kept, as Textual keeps it
    assert strips[0].divide([2])[0].text == "li"


async def test_home_holds_few_empty_strip_caches(make_app):
    """Issue 22: Textual gave every line drawn seven caches, nine in ten never used (1.2 MiB with a
    module open). With home painted, an empty cache is now the exception."""
    import gc

    from textual.cache import FIFOCache
    from textual.strip import Strip

    gc.collect()
    earlier = [o for o in gc.get_objects() if type(o) in (Strip, FIFOCache)]  # held: no id reused
    known = {id(o) for o in earlier}
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        gc.collect()
        new = [o for o in gc.get_objects() if type(o) in (Strip, FIFOCache) and id(o) not in known]
        strips = sum(type(o) is Strip for o in new)
        empty = sum(type(o) is FIFOCache and len(o) == 0 for o in new)
        # home was drawn: about 90 lines with no truecolour copies, 48 strips since alike rows
        # next to each other share one (shared_equal_rows)
        assert strips > 40, strips
        # Textual's own would be 7 per strip; 10 on home, as before the truecolour copies (about
        # 120 strips that each took caches of their own) were left out
        assert empty < 12, (empty, strips)
class _Lines(compat.LinePageScroll):
    """Draws `count` numbered lines while drawing lines; else lays out its one child."""

    count = 30

    def line_page_size(self, container):  # type: ignore[no-untyped-def]
        return Size(container.width, self.count)

    def render_line(self, y: int):  # type: ignore[no-untyped-def]
        from textual.strip import Strip

        if not self.drawing_lines:
            return super().render_line(y)
        y += self.scroll_offset.y
        return Strip([Segment(f"linje {y}" if y < self.count else "")]).crop_extend(0, self.size.width, None)


class _LinesApp(App[None]):
    def compose(self) -> ComposeResult:
        with _Lines(id="page"):
            yield Static("barnet", id="child")


async def test_line_page_scroll_draws_and_scrolls_lines_and_changes_height_without_a_layout():
    app = _LinesApp()
    async with app.run_test(size=(30, 10)) as pilot:
        page = app.query_one(_Lines)
        await pilot.pause()
        assert "barnet" in screen_text(app) and page.max_scroll_y == 0  # type: ignore[arg-type]
        assert page.draw_lines(True) and not page.draw_lines(True)
        await pilot.pause()
        text = screen_text(app)  # type: ignore[arg-type]
        assert "linje 0" in text and "barnet" not in text and page.max_scroll_y == 30 - 10
        page.scroll_to(y=5, animate=False, immediate=True)
        await pilot.pause()
        assert screen_text(app).splitlines()[0].startswith("linje 5")  # type: ignore[arg-type]
        layouts: list[bool] = []
        relayout = app.screen._refresh_layout
        app.screen._refresh_layout = lambda size=None, scroll=False: (  # type: ignore[method-assign]
            layouts.append(scroll), relayout(size, scroll))[1]
        page.count = 12
        page.show_lines_of_height(page.line_page_size(page.container_size))
        await pilot.pause()
        assert page.max_scroll_y == 2 and page.scroll_y == 2 and not [s for s in layouts if not s]
        page.draw_lines(False)
        await pilot.pause()
        assert "barnet" in screen_text(app)  # type: ignore[arg-type]


async def test_the_drivers_wake_pipe_is_closed_with_the_driver_and_never_written_after():
    """The driver's wake pipe lives as long as the driver; after close a late stop flag must not
    write into whatever file has since been given the pipe's old number."""
    import os

    driver = compat.HangupSafeDriver(_Small())
    read_end, write_end = driver._wake_r, driver._waker._wake_fd
    driver.close()
    for fd in (read_end, write_end):
        try:
            os.fstat(fd)
        except OSError:
            continue
        raise AssertionError(f"wake pipe fd {fd} is still open after close")
    reused_r, reused_w = os.pipe()  # takes the old numbers again
    try:
        os.set_blocking(reused_r, False)
        driver.exit_event.set()
        try:
            stray = os.read(reused_r, 64)
        except BlockingIOError:
            stray = b""
        assert stray == b"" and driver.exit_event.is_set()
    finally:
        os.close(reused_r)
        os.close(reused_w)


def test_key_tables_give_textuals_own_answers():
    """quiet_key_names answers from two tables; each entry is what Textual itself answers."""
    import string

    from textual.keys import _character_to_key, key_to_character

    assert {k: key_to_character(k) for k in compat.KEY_CHARACTERS} == compat.KEY_CHARACTERS
    signs = [c for c in string.printable if c.isprintable() and not c.isalnum()]
    assert sorted(compat.CHARACTER_KEYS) == sorted(signs)
    assert {c: _character_to_key(c) for c in signs} == compat.CHARACTER_KEYS


async def test_home_asks_nothing_of_the_unicode_database(make_app, monkeypatch):
    """Issue 22: each question to Python's Unicode database pages in part of it (about 1 MiB of
    every session's memory on home for a dozen key names and a profile name's letters)."""
    import unicodedata

    import textual.keys

    asked: list[str] = []
    for name in ("lookup", "name", "category"):
        real = getattr(unicodedata, name)
        monkeypatch.setattr(unicodedata, name,
                            lambda *a, _real=real, _name=name: asked.append(_name) or _real(*a))
    textual.keys.key_to_character.cache_clear()  # answers kept by earlier tests would hide a question
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.__class__.__name__ == "HomeScreen"
    assert asked == []


async def test_quiet_key_names_still_lets_a_text_field_take_its_keys():
    """A binding outside a focused text field still gives way to the characters it consumes
    (Textual asks key_to_character for that): «?» and space go into the field, F1 does not."""
    from textual.widgets import Input

    class _Form(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [
            Binding("question_mark", "mark('?')", "?"), Binding("space", "mark('space')", "space"),
            Binding("f1", "mark('f1')", "f1"),
        ]

        def __init__(self) -> None:
            super().__init__()
            self.marks: list[str] = []

        def compose(self) -> ComposeResult:
            yield Input()

        def action_mark(self, what: str) -> None:
            self.marks.append(what)

    compat.quiet_key_names()
    app = _Form()
    async with app.run_test() as pilot:
        await pilot.press("question_mark", "space", "f1")
        assert app.query_one(Input).value == "? "
        assert app.marks == ["f1"]


async def test_lean_compositor_renders_only_the_changed_rows_not_what_is_covered(make_app, monkeypatch):
    """A step change at 80×24 (page rows and the position line) renders the page and the position
    line, not the screen behind them, the title, the room line or the key bar; and the partial
    update is Textual's own, cell for cell, whichever rows change."""
    from textual._compositor import Compositor
    from textual.geometry import Region

    from .helpers import module_screen, open_module

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_module(pilot, "kk-test", "hva-er-traume")
        screen = module_screen(app)
        compositor = screen._compositor
        assert isinstance(compositor, compat._LeanCompositor)
        await pilot.pause()
        rendered: list[str] = []
        real = Widget.render_lines

        def counting(self: Widget, crop: Region) -> list:  # type: ignore[type-arg]
            rendered.append(self.id or type(self).__name__)
            return real(self, crop)

        monkeypatch.setattr(Widget, "render_lines", counting)
        await pilot.press("n")
        await pilot.pause()
        assert "content" in rendered and "position" in rendered
        assert not {"module-title", "KeyFooter", "body", type(screen).__name__} & set(rendered), rendered
        monkeypatch.undo()
        for rows in ({1, 3, 4, 9}, set(range(2, 22)), {0}, {23}, {5, 22}):
            crop = Region(0, min(rows), 80, max(rows) - min(rows) + 1)
            lean = compositor._render_chops(crop, rows.__contains__)
            plain = Compositor._render_chops(compositor, crop, rows.__contains__)
            for y in rows:
                keys = compositor.cuts[y][:-1]
                assert [lean[y][x] for x in keys] == [plain[y][x] for x in keys], (rows, y)


CELL_LEN_HOLDERS = r"""
import sys
import rich.cells
import textual.app  # imports textual._cells, textual.content, the compositor: Rich's cache by name
old = rich.cells.cached_cell_len
from tbp_tui.ui import compat
compat.small_cell_len_cache()
compat.small_cell_len_cache()  # once per process: a second call changes nothing
import textual.document._document, textual.widgets._text_area  # imported after, as on a module's open
small = rich.cells.cached_cell_len
still_old = sorted(n for n, m in list(sys.modules.items()) if m is not None
                   and n.startswith(("rich.", "textual.")) and any(v is old for v in vars(m).values()))
holders = sorted(n for n, m in list(sys.modules.items()) if m is not None
                 and n.startswith(("rich.", "textual.")) and any(v is small for v in vars(m).values()))
texts = ("blåbær", "漢字", "👍", "a\u200db", "\x1b")
widths = [rich.cells.cell_len(t) == old(t) == rich.cells._cell_len(t, "auto") for t in texts]
print(still_old, small.cache_info().maxsize, widths)
print(holders)
"""


def test_every_holder_of_richs_cell_length_cache_gets_the_small_one():
    """Textual's modules took Rich's cached measure by name at import: each of them (and those
    imported later) gets the small cache, and widths stay Rich's."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", CELL_LEN_HOLDERS], capture_output=True, text=True,
                          timeout=60, check=True)
    first, second = done.stdout.strip().splitlines()
    assert first == f"[] {compat.CELL_LEN_CACHE} {[True] * 5}"
    for name in ("rich.cells", "rich.segment", "textual._cells", "textual._compositor",
                 "textual.content", "textual.document._document", "textual.widgets._text_area"):
        assert f"'{name}'" in second, (name, second)


def test_the_app_measures_cell_lengths_with_a_small_cache(make_app):
    """Issue 22: Rich keeps up to 4,096 measured strings alive (1,661 with a module open and a
    timer running, 296 KiB). Once the app is made, measuring many new words keeps only the cap."""
    import rich.cells
    import textual._cells

    make_app()
    measure = textual._cells.cell_len
    assert measure is rich.cells.cached_cell_len
    for i in range(3 * compat.CELL_LEN_CACHE):
        rich.cells.cell_len(f"ord{i}")
        measure(f"ord{i}")
    assert measure.cache_info().currsize <= compat.CELL_LEN_CACHE  # type: ignore[attr-defined]
    assert measure.cache_info().maxsize == compat.CELL_LEN_CACHE  # type: ignore[attr-defined]


async def test_a_line_the_control_filter_leaves_alone_is_drawn_without_a_copy(make_app):
    """Issue 22: Textual kept a filtered copy of every line drawn (454 with a module open and a
    timer running, 780 KiB with what hung off them) even when tbp's control-character filter
    changed nothing. Now a clean line is its own answer, a changed line is still cleaned, and
    other filters are cached by Textual as before."""
    from textual.color import Color
    from textual.strip import Strip

    from tbp_tui.ui.textsafe import ControlCharFilter

    make_app()  # the app sets the hook up
    control = ControlCharFilter()
    clean = Strip([Segment("stille tekst")])
    assert clean.apply_filter(control, Color(0, 0, 0)) is clean
    dirty = Strip([Segment("før\x1b[2Jetter")])
    assert dirty.apply_filter(control, Color(0, 0, 0)).text == "før[2Jetter"
    shout = _Shout()
    first = clean.apply_filter(shout, Color(0, 0, 0))
    assert first.text == "STILLE TEKST" and clean.apply_filter(shout, Color(0, 0, 0)) is first


async def test_a_truecolour_line_is_drawn_without_a_converted_copy(make_app):
    """Issue 22: Textual's ANSI-to-truecolour filter built, and kept beside every line drawn, a
    copy of the line even when all its colours were truecolour already (about 0.1 MiB of RSS on
    home). Now such a line is its own answer; a line with a system colour or dim text is still
    converted, as Textual converts it."""
    from rich.color import Color as RichColor
    from rich.style import Style
    from rich.terminal_theme import MONOKAI
    from textual.color import Color
    from textual.filter import ANSIToTruecolor
    from textual.strip import Strip

    make_app()  # the app sets the hook up
    truecolor = ANSIToTruecolor(MONOKAI)
    on = Color(10, 20, 30)
    clean = Strip([Segment("stille ", Style(color="#aabbcc", bgcolor="#102030")), Segment("tekst")])
    assert clean.apply_filter(truecolor, on) is clean
    system = Strip([Segment("rød", Style(color="red"))])
    (red,) = system.apply_filter(truecolor, on)
    assert red.text == "rød" and red.style is not None and red.style.color is not None
    assert red.style.color.triplet == RichColor.parse("red").get_truecolor(MONOKAI)
    (faint,) = Strip([Segment("svak", Style(color="#ffffff", dim=True))]).apply_filter(truecolor, on)
    assert faint.style is not None and not faint.style.dim


async def test_component_nodes_share_their_message_pump_parts(make_app):
    """Issue 22: each component class of a widget (three for the key line, five for home's list)
    was a whole DOMNode kept behind its styles, about 6.6 kB. Now they share one empty signal,
    timer set, child list and query cache, and the styles they hold still come from the stylesheet."""
    from textual.dom import DOMNode

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        owners = [n for n in app.screen.walk_children(with_self=True) if n._component_styles]
        assert len(owners) >= 2
        nodes = [styles.node for owner in owners for styles in owner._component_styles.values()]
        assert all(type(n) is DOMNode for n in nodes)
        for name in compat.SLIMMED:
            assert len({id(getattr(n, name)) for n in nodes}) == 1, name
        first = nodes[0]
        assert not first._timers and not first._nodes and len(first._query_one_cache) == 0
        footer = app.screen.query_one(KeyFooter)
        key_style = footer.get_component_rich_style("footer-key--key")
        assert key_style.bold and key_style.color is not None  # the key line's footer-key--key rule
        drawn_from = {c for styles in footer._component_styles.values() for c in styles.node.classes}
        assert drawn_from == KeyFooter.COMPONENT_CLASSES


def test_keep_parsed_rules_serves_and_takes_a_stylesheets_rules_and_variable_tokens(monkeypatch):
    """The style copy's hook: parsed once, then given by the keeper; None is Textual's own way."""
    import textual.css.stylesheet as stylesheet_module
    from textual.css.stylesheet import Stylesheet

    parsed: list[object] = []
    tokenized: list[object] = []
    parse, tokenize_values = stylesheet_module.parse, stylesheet_module.tokenize_values
    monkeypatch.setattr(stylesheet_module, "parse", lambda scope, css, where, **kw: (
        parsed.append(where) or parse(scope, css, where, **kw)))
    monkeypatch.setattr(stylesheet_module, "tokenize_values",
                        lambda values: tokenized.append(values) or tokenize_values(values))

    class Keeper:
        def __init__(self) -> None:
            self.rules: dict[object, list[object]] = {}
            self.kept_tokens: dict[str, list[object]] | None = None

        def get(self, variables, key):  # type: ignore[no-untyped-def]
            return self.rules.get((tuple(sorted(variables.items())), key))

        def put(self, variables, key, rules):  # type: ignore[no-untyped-def]
            self.rules[(tuple(sorted(variables.items())), key)] = rules

        def tokens(self, variables):  # type: ignore[no-untyped-def]
            return self.kept_tokens

        def put_tokens(self, variables, tokens):  # type: ignore[no-untyped-def]
            self.kept_tokens = tokens

    def sheet() -> Stylesheet:
        made = Stylesheet(variables={"accent": "#102030"})
        made.add_source("Static { color: $accent; }", read_from=("test", "Static"), is_default_css=True)
        made.parse()
        return made

    keeper = Keeper()
    try:
        compat.keep_parsed_rules(keeper)
        first = sheet()
        assert (len(parsed), len(tokenized)) == (1, 1)
        second = sheet()  # a fresh stylesheet, as on the next start
        assert (len(parsed), len(tokenized)) == (1, 1)
        assert second.rules == first.rules
        assert second.rules[0].styles.color == first.rules[0].styles.color
        assert second._variable_tokens is keeper.kept_tokens
    finally:
        compat.keep_parsed_rules(None)
    sheet()
    assert (len(parsed), len(tokenized)) == (2, 2)


async def test_a_row_drawn_like_the_row_above_is_that_rows_line(make_app):
    """Issue 22: Textual kept every drawn row of every widget as its own strip, blank rows too (98
    of 142 rows with a module open and its timer running were copies). Alike rows next to each
    other are now one strip; the snapshots show the screen is drawn as before."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_module(pilot, "kk-test")
        await pilot.press("n")
        await pilot.pause()
        for node in (screen, screen.query_one("#body")):
            rows = [strip for _, strip in sorted(node._styles_cache._cache.items())]
            assert len(rows) >= 20, type(node).__name__
            looks = {tuple(strip) for strip in rows}
            assert len({id(strip) for strip in rows}) == len(looks), type(node).__name__

