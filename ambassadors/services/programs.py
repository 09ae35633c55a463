"""Writes of programs and ambassador roles: the role, its menu of contribution options, its weighted
selection criteria and its onboarding template (shared/DOMAIN.md §1, role definition)."""

from __future__ import annotations

from django.db import transaction

from ambassadors.models import (
    AmbassadorRole,
    ContributionOption,
    OnboardingTemplateTask,
    Program,
    SelectionCriterion,
)
from xmhub.core.errors import ApplicationError

# One size does not fit all: the menu a new role starts with (editable afterwards).
DEFAULT_CONTRIBUTION_OPTIONS = [
    ("Lunch-and-learns", "Deliver short local training sessions on XM to your department."),
    ("Gather input from peers", "Collect ideas and feedback on planned XM initiatives from two or three peers."),
    ("Communications", "Write and relay XM messages in local and department communications."),
    ("Project teams", "Serve as a resource on an XM project team."),
    ("Success stories", "Surface and share XM success stories and best practices."),
    ("Bring a hobby", "Channel a hobby such as podcasting or design into a contribution to the roadmap."),
]

# Measurable, repeatable selection criteria a new role starts with: (name, description, weight).
DEFAULT_CRITERIA = [
    ("Passion for XM", "Shows genuine interest in customers' and employees' experience.", 3),
    ("Desire to learn and drive change", "Seeks new skills and has moved colleagues to act before.", 3),
    ("Skills fit", "Has skills that match where the core team needs ambassadors most.", 2),
    ("Reach in their team", "Is trusted by peers and able to bring XM messages to them.", 2),
]
DEFAULT_GUIDANCE = {
    "1": "No evidence",
    "2": "Little evidence",
    "3": "Some evidence",
    "4": "Clear evidence",
    "5": "Strong, repeated evidence",
}

# The onboarding plan a new role starts with: (title, category, days after the term starts).
DEFAULT_ONBOARDING = [
    ("Attend the cohort kick-off", OnboardingTemplateTask.Category.FUNDAMENTALS, 7),
    ("Program fundamentals and our XM vision", OnboardingTemplateTask.Category.FUNDAMENTALS, 14),
    ("Meet your coach", OnboardingTemplateTask.Category.COACHING, 14),
    ("Design thinking basics", OnboardingTemplateTask.Category.SKILLS, 30),
    ("Reading XM insights", OnboardingTemplateTask.Category.SKILLS, 30),
    ("Journey maps", OnboardingTemplateTask.Category.TOOLS, 45),
    ("Maturity models", OnboardingTemplateTask.Category.TOOLS, 60),
]

PROGRAM_FIELDS = ("name", "audience", "description", "is_active")
ROLE_FIELDS = (
    "name",
    "purpose",
    "responsibilities",
    "time_share",
    "term_months",
    "ideal_characteristics",
    "skills",
    "is_active",
)


def _clean(instance, exclude=()) -> None:
    from django.core.exceptions import ValidationError

    try:
        instance.full_clean(exclude=["organization", *exclude], validate_unique=False)
    except ValidationError as error:
        raise ApplicationError("Check the highlighted fields.", errors=error.message_dict) from error


@transaction.atomic
def program_create(
    *, actor, name: str, audience: str = Program.Audience.EMPLOYEE, description: str = "", is_active: bool = True
) -> Program:
    program = Program(name=name.strip(), audience=audience, description=description.strip(), is_active=is_active)
    _clean(program)
    program.save()
    return program


@transaction.atomic
def program_update(*, actor, program: Program, **fields) -> Program:
    for name in PROGRAM_FIELDS:
        if name in fields:
            setattr(program, name, fields[name])
    _clean(program)
    program.save()
    return program


