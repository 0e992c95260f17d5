"""Capacity building, one module per part: curricula (modules, question banks, the program's
settings) in curriculum.py; trainings.py, sessions.py (with attendance), participants.py,
results.py (pre-test and post-test), follow_ups.py (RKTL) and certificates.py. Import from this
package."""

from tridaya.training.models.certificates import Certificate
from tridaya.training.models.curriculum import (
    CAPACITY_GROUPS,
    JPL_MINUTES,
    LETTERS,
    UP_UP_GROUPS,
    ActorGroup,
    Curriculum,
    Module,
    Question,
    QuestionKind,
    TrainingSettings,
    group_label,
)
from tridaya.training.models.follow_ups import FollowUpAction, FollowUpStatus
from tridaya.training.models.participants import Participant
from tridaya.training.models.results import TestKind, TestResult
from tridaya.training.models.sessions import Attendance, Session
from tridaya.training.models.trainings import Training, TrainingStatus

__all__ = [
    "CAPACITY_GROUPS",
    "JPL_MINUTES",
    "LETTERS",
    "UP_UP_GROUPS",
    "ActorGroup",
    "Attendance",
    "Certificate",
    "Curriculum",
    "FollowUpAction",
    "FollowUpStatus",
    "Module",
    "Participant",
    "Question",
    "QuestionKind",
    "Session",
    "TestKind",
    "TestResult",
    "Training",
    "TrainingSettings",
    "TrainingStatus",
    "group_label",
]
