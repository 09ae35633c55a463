"""A running ambassador program for a demo organization (shared/DOMAIN.md §1), written by ``seed_demo``.

One program ("XM Ambassadors") with one role and its menus, two past intakes (the older cohort is now
alumni, the newer one is serving), a top-up intake whose cohort is onboarding now, and an open intake with
applications in every state. Serving ambassadors have about a year of activities (on pace, behind, silent),
milestones consistent with them, coaches, commitments, recognition, stories, input requests, office hours and
help requests. Dates are relative to the organization's today, so the demo always looks alive; every random
choice comes from a seeded ``Random``, so the rows are the same on any day up to those dates.

Idempotent: the program is written in one go inside the caller's ``tenant_context`` transaction, so if it
exists the whole program does, and a second run writes nothing. Rows go in with ``bulk_create``; timestamps
Django sets on insert (``auto_now_add``) are given past values in the same INSERT.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from ambassadors.models import (
    Activity,
    AlumniProfile,
    AlumniUpdate,
    AmbassadorRole,
    Application,
    ApplicationOption,
    Award,
    Coach,
    CoachingSession,
    Cohort,
    Commitment,
    ContributionOption,
    ExitFeedback,
    HelpRequest,
    InputRequest,
    InputResponse,
    Intake,
    IntakeReviewer,
    IntakeSeat,
    Kudos,
    Milestone,
    OfficeHourBooking,
    OfficeHourSlot,
    OnboardingTask,
    OnboardingTemplateTask,
    Program,
    Review,
    ReviewScore,
    SelectionCriterion,
    SuccessStory,
    Term,
    TermOption,
)
from ambassadors.services.programs import (
    DEFAULT_CONTRIBUTION_OPTIONS,
    DEFAULT_CRITERIA,
    DEFAULT_GUIDANCE,
    DEFAULT_ONBOARDING,
)
from ambassadors.services.terms import add_months
from xmhub.accounts.models import User
from xmhub.core.demo.logins import login_email
from xmhub.core.demo.specs import OrgSpec
from xmhub.core.sync_health import organization_today
from xmhub.directory.models import Person

PROGRAM_NAME = "XM Ambassadors"
ROLE_NAME = "XM Ambassador"
BATCH_SIZE = 2000
S = Application.Status


@dataclass(frozen=True)
class ProgramSize:
    alumni: int  # the older cohort: ended terms (a few stepped down, the rest completed)
    serving: int  # the newer cohort: open terms (a few of them paused)
    paused: int
    onboarding: int  # the top-up cohort, started three weeks ago
    open_intake: dict  # application status -> how many, in the open intake
    coaches: int  # besides the demo program manager
    stories: tuple[int, int, int]  # published, submitted, rejected


BANK_SIZE = ProgramSize(
    alumni=36,
    serving=105,
    paused=5,
    onboarding=15,
    coaches=5,
    stories=(8, 4, 2),
    open_intake={
        S.AWAITING_MANAGER: 8,
        S.MANAGER_DECLINED: 3,
        S.IN_REVIEW: 14,
        S.SELECTED: 4,
        S.WAITLISTED: 3,
        S.DECLINED: 4,
        S.ACCEPTED: 3,
        S.WITHDRAWN: 2,
    },
)
RETAIL_SIZE = ProgramSize(
    alumni=5,
    serving=12,
    paused=1,
    onboarding=3,
    coaches=2,
    stories=(2, 1, 1),
    open_intake={
        S.AWAITING_MANAGER: 2,
        S.MANAGER_DECLINED: 1,
        S.IN_REVIEW: 3,
        S.SELECTED: 1,
        S.WAITLISTED: 1,
        S.DECLINED: 1,
        S.ACCEPTED: 1,
        S.WITHDRAWN: 1,
    },
)
SIZES = {"demo-bank": BANK_SIZE, "demo-retail": RETAIL_SIZE}
STEPPED_DOWN = 2  # of the alumni cohort (bank); retail: 1

# Per contribution option (by position in DEFAULT_CONTRIBUTION_OPTIONS): hours, people reached, what was done.
OPTION_PROFILES = [
    (
        (1.5, 3.0),
        (8, 40),
        [
            "Lunch-and-learn: reading our XM dashboard",
            "Lunch-and-learn on journey mapping",
            "Team huddle session: what customers told us this quarter",
        ],
    ),
    (
        (1.0, 2.0),
        (2, 3),
        [
            "Gathered peer input on the new onboarding survey",
            "Collected feedback on the complaints journey redesign",
            "Asked three colleagues about the planned pulse survey",
        ],
    ),
    (
        (1.0, 3.0),
        (40, 300),
        [
            "Wrote the XM corner of the department newsletter",
            "Posted the survey results summary on the intranet",
            "Relayed the 'close the loop' campaign to the team channel",
        ],
    ),
    (
        (3.0, 8.0),
        (0, 6),
        [
            "Project team: digital account opening journey",
            "Project team: branch wait times",
            "Workshop with the journey owners",
        ],
    ),
    (
        (2.0, 4.0),
        (0, 15),
        [
            "Collected a success story from the front line",
            "Wrote up a best practice on call-backs",
            "Interviewed a team about a quick win",
        ],
    ),
    (
        (3.0, 6.0),
        (20, 150),
        [
            "Recorded an episode of the XM podcast",
            "Designed posters for the listening campaign",
            "Edited a short video on customer verbatims",
        ],
    ),
]
KUDOS_MESSAGES = [
    "Thank you for the brilliant lunch-and-learn, the team is still talking about it!",
    "Your summary of the survey results made it click for everyone. Thanks!",
    "Great job pulling the peer feedback together so quickly.",
    "Thanks for representing our team on the project, your input changed the design.",
    "Loved the podcast episode, more please!",
    "Thank you for closing the loop with that customer so carefully.",
]
STORY_TITLES = [
    "How a call-back promise halved repeat complaints",
    "Branch huddles that turned feedback into fixes",
    "From survey comment to product change in six weeks",
    "Making the mortgage journey map a living document",
    "A podcast that got 300 colleagues listening to customers",
    "Peer input that saved the onboarding survey",
    "Closing the loop: one team's weekly ritual",
    "Design sprint with customers in the room",
    "Reading XM insights with the whole team",
    "Lunch-and-learns that travel between regions",
    "When the front line redesigned the form",
    "Small wins board in the contact centre",
    "Listening posts at the branch counter",
    "Three questions we now ask every customer",
]
HELP_SUBJECTS = [
    (
        "Help analysing open-text comments",
        "I have 400 survey comments from my region; could someone help me theme them before my team meeting?",
    ),
    ("Data pull for the branch wait-time project", "We need last quarter's wait times by branch."),
    ("Review my lunch-and-learn slides", "Could the core team check my slides on journey mapping?"),
    ("Access to the XM dashboard", "My dashboard access expired when I moved teams."),
    ("Survey design question", "How many questions is too many for a pulse survey?"),
    ("Recording equipment for the podcast", "Is there a microphone we can borrow?"),
]
ALUMNI_POSTS = [
    ("Welcome to the alumni network", "Thank you for your term. This stream keeps you in the loop."),
    ("Special project: customer journey refresh", "We are looking for three alumni to help refresh the journeys."),
    ("Help us select the next cohort", "Alumni who opted in to reviewing: the next intake opens soon."),
    ("What the program achieved this year", "A summary of activities, hours and people reached."),
]
FEEDBACK_HIGHLIGHTS = [
    "Meeting colleagues from other departments.",
    "Seeing a customer idea turn into a change.",
    "The coaching sessions.",
    "Learning to read XM insights properly.",
]
FEEDBACK_IMPROVEMENTS = [
    "More time protected by managers.",
    "Fewer tools, clearer templates.",
    "An earlier kick-off.",
    "",
]


class _Seeder:
    def __init__(self, spec: OrgSpec, login_people: dict[str, str]):
        self.spec = spec
        self.size = SIZES.get(spec.slug, RETAIL_SIZE)
        self.rng = random.Random(f"xmhub-demo-ambassadors:{spec.slug}")
        self.zone = ZoneInfo(spec.time_zone)
        self.today = organization_today()
        self.now = timezone.now()
        self.counts: Counter = Counter()
        people = list(
            Person.objects.order_by("external_id").values(
                "pk", "external_id", "first_name", "org_unit_id", "manager_id", "user_id", "level", "status"
            )
        )
        self.people = {p["external_id"]: p for p in people}
        self.by_pk = {p["pk"]: p for p in people}
        self.team = defaultdict(list)  # manager pk -> their reports' pks
        for p in people:
            if p["status"] == "active" and p["manager_id"]:
                self.team[p["manager_id"]].append(p["pk"])
        self.login = {role: self.people[ext] for role, ext in login_people.items()}
        self.users = {role: User.objects.get(email=login_email(spec, role)) for role in login_people}

    # --- helpers ------------------------------------------------------------------------------------------
    def at(self, day: date, hour: int = 10, minute: int = 0) -> datetime:
        """``day`` at a local time, never in the future."""
        return min(datetime.combine(day, time(hour, minute), tzinfo=self.zone), self.now)

    def insert(self, model, objs: list, stamp: tuple[str, list] | None = None) -> list:
        """bulk_create ``objs``; ``stamp`` = (field, datetimes) sets an ``auto_now_add`` field to the given
        (past) times instead of now, in the same INSERT (no second write, no audit noise)."""
        if stamp is None:
            created = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        else:
            field_name, stamps = stamp
            for obj, value in zip(objs, stamps, strict=True):
                setattr(obj, field_name, value)
            field = model._meta.get_field(field_name)
            saved, field.auto_now_add = field.auto_now_add, False  # the seed runs alone; restored right after
            try:
                created = model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
            finally:
                field.auto_now_add = saved
        self.counts[model._meta.model_name] += len(created)
        return created

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    # --- the program --------------------------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        self.program_and_role()
        self.pick_people()
        self.coaches()
        self.intakes()
        self.past_applications()
        self.open_intake_applications()
        self.terms()
        self.activities_and_milestones()
        self.recognition_and_stories()
        self.support()
        self.alumni()
        return dict(self.counts)

    def program_and_role(self) -> None:
        started = self.at(self.today - timedelta(days=800))
        (self.program,) = self.insert(
            Program,
            [
                Program(
                    name=PROGRAM_NAME,
                    description="Employees who spend a tenth of their time helping their colleagues put "
                    "customer and employee experience at the heart of their work.",
                )
            ],
            stamp=("created_at", [started]),
        )
        (self.role,) = self.insert(
            AmbassadorRole,
            [
                AmbassadorRole(
                    program=self.program,
                    name=ROLE_NAME,
                    time_share=10,
                    term_months=12,
                    purpose=(
                        "Bring XM into your team: share insights, gather input, and help turn feedback into action."
                    ),
                    responsibilities="Log your activities; meet your coach; join the quarterly ambassador forum.",
                    ideal_characteristics="Passion for XM; a wish to learn and to drive change.",
                    skills="Facilitation, storytelling, curiosity about data.",
                )
            ],
            stamp=("created_at", [started]),
        )
        self.options = self.insert(
            ContributionOption,
            [
                ContributionOption(role=self.role, name=n, description=d, position=i)
                for i, (n, d) in enumerate(DEFAULT_CONTRIBUTION_OPTIONS)
            ],
        )
        self.criteria = self.insert(
            SelectionCriterion,
            [
                SelectionCriterion(
                    role=self.role, name=n, description=d, weight=w, scale_max=5, guidance=DEFAULT_GUIDANCE, position=i
                )
                for i, (n, d, w) in enumerate(DEFAULT_CRITERIA)
            ],
        )
        self.template = self.insert(
            OnboardingTemplateTask,
            [
                OnboardingTemplateTask(role=self.role, title=t, category=c, due_after_days=days, position=i)
                for i, (t, c, days) in enumerate(DEFAULT_ONBOARDING)
            ],
        )

    def pick_people(self) -> None:
        """Disjoint groups of people: coaches (CX unit), alumni, serving, onboarding, open-intake candidates,
        and the candidates of past intakes who did not become ambassadors."""
        login_pks = {p["pk"] for p in self.login.values()}
        cx_unit = self.login["program_manager"]["org_unit_id"]
        eligible = [
            p
            for p in self.people.values()
            if p["status"] == "active"
            and p["manager_id"]
            and p["level"] != "senior_leader"
            and p["pk"] not in login_pks
        ]
        cx = [p for p in eligible if p["org_unit_id"] == cx_unit]
        self.coach_people = [self.login["program_manager"]] + cx[: self.size.coaches]
        taken = {p["pk"] for p in self.coach_people}
        ambassador = self.login["ambassador"]
        teammates = [p for p in eligible if p["manager_id"] == ambassador["manager_id"] and p["pk"] not in taken][:2]
        taken |= {p["pk"] for p in teammates}
        pool = [p for p in eligible if p["pk"] not in taken]
        self.rng.shuffle(pool)

        def take(n):
            group, pool[:] = pool[:n], pool[n:]
            return group

        size = self.size
        self.alumni_people = [self.login["admin"]] + take(size.alumni - 1)  # the admin is an alumna/us reviewer
        self.serving_people = [ambassador, *teammates] + take(size.serving + size.paused - 1 - len(teammates))
        self.onboarding_people = take(size.onboarding)
        self.open_people = {status: take(n) for status, n in size.open_intake.items()}
        self.past_unsuccessful = {
            "a": take(max(2, size.alumni // 4)),
            "b": take(max(3, size.serving // 6)),
            "c": take(max(1, size.onboarding // 3)),
        }

    def coaches(self) -> None:
        need = self.size.serving + self.size.paused + self.size.onboarding + self.size.open_intake[S.ACCEPTED]
        pm_capacity = max(4, min(12, need // 10))
        others = math.ceil((need - pm_capacity) / max(1, len(self.coach_people) - 1)) + 3
        self.coach_rows = self.insert(
            Coach,
            [
                Coach(person_id=p["pk"], capacity=pm_capacity if i == 0 else others)
                for i, p in enumerate(self.coach_people)
            ],
        )
        self.coach_load = Counter()

    def next_coach(self, *, demo: bool = False) -> Coach:
        if demo:
            coach = self.coach_rows[0]
        else:
            coach = min(self.coach_rows, key=lambda c: (self.coach_load[c.pk] / c.capacity, c.pk))
        self.coach_load[coach.pk] += 1
        return coach

    def intakes(self) -> None:
        t = self.today
        a_start = t - timedelta(days=700)
        b_start = t - timedelta(days=330)
        c_start = t - timedelta(days=21)
        dates = {  # key: (name, opens, closes, term starts, selection completed)
            "a": (f"{a_start.year} intake", a_start - timedelta(days=75), a_start - timedelta(days=45), a_start, True),
            "b": (f"{b_start.year} intake", b_start - timedelta(days=75), b_start - timedelta(days=45), b_start, True),
            "c": (
                f"{c_start:%B %Y} top-up intake",
                c_start - timedelta(days=70),
                c_start - timedelta(days=49),
                c_start,
                True,
            ),
            "open": (
                f"{(t + timedelta(days=45)).year} intake",
                t - timedelta(days=7),
                t + timedelta(days=21),
                t + timedelta(days=45),
                False,
            ),
        }
        keys = list(dates)
        rows = self.insert(
            Intake,
            [
                Intake(
                    role=self.role,
                    name=name,
                    opens_on=opens,
                    closes_on=closes,
                    term_starts_on=starts,
                    selection_completed_at=self.at(closes + timedelta(days=14), 16) if done else None,
                )
                for name, opens, closes, starts, done in dates.values()
            ],
            stamp=("created_at", [self.at(d[1] - timedelta(days=14)) for d in dates.values()]),
        )
        self.intake = dict(zip(keys, rows, strict=True))
        # Seats per org unit: roughly one per 60 people (at least one) in every unit with people.
        headcount = Counter(p["org_unit_id"] for p in self.people.values() if p["status"] == "active")
        self.insert(
            IntakeSeat,
            [
                IntakeSeat(intake=intake, org_unit_id=unit, seats=max(1, round(n / 60)))
                for intake in rows
                for unit, n in sorted(headcount.items())
                if unit
            ],
        )
        self.cohort = dict(
            zip(
                keys,
                self.insert(
                    Cohort,
                    [
                        Cohort(
                            intake=self.intake[k],
                            name=f"{self.intake[k].name} cohort",
                            kickoff_at=datetime.combine(
                                self.intake[k].term_starts_on + timedelta(days=3), time(10), tzinfo=self.zone
                            ),
                            kickoff_location="Head office, room 4.01",
                            kickoff_link="https://meet.example/xm-kickoff",
                        )
                        for k in keys
                    ],
                ),
                strict=True,
            )
        )
        reviewers = [self.users["program_manager"], self.users["admin"]]
        self.insert(
            IntakeReviewer,
            [
                IntakeReviewer(intake=self.intake["open"], user=reviewers[0]),
                IntakeReviewer(intake=self.intake["open"], user=reviewers[1]),
            ]
            + [IntakeReviewer(intake=self.intake[k], user=reviewers[0]) for k in ("a", "b", "c")],
            stamp=(
                "invited_at",
                [self.at(self.intake["open"].opens_on)] * 2
                + [self.at(self.intake[k].opens_on) for k in ("a", "b", "c")],
            ),
        )

    # --- applications --------------------------------------------------------------------------------------
    def _application(self, intake: Intake, person: dict, status: str, *, position: int | None = None):
        rng = self.rng
        roll = rng.random()
        source = (
            Application.Source.SELF
            if roll < 0.6
            else Application.Source.MANAGER
            if roll < 0.85
            else Application.Source.PEER
            if roll < 0.95
            else Application.Source.ALUMNI
        )
        if status in (S.AWAITING_MANAGER, S.MANAGER_DECLINED):
            source = Application.Source.SELF  # only a self-applicant waits for their manager's approval
        referred_by = None
        if source == Application.Source.PEER:  # a colleague of the same team
            peers = [pk for pk in self.team[person["manager_id"]] if pk != person["pk"]]
            referred_by = rng.choice(peers) if peers else None
        elif source == Application.Source.ALUMNI and intake is not self.intake["a"]:
            referred_by = rng.choice(self.alumni_people)["pk"]
        closing = min(intake.closes_on, self.today)
        applied = intake.opens_on + timedelta(days=rng.randint(0, max(0, (closing - intake.opens_on).days)))
        manager_decided = None
        if status not in (S.AWAITING_MANAGER,):
            manager_decided = self.at(min(applied + timedelta(days=rng.randint(1, 4)), self.today), 15)
        decided = responded = None
        if status in (S.SELECTED, S.WAITLISTED, S.DECLINED, S.ACCEPTED, S.WITHDRAWN):
            decided_day = min(intake.closes_on + timedelta(days=7), self.today - timedelta(days=2))
            decided = self.at(max(decided_day, applied + timedelta(days=3)), 16)
        if status in (S.ACCEPTED, S.WITHDRAWN):
            responded = min(decided + timedelta(days=rng.randint(1, 3)), self.now)
        app = Application(
            intake=intake,
            person_id=person["pk"],
            source=source,
            referred_by_id=referred_by,
            status=status,
            motivation=rng.choice(
                [
                    "I want our customers' voice heard in every team meeting.",
                    "I have run feedback sessions in my branch and would like to do more.",
                    "I would love to learn design thinking and bring it to my team.",
                    "Our team is changing a lot; I want to help colleagues through it.",
                ]
            ),
            manager_id=person["manager_id"],
            manager_decided_at=manager_decided,
            manager_note="Our workload is too high this quarter; let's try next intake."
            if status == S.MANAGER_DECLINED
            else "",
            waitlist_position=position,
            decided_at=decided,
            responded_at=responded,
        )
        return app, self.at(applied, rng.randint(8, 17), rng.randint(0, 59))

    def _insert_applications(self, pairs: list) -> list[Application]:
        apps = self.insert(Application, [a for a, _ in pairs], stamp=("created_at", [s for _, s in pairs]))
        chosen = []
        self.app_options = {}
        for app in apps:
            picked = self.rng.sample(self.options, self.rng.randint(1, 3))
            self.app_options[app.pk] = picked
            chosen += [ApplicationOption(application=app, option=o) for o in picked]
        self.insert(ApplicationOption, chosen)
        return apps

    def past_applications(self) -> None:
        pairs, self.accepted = [], {}
        plan = {"a": self.alumni_people, "b": self.serving_people, "c": self.onboarding_people}
        for key, accepted in plan.items():
            intake = self.intake[key]
            pairs += [self._application(intake, p, S.ACCEPTED) for p in accepted]
            others = self.past_unsuccessful[key]
            statuses = [S.DECLINED, S.WITHDRAWN, S.MANAGER_DECLINED, S.WAITLISTED]
            pairs += [
                self._application(
                    intake,
                    p,
                    statuses[i % len(statuses)],
                    position=i // len(statuses) + 1 if statuses[i % len(statuses)] == S.WAITLISTED else None,
                )
                for i, p in enumerate(others)
            ]
        apps = self._insert_applications(pairs)
        for app in apps:
            if app.status == S.ACCEPTED:
                self.accepted[app.person_id] = app
        self.past_options = dict(self.app_options)

    def open_intake_applications(self) -> None:
        intake = self.intake["open"]
        pairs = []
        for status, people in self.open_people.items():
            for i, person in enumerate(people):
                pairs.append(
                    self._application(intake, person, status, position=i + 1 if status == S.WAITLISTED else None)
                )
        apps = self._insert_applications(pairs)
        self.past_options.update(self.app_options)
        for app in apps:
            if app.status == S.ACCEPTED:
                self.accepted[app.person_id] = app
        # Blind reviews: decided candidates were scored by both reviewers; candidates in review by some.
        pm, alumnus = self.users["program_manager"], self.users["admin"]
        reviews, strength = [], {}
        in_review = [a for a in apps if a.status == S.IN_REVIEW]
        decided = [a for a in apps if a.status in (S.SELECTED, S.WAITLISTED, S.DECLINED, S.ACCEPTED, S.WITHDRAWN)]
        for app in decided:
            for user in (pm, alumnus):
                reviews.append(
                    Review(
                        application=app,
                        reviewer=user,
                        comment="Clear motivation and examples.",
                        submitted_at=app.decided_at - timedelta(days=2),
                    )
                )
        for i, app in enumerate(in_review):
            if i % 3 != 2:  # two in three: the program manager has submitted
                reviews.append(Review(application=app, reviewer=pm, submitted_at=self.at(self.days_ago(1, 5), 11)))
            if i % 2 == 0:  # every other one: the alumnus has a draft (even) or a submitted review
                submitted = self.at(self.days_ago(1, 4), 14) if i % 4 == 0 else None
                reviews.append(Review(application=app, reviewer=alumnus, submitted_at=submitted))
        reviews = self.insert(Review, reviews)
        base = {S.SELECTED: 4, S.ACCEPTED: 4, S.WITHDRAWN: 4, S.WAITLISTED: 3, S.DECLINED: 2}
        scores = []
        for review in reviews:
            app = review.application
            strength.setdefault(app.pk, base.get(app.status, self.rng.randint(2, 4)))
            criteria = self.criteria if review.submitted_at else self.criteria[:2]  # a draft is partial
            for criterion in criteria:
                score = min(5, max(1, strength[app.pk] + self.rng.choice([-1, 0, 0, 1])))
                scores.append(ReviewScore(review=review, criterion=criterion, score=score))
        self.insert(ReviewScore, scores)

    # --- terms ---------------------------------------------------------------------------------------------
    def terms(self) -> None:
        rng, size = self.rng, self.size
        ambassador_pk = self.login["ambassador"]["pk"]
        rows, self.profile = [], {}
        stepped_down = STEPPED_DOWN if size.alumni > 10 else 1
        for i, person in enumerate(self.alumni_people):
            app = self.accepted[person["pk"]]
            starts = self.intake["a"].term_starts_on
            ends = add_months(starts, 12)
            reason, ended_on = Term.EndReason.COMPLETED, ends
            if i >= len(self.alumni_people) - stepped_down:
                reason, ended_on = Term.EndReason.STEPPED_DOWN, starts + timedelta(days=rng.randint(150, 250))
            rows.append(self._term(app, person, "a", status=Term.Status.ENDED, ended_on=ended_on, end_reason=reason))
            self.profile[person["pk"]] = ("ended", ended_on)
        paused = set(p["pk"] for p in self.serving_people[-size.paused :]) if size.paused else set()
        for person in self.serving_people:
            app = self.accepted[person["pk"]]
            if person["pk"] in paused:
                paused_on = self.days_ago(20, 60)
                rows.append(
                    self._term(
                        app,
                        person,
                        "b",
                        status=Term.Status.PAUSED,
                        paused_reason="Transfer to a new team: paused until settled in",
                    )
                )
                self.profile[person["pk"]] = ("paused", paused_on)
            else:
                roll = rng.random()
                profile = (
                    "on_pace"
                    if person["pk"] == ambassador_pk or roll < 0.6
                    else ("behind" if roll < 0.85 else "silent")
                )
                self.profile[person["pk"]] = (profile, self.days_ago(32, 110) if profile == "silent" else None)
                rows.append(self._term(app, person, "b", status=Term.Status.ACTIVE, demo=person["pk"] == ambassador_pk))
        for person in self.onboarding_people:
            rows.append(self._term(self.accepted[person["pk"]], person, "c", status=Term.Status.ACTIVE))
            self.profile[person["pk"]] = ("onboarding", None)
        for person in self.open_people[S.ACCEPTED]:
            rows.append(self._term(self.accepted[person["pk"]], person, "open", status=Term.Status.ACTIVE))
            self.profile[person["pk"]] = ("upcoming", None)
        self.term_rows = self.insert(
            Term, rows, stamp=("created_at", [self.at(min(r.starts_on - timedelta(days=30), self.today)) for r in rows])
        )
        self.terms_by_person = {t.person_id: t for t in self.term_rows}
        options, tasks, commitments = [], [], []
        self.term_options = {}
        for term in self.term_rows:
            picked = self.past_options[term.application_id]
            if len(picked) < 2:
                picked = [*picked, *[o for o in self.rng.sample(self.options, 2) if o not in picked]][:2]
            self.term_options[term.pk] = picked
            options += [TermOption(term=term, option=o) for o in picked]
            commitments.append(
                Commitment(
                    term=term,
                    period=Commitment.Period.MONTH,
                    activities_target=2,
                    hours_target=Decimal(8),
                    effective_from=term.starts_on,
                )
            )
            kind = self.profile[term.person_id][0]
            if kind == "ended":
                continue  # alumni finished onboarding long ago: their plans are not kept
            for t in self.template:
                due = term.starts_on + timedelta(days=t.due_after_days)
                done = None
                if kind in ("on_pace", "behind", "silent", "paused"):
                    done = self.at(due - timedelta(days=rng.randint(0, 5)), 15)
                elif kind == "onboarding" and rng.random() < (0.85 if due <= self.today else 0.2):
                    done = self.at(min(due - timedelta(days=rng.randint(0, 6)), self.today), 15)
                tasks.append(
                    OnboardingTask(
                        term=term,
                        title=t.title,
                        description=t.description,
                        category=t.category,
                        due_on=due,
                        completed_at=done,
                        position=t.position,
                    )
                )
        self.insert(TermOption, options)
        self.insert(Commitment, commitments)
        self.insert(OnboardingTask, tasks)

    def _term(self, app, person, key, *, status, demo=False, **fields) -> Term:
        starts = self.intake[key].term_starts_on
        return Term(
            person_id=person["pk"],
            role=self.role,
            application=app,
            cohort=self.cohort[key],
            org_unit_id=person["org_unit_id"],
            starts_on=starts,
            ends_on=add_months(starts, 12),
            time_share=10,
            coach=self.next_coach(demo=demo),
            status=status,
            **fields,
        )

    # --- activities and milestones -------------------------------------------------------------------------
    def activities_and_milestones(self) -> None:
        rng = self.rng
        rows, stamps = [], []
        milestones, milestone_stamps = [], []
        ambassador_pk = self.login["ambassador"]["pk"]
        for term in self.term_rows:
            kind, when = self.profile[term.person_id]
            if kind == "upcoming":
                continue
            last = {"ended": when, "paused": when, "silent": when}.get(kind, self.today)
            per_month = {"behind": [0, 1, 1, 2], "onboarding": [0, 1, 2], "ended": [1, 1, 2, 2]}.get(kind, [2, 2, 3])
            days = []
            month_start = term.starts_on
            while month_start <= last:
                month_end = min(add_months(month_start, 1) - timedelta(days=1), last)
                span = (month_end - month_start).days + 1
                n = round(rng.choice(per_month) * min(1.0, span / 30))
                days += sorted(month_start + timedelta(days=rng.randrange(span)) for _ in range(n))
                month_start = add_months(month_start, 1)
            manager_id = self.by_pk[term.person_id]["manager_id"]
            attest_rate = 0.85 if term.person_id == ambassador_pk else 0.45
            reached = 0
            granted = {}
            for count, day in enumerate(days, start=1):
                option = rng.choice(self.term_options[term.pk])
                (h_low, h_high), (r_low, r_high), what = OPTION_PROFILES[option.position % len(OPTION_PROFILES)]
                hours = Decimal(str(round(rng.uniform(h_low, h_high) * 2) / 2)).quantize(Decimal("0.1"))
                people = rng.randint(r_low, r_high)
                attested = manager_id and day <= self.today - timedelta(days=5) and rng.random() < attest_rate
                rows.append(
                    Activity(
                        term=term,
                        contribution_option=option,
                        occurred_on=day,
                        hours=hours,
                        people_reached=people,
                        description=rng.choice(what),
                        evidence_url=f"https://intranet.{self.spec.email_domain}/xm/{term.pk}-{len(rows)}"
                        if rng.random() < 0.3
                        else "",
                        attested_by_id=manager_id if attested else None,
                        attested_at=self.at(day + timedelta(days=rng.randint(1, 10)), 9) if attested else None,
                    )
                )
                stamps.append(self.at(day, 17, rng.randint(0, 59)))
                reached += people
                for key, earned in (
                    ("first_activity", count >= 1),
                    ("ten_activities", count >= 10),
                    ("hundred_reached", reached >= 100),
                ):
                    if earned and key not in granted:
                        granted[key] = stamps[-1]
            if kind == "ended" and term.end_reason == Term.EndReason.COMPLETED:
                granted["term_completed"] = self.at(term.ended_on, 6)
            for key, stamp in granted.items():
                milestones.append(Milestone(term=term, key=key))
                milestone_stamps.append(stamp)
        self.activities = self.insert(Activity, rows, stamp=("created_at", stamps))
        self.insert(Milestone, milestones, stamp=("achieved_at", milestone_stamps))

    # --- recognition, stories, input -----------------------------------------------------------------------
    def recognition_and_stories(self) -> None:
        rng = self.rng
        pm, exec_, manager = self.users["program_manager"], self.users["executive"], self.users["manager"]
        serving = [t for t in self.term_rows if self.profile[t.person_id][0] in ("on_pace", "behind", "silent")]
        demo_term = self.terms_by_person[self.login["ambassador"]["pk"]]
        hours = Counter()
        for a in self.activities:
            hours[a.term_id] += a.hours
        top = sorted(serving, key=lambda t: (-hours[t.pk], t.pk))[:3]
        awards, award_stamps = [], []
        for i, term in enumerate(top):
            awards.append(
                Award(
                    term=term,
                    kind=Award.Kind.AWARD,
                    title="Ambassador of the Quarter",
                    granted_by=pm,
                    citation=f"{hours[term.pk]} hours of contributions, and colleagues noticed.",
                )
            )
            award_stamps.append(self.at(self.today - timedelta(days=10 + 91 * i), 12))
        for term in self.term_rows:
            if term.status == Term.Status.ENDED and term.end_reason == Term.EndReason.COMPLETED:
                awards.append(
                    Award(
                        term=term,
                        kind=Award.Kind.CERTIFICATE,
                        title="Certificate of completion",
                        granted_by=pm,
                        citation=f"{hours[term.pk]} hours over a 12-month term.",
                    )
                )
                award_stamps.append(self.at(term.ended_on + timedelta(days=2), 12))
        self.insert(Award, awards, stamp=("granted_at", award_stamps))

        kudos_terms = [demo_term, *rng.sample(serving, min(len(serving), max(5, len(serving) // 2)))]
        kudos, kudos_stamps = [], []
        for i, term in enumerate(kudos_terms):
            for _ in range(2 if term is demo_term else 1):
                sender = manager if term is demo_term else rng.choice([pm, exec_, manager, None])
                kudos.append(Kudos(term=term, sender=sender, message=rng.choice(KUDOS_MESSAGES)))
                kudos_stamps.append(self.at(self.days_ago(1, 200), 13, i % 60))
        self.insert(Kudos, kudos, stamp=("created_at", kudos_stamps))

        published, submitted, rejected = self.size.stories
        story_terms = [
            demo_term,
            *rng.sample([t for t in serving if t is not demo_term], published + submitted + rejected - 1),
        ]
        statuses = (
            [SuccessStory.Status.PUBLISHED] * published
            + [SuccessStory.Status.SUBMITTED] * submitted
            + [SuccessStory.Status.REJECTED] * rejected
        )
        stories, story_stamps = [], []
        for i, (term, status) in enumerate(zip(story_terms, statuses, strict=True)):
            created = self.at(
                self.days_ago(3, 40) if status == SuccessStory.Status.SUBMITTED else self.days_ago(30, 250), 11
            )
            stories.append(
                SuccessStory(
                    term=term,
                    title=STORY_TITLES[i % len(STORY_TITLES)],
                    status=status,
                    body="What we noticed, what we changed, and what customers and colleagues said afterwards.",
                    reviewed_by=pm if status != SuccessStory.Status.SUBMITTED else None,
                    published_at=min(created + timedelta(days=5), self.now)
                    if status == SuccessStory.Status.PUBLISHED
                    else None,
                )
            )
            story_stamps.append(created)
        self.insert(SuccessStory, stories, stamp=("created_at", story_stamps))

        requests = self.insert(
            InputRequest,
            [
                InputRequest(
                    title="Your input on next year's pulse survey",
                    audience=InputRequest.Audience.ACTIVE,
                    question="Which three topics should next year's employee pulse survey cover, and why?",
                    deadline=self.today + timedelta(days=10),
                    created_by=pm,
                ),
                InputRequest(
                    title="Alumni: lessons for the next cohort",
                    audience=InputRequest.Audience.ALUMNI,
                    question="What do you wish you had known at the start of your term?",
                    deadline=self.today - timedelta(days=20),
                    created_by=pm,
                ),
            ],
            stamp=(
                "created_at",
                [self.at(self.today - timedelta(days=6), 9), self.at(self.today - timedelta(days=50), 9)],
            ),
        )
        respondents = [demo_term.person_id] + [
            t.person_id for t in rng.sample(serving, len(serving) // 4) if t is not demo_term
        ]
        alumni = [p["pk"] for p in self.alumni_people]
        answers = [(requests[0], pk, "Recognition, workload, and tools that get in the way.") for pk in respondents]
        answers += [
            (requests[1], pk, "Block the time in your calendar from day one.")
            for pk in alumni[: max(2, len(alumni) // 3)]
        ]
        self.insert(
            InputResponse,
            [InputResponse(request=r, person_id=pk, answer=a) for r, pk, a in answers],
            stamp=(
                "submitted_at",
                [
                    self.at(r.deadline - timedelta(days=self.rng.randint(11, 15)), 12)
                    if r is requests[1]
                    else self.at(self.days_ago(0, 5), 12)
                    for r, _, _ in answers
                ],
            ),
        )

    # --- office hours, coaching, help ----------------------------------------------------------------------
    def support(self) -> None:
        rng = self.rng
        pm = self.users["program_manager"]
        open_terms = [
            t for t in self.term_rows if self.profile[t.person_id][0] in ("on_pace", "behind", "silent", "onboarding")
        ]
        demo_term = self.terms_by_person[self.login["ambassador"]["pk"]]
        slots = []
        for week in range(-4, 4):
            for weekday, hour in ((1, 12), (3, 16)):  # Tuesdays and Thursdays
                monday = self.today - timedelta(days=self.today.weekday()) + timedelta(weeks=week)
                start = datetime.combine(monday + timedelta(days=weekday), time(hour), tzinfo=self.zone)
                slots.append(
                    OfficeHourSlot(
                        host=pm,
                        starts_at=start,
                        ends_at=start + timedelta(hours=1),
                        location="Teams: XM office hours",
                        capacity=3,
                    )
                )
        slots = self.insert(OfficeHourSlot, slots)
        bookings, booking_stamps = [], []
        for slot in slots:
            past = slot.starts_at < self.now
            for term in rng.sample(open_terms, rng.randint(1, 3) if past else rng.randint(0, 2)):
                bookings.append(
                    OfficeHourBooking(
                        slot=slot,
                        term=term,
                        topic=rng.choice(
                            [
                                "Planning a lunch-and-learn",
                                "Reading my team's survey results",
                                "Podcast idea",
                                "How to gather peer input",
                            ]
                        ),
                    )
                )
                booking_stamps.append(min(slot.starts_at - timedelta(days=rng.randint(1, 6)), self.now))
        future = [s for s in slots if s.starts_at > self.now]
        if future and not any(b.term is demo_term and b.slot is future[0] for b in bookings):
            bookings.append(OfficeHourBooking(slot=future[0], term=demo_term, topic="Planning my next session"))
            booking_stamps.append(self.now)
        self.insert(OfficeHourBooking, bookings, stamp=("booked_at", booking_stamps))

        sessions = []
        for term in open_terms:
            for months_ago in (2, 1):
                day = self.today - timedelta(days=30 * months_ago + rng.randint(0, 10))
                if day > term.starts_on:
                    sessions.append(
                        CoachingSession(
                            term=term,
                            coach=term.coach,
                            scheduled_at=self.at(day, 14),
                            notes="Reviewed progress and next month's plan.",
                        )
                    )
            if term is demo_term or rng.random() < 0.25:
                tomorrow = term is demo_term or rng.random() < 0.2
                day = self.today + timedelta(days=1 if tomorrow else rng.randint(2, 21))
                sessions.append(
                    CoachingSession(
                        term=term, coach=term.coach, scheduled_at=datetime.combine(day, time(14), tzinfo=self.zone)
                    )
                )
        self.insert(CoachingSession, sessions)

        helps, help_stamps = [], []
        statuses = [HelpRequest.Status.OPEN, HelpRequest.Status.IN_PROGRESS, HelpRequest.Status.RESOLVED]
        for i, (subject, description) in enumerate(HELP_SUBJECTS):
            term = demo_term if i == 0 else rng.choice(open_terms)
            status = statuses[i % 3]
            created = self.at(self.days_ago(2, 40), 10)
            helps.append(
                HelpRequest(
                    term=term,
                    subject=subject,
                    description=description,
                    status=status,
                    assigned_to=pm if status != HelpRequest.Status.OPEN else None,
                    resolved_at=min(created + timedelta(days=4), self.now)
                    if status == HelpRequest.Status.RESOLVED
                    else None,
                )
            )
            help_stamps.append(created)
        self.insert(HelpRequest, helps, stamp=("created_at", help_stamps))

    # --- alumni --------------------------------------------------------------------------------------------
    def alumni(self) -> None:
        rng = self.rng
        ended = [t for t in self.term_rows if t.status == Term.Status.ENDED]
        admin_pk = self.login["admin"]["pk"]
        self.insert(
            AlumniProfile,
            [
                AlumniProfile(
                    person_id=t.person_id,
                    opt_in_special_projects=rng.random() < 0.7,
                    opt_in_input_requests=rng.random() < 0.8,
                    opt_in_reviewing=t.person_id == admin_pk or rng.random() < 0.3,
                )
                for t in ended
            ],
            stamp=("created_at", [self.at(t.ended_on, 7) for t in ended]),
        )
        feedback = [t for i, t in enumerate(ended) if t.person_id == admin_pk or i % 6 != 5]  # most of them
        self.insert(
            ExitFeedback,
            [
                ExitFeedback(
                    term=t,
                    rating=rng.choice([3, 4, 4, 5, 5]),
                    highlights=rng.choice(FEEDBACK_HIGHLIGHTS),
                    improvements=rng.choice(FEEDBACK_IMPROVEMENTS),
                    would_recommend=rng.random() < 0.9,
                )
                for t in feedback
            ],
            stamp=("submitted_at", [self.at(t.ended_on + timedelta(days=3), 11) for t in feedback]),
        )
        pm = self.users["program_manager"]
        posts = ALUMNI_POSTS if self.size.alumni > 10 else ALUMNI_POSTS[:2]
        self.insert(
            AlumniUpdate,
            [AlumniUpdate(title=t, body=b, author=pm) for t, b in posts],
            stamp=("published_at", [self.at(self.today - timedelta(days=330 - 100 * i), 9) for i in range(len(posts))]),
        )


EMPTY_SUMMARY_KEYS = ("ambassador programs", "intakes", "applications", "ambassador terms", "activities")


def demo_ambassadors_seed(*, spec: OrgSpec, login_people: dict[str, str]) -> dict[str, int]:
    """Write the demo ambassador program of ``spec``'s organization unless it exists; call inside its
    ``tenant_context``. Returns how many rows of each model were created (model name -> count)."""
    if Program.objects.filter(name=PROGRAM_NAME).exists():
        return {}
    return _Seeder(spec, login_people).run()


def summary(counts: dict[str, int]) -> dict[str, int]:
    """The few counts ``seed_demo`` prints."""
    return dict(
        zip(
            EMPTY_SUMMARY_KEYS,
            (counts.get(k, 0) for k in ("program", "intake", "application", "term", "activity")),
            strict=True,
        )
    )
