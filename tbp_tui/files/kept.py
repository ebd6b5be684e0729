"""What the copies tbp keeps for its next start (the read course, Textual's styles) are keyed by.

A kept copy is used only when its key is the one this start works out; every key starts from
tbp's and Python's versions, so a copy made by another version is simply made again.
"""

from __future__ import annotations

import sys

try:  # CPython's own BLAKE2: hashlib would load OpenSSL first, about 2 ms and 0.6 MiB of every start
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

from tbp_tui import __version__

__all__ = ["KEY_BYTES", "blake2b", "key_hash"]

KEY_BYTES = 32


def key_hash(*parts: str) -> blake2b:
    """A key's hash begun with tbp's and Python's versions and `parts`; the caller adds the rest."""
    return blake2b("\0".join((__version__, sys.version, *parts)).encode(), digest_size=KEY_BYTES)
