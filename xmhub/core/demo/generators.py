"""Turn an organization spec into org units and people: deterministic (a seeded Random), fast, pure Python.

People come out managers first (a breadth-first walk of the reporting tree), so rows can be inserted
in that order with every manager already present. ``PersonRow.as_payload()`` is the row as the bulk
API takes it (``POST /api/v1/people/bulk/``).
"""

from __future__ import annotations

import math
import random
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from xmhub.core.demo.names import FIRST_NAMES, LAST_NAMES
from xmhub.core.demo.specs import TITLES, OrgSpec, UnitSpec

# The directory is "as of" this date, so the output never depends on the day it is generated.
AS_OF = date(2025, 3, 31)

SENIOR_LEADER, MIDDLE_MANAGER, INDIVIDUAL_CONTRIBUTOR = "senior_leader", "middle_manager", "individual_contributor"
ACTIVE, ON_LEAVE, LEFT = "active", "on_leave", "left"

LEFT_RATE = 0.05  # of individual contributors
ON_LEAVE_RATE = 0.04
TEAM_SIZE = 10  # people per team lead once a unit is too big to report to its head directly


@dataclass(frozen=True)
class UnitRow:
    external_id: str
    name: str
    kind: str
    parent: str | None
    depth: int

    def as_payload(self) -> dict:
        return {"external_id": self.external_id, "name": self.name, "kind": self.kind, "parent": self.parent}


@dataclass
class PersonRow:
    external_id: str
    email: str
    first_name: str
    last_name: str
    title: str
    level: str
    manager: str | None
    org_unit: str
    status: str
    start_date: date
    end_date: date | None
    depth: int  # 0 for the chief executive, 1 for their reports, ...

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def as_payload(self) -> dict:
        return {
            "external_id": self.external_id,
            "email": self.email,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "title": self.title,
            "level": self.level,
            "manager": self.manager,
            "org_unit": self.org_unit,
            "status": self.status,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat() if self.end_date else None,
        }


@dataclass
class Directory:
    units: list[UnitRow]
    people: list[PersonRow]  # managers before their reports
    heads: dict[str, str] = field(default_factory=dict)  # unit external id -> head's external id

    def person(self, external_id: str) -> PersonRow:
        return next(p for p in self.people if p.external_id == external_id)


def _unit_depths(units: tuple[UnitSpec, ...]) -> dict[str, int]:
    by_id = {u.external_id: u for u in units}
    depths: dict[str, int] = {}

    def depth(u: UnitSpec) -> int:
        if u.external_id not in depths:
            depths[u.external_id] = 0 if u.parent is None else depth(by_id[u.parent]) + 1
        return depths[u.external_id]

    for u in units:
        depth(u)
    return depths


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` by ``weights`` (largest remainder): the parts add up exactly."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    parts = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


class _Namer:
    def __init__(self, rng: random.Random, domain: str):
        self.rng = rng
        self.domain = domain
        self.seen: dict[str, int] = defaultdict(int)

    def __call__(self) -> tuple[str, str, str]:
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        local = re.sub(r"[^a-z]", "", first.lower()) + "." + re.sub(r"[^a-z]", "", last.lower())
        self.seen[local] += 1
        if self.seen[local] > 1:
            local += str(self.seen[local])
        return first, last, f"{local}@{self.domain}"


def _start_date(rng: random.Random, level: str) -> date:
    earliest = {SENIOR_LEADER: date(1998, 1, 1), MIDDLE_MANAGER: date(2004, 1, 1)}.get(level, date(2010, 1, 1))
    latest = AS_OF - timedelta(days=60)
    return earliest + timedelta(days=rng.randrange((latest - earliest).days))


def build_directory(
    spec: OrgSpec, *, people: int | None = None, seed: str | None = None, employee_prefix: str | None = None
) -> Directory:
    """Org units and ``people`` (default ``spec.people``) people for ``spec``; same arguments, same rows."""
    total = spec.people if people is None else people
    if total < len(spec.units):
        raise ValueError(f"{spec.slug} needs at least one person per org unit ({len(spec.units)}).")
    rng = random.Random(seed or f"xmhub-demo:{spec.slug}")
    namer = _Namer(rng, spec.email_domain)
    prefix = employee_prefix or spec.employee_prefix
    depths = _unit_depths(spec.units)
    units = sorted(
        (UnitRow(u.external_id, u.name, u.kind, u.parent, depths[u.external_id]) for u in spec.units),
        key=lambda u: u.depth,
    )

    # Reporting tree: nodes are (person fields without external id, list of report nodes).
    children: dict[int, list[int]] = defaultdict(list)
    nodes: list[dict] = []

    def add(unit: UnitSpec, level: str, title: str, manager: int | None) -> int:
        first, last, email = namer()
        status, end = ACTIVE, None
        start = _start_date(rng, level)
        if level == INDIVIDUAL_CONTRIBUTOR:
            roll = rng.random()
            if roll < LEFT_RATE:
                status = LEFT
                end = start + timedelta(days=90 + rng.randrange(max(1, (AS_OF - start).days - 89)))
            elif roll < LEFT_RATE + ON_LEAVE_RATE:
                status = ON_LEAVE
        nodes.append(
            {
                "first_name": first,
                "last_name": last,
                "email": email,
                "title": title,
                "level": level,
                "org_unit": unit.external_id,
                "status": status,
                "start_date": start,
                "end_date": end,
            }
        )
        index = len(nodes) - 1
        if manager is not None:
            children[manager].append(index)
        return index

    chief_unit = spec.units[0]
    head_of: dict[str, int] = {}
    for unit in sorted(spec.units, key=lambda u: depths[u.external_id]):
        senior = unit.parent is None or unit.head_title.startswith("Chief")
        if unit is chief_unit:
            manager = None
        elif unit.parent is None:
            manager = head_of[chief_unit.external_id]
        else:
            manager = head_of[unit.parent]
        head_of[unit.external_id] = add(unit, SENIOR_LEADER if senior else MIDDLE_MANAGER, unit.head_title, manager)

    members = _apportion(total - len(spec.units), [u.weight for u in spec.units])
    for unit, count in zip(spec.units, members, strict=True):
        lead_titles, ic_titles = TITLES[unit.family]
        head = head_of[unit.external_id]
        if count <= TEAM_SIZE + 2:
            for _ in range(count):
                add(unit, INDIVIDUAL_CONTRIBUTOR, rng.choice(ic_titles), head)
            continue
        leads = [
            add(unit, MIDDLE_MANAGER, rng.choice(lead_titles), head)
            for _ in range(max(1, round(count / (TEAM_SIZE + 1))))
        ]
        for i in range(count - len(leads)):
            add(unit, INDIVIDUAL_CONTRIBUTOR, rng.choice(ic_titles), leads[i % len(leads)])

    # Breadth-first from the chief executive: external ids follow, managers come first.
    rows: list[PersonRow] = []
    external_of: dict[int, str] = {}
    queue: list[tuple[int, int, int | None]] = [(head_of[chief_unit.external_id], 0, None)]
    for index, depth, manager in queue:  # the queue grows while we walk it
        external_of[index] = f"{prefix}{len(rows) + 1:06d}"
        rows.append(
            PersonRow(
                external_id=external_of[index],
                manager=None if manager is None else external_of[manager],
                depth=depth,
                **nodes[index],
            )
        )
        queue.extend((child, depth + 1, index) for child in children[index])
    assert len(rows) == total, (len(rows), total)
    heads = {unit_id: external_of[index] for unit_id, index in head_of.items()}
    return Directory(units=units, people=rows, heads=heads)
