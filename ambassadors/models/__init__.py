"""The ambassador lifecycle (shared/DOMAIN.md §1): role → intake → selection → onboarding → term → alumni."""

from ambassadors.models.engagement import (
    Activity,
    Award,
    Commitment,
    ExitFeedback,
    InputRequest,
    InputResponse,
    Kudos,
    Milestone,
    SuccessStory,
)
from ambassadors.models.intake import (
    Application,
    ApplicationOption,
    Intake,
    IntakeReviewer,
    IntakeSeat,
    Review,
    ReviewScore,
)
from ambassadors.models.onboarding import (
    Coach,
    CoachingSession,
    Cohort,
    HelpRequest,
    OfficeHourBooking,
    OfficeHourSlot,
    OnboardingTask,
    OnboardingTemplateTask,
)
from ambassadors.models.programs import AmbassadorRole, ContributionOption, Program, SelectionCriterion
from ambassadors.models.terms import AlumniProfile, AlumniUpdate, Term, TermOption

__all__ = [
    "Activity",
    "AlumniProfile",
    "AlumniUpdate",
    "AmbassadorRole",
    "Application",
    "ApplicationOption",
    "Award",
    "Coach",
    "CoachingSession",
    "Cohort",
    "Commitment",
    "ContributionOption",
    "ExitFeedback",
    "HelpRequest",
    "InputRequest",
    "InputResponse",
    "Intake",
    "IntakeReviewer",
    "IntakeSeat",
    "Kudos",
    "Milestone",
    "OfficeHourBooking",
    "OfficeHourSlot",
    "OnboardingTask",
    "OnboardingTemplateTask",
    "Program",
    "Review",
    "ReviewScore",
    "SelectionCriterion",
    "SuccessStory",
    "Term",
    "TermOption",
]