@transaction.atomic
def role_create(
    *,
    actor,
    program: Program,
    name: str,
    purpose: str,
    time_share: int,
    term_months: int,
    responsibilities: str = "",
    ideal_characteristics: str = "",
    skills: str = "",
    with_defaults: bool = True,
) -> AmbassadorRole:
    """A new role of ``program``; with ``with_defaults`` it starts with the default menu of contribution
    options, criteria and onboarding plan, all editable."""
    role = AmbassadorRole(
        program=program,
        name=name.strip(),
        purpose=purpose.strip(),
        responsibilities=responsibilities,
        time_share=time_share,
        term_months=term_months,
        ideal_characteristics=ideal_characteristics,
        skills=skills,
    )
    _clean(role, exclude=["program"])
    role.save()
    if with_defaults:
        ContributionOption.objects.bulk_create(
            [
                ContributionOption(role=role, name=n, description=d, position=i)
                for i, (n, d) in enumerate(DEFAULT_CONTRIBUTION_OPTIONS)
            ]
        )
        SelectionCriterion.objects.bulk_create(
            [
                SelectionCriterion(
                    role=role, name=n, description=d, weight=w, scale_max=5, guidance=DEFAULT_GUIDANCE, position=i
                )
                for i, (n, d, w) in enumerate(DEFAULT_CRITERIA)
            ]
        )
        OnboardingTemplateTask.objects.bulk_create(
            [
                OnboardingTemplateTask(role=role, title=t, category=c, due_after_days=days, position=i)
                for i, (t, c, days) in enumerate(DEFAULT_ONBOARDING)
            ]
        )
    return role


@transaction.atomic
def role_update(*, actor, role: AmbassadorRole, **fields) -> AmbassadorRole:
    for name in ROLE_FIELDS:
        if name in fields:
            setattr(role, name, fields[name])
    _clean(role, exclude=["program"])
    role.save()
    return role


def _rows_by_id(queryset, rows: list[dict]) -> dict[int, object]:
    """The existing rows named by ``rows`` (only those of this role: anything else is an error)."""
    ids = {row["id"] for row in rows if row.get("id")}
    found = {obj.pk: obj for obj in queryset.filter(pk__in=ids)}
    if ids - set(found):
        raise ApplicationError("Some rows do not belong to this role; reload the page.")
    return found


def _unique_names(rows: list[dict], key: str = "name") -> None:
    """Errors are keyed by the row's index in ``rows`` (as the form submitted them)."""
    seen = set()
    for index, row in enumerate(rows):
        if row.get("delete"):
            continue
        name = row[key].strip().lower()
        if name in seen:
            raise ApplicationError(f"“{row[key]}” appears twice.", errors={index: {key: ["Appears twice."]}})
        seen.add(name)


@transaction.atomic
def role_options_save(*, actor, role: AmbassadorRole, rows: list[dict]) -> list[ContributionOption]:
    """Replace the role's menu: ``rows`` are {id?, name, description, is_active, delete}. An option already
    chosen by a candidate or a term is kept (deactivated) rather than deleted."""
    existing = _rows_by_id(ContributionOption.objects.filter(role=role), rows)
    keep = [row for row in rows if not row.get("delete")]
    _unique_names(rows)
    for row in rows:
        if row.get("delete") and row.get("id"):
            _option_retire(existing[row["id"]])
    _free_names(existing, keep)
    saved = []
    for position, row in enumerate(keep):
        option = existing.get(row.get("id")) or ContributionOption(role=role)
        option.name, option.description = row["name"].strip(), row.get("description", "").strip()
        option.is_active, option.position = row.get("is_active", True), position
        option.save()
        saved.append(option)
    return saved


def _free_names(existing: dict, keep: list[dict]) -> None:
    """Park renamed rows under a temporary name first, so renames that swap two names never trip the
    unique constraint half-way."""
    for row in keep:
        obj = existing.get(row.get("id"))
        if obj is not None and obj.name != row["name"].strip():
            obj.name = f"~{obj.pk}"
            obj.save(update_fields=["name"])


def _option_retire(option: ContributionOption) -> None:
    from ambassadors.models import Activity, ApplicationOption, TermOption

    used = (
        ApplicationOption.objects.filter(option=option).exists()
        or TermOption.objects.filter(option=option).exists()
        or Activity.objects.filter(contribution_option=option).exists()
    )
    if used:
        option.is_active = False
        option.name = f"{option.name} (retired {option.pk})"[:120]
        option.save(update_fields=["is_active", "name"])
    else:
        option.delete()


