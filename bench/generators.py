"""Benchmark data: the demo bank's org-unit tree with 100,000 people, as bulk-API payloads.

Built by the demo generators (deterministic, managers before their reports, realistic names, titles,
levels and statuses), with the bank's 25 org units.
"""

from __future__ import annotations

from xmhub.core.demo.generators import Directory, build_directory
from xmhub.core.demo.specs import BANK

BENCH_PEOPLE = 100_000


def bench_directory(people: int = BENCH_PEOPLE) -> Directory:
    return build_directory(BANK, people=people, seed="xmhub-bench", employee_prefix="BX")


def org_unit_payload(directory: Directory) -> list[dict]:
    return [unit.as_payload() for unit in directory.units]


def people_chunks(directory: Directory, chunk_size: int) -> list[list[dict]]:
    """The people as bulk-API payloads of ``chunk_size`` rows; a manager is always in an earlier or the same chunk."""
    rows = [person.as_payload() for person in directory.people]
    return [rows[i : i + chunk_size] for i in range(0, len(rows), chunk_size)]
