"""Building xAPI 1.0.3 statements, and the one allow-list of what a statement may hold.

Every statement tbp makes goes through :func:`check_allowed`: a field that is not on the list
(``result.response``, ``result.extensions``, anything a learner could have typed) is a bug that
raises before the statement can reach the outbox. Titles in ``object.definition.name`` are the
course's own module and step titles, never the learner's words.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ALLOWED_PATHS",
    "VERBS",
    "Actor",
    "NotAllowed",
    "Statement",
    "activity_iri",
    "check_allowed",
    "iso_duration",
    "make_statement",
    "statement_id",
]

Statement = dict[str, Any]

#: The verbs tbp uses, from ADL's registry.
VERBS: Mapping[str, str] = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "terminated": "http://adlnet.gov/expapi/verbs/terminated",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
}

ACTIVITY_TYPES: Mapping[str, str] = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "module": "http://adlnet.gov/expapi/activities/module",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
}

#: Namespace of the deterministic statement ids (UUIDv5); never change it, or retries duplicate.
ID_NAMESPACE = uuid.UUID("7f5b0c7e-2f0c-5d8e-9a55-3c1f2b9e0d41")

#: Every leaf a statement may hold, as dotted paths (``*`` for any key of a language map,
#: ``[]`` for list items). Nothing else passes.
ALLOWED_PATHS: frozenset[str] = frozenset({
    "id",
    "timestamp",
    "actor.objectType",
    "actor.account.homePage",
    "actor.account.name",
    "verb.id",
    "verb.display.*",
    "object.objectType",
    "object.id",
    "object.definition.type",
    "object.definition.name.*",
    "result.completion",
    "result.success",
    "result.score.scaled",
    "result.duration",
    "context.registration",
    "context.platform",
    "context.language",
    "context.contextActivities.parent[].objectType",
    "context.contextActivities.parent[].id",
})

_LANGUAGE_MAPS = ("verb.display", "object.definition.name")


class NotAllowed(ValueError):
    """A statement holds a field outside the allow-list."""


def _paths(value: Any, prefix: str) -> list[str]:
    if isinstance(value, dict):
        if prefix in _LANGUAGE_MAPS:
            return [f"{prefix}.*" for _ in value]
        out: list[str] = []
        for key, inner in value.items():
            out += _paths(inner, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(value, list):
        out = []
        for inner in value:
            out += _paths(inner, f"{prefix}[]")
        return out
    return [prefix]


def check_allowed(statement: Statement) -> None:
    """Raise :class:`NotAllowed` naming the first field that is not on the allow-list."""
    for path in _paths(statement, ""):
        if path not in ALLOWED_PATHS:
            raise NotAllowed(path)


@dataclass(frozen=True)
class Actor:
    """Who the statement is about: a pseudonymous account, never a profile name as typed."""

    home_page: str
    name: str

    def as_xapi(self) -> dict[str, Any]:
        return {"objectType": "Agent", "account": {"homePage": self.home_page, "name": self.name}}

    @classmethod
    def for_account(cls, home_page: str, account: str, profile: str, key: bytes | None) -> Actor:
        """The account name itself, or an HMAC of it when the organisation keeps a key.

        A second profile on one account (a shared workshop account) gets its own actor, named by
        a hash of the profile name so the name people chose never leaves the machine.
        """
        who = account if profile == "standard" else f"{account}\x00{profile}"
        if key is not None:
            name = hmac.new(key, who.encode(), hashlib.sha256).hexdigest()[:32]
        elif profile == "standard":
            name = account
        else:
            name = f"{account}.p{hashlib.sha256(profile.encode()).hexdigest()[:16]}"
        return cls(home_page, name)


def activity_iri(base: str, course_id: str, module_id: str | None = None, step_id: str | None = None) -> str:
    """Stable activity ids from course, module and step ids (never from titles, which change)."""
    iri = f"{base.rstrip('/')}/{course_id}"
    if module_id is not None:
        iri += f"/{module_id}"
    if step_id is not None:
        iri += f"/{step_id}"
    return iri


def statement_id(actor: Actor, event: str, *parts: str) -> str:
    """UUIDv5 of (actor, event, parts): the same event always gets the same id, so a retry after
    a lost answer or a killed process is recognised by the LRS instead of stored twice."""
    return str(uuid.uuid5(ID_NAMESPACE, "\x1f".join((actor.home_page, actor.name, event, *parts))))


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration in whole seconds (``PT1H2M3S``), as xAPI wants it."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if secs or out == "PT":
        out += f"{secs}S"
    return out


def make_statement(
    *,
    actor: Actor,
    verb: str,
    object_id: str,
    object_type: str,
    object_name: str,
    language: str,
    course_iri: str | None,
    timestamp: str,
    sid: str,
    result: dict[str, Any] | None = None,
    registration: str | None = None,
) -> Statement:
    """One statement, checked against the allow-list before anyone can queue it."""
    lang_tag = "nb-NO" if language == "nb" else "en-US"
    statement: Statement = {
        "id": sid,
        "timestamp": timestamp,
        "actor": actor.as_xapi(),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": object_id,
            "definition": {"type": ACTIVITY_TYPES[object_type], "name": {lang_tag: object_name}},
        },
        "context": {"platform": "tbp-tui", "language": lang_tag},
    }
    if course_iri is not None:
        statement["context"]["contextActivities"] = {"parent": [{"objectType": "Activity", "id": course_iri}]}
    if registration is not None:
        statement["context"]["registration"] = registration
    if result:
        statement["result"] = result
    check_allowed(statement)
    return statement
