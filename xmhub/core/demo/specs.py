"""The two demo organizations: their org-unit trees, head titles and title families."""

from __future__ import annotations

from dataclasses import dataclass

BUSINESS_UNIT, FUNCTION, REGION, PRODUCT_LINE = "business_unit", "function", "region", "product_line"


@dataclass(frozen=True)
class UnitSpec:
    external_id: str
    name: str
    kind: str
    parent: str | None  # external id of the parent unit
    weight: float  # share of the headcount (relative)
    family: str  # key into TITLES: what the people of this unit do
    head_title: str


@dataclass(frozen=True)
class OrgSpec:
    slug: str
    name: str
    time_zone: str
    email_domain: str
    people: int
    employee_prefix: str
    units: tuple[UnitSpec, ...]
    # Which people get the demo logins (see generators.pick_demo_people): unit external ids.
    cx_unit: str  # executive (its head), program manager and admin (two of its people)
    frontline_unit: str  # ambassador (a team member) and manager (that member's team lead)
    back_office_unit: str  # viewer


# What people do, by family: (team lead titles, individual contributor titles).
TITLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "executive": (("Chief of Staff",), ("Executive Assistant", "Strategy Analyst", "Executive Business Partner")),
    "branch": (
        ("Branch Manager", "Assistant Branch Manager"),
        (
            "Personal Banker",
            "Relationship Banker",
            "Teller",
            "Senior Teller",
            "Branch Service Advisor",
            "Financial Advisor",
        ),
    ),
    "mortgage": (
        ("Mortgage Team Lead", "Underwriting Manager"),
        ("Mortgage Advisor", "Mortgage Underwriter", "Loan Processor", "Closing Coordinator"),
    ),
    "cards": (
        ("Cards Product Manager", "Payments Operations Manager"),
        ("Payments Analyst", "Fraud Analyst", "Card Operations Specialist", "Product Owner, Cards"),
    ),
    "digital": (
        ("Engineering Manager, Digital", "Product Lead, Mobile"),
        ("Mobile Engineer", "Product Designer", "UX Researcher", "Product Owner", "QA Engineer"),
    ),
    "lending": (
        ("Credit Manager", "Relationship Director"),
        ("Relationship Manager", "Credit Analyst", "Portfolio Analyst", "Loan Officer"),
    ),
    "treasury": (
        ("Treasury Sales Manager",),
        ("Cash Management Specialist", "Treasury Analyst", "Implementation Manager"),
    ),
    "sme": (("Small Business Team Lead",), ("Business Banker", "Small Business Advisor", "Credit Analyst")),
    "wealth": (
        ("Private Banking Team Lead", "Portfolio Manager Lead"),
        ("Private Banker", "Wealth Advisor", "Investment Analyst", "Client Service Associate"),
    ),
    "tech": (
        ("Engineering Manager", "IT Service Manager"),
        (
            "Software Engineer",
            "Senior Software Engineer",
            "Site Reliability Engineer",
            "Data Engineer",
            "Business Analyst",
            "Systems Administrator",
        ),
    ),
    "security": (("Security Operations Manager",), ("Security Analyst", "Security Engineer", "Identity Engineer")),
    "operations": (
        ("Operations Manager", "Process Excellence Lead"),
        ("Operations Analyst", "Process Analyst", "Payments Processor", "Reconciliation Specialist"),
    ),
    "contact": (
        ("Contact Centre Team Leader", "Workforce Planning Manager"),
        ("Customer Service Agent", "Senior Customer Service Agent", "Complaints Specialist", "Quality Coach"),
    ),
    "finance": (
        ("Finance Manager", "Controller"),
        ("Financial Analyst", "Accountant", "FP&A Analyst", "Accounts Payable Specialist"),
    ),
    "risk": (
        ("Risk Manager", "Compliance Manager"),
        ("Risk Analyst", "Compliance Officer", "AML Investigator", "Internal Auditor"),
    ),
    "people": (
        ("HR Business Partner Lead", "Talent Acquisition Manager"),
        ("HR Business Partner", "Recruiter", "Learning & Development Specialist", "Payroll Specialist"),
    ),
    "cx": (
        ("CX Insights Manager", "Marketing Manager"),
        (
            "CX Analyst",
            "Customer Insights Analyst",
            "Journey Manager",
            "Marketing Specialist",
            "Brand Manager",
            "Content Strategist",
        ),
    ),
    "legal": (("Senior Counsel",), ("Legal Counsel", "Paralegal", "Contracts Manager")),
    "store": (
        ("Store Manager", "Assistant Store Manager"),
        ("Sales Associate", "Senior Sales Associate", "Cashier", "Visual Merchandiser", "Stock Associate"),
    ),
    "ecommerce": (
        ("E-commerce Manager", "Engineering Manager"),
        ("Web Developer", "Digital Marketing Specialist", "Product Owner", "UX Designer", "Marketplace Analyst"),
    ),
    "merchandising": (("Category Manager",), ("Buyer", "Assistant Buyer", "Planner", "Allocation Analyst")),
    "supply": (
        ("Distribution Centre Manager", "Logistics Manager"),
        ("Warehouse Associate", "Logistics Coordinator", "Inventory Analyst", "Transport Planner"),
    ),
    "service": (("Customer Service Team Lead",), ("Customer Service Advisor", "Returns Specialist", "Chat Agent")),
}


def _u(external_id, name, kind, parent, weight, family, head_title):
    return UnitSpec(external_id, name, kind, parent, weight, family, head_title)


