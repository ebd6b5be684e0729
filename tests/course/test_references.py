"""References a reader can follow (issue 21, item 3): a link or a reason for none, no padding."""

from __future__ import annotations

from pathlib import Path

from tbp_tui.course import load_course

ROOT = Path(__file__).resolve().parents[2]
COURSE = load_course(ROOT / "course")
REFERENCES = {r.id: r for r in COURSE.references}

# Citations the review (§2.2) found padded: the source does not support the step's claim.
PADDED = [("kk4", "selvivaretakelse-egen", "siegel-1999"), ("kk4", "ovelse-min-plan", "ogden-2006"),
          ("kk5", "endring-i-mennesker", "siegel-1999"), ("kk5", "endring-i-mennesker", "ogden-2006")]


def test_every_reference_has_a_link_or_says_why_not():
    missing = [r.id for r in REFERENCES.values() if not r.url and not r.no_link]
    assert missing == []


def test_links_are_web_addresses():
    bad = [r.url for r in REFERENCES.values() if r.url and not r.url.startswith("https://")]
    assert bad == []


def test_references_the_module_helpers_may_cite_exist():
    for ref_id in ("nkvts-2023-vold", "rvts-nord-sto", "aml-4-3", "nirn-stages", "siegel-hand-model"):
        assert ref_id in REFERENCES


def test_voldsveilederen_has_its_real_title():
    ref = REFERENCES["nkvts-voldsveileder"]
    assert ref.title.startswith("Veileder for helse- og omsorgstjenestens arbeid med vold i nære relasjoner")
    assert ref.url == "https://voldsveileder.nkvts.no/"


def test_the_safety_plan_credits_its_source():
    module = COURSE.module("sikkerhetsplan")
    assert module is not None
    assert "rvts-nord-sto" in {src for s in module.steps for src in s.sources}


def test_no_padded_citation():
    found = []
    for module_id, step_id, ref_id in PADDED:
        module = COURSE.module(module_id)
        step = module.step(step_id) if module else None
        if step is not None and ref_id in step.sources:
            found.append(f"{module_id} › {step_id} cites {ref_id}")
    assert found == []
