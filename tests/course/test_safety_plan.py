"""The safety-plan checklist by current practice (issue 21, item 8), still shown part by part."""

from __future__ import annotations

from pathlib import Path

from tbp_tui.course import load_course
from tbp_tui.course.model import ChecklistItem, ChecklistStep
from tbp_tui.ui.screens.safety import MAX_SECTION_KEYS

ROOT = Path(__file__).resolve().parents[2]
MODULE = load_course(ROOT / "course").module("sikkerhetsplan")
assert MODULE is not None
ITEMS: dict[str, ChecklistItem] = {i.id: i for s in MODULE.steps if isinstance(s, ChecklistStep)
                                   for i in s.items}

# Every mapping question and plan item of the seed, and the NKVTS additions, as the course had them.
SEED_ITEMS = ["instanser-na", "instanser-bor", "tiltak-pa-plass", "opplaering", "andre-planer", "farlige-for",
              "reaksjoner-for", "trygg-kontakt", "okt-fare", "konkrete-tiltak", "flukt-hvordan", "flukt-hvor",
              "hvem-kontakte", "generell-strategi", "kodeord", "reservenokler", "penger", "naboer", "barna",
              "brudd", "oppbevaring", "hoy-trussel", "menneskehandel", "aeresrelatert", "forklar-vinduet",
              "tegn-over", "tegn-under", "tilbake", "unnga-fare"]


def _text(item_id: str) -> str:
    item = ITEMS[item_id]
    return f"{item.text} {item.detail or ''}"


def test_every_seed_item_is_kept():
    assert [i for i in SEED_ITEMS if i not in ITEMS] == []


def test_current_practice_is_covered():
    expected = {
        "posisjonsdeling": ["Finn min"], "kontoer-passord": ["passord"], "helsenorge": ["fullmakt"],
        "journal-og-innkalling": ["journal"], "ta-med": ["pass", "nøkler"], "medisiner": ["medisiner"],
        "vapen": ["våpen"], "selvmordsfare": ["selvmord"], "sara": ["SARA", "politiet"],
        "patriark": ["PATRIARK"], "danger-assessment": ["Danger Assessment"],
        "ikke-mekle": ["familien", "mekle"], "tolk": ["aldri", "barn"],
        "kom": ["ingen operativ rolle"], "opplysningsplikt-barnevernet": ["§ 33"],
        "avvergeplikt": ["§ 196"], "trussel-mot-hjelpere": ["deg"], "ny-gjennomgang": ["dato"],
    }
    missing = [f"{i}: {w}" for i, words in expected.items() for w in words
               if i not in ITEMS or w.casefold() not in _text(i).casefold()]
    assert missing == []


def test_fortrolig_adresse_is_skatteetaten_on_police_advice():
    assert "Skatteetaten" in _text("hoy-trussel") and "rår over" not in _text("hoy-trussel")


def test_every_part_is_one_digit_key_away():
    assert len(MODULE.steps) <= MAX_SECTION_KEYS


def test_minutes_add_up_and_allow_more_than_one_conversation():
    assert sum(s.minutes or 0 for s in MODULE.steps) == MODULE.minutes >= 45