BANK = OrgSpec(
    slug="demo-bank",
    name="Northwind Bank",
    time_zone="Europe/London",
    email_domain="northwind-bank.example",
    people=1500,
    employee_prefix="NB",
    units=(
        _u("NB-EXEC", "Executive Office", FUNCTION, None, 0.5, "executive", "Chief Executive Officer"),
        _u("NB-RB", "Retail Banking", BUSINESS_UNIT, None, 1, "branch", "Head of Retail Banking"),
        _u("NB-RB-BR", "Branch Network", FUNCTION, "NB-RB", 1, "branch", "Director, Branch Network"),
        _u("NB-RB-BR-N", "Northern Region", REGION, "NB-RB-BR", 9, "branch", "Regional Director, North"),
        _u("NB-RB-BR-S", "Southern Region", REGION, "NB-RB-BR", 10, "branch", "Regional Director, South"),
        _u("NB-RB-BR-W", "Western Region", REGION, "NB-RB-BR", 7, "branch", "Regional Director, West"),
        _u("NB-RB-MTG", "Mortgages", PRODUCT_LINE, "NB-RB", 6, "mortgage", "Head of Mortgages"),
        _u("NB-RB-CARD", "Cards & Payments", PRODUCT_LINE, "NB-RB", 5, "cards", "Head of Cards & Payments"),
        _u("NB-RB-DIG", "Digital Banking", PRODUCT_LINE, "NB-RB", 5, "digital", "Head of Digital Banking"),
        _u("NB-CB", "Commercial Banking", BUSINESS_UNIT, None, 1, "lending", "Head of Commercial Banking"),
        _u("NB-CB-LEND", "Corporate Lending", PRODUCT_LINE, "NB-CB", 5, "lending", "Director, Corporate Lending"),
        _u(
            "NB-CB-TRS",
            "Treasury & Cash Management",
            PRODUCT_LINE,
            "NB-CB",
            3,
            "treasury",
            "Director, Treasury Services",
        ),
        _u("NB-CB-SME", "Small Business Banking", PRODUCT_LINE, "NB-CB", 4, "sme", "Director, Small Business"),
        _u("NB-WM", "Wealth Management", BUSINESS_UNIT, None, 1, "wealth", "Head of Wealth Management"),
        _u("NB-WM-PB", "Private Banking", PRODUCT_LINE, "NB-WM", 4, "wealth", "Director, Private Banking"),
        _u("NB-WM-AM", "Asset Management", PRODUCT_LINE, "NB-WM", 3, "wealth", "Chief Investment Officer"),
        _u("NB-OT", "Operations & Technology", FUNCTION, None, 4, "operations", "Chief Operating Officer"),
        _u("NB-OT-TECH", "Technology", FUNCTION, "NB-OT", 8, "tech", "Chief Technology Officer"),
        _u("NB-OT-SEC", "Cybersecurity", FUNCTION, "NB-OT-TECH", 2, "security", "Chief Information Security Officer"),
        _u("NB-OT-CC", "Contact Centre", FUNCTION, "NB-OT", 9, "contact", "Head of Contact Centre"),
        _u("NB-FIN", "Finance", FUNCTION, None, 3, "finance", "Chief Financial Officer"),
        _u("NB-RISK", "Risk & Compliance", FUNCTION, None, 4, "risk", "Chief Risk Officer"),
        _u("NB-HR", "People & Culture", FUNCTION, None, 2, "people", "Chief People Officer"),
        _u("NB-CX", "Marketing & Customer Experience", FUNCTION, None, 2.5, "cx", "Chief Customer Officer"),
        _u("NB-LEGAL", "Legal", FUNCTION, None, 1, "legal", "General Counsel"),
    ),
    cx_unit="NB-CX",
    frontline_unit="NB-RB-BR-N",
    back_office_unit="NB-FIN",
)

RETAIL = OrgSpec(
    slug="demo-retail",
    name="Lakeside Outfitters",
    time_zone="America/Chicago",
    email_domain="lakeside-outfitters.example",
    people=300,
    employee_prefix="LO",
    units=(
        _u("LO-EXEC", "Executive Office", FUNCTION, None, 0.3, "executive", "Chief Executive Officer"),
        _u("LO-STORES", "Stores", BUSINESS_UNIT, None, 0.5, "store", "SVP, Stores"),
        _u("LO-STORES-E", "East Region", REGION, "LO-STORES", 9, "store", "Regional Manager, East"),
        _u("LO-STORES-W", "West Region", REGION, "LO-STORES", 8, "store", "Regional Manager, West"),
        _u("LO-ECOM", "E-commerce", BUSINESS_UNIT, None, 4, "ecommerce", "VP, E-commerce"),
        _u("LO-MERCH", "Merchandising", FUNCTION, None, 0.5, "merchandising", "Chief Merchandising Officer"),
        _u(
            "LO-MERCH-APP",
            "Apparel & Footwear",
            PRODUCT_LINE,
            "LO-MERCH",
            2,
            "merchandising",
            "Director, Apparel & Footwear",
        ),
        _u(
            "LO-MERCH-HOME",
            "Camping & Outdoor Gear",
            PRODUCT_LINE,
            "LO-MERCH",
            2,
            "merchandising",
            "Director, Outdoor Gear",
        ),
        _u("LO-SCM", "Supply Chain & Logistics", FUNCTION, None, 4, "supply", "VP, Supply Chain"),
        _u("LO-CS", "Customer Service", FUNCTION, None, 3, "service", "Director, Customer Service"),
        _u("LO-MKT", "Marketing & Customer Experience", FUNCTION, None, 2, "cx", "Chief Marketing Officer"),
        _u("LO-FIN", "Finance & People", FUNCTION, None, 2, "finance", "Chief Financial Officer"),
    ),
    cx_unit="LO-MKT",
    frontline_unit="LO-STORES-E",
    back_office_unit="LO-FIN",
)

DEMO_ORGS: tuple[OrgSpec, ...] = (BANK, RETAIL)
