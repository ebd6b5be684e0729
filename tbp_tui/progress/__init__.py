"""Progress store of tbp-tui: local, private, crash-safe, safe on shared machines.

Plain Python on purpose: nothing here imports Textual (and only ``commands`` imports Rich), so
the CLI commands and tests load it fast and the app can be swapped without touching storage.
"""

from tbp_tui.files.atomic import atomic_write, ensure_private_dir

from .messages import DirProblem, FileDamage, Message, NameProblem, Notice, OsReason, os_reason
from .model import (
    ModuleProgress,
    Position,
    Progress,
    QuizAttempt,
    Reflection,
    SchemaError,
    Settings,
)
from .paths import (
    DEFAULT_PROFILE,
    check_data_dir_safe,
    default_data_dir,
    list_profiles,
    resolve_data_dir,
    validate_profile_name,
)
from .store import (
    GUEST_NOTICE,
    InvalidProfileName,
    ProgressStore,
    UnsafeDataDir,
    forget_profile,
    read_progress,
)

__all__ = [
    "DEFAULT_PROFILE",
    "GUEST_NOTICE",
    "DirProblem",
    "FileDamage",
    "InvalidProfileName",
    "Message",
    "ModuleProgress",
    "NameProblem",
    "Notice",
    "OsReason",
    "Position",
    "Progress",
    "ProgressStore",
    "QuizAttempt",
    "Reflection",
    "SchemaError",
    "Settings",
    "UnsafeDataDir",
    "atomic_write",
    "check_data_dir_safe",
    "default_data_dir",
    "ensure_private_dir",
    "forget_profile",
    "list_profiles",
    "os_reason",
    "read_progress",
    "resolve_data_dir",
    "validate_profile_name",
]
