"""One vocabulary: no variant listed in canonical_terms.toml appears in the course or the app.

Every text of every course/*.toml file is checked (manus and glossary too), and every bokmål
string of the catalog. A hit names the file, the key path and the canonical form to use.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tbp_tui.i18n import NB

ROOT = Path(__file__).resolve().parents[2]
COURSE_DIR = ROOT / "course"
DATA = Path(__file__).with_name("canonical_terms.toml")
GLOSSARY = "begrepsliste.toml"


@dataclass(frozen=True)
class Variant:
    pattern: re.Pattern[str]
    canonical: str
    fields: tuple[str, ...] = ()
    glossary_terms_allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Text:
    where: str
    key: str
    text: str
    glossary_term: str | None = None


def load_variants(path: Path = DATA) -> list[Variant]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Variant(re.compile(v["pattern"], re.I | re.M), v["canonical"], tuple(v.get("fields", ())),
                    tuple(v.get("glossary_terms_allowed", ()))) for v in data["variant"]]


def _walk(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))


def course_texts(course_dir: Path = COURSE_DIR) -> Iterator[Text]:
    for file in sorted(course_dir.glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for path, text in _walk(data, ()):
            key = ".".join(str(p) for p in path)
            term = None
            if file.name == GLOSSARY and len(path) == 3 and path[0] == "terms":
                term = data["terms"][path[1]]["term"]
            where = file.name
            if path and path[0] == "steps" and len(path) > 1:
                where = f"{file.name} › {data['steps'][path[1]].get('id', path[1])}"
            yield Text(where, key, text, term)


def catalog_texts() -> Iterator[Text]:
    for key, text in NB.items():
        yield Text("tbp_tui/i18n/__init__.py NB", key, text)


def hits(variants: list[Variant], texts: Iterator[Text]) -> list[str]:
    found = []
    for item in texts:
        last_key = item.key.rsplit(".", 1)[-1]
        for v in variants:
            if v.fields and last_key not in v.fields:
                continue
            if item.glossary_term is not None and item.glossary_term in v.glossary_terms_allowed:
                continue
            for m in v.pattern.finditer(item.text):
                found.append(f"{item.where} [{item.key}]: «{m.group(0)}» → {v.canonical}")
    return found


VARIANTS = load_variants()


def test_the_variant_list_is_well_formed():
    assert len(VARIANTS) >= 20
    for v in VARIANTS:
        assert v.pattern.pattern and v.canonical
        assert not v.pattern.search(""), f"{v.pattern.pattern!r} matches empty text"


def test_the_check_finds_a_variant_and_respects_its_scope(tmp_path: Path):
    """The checker itself: a planted variant is found, a title-only rule skips bodies."""
    (tmp_path / "kk9.toml").write_text(
        "[[steps]]\nid = 'a'\ntitle = 'Case: Amir'\nmanus = 'Spør kollegaene hva de tenker.'\n"
        "body = 'Et case fra NAV.'\n", encoding="utf-8")
    (tmp_path / GLOSSARY).write_text(
        "[[terms]]\nterm = 'Traumeinformert'\ndefinition = 'Samme som traumebevisst; ordet "
        "traumeinformert brukes også.'\n[[terms]]\nterm = 'X'\ndefinition = 'En traumeinformert by.'\n",
        encoding="utf-8")
    found = hits(VARIANTS, course_texts(tmp_path))
    assert any("kk9.toml › a [steps.0.title]: «Case»" in h for h in found)
    assert any("«kollegaene»" in h for h in found)
    assert not any("steps.0.body" in h for h in found), "title-only rule applied to a body"
    glossary_hits = [h for h in found if h.startswith(GLOSSARY)]
    assert glossary_hits == [f"{GLOSSARY} [terms.1.definition]: «traumeinformert» → "
                             + next(v.canonical for v in VARIANTS if v.glossary_terms_allowed)]


@pytest.mark.parametrize("source", ["course", "catalog"])
def test_no_non_canonical_variant(source: str):
    texts = course_texts() if source == "course" else catalog_texts()
    found = hits(VARIANTS, texts)
    assert found == [], f"{len(found)} non-canonical variants:\n" + "\n".join(found)


def test_glossary_defines_the_canonical_terms():
    glossary = tomllib.loads((COURSE_DIR / GLOSSARY).read_text(encoding="utf-8"))
    terms = {t["term"]: t["definition"] for t in glossary["terms"]}
    principles = ["Trygghet", "Pålitelighet og åpenhet", "Likepersonsstøtte", "Samarbeid og gjensidighet",
                  "Myndiggjøring, stemme og valg", "Kultur, historie og kjønn"]
    assert [p for p in principles if p not in terms["De seks prinsippene"]] == []
    four_r = terms["De fire R-ene"]
    for word in ("innser", "gjenkjenner", "handler (responderer)", "motvirker retraumatisering",
                 "realize", "recognize", "respond", "resist re-traumatization"):
        assert word in four_r
    for word in ("hendelse", "opplevelse", "effekt", "event", "experience", "effect"):
        assert word in terms["De tre E-ene"]
    for term, english in (("Sekundærtraumatisering", "secondary traumatic stress"),
                          ("Stedfortredende traumatisering", "vicarious traumatization"),
                          ("Omsorgstretthet", "compassion fatigue")):
        assert english in terms[term], term
    assert "vikarierende" in terms["Stedfortredende traumatisering"]
    assert "traumebevisst" in terms["Traumeinformert"]


def test_glossary_is_in_alphabetical_order():
    glossary = tomllib.loads((COURSE_DIR / GLOSSARY).read_text(encoding="utf-8"))
    order = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # Norwegian: æ, ø, å after z
    names = [t["term"] for t in glossary["terms"]]
    assert names == sorted(names, key=lambda s: s.casefold().translate(order))
