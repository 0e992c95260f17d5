"""Capacity building: curricula (modules, question banks, the program's settings) in
curriculum.py; trainings, sessions, participants, attendance, test results, the follow-up plan
(RKTL) and certificates in events.py. Import from this package."""

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
from tridaya.training.models.events import (
    Attendance,
    Certificate,
    FollowUpAction,
    FollowUpStatus,
    Participant,
    Session,
    TestKind,
    TestResult,
    Training,
    TrainingStatus,
)

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
