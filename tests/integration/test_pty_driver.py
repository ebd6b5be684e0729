"""The little terminal the integration tests read the screen from must read it right."""

from __future__ import annotations

from .pty_driver import TextGrid, strip_ansi


def test_cursor_moves_text_and_colours() -> None:
    grid = TextGrid(20, 3)
    grid.feed("\x1b[2;3H\x1b[1;37;40mHei\x1b[0m på deg\x1b[1;1HÆ")
    assert grid.lines() == ["Æ", "  Hei på deg", ""]


def test_an_escape_cut_by_a_read_is_finished_by_the_next() -> None:
    grid = TextGrid(20, 2)
    grid.feed("ab\x1b[")
    grid.feed("2;1Hcd\x1b]0;tit")
    grid.feed("tel\x07ef\x1b")
    grid.feed("7gh")
    assert grid.lines() == ["ab", "cdefgh"]


def test_unknown_two_byte_escapes_do_not_swallow_what_follows() -> None:
    grid = TextGrid(10, 1)
    grid.feed("a\x1bcb\x1b=c")
    assert grid.lines() == ["abc"]


def test_wide_characters_take_two_cells_and_lines_wrap_and_scroll() -> None:
    grid = TextGrid(4, 2)
    grid.feed("🔒ab")
    assert grid.lines() == ["🔒ab", ""]
    grid.feed("cdefgh")  # wraps after "c…", then scrolls the first row away
    assert grid.lines() == ["cdef", "gh"]


def test_erase_and_resize() -> None:
    grid = TextGrid(6, 2)
    grid.feed("abcdef\x1b[2;1Hghijkl\x1b[1;3H\x1b[K")
    assert grid.lines() == ["ab", "ghijkl"]
    grid.resize(3, 3)  # cropped, top-left anchored, as a terminal does
    assert grid.lines() == ["ab", "ghi", ""]
    grid.feed("\x1b[2J")
    assert grid.lines() == ["", "", ""]


def test_strip_ansi_keeps_rows_apart() -> None:
    assert strip_ansi("\x1b[1;1H\x1b[1mtop\x1b[0m\x1b[2;1Hbottom") == "\ntop\nbottom"
