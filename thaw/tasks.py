"""The course's auto-checked exercise tasks (registered with thaw.exercises.register)."""
from __future__ import annotations

from .exercises import Task, register  # noqa: F401
