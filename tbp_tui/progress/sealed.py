"""Profiles protected by a personal passphrase: what the learner wrote is sealed at rest.

On a Unix account shared by a workshop, file permissions cannot keep one participant from
another's reflections. A protected profile's file therefore holds every reflection (its text,
when it was written and anything kept beside it) only as AES-GCM ciphertext, under a key
derived with scrypt from the learner's passphrase and a random per-profile salt. Step ids, the
steps seen, quiz choices, time spent and settings stay in the clear: resume and reporting need
them, and they say nothing the learner wrote.

File shape of a protected profile (beside the ordinary keys of ``model.py``)::

    [seal]
    kdf = "scrypt"
    salt = "<base64, 16 bytes>"
    n = 32768
    r = 8
    p = 1
    check = "<base64: nonce + AES-GCM of a fixed text>"   # tells a wrong passphrase apart
    [modules.kk1.reflections.egen-erfaring]
    sealed = "<base64: nonce + AES-GCM of the reflection's TOML>"

Each reflection is bound to its module and step (the AES-GCM associated data), so sealed
texts cannot be swapped between steps unnoticed. A forgotten passphrase cannot be recovered:
the key exists nowhere else. All cryptography is the ``cryptography`` package's AESGCM and
the standard library's scrypt; nothing here is home-made.
"""

from __future__ import annotations

import base64
import binascii
import os
import tomllib
from collections.abc import Mapping
from typing import Any

from tbp_tui.record import Record

from .model import Progress, SchemaError, Serializer, from_dict, parse

__all__ = [
    "SEAL_KEY",
    "ProfileLocked",
    "Seal",
    "SealedSerializer",
    "WrongPassphrase",
    "header_of",
    "loads",
    "new_seal",
    "open_reflection",
    "seal_reflection",
    "unlock",
]

#: The top-level table that marks a protected profile.
SEAL_KEY = "seal"
#: scrypt cost: 2**15 × 8 needs 32 MiB and takes about 0.1–0.3 s (measured in bench/).
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
#: The most a file may ask for (n × r × p), so a planted header cannot eat memory or minutes.
MAX_COST = 2**15 * 8 * 4
_KEY_LEN = 32
_NONCE_LEN = 12
_SALT_LEN = 16
_CHECK_TEXT = b"tbp-tui profile key v1"
_CHECK_AAD = b"tbp-tui:check"


class ProfileLocked(Exception):
    """The profile is protected by a passphrase and was opened without its key."""


class WrongPassphrase(Exception):
    """The passphrase does not open this profile."""


