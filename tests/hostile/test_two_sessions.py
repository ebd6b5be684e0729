"""Item 10: an older session never silently overwrites a newer answer it never saw."""

from __future__ import annotations

from pathlib import Path

from tbp_tui.i18n import Catalog
from tbp_tui.progress.model import loads
from tbp_tui.progress.store import ProgressStore

NB = Catalog("nb")


def test_the_newer_answer_from_another_session_is_kept_and_the_user_told(tmp_path: Path) -> None:
    first = ProgressStore.open(tmp_path, "kari")
    first.set_reflection("m", "s", "svar 1")
    assert first.save()
    second = ProgressStore.open(tmp_path, "kari")  # a second SSH session of the same profile
    second.set_reflection("m", "s", "svar 2, skrevet i den andre økta")
    assert second.save()
    before = len(first.notices)
    first.set_reflection("m", "s", "svar 1 og ett tastetrykk")  # it still shows «svar 1»
    first.save()
    on_disk = loads(first.paths["progress_file"].read_bytes()).modules["m"].reflections["s"]
    assert on_disk.text == "svar 2, skrevet i den andre økta"
    assert "svar 1 og ett tastetrykk" in repr(on_disk.extra)  # nothing typed is lost either
    said = " ".join(n.words(NB) for n in first.notices[before:])
    assert "annen økt" in said
    assert first.progress.modules["m"].reflections["s"].text == on_disk.text


def test_own_later_edits_are_not_a_conflict(tmp_path: Path) -> None:
    first = ProgressStore.open(tmp_path, "kari")
    other = ProgressStore.open(tmp_path, "kari")
    other.mark_seen("m", "annet")
    assert other.save()  # someone else wrote something else: a merge, no conflict
    first.set_reflection("m", "s", "a")
    first.set_reflection("m", "s", "ab")
    assert first.save()
    assert not any(n.code == "conflict" for n in first.notices)
    on_disk = loads(first.paths["progress_file"].read_bytes())
    assert on_disk.modules["m"].reflections["s"].text == "ab" and "annet" in on_disk.modules["m"].seen
