"""The program overview of the organization home (program managers, admins, executives).

``program_overview(today=...)`` reads everything in at most five queries, whatever the size of the
program: whether a program exists; the headline counts (active ambassadors and alumni); the monthly
activity of the last 12 months (which also gives the 12-month hours and people reached); the pace of the
active terms (the SQL pace of ``terms.with_progress``, grouped); and the active ambassadors per org unit.
The result carries the chart geometry (``xmhub.core.charts``) for the templates in
``templates/partials/charts/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth

from ambassadors.models import Activity, IntakeSeat, Program, Term
from ambassadors.selectors.terms import Pace, with_progress
from xmhub.core import charts
from xmhub.directory.models import OrgUnit

OPEN = (Term.Status.ACTIVE, Term.Status.PAUSED)
MONTHS = 12
# The coverage chart shows at most this many org units (the rest are counted in a note).
COVERAGE_ROWS = 20
PACE_CLASSES = {Pace.ON_PACE: "on-pace", Pace.BEHIND: "behind", Pace.SILENT: "silent"}


@dataclass(frozen=True)
class MonthActivity:
    month: date
    hours: Decimal
    activities: int
    people_reached: int


@dataclass(frozen=True)
class UnitCoverage:
    name: str
    active: int
    seats: int


@dataclass(frozen=True)
class ProgramOverview:
    has_program: bool
    active_ambassadors: int = 0
    alumni: int = 0
    months: tuple[MonthActivity, ...] = ()
    pace: tuple[tuple[str, str, int], ...] = ()  # (key, label, active terms)
    units: tuple[UnitCoverage, ...] = ()
    more_units: int = 0

    # --- headline figures ---
    @property
    def hours_12m(self) -> Decimal:
        return sum((m.hours for m in self.months), Decimal("0"))

    @property
    def activities_12m(self) -> int:
        return sum(m.activities for m in self.months)

    @property
    def people_reached_12m(self) -> int:
        return sum(m.people_reached for m in self.months)

    @property
    def active_terms(self) -> int:
        return sum(n for _, _, n in self.pace)

    @property
    def on_pace_share(self) -> int | None:
        """Whole percent of active terms on pace; None without active terms."""
        if not self.active_terms:
            return None
        on_pace = next(n for key, _, n in self.pace if key == Pace.ON_PACE)
        return round(100 * on_pace / self.active_terms)

    @property
    def gaps(self) -> int:
        return sum(1 for unit in self.units if unit.active == 0)

    # --- charts ---
    @property
    def trend_chart(self) -> charts.BarChart:
        return charts.column_chart(
            [(m.month.strftime("%b"), m.hours) for m in self.months],
            details=[
                f"{m.month:%B %Y}: {charts.format_number(m.hours)} hours, {m.activities} "
                f"activit{'y' if m.activities == 1 else 'ies'}, {m.people_reached:,} people reached"
                for m in self.months
            ],
            width=960,
            height=260,
        )

    @property
    def pace_chart(self) -> charts.StackedBar:
        return charts.stacked_bar([(PACE_CLASSES[key], label, n) for key, label, n in self.pace], width=540, height=32)

    @property
    def coverage_chart(self) -> charts.BarChart:
        return charts.row_chart(
            [(unit.name, unit.active) for unit in self.units],
            details=[f"{unit.seats} seat{'s' if unit.seats != 1 else ''} in intakes" for unit in self.units],
            width=540,
            label_width=206,
            value_width=40,
            row_height=28,
        )


def month_starts(today: date, months: int = MONTHS) -> list[date]:
    """The first day of each of the last ``months`` months, oldest first, ending with today's month."""
    starts = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def program_overview(*, today: date) -> ProgramOverview:
    """The current organization's program overview as of ``today`` (five queries; one without a program)."""
    if not Program.objects.exists():
        return ProgramOverview(has_program=False)

    open_term = Term.objects.filter(person=OuterRef("person"), status__in=OPEN)
    headline = Term.objects.aggregate(
        active=Count("person", distinct=True, filter=Q(status=Term.Status.ACTIVE)),
        alumni=Count("person", distinct=True, filter=Q(status=Term.Status.ENDED) & ~Q(Exists(open_term))),
    )

    starts = month_starts(today)
    rows = {
        row["month"]: row
        for row in Activity.objects.filter(occurred_on__gte=starts[0], occurred_on__lte=today)
        .annotate(month=TruncMonth("occurred_on"))
        .values("month")
        .annotate(hours=Sum("hours"), activities=Count("id"), people=Sum("people_reached"))
        .order_by()
    }
    months = tuple(
        MonthActivity(
            month=start,
            hours=rows[start]["hours"] if start in rows else Decimal("0"),
            activities=rows[start]["activities"] if start in rows else 0,
            people_reached=rows[start]["people"] if start in rows else 0,
        )
        for start in starts
    )

    pace_counts = dict(
        with_progress(Term.objects.filter(status=Term.Status.ACTIVE), today=today)
        .values("pace")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("pace", "n")
    )
    pace = tuple((key, label, pace_counts.get(key, 0)) for key, label in Pace.CHOICES)

    active_here = (
        Term.objects.filter(org_unit=OuterRef("pk"), status=Term.Status.ACTIVE)
        .order_by()
        .values("org_unit")
        .annotate(n=Count("person", distinct=True))
        .values("n")
    )
    seats_here = (
        IntakeSeat.objects.filter(org_unit=OuterRef("pk"))
        .order_by()
        .values("org_unit")
        .annotate(n=Sum("seats"))
        .values("n")
    )
    units = list(
        OrgUnit.objects.annotate(
            active=Coalesce(Subquery(active_here, output_field=IntegerField()), 0),
            seats=Coalesce(Subquery(seats_here, output_field=IntegerField()), 0),
        )
        .filter(Q(parent__isnull=True) | Q(active__gt=0) | Q(seats__gt=0))
        .order_by("-active", "name")
        .values_list("name", "active", "seats")
    )
    # Keep every gap in view: when there are too many rows, drop covered units from the middle first.
    shown = units[:COVERAGE_ROWS]
    if len(units) > COVERAGE_ROWS:
        gaps = [u for u in units if u[1] == 0]
        covered = [u for u in units if u[1] > 0][: max(COVERAGE_ROWS - len(gaps), 0)]
        shown = (covered + gaps)[:COVERAGE_ROWS]
    return ProgramOverview(
        has_program=True,
        active_ambassadors=headline["active"],
        alumni=headline["alumni"],
        months=months,
        pace=pace,
        units=tuple(UnitCoverage(name, active, seats) for name, active, seats in shown),
        more_units=len(units) - len(shown),
    )