class Seal(Record):
    """A protected profile's scrypt parameters, its check value and the derived key.

    The key never leaves memory and is left out of ``repr`` so it cannot end up in a log.
    """

    salt: bytes
    n: int
    r: int
    p: int
    check: bytes
    key: bytes

    def __repr__(self) -> str:
        return f"Seal(n={self.n}, r={self.r}, p={self.p})"  # never the key, nor what finds it

    def header(self) -> dict[str, Any]:
        """The ``[seal]`` table written at the top of the progress file."""
        return {"kdf": "scrypt", "salt": _b64(self.salt), "n": self.n, "r": self.r, "p": self.p,
                "check": _b64(self.check)}

    def same_profile(self, header: object) -> bool:
        """True when ``header`` is this seal's (same salt and check), so the key fits it."""
        return (isinstance(header, dict) and header.get("salt") == _b64(self.salt)
                and header.get("check") == _b64(self.check))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, where: str) -> bytes:
    if not isinstance(value, str):
        raise SchemaError("not-text", where=where)
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise SchemaError("bad-seal", where=where) from exc


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib  # here, not above: it loads OpenSSL (about 2 ms and 0.6 MiB) on every start

    return hashlib.scrypt(passphrase.encode("utf-8", "surrogatepass"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=_KEY_LEN)


class _Unopened(Exception):
    """The key is wrong or the sealed bytes were changed (AES-GCM's tag did not match)."""


def _encrypt(key: bytes, plain: bytes, aad: bytes) -> bytes:
    # Imported here: about 25 ms that an unprotected profile's first screen need not wait for.
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(_NONCE_LEN)  # random 96-bit nonces: safe far beyond a profile's saves
    return nonce + AESGCM(key).encrypt(nonce, plain, aad)


def _decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Raises _Unopened when the key is wrong or the bytes were changed."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if len(blob) < _NONCE_LEN + 16:
        raise _Unopened
    try:
        return AESGCM(key).decrypt(blob[:_NONCE_LEN], blob[_NONCE_LEN:], aad)
    except InvalidTag:
        raise _Unopened from None


def new_seal(passphrase: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> Seal:
    """A fresh seal for a new protected profile: random salt, derived key, check value."""
    salt = os.urandom(_SALT_LEN)
    key = _derive(passphrase, salt, n, r, p)
    return Seal(salt=salt, n=n, r=r, p=p, check=_encrypt(key, _CHECK_TEXT, _CHECK_AAD), key=key)


def _cost(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SchemaError("bad-seal", where=where)
    return value


def parse_header(header: object) -> tuple[bytes, int, int, int, bytes]:
    """(salt, n, r, p, check) of a ``[seal]`` table; SchemaError when it is not a usable one."""
    if not isinstance(header, dict):
        raise SchemaError("not-table", where=SEAL_KEY)
    if header.get("kdf") != "scrypt":
        raise SchemaError("bad-seal", where=f"{SEAL_KEY}.kdf")
    n, r, p = (_cost(header.get(k), f"{SEAL_KEY}.{k}") for k in ("n", "r", "p"))
    if n < 2 or n & (n - 1) or n * r * p > MAX_COST:
        raise SchemaError("bad-seal", where=f"{SEAL_KEY}.n")
    salt = _unb64(header.get("salt"), f"{SEAL_KEY}.salt")
    check = _unb64(header.get("check"), f"{SEAL_KEY}.check")
    return salt, n, r, p, check


def unlock(header: object, passphrase: str) -> Seal:
    """The seal of a protected profile, if ``passphrase`` is its own.

    Raises WrongPassphrase for any other passphrase and SchemaError for a damaged header.
    """
    salt, n, r, p, check = parse_header(header)
    key = _derive(passphrase, salt, n, r, p)
    try:
        _decrypt(key, check, _CHECK_AAD)
    except _Unopened:
        raise WrongPassphrase from None
    return Seal(salt=salt, n=n, r=r, p=p, check=check, key=key)


def _aad(module_id: str, step_id: str) -> bytes:
    import json  # only protected profiles need it

    return json.dumps(["reflection", module_id, step_id]).encode("utf-8")


def seal_reflection(seal: Seal, module_id: str, step_id: str, table: Mapping[str, Any]) -> dict[str, str]:
    """The reflection's table (text, written_at, extras) as one sealed value."""
    import tomli_w

    plain = tomli_w.dumps(dict(table)).encode("utf-8")
    return {"sealed": _b64(_encrypt(seal.key, plain, _aad(module_id, step_id)))}


def open_reflection(seal: Seal, module_id: str, step_id: str, table: object) -> dict[str, Any]:
    """The reflection table back from its sealed value; SchemaError if it was changed."""
    where = f"modules.{module_id}.reflections.{step_id}"
    if not isinstance(table, dict):
        raise SchemaError("not-table", where=where)
    blob = _unb64(table.get("sealed"), f"{where}.sealed")
    try:
        plain = _decrypt(seal.key, blob, _aad(module_id, step_id))
        return tomllib.loads(plain.decode("utf-8"))
    except (_Unopened, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SchemaError("bad-seal", where=where) from exc


def open_raw(raw: dict[str, Any], seal: Seal | None) -> dict[str, Any]:
    """Turn a parsed file's sealed reflections back into plain tables, in place.

    An unprotected file passes through unchanged. A protected one needs its own seal:
    ProfileLocked without one or with another profile's (never "damaged": the file is fine).
    """
    header = raw.pop(SEAL_KEY, None)
    if header is None:
        return raw
    parse_header(header)
    if seal is None or not seal.same_profile(header):
        raise ProfileLocked
    modules = raw.get("modules")
    if isinstance(modules, dict):
        for module_id, module in modules.items():
            reflections = module.get("reflections") if isinstance(module, dict) else None
            if isinstance(reflections, dict):
                for step_id, table in reflections.items():
                    reflections[step_id] = open_reflection(seal, module_id, step_id, table)
    return raw


def header_of(data: bytes | None) -> dict[str, Any] | None:
    """The ``[seal]`` table of a progress file's bytes, or None for an unprotected or unreadable one."""
    if not data:
        return None
    try:
        found = tomllib.loads(data.decode("utf-8")).get(SEAL_KEY)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    return found if isinstance(found, dict) else None


def loads(data: bytes, seal: Seal | None) -> tuple[Progress, bool]:
    """Parse a progress file, opening its sealed reflections with ``seal``; True when it was sealed.

    SchemaError for a damaged file (as ``model.loads``); ProfileLocked for a protected one
    without its seal.
    """
    raw = parse(data)
    sealed = SEAL_KEY in raw
    return from_dict(open_raw(raw, seal)), sealed


class SealedSerializer(Serializer):
    """Writes a protected profile: the ``[seal]`` table on top, every reflection encrypted.

    The parent's cache still works: a reflection that did not change keeps its ciphertext, so
    a save encrypts only what changed (the same plaintext under the same key, nothing new).
    """

    def __init__(self, seal: Seal) -> None:
        super().__init__()
        self._seal = seal

    def _top(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, SEAL_KEY: self._seal.header()}

    def _reflection(self, module_id: str, step_id: str, table: dict[str, Any]) -> dict[str, Any]:
        return seal_reflection(self._seal, module_id, step_id, table)
