"""Course text drawn by `widgets/prose.py`, checked against a CommonMark parser and by its layout.

Rich's own Markdown (markdown-it, which Textual still installs) is the reference: for every body in
the bundled course both must show the same words with the same bold and italic. The layout tests
pin what a reader sees: wrapped list items stay under their text, quotes keep their bar.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from rich.console import Console, RenderableType
from rich.markdown import Markdown
from textual.app import App, ComposeResult

from tbp_tui.course import bundled_course_dir, load_course
from tbp_tui.reflow import STAND_IN
from tbp_tui.ui.widgets.prose import Prose, inline, prose

MARKERS = {"•", "◦", "▪", "▌"}


def _lines(renderable: RenderableType, width: int = 40) -> list[str]:
    console = Console(width=width, color_system=None, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return [line.rstrip().replace(STAND_IN, " ") for line in console.export_text().splitlines()]


def _words(renderable: RenderableType) -> list[tuple[str, bool, bool]]:
    """(word, bold, italic) in reading order, list markers and numbers left out (the two
    renderers number and mark lists differently on purpose)."""
    console = Console(width=70, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    chars: list[tuple[str, bool, bool]] = []
    for segment in console.render(renderable):
        style = segment.style
        bold, italic = bool(style and style.bold), bool(style and style.italic)
        chars.extend((c, bold, italic) for c in segment.text.replace(STAND_IN, " "))
    words, word = [], []
    for c in [*chars, (" ", False, False)]:
        if c[0].isspace():
            if word:
                text = "".join(ch for ch, _, _ in word)
                if text not in MARKERS and not re.fullmatch(r"\d+\.?", text):
                    words.append((text, word[0][1], word[0][2]))
            word = []
        else:
            word.append(c)
    return words


def _bodies() -> Iterator[str]:
    course = load_course(bundled_course_dir())
    for module in course.modules:
        for step in module.steps:
            for name in ("body", "instructions", "explanation", "manus"):
                text = getattr(step, name, None)
                if isinstance(text, str) and text.strip():
                    yield text


def test_every_course_body_shows_the_same_words_and_emphasis_as_commonmark() -> None:
    bodies = list(_bodies())
    assert len(bodies) > 200  # the whole bundled course, not a sample
    differ = [b[:60] for b in bodies if _words(prose(b)) != _words(Markdown(b))]
    assert differ == []


def test_a_wrapped_list_item_continues_under_its_text_not_under_the_bullet() -> None:
    lines = _lines(prose("- en ganske lang linje som må brytes over flere linjer her\n- to"), 24)
    assert lines[0].startswith("• en ganske")
    assert all(line.startswith("  ") and line[2] != " " for line in lines[1:-1])
    assert lines[-1] == "• to"


def test_a_number_inside_a_paragraph_does_not_start_a_list_but_1_does() -> None:
    assert _lines(prose("Møtet er\n14. mars kl. 08.00.")) == ["Møtet er 14. mars kl. 08.00."]
    assert _lines(prose("Gjør dette:\n1. først\n2. så")) == ["Gjør dette:", "", "1. først", "2. så"]


def test_nested_list_sits_under_its_parents_text_with_its_own_bullet() -> None:
    lines = _lines(prose("1. **Ta dem i rekkefølge:**\n   - KK1\n   - KK2\n2. Slå opp"))
    assert lines == ["1. Ta dem i rekkefølge:", "   ◦ KK1", "   ◦ KK2", "2. Slå opp"]


def test_a_bullet_list_after_a_numbered_one_is_a_new_list() -> None:
    assert _lines(prose("1. en\n\n- to")) == ["1. en", "", "• to"]


def test_every_line_of_a_quote_has_the_bar() -> None:
    source = "> Du er innkalt til møte. Møtet er obligatorisk og viktig.\n> Ta med legitimasjon."
    lines = _lines(prose(source), 30)
    assert len(lines) >= 3
    assert all(line.startswith("▌ ") for line in lines)


def test_escapes_code_links_and_hard_breaks() -> None:
    text = inline("\\*ikke kursiv\\* og `kode` og [kilde](https://example.org)  \nny linje")
    assert text.plain == "*ikke kursiv* og kode og kilde (https://example.org)\nny linje"
    assert not any("italic" in str(span.style) for span in text.spans)


@pytest.mark.parametrize(
    ("source", "bold", "italic"),
    [
        ("**fet** tekst", "fet", ""),
        ("*kursiv* tekst", "", "kursiv"),
        ("snake_case_ord og 2*3*4", "", ""),
        ("*a **b** c*", "b", "a b c"),
        ("**fet over\nto linjer**", "fet over to linjer", ""),
    ],
)
def test_emphasis(source: str, bold: str, italic: str) -> None:
    text = inline(source)

    def styled(name: str) -> str:
        return " ".join(text.plain[s.start : s.end] for s in text.spans if name in str(s.style))

    assert (styled("bold"), styled("italic")) == (bold, italic)



class _Reader(App[None]):
    def compose(self) -> ComposeResult:
        yield Prose("")


@pytest.mark.parametrize("source", [
    "Omtrent tjue av hundre har opplevd det: 20 % av dem",
    "Ring Mental Helse på 116 123 når det trengs",
    "Øvelsen tar om lag 5 minutter om du vil",
])
async def test_a_number_stays_on_the_line_of_its_unit_or_its_next_digit_group(source: str) -> None:
    """Norwegian typesetting keeps «20 %», «5 minutter» and a phone number's groups together: at
    no width may a line end on the number and the next begin with its unit. Drawn as the reader
    draws it; what reaches the screen holds plain spaces only."""
    glued = re.search(r"(\d+) (%|\d+|minutter)", source)
    assert glued is not None
    left, right = glued[1], glued[2]
    app = _Reader()
    async with app.run_test():
        widget = app.query_one(Prose)
        widget.show(source)
        for width in range(12, len(source) + 1):
            lines = ["".join(seg.text for seg in strip).rstrip() for strip in widget.lines(width)]
            assert " ".join(lines).split(" ") == source.split(" "), lines  # nothing lost or added
            for upper, lower in itertools.pairwise(lines):
                assert not (upper.endswith(left) and lower.startswith(right)), (width, lines)
