"""For the whole suite: the string catalog is strict, so a missing or misspelt key raises."""

from __future__ import annotations

import os

os.environ["TBP_STRICT_CATALOG"] = "1"  # before any test imports tbp_tui; subprocesses inherit it
