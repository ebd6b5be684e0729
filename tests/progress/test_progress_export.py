"""Export (Markdown/JSON) and the CLI command functions: progress, export, where, forget."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from progress_testkit import FakeCourse, FakeModule, FakeStep, sample_course
from rich.console import Console

from tbp_tui.i18n import Catalog
from tbp_tui.progress.commands import cmd_export, cmd_forget, cmd_progress, cmd_where
from tbp_tui.progress.export import to_json, to_markdown
from tbp_tui.progress.store import ProgressStore

NB = Catalog("nb")  # the default language; tests/test_cli_language.py covers English

LONG = "Et langt svar " * 40  # far wider than any console
MARKUP = "[bold red]ikke markup[/] \\[x]"


def console(width: int = 60) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, width=width, color_system=None, force_terminal=False), buffer


@pytest.fixture
def learner(data_dir: Path) -> ProgressStore:
    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("kk1", "hva-er-traume")
    store.mark_seen("kk1", "egen-erfaring")
    store.set_reflection("kk1", "egen-erfaring", f"Første linje\n{MARKUP}\n\n{LONG}")
    store.record_quiz("kk1", "sjekk", [1], False)
    store.record_quiz("kk1", "sjekk", [2], True)
    store.add_time("kk1", 3725)
    store.mark_seen("kk1", "fjernet-steg")
    store.set_reflection("kk1", "fjernet-steg", "Svar på et steg som er borte")
    store.mark_seen("gammel-modul", "x")
    store.set_reflection("gammel-modul", "x", "Fra en modul som er borte")
    assert store.save()
    return store


# ------------------------------------------------------------------ to_markdown / to_json


def test_markdown_contains_titles_prompt_answer_and_gone_items(learner: ProgressStore) -> None:
    md = to_markdown(learner.progress, sample_course(), NB)
    assert md.startswith("# Livet skjer med oss alle\n")
    assert "Kjernekompetanse 1: Forstå traumer" in md
    assert "Tenk på en dag på jobb da noen reagerte sterkt." in md  # the prompt
    for line in ["Første linje", MARKUP, LONG]:
        assert f"> {line}\n" in md  # learner text kept verbatim, as a quote
    assert "Hendelsen" in md and "Skaden etter hendelsen" in md  # quiz options by text
    assert "1 t 2 min" in md
    assert "Steg utforsket: 2 av 3" in md  # only steps the course has are counted
    gone = md.index("## Ikke i kurset lenger")
    assert "Svar på et steg som er borte" in md
    assert md.index("Fra en modul som er borte") > gone
    assert "gammel-modul" in md[gone:]
    assert "Kjernekompetanse 2" not in md  # nothing explored there: not listed


def test_markdown_in_english_has_english_words_around_the_learners_own(learner: ProgressStore) -> None:
    md = to_markdown(learner.progress, sample_course(), Catalog("en"))
    for said in ("Your own progress and reflections.", "Steps explored: 2 of 3", "Time spent: 1 h 2 min",
                 "## No longer in the course", "fjernet-steg (no longer in the course)",
                 "### Reflection: Din erfaring", "– did not match the answer key",
                 "– matched the answer key", "chose 2 (Skaden etter hendelsen)"):
        assert said in md, said
    for word in ("Steg utforsket", "Tid brukt", "Refleksjon:", "Skrevet", "valgte", "fasiten"):
        assert word not in md, word
    assert f"> {LONG}\n" in md  # the learner's text and the course's titles stay as written


def test_a_step_title_that_names_its_kind_is_not_prefixed_twice(data_dir: Path) -> None:
    course = FakeCourse("Kurs", (FakeModule("m", "Modul", (
        FakeStep("r1", "Refleksjon: Din arbeidsdag", "reflection", prompt="Tenk på en dag."),
        FakeStep("r2", "Din erfaring", "reflection", prompt="Tenk på en annen dag."),
        FakeStep("q1", "Quiz: Hva er et traume?", "quiz", question="Hva?", options=("a", "b")),
    )),))
    store = ProgressStore.open(data_dir, "kari")
    store.set_reflection("m", "r1", "svar 1")
    store.set_reflection("m", "r2", "svar 2")
    store.record_quiz("m", "q1", [1], True)
    md = to_markdown(store.progress, course, NB)
    assert "### Refleksjon: Din arbeidsdag\n" in md and "Refleksjon: Refleksjon" not in md
    assert "### Refleksjon: Din erfaring\n" in md
    assert "### Quiz: Hva er et traume?\n" in md and "Quiz: Quiz" not in md
    english = to_markdown(store.progress, course, Catalog("en"))
    assert "### Reflection: Refleksjon: Din arbeidsdag\n" in english  # other words: the course's title


def test_markdown_for_empty_progress_says_so() -> None:
    from tbp_tui.progress.model import Progress

    assert "Ingen framgang er lagret ennå." in to_markdown(Progress(), sample_course(), NB)


def test_json_has_the_same_content_in_structure(learner: ProgressStore) -> None:
    doc = json.loads(to_json(learner.progress, sample_course()))
    assert doc["course"] == "Livet skjer med oss alle"
    by_id = {m["id"]: m for m in doc["modules"]}
    kk1 = by_id["kk1"]
    assert kk1["in_course"] is True and kk1["steps_total"] == 3
    assert [s["id"] for s in kk1["seen"]] == ["hva-er-traume", "egen-erfaring", "fjernet-steg"]
    assert kk1["seen"][2] == {"id": "fjernet-steg", "title": None, "in_course": False}
    refl = {r["id"]: r for r in kk1["reflections"]}
    assert refl["egen-erfaring"]["text"] == learner.progress.modules["kk1"].reflections[
        "egen-erfaring"].text
    assert refl["egen-erfaring"]["prompt"].startswith("Tenk på")
    assert [a["chosen"] for a in kk1["quiz"][0]["attempts"]] == [[1], [2]]
    assert kk1["seconds"] == 3725
    assert by_id["gammel-modul"]["in_course"] is False
    assert "kk2" not in by_id


def test_works_with_the_real_course_model() -> None:
    """The course model of tbp_tui.course (kind as a ClassVar, tuples) fits the Protocols."""
    cm = pytest.importorskip("tbp_tui.course.model")
    from tbp_tui.progress.model import Progress, Reflection

    step = cm.ReflectionStep(id="r", title="Din erfaring", prompt="Hva skjedde?")
    module = cm.Module(id="m", title="Modul", kind="competency", minutes=5, steps=(step,))
    course = cm.Course(id="k", title="Kurs", language="nb", modules=(module,))
    progress = Progress()
    progress.module("m").reflections["r"] = Reflection("svar", "2026-01-01T00:00:00Z")
    md = to_markdown(progress, course, NB)
    assert "Hva skjedde?" in md and "> svar" in md and "Din erfaring" in md


# ------------------------------------------------------------------ cmd_export


def test_export_to_stdout_is_exact_even_on_a_narrow_console(
    learner: ProgressStore, data_dir: Path
) -> None:
    con, out = console(width=30)
    assert cmd_export(sample_course(), data_dir, "kari", "md", None, con, t=NB) == 0
    assert out.getvalue() == to_markdown(learner.progress, sample_course(), NB)
    con, out = console(width=30)
    assert cmd_export(sample_course(), data_dir, "kari", "json", None, con, t=NB) == 0
    assert json.loads(out.getvalue()) == json.loads(to_json(learner.progress, sample_course()))


def test_export_to_file_is_private_and_says_where(
    learner: ProgressStore, tmp_path: Path, data_dir: Path, umask_000: None
) -> None:
    target = tmp_path / "ut" / "mine-svar.md"
    target.parent.mkdir()  # an export creates no folder (tests/hostile/test_export_targets.py)
    con, out = console(width=200)
    assert cmd_export(sample_course(), data_dir, "kari", "md", target, con, t=NB) == 0
    assert target.read_text(encoding="utf-8") == to_markdown(learner.progress, sample_course(), NB)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert str(target) in out.getvalue()


def test_export_failure_is_reported_not_raised(learner: ProgressStore, tmp_path: Path,
                                               data_dir: Path) -> None:
    (tmp_path / "fil").write_text("x")
    con, out = console(width=200)
    code = cmd_export(sample_course(), data_dir, "kari", "md", tmp_path / "fil" / "a.md", con, t=NB)
    assert code != 0 and "Ingenting er eksportert" in out.getvalue()


def test_export_refuses_unknown_format_and_unsafe_dir(tmp_path: Path) -> None:
    con, out = console(width=200)
    assert cmd_export(sample_course(), tmp_path, "kari", "pdf", None, con, t=NB) == 2
    assert "md eller json" in out.getvalue()
    shared = tmp_path / "felles"
    shared.mkdir()
    shared.chmod(0o777)
    con, out = console(width=400)
    assert cmd_export(sample_course(), shared, "kari", "md", tmp_path / "x.md", con, t=NB) == 2
    assert str(shared) in out.getvalue()
    assert not (tmp_path / "x.md").exists()


# ------------------------------------------------------------------ cmd_progress


def test_progress_table_shows_counts_without_grading_words(
    learner: ProgressStore, data_dir: Path
) -> None:
    con, out = console(width=160)
    assert cmd_progress(sample_course(), data_dir, "kari", con, t=NB) == 0
    text = out.getvalue()
    rows = {line.split("│")[1].strip(): line for line in text.splitlines() if "│" in line}
    kk1 = next(v for k, v in rows.items() if k.startswith("Kjernekompetanse 1"))
    assert [c.strip() for c in kk1.split("│")[2:5]] == ["2 / 3", "1", "1 t 2 min"]
    kk2 = next(v for k, v in rows.items() if k.startswith("Kjernekompetanse 2"))
    assert [c.strip() for c in kk2.split("│")[2:5]] == ["0 / 2", "0", "0 min"]
    plan = next(v for k, v in rows.items() if k.startswith("Sikkerhetsplan"))
    assert [c.strip() for c in plan.split("│")[2:5]] == ["lagres ikke", "0", "0 min"]
    assert "gammel-modul" in text
    lowered = text.lower()
    for word in ("failed", "incomplete", "ikke bestått", "mislykket", "ufullført", "feil"):
        assert word not in lowered


def test_progress_for_a_new_profile_writes_nothing(data_dir: Path) -> None:
    con, _out = console(width=160)
    assert cmd_progress(sample_course(), data_dir, "ny", con, t=NB) == 0
    assert not data_dir.exists()


def test_progress_reports_a_damaged_file_without_moving_it(data_dir: Path) -> None:
    file = data_dir / "profiles" / "kari" / "progress.toml"
    file.parent.mkdir(parents=True, mode=0o700)
    file.write_bytes(b"\xff\x00")
    con, out = console(width=300)
    assert cmd_progress(sample_course(), data_dir, "kari", con, t=NB) == 0
    assert "skadet" in out.getvalue()
    assert file.read_bytes() == b"\xff\x00"


# ------------------------------------------------------------------ cmd_where


def test_where_lists_every_real_path(learner: ProgressStore, data_dir: Path) -> None:
    con, out = console(width=400)
    assert cmd_where(data_dir, "kari", con, t=NB) == 0
    text = out.getvalue()
    for path in learner.paths.values():
        assert str(path) in text
        assert path.exists()
    assert "Sikkerhetsplanen skriver ingenting" in text


# ------------------------------------------------------------------ cmd_forget


def test_forget_with_yes_deletes(learner: ProgressStore, data_dir: Path) -> None:
    con, _out = console(width=200)
    assert cmd_forget(data_dir, "kari", True, con, t=NB) == 0
    assert not learner.paths["profile_dir"].exists()
    assert data_dir.exists()  # only the profile goes


def test_forget_asks_and_deletes_only_on_ja(learner: ProgressStore, data_dir: Path) -> None:
    prompts: list[str] = []

    def answer(text: str):
        def ask(prompt: str) -> str:
            prompts.append(prompt)
            return text
        return ask

    con, out = console(width=200)
    assert cmd_forget(data_dir, "kari", False, con, answer("nei"), t=NB, stdin_isatty=lambda: True) == 1
    assert learner.paths["progress_file"].exists()
    assert prompts[0].startswith("Skriv ja for å slette")
    assert "Ingenting er slettet" in out.getvalue()
    assert cmd_forget(data_dir, "kari", False, con, answer(" JA \n"), t=NB,
                      stdin_isatty=lambda: True) == 0
    assert not learner.paths["profile_dir"].exists()


def test_forget_without_terminal_and_without_yes_refuses(
    learner: ProgressStore, data_dir: Path
) -> None:
    def never(prompt: str) -> str:
        raise AssertionError("must not prompt without a terminal")

    con, out = console(width=200)
    assert cmd_forget(data_dir, "kari", False, con, never, t=NB, stdin_isatty=lambda: False) == 2
    assert "--yes" in out.getvalue()
    assert learner.paths["progress_file"].exists()


def test_forget_end_of_input_counts_as_no(learner: ProgressStore, data_dir: Path) -> None:
    def eof(prompt: str) -> str:
        raise EOFError

    con, _ = console()
    assert cmd_forget(data_dir, "kari", False, con, eof, t=NB, stdin_isatty=lambda: True) == 1
    assert learner.paths["progress_file"].exists()


def test_forget_unknown_profile_and_bad_name(learner: ProgressStore, data_dir: Path) -> None:
    sentinel = data_dir.parent / "ikke-slett.txt"
    sentinel.write_text("behold")
    con, out = console(width=200)
    assert cmd_forget(data_dir, "finnes-ikke", True, con, t=NB) == 0
    assert "ingen lagrede data" in out.getvalue()
    assert cmd_forget(data_dir, "../..", True, con, t=NB) == 2
    assert cmd_forget(data_dir, "..", True, con, t=NB) == 2
    assert sentinel.read_text() == "behold"
    assert learner.paths["progress_file"].exists()


def test_an_answer_erased_back_to_blank_is_not_exported(data_dir: Path) -> None:
    """The module's ending and Dine data count it as no reflection; the export must agree."""
    store = ProgressStore.open(data_dir, "kari")
    store.mark_seen("kk1", "egen-erfaring")
    store.set_reflection("kk1", "egen-erfaring", "nnnnnnn")
    store.set_reflection("kk1", "egen-erfaring", " \n ")  # typed by mistake, then erased
    store.mark_seen("kk1", "hva-er-traume")
    md = to_markdown(store.progress, sample_course(), NB)
    assert "Refleksjon" not in md and "Skrevet" not in md, md
    assert "Steg utforsket: 2 av 3" in md  # the module is still there, with what was explored
    data = json.loads(to_json(store.progress, sample_course()))
    assert data["modules"][0]["reflections"] == []
    assert store.progress.explored("kk1", {"egen-erfaring", "hva-er-traume"}) == (2, 0)