def parse_guidance(text: str, scale_max: int) -> dict[str, str]:
    """“1: No evidence” lines → {"1": "No evidence"}; every score between 1 and ``scale_max``."""
    guidance = {}
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        score, sep, words = line.partition(":")
        if not sep or not score.strip().isdigit():
            raise ApplicationError(
                "Write one line per score, like “3: Some evidence”.",
                errors={"guidance": ["Write one line per score, like “3: Some evidence”."]},
            )
        number = int(score.strip())
        if not 1 <= number <= scale_max:
            message = f"Scores run from 1 to {scale_max}; {number} is outside the scale."
            raise ApplicationError(message, errors={"guidance": [message]})
        guidance[str(number)] = words.strip()
    return guidance


def format_guidance(guidance: dict) -> str:
    return "\n".join(f"{k}: {v}" for k, v in sorted((guidance or {}).items(), key=lambda kv: int(kv[0])))


@transaction.atomic
def role_criteria_save(*, actor, role: AmbassadorRole, rows: list[dict]) -> list[SelectionCriterion]:
    """Replace the role's criteria: rows {id?, name, description, weight, scale_max, guidance (text), delete}.
    A criterion already scored by a reviewer cannot be deleted or have its scale changed."""
    from ambassadors.models import ReviewScore

    existing = _rows_by_id(SelectionCriterion.objects.filter(role=role), rows)
    keep = [row for row in rows if not row.get("delete")]
    if not keep:
        raise ApplicationError("A role needs at least one selection criterion.")
    _unique_names(rows)
    scored = set(ReviewScore.objects.filter(criterion__role=role).values_list("criterion_id", flat=True))
    for index, row in enumerate(rows):
        criterion = existing.get(row.get("id"))
        if criterion is None or criterion.pk not in scored:
            continue
        if row.get("delete"):
            raise ApplicationError(
                f"“{criterion.name}” has scores already; it cannot be removed.",
                errors={index: {"delete": ["Already scored: cannot be removed."]}},
            )
        if row["scale_max"] != criterion.scale_max:
            raise ApplicationError(
                f"“{criterion.name}” has scores already; its scale cannot change.",
                errors={index: {"scale_max": ["Already scored: the scale cannot change."]}},
            )
    for row in rows:
        if row.get("delete") and row.get("id"):
            existing[row["id"]].delete()
    _free_names(existing, keep)
    saved = []
    for index, row in enumerate(rows):
        if row.get("delete"):
            continue
        position = len(saved)
        criterion = existing.get(row.get("id")) or SelectionCriterion(role=role)
        criterion.name, criterion.description = row["name"].strip(), row.get("description", "").strip()
        criterion.weight, criterion.scale_max, criterion.position = row["weight"], row["scale_max"], position
        try:
            criterion.guidance = parse_guidance(row.get("guidance", ""), row["scale_max"])
        except ApplicationError as error:
            raise ApplicationError(error.message, errors={index: error.errors}) from error
        criterion.save()
        saved.append(criterion)
    return saved


@transaction.atomic
def role_onboarding_template_save(*, actor, role: AmbassadorRole, rows: list[dict]) -> list[OnboardingTemplateTask]:
    """Replace the role's onboarding plan: rows {id?, title, description, category, due_after_days, delete}.
    Plans already generated for terms keep their tasks."""
    existing = _rows_by_id(OnboardingTemplateTask.objects.filter(role=role), rows)
    for row in rows:
        if row.get("delete") and row.get("id"):
            existing[row["id"]].delete()
    saved = []
    for position, row in enumerate(r for r in rows if not r.get("delete")):
        task = existing.get(row.get("id")) or OnboardingTemplateTask(role=role)
        task.title, task.description = row["title"].strip(), row.get("description", "").strip()
        task.category, task.due_after_days, task.position = row["category"], row["due_after_days"], position
        task.save()
        saved.append(task)
    return saved
