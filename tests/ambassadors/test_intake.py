"""Intake: console pages, candidates coming in (self-application, nomination, referral), and the manager's
approval through the signed emailed link (incl. expired and tampered links)."""

import datetime
import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from ambassadors import links
from ambassadors.models import Application, ApplicationOption, Cohort, Intake, IntakeReviewer, IntakeSeat
from tests.factories import OrgUnitFactory, PersonFactory
from tests.factories.ambassadors import AmbassadorRoleFactory, ApplicationFactory, IntakeFactory
from tests.factories.ambassadors_intake import add_reviewer, intake_with_role, member_with_person
from xmhub.accounts.roles import Role
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

CONSOLE_DENIED = ["executive", "viewer", "ambassador_user", "manager_user"]


@pytest.fixture(autouse=True)
def _no_celery(monkeypatch):
    monkeypatch.setattr("xmhub.notifications.tasks.email_notifications.delay", lambda **kwargs: None)


def _url(name, org, **kwargs):
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _portal(name, org, **kwargs):
    return reverse(f"portal:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def setup(org):
    """An open intake; Ada (member, with a manager Grace who has a login) and a unit."""
    intake, crits, opts = intake_with_role(org)
    unit = OrgUnitFactory(organization=org, name="Retail")
    grace_user, grace = member_with_person(
        org, Role.MANAGER, email="grace@acme.test", first_name="Grace", last_name="Hopper", org_unit=unit
    )
    ada_user, ada = member_with_person(
        org,
        Role.AMBASSADOR,
        email="ada@acme.test",
        first_name="Ada",
        last_name="Lovelace",
        org_unit=unit,
        manager=grace,
    )
    return {
        "intake": intake,
        "criteria": crits,
        "options": opts,
        "unit": unit,
        "grace": grace,
        "grace_user": grace_user,
        "ada": ada,
        "ada_user": ada_user,
    }


# --- console pages -----------------------------------------------------------------------------------------


def _console_routes(org, intake):
    return [
        _url("intake_list", org),
        _url("intake_create", org),
        _url("intake_detail", org, pk=intake.pk),
        _url("intake_edit", org, pk=intake.pk),
        _url("panel", org, pk=intake.pk),
    ]


@pytest.mark.parametrize("persona", ["admin_user", "program_manager"])
def test_intake_pages_render_for_program_managers(request, login, org, setup, persona):
    client = login(request.getfixturevalue(persona))
    for url in _console_routes(org, setup["intake"]):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", CONSOLE_DENIED)
def test_intake_pages_are_forbidden_to_other_roles(request, login, org, setup, persona):
    client = login(request.getfixturevalue(persona))
    for url in _console_routes(org, setup["intake"]):
        assert client.get(url).status_code == 403, url
    assert client.post(_url("reviewer_add", org, pk=setup["intake"].pk), {}).status_code == 403


def test_every_intake_route_is_404_for_another_organization(login, outsider, org, setup):
    intake = setup["intake"]
    with tenant_context(org):
        application = ApplicationFactory(intake=intake)
        cohort = Cohort.objects.create(intake=intake, name="C")
    client = login(outsider)
    urls = [
        *_console_routes(org, intake),
        _url("review_queue", org, pk=intake.pk),
        _url("my_reviews", org),
        _url("review_application", org, pk=application.pk),
        _url("cohort_list", org),
        _url("cohort_detail", org, pk=cohort.pk),
        _url("cohort_ics", org, pk=cohort.pk),
        _portal("apply_list", org),
        _portal("apply", org, pk=intake.pk),
        _portal("nominate", org),
        _portal("refer", org),
        _portal("offers", org),
        _portal("onboarding", org),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(_portal("offer_respond", org, pk=application.pk), {"decision": "accept"}).status_code == 404


def test_ids_of_another_organization_are_404_inside_mine(login, program_manager, org, other_org):
    foreign, _, _ = intake_with_role(other_org)
    with tenant_context(other_org):
        application = ApplicationFactory(intake=foreign)
    client = login(program_manager)
    for url in [
        _url("intake_detail", org, pk=foreign.pk),
        _url("panel", org, pk=foreign.pk),
        _url("review_application", org, pk=application.pk),
        _url("intake_edit", org, pk=foreign.pk),
    ]:
        assert client.get(url).status_code == 404, url


def _intake_post(role=None, **overrides):
    today = datetime.date.today()
    data = {
        "name": "Spring intake",
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
        "term_starts_on": (today + datetime.timedelta(days=30)).isoformat(),
        "seats-TOTAL_FORMS": 3,
        "seats-INITIAL_FORMS": 0,
        "seats-MIN_NUM_FORMS": 0,
        "seats-MAX_NUM_FORMS": 200,
    }
    if role is not None:
        data["role"] = role.pk
    data.update(overrides)
    return data


def test_program_manager_opens_an_intake_with_seats_a_cohort_and_themself_as_reviewer(login, program_manager, org):
    role = AmbassadorRoleFactory(organization=org)
    retail, wealth = OrgUnitFactory(organization=org), OrgUnitFactory(organization=org)
    response = login(program_manager).post(
        _url("intake_create", org),
        _intake_post(
            role,
            **{"seats-0-org_unit": retail.pk, "seats-0-seats": 2, "seats-1-org_unit": wealth.pk, "seats-1-seats": 1},
        ),
    )
    with tenant_context(org):
        intake = Intake.objects.get()
        assert response.status_code == 302 and response.url == _url("intake_detail", org, pk=intake.pk)
        assert dict(IntakeSeat.objects.values_list("org_unit_id", "seats")) == {retail.pk: 2, wealth.pk: 1}
        assert Cohort.objects.get().intake_id == intake.pk
        assert list(IntakeReviewer.objects.values_list("user_id", flat=True)) == [program_manager.pk]


def test_intake_with_dates_out_of_order_is_rejected_and_nothing_written(login, program_manager, org):
    role = AmbassadorRoleFactory(organization=org)
    today = datetime.date.today()
    response = login(program_manager).post(
        _url("intake_create", org), _intake_post(role, closes_on=(today - datetime.timedelta(days=1)).isoformat())
    )
    assert response.status_code == 400
    assert response.context["form"].errors["closes_on"]
    with tenant_context(org):
        assert not Intake.objects.exists() and not Cohort.objects.exists()


def test_intake_seat_of_another_organizations_unit_is_a_field_error(login, program_manager, org, other_org):
    role = AmbassadorRoleFactory(organization=org)
    foreign = OrgUnitFactory(organization=other_org)
    response = login(program_manager).post(
        _url("intake_create", org), _intake_post(role, **{"seats-0-org_unit": foreign.pk, "seats-0-seats": 2})
    )
    assert response.status_code == 400
    assert response.context["seats"].forms[0].errors["org_unit"]


def test_editing_an_intake_changes_dates_and_seats(login, program_manager, org, setup):
    intake = setup["intake"]
    response = login(program_manager).post(
        _url("intake_edit", org, pk=intake.pk),
        _intake_post(name="Renamed", **{"seats-0-org_unit": setup["unit"].pk, "seats-0-seats": 4}),
    )
    assert response.status_code == 302
    with tenant_context(org):
        intake.refresh_from_db()
        assert intake.name == "Renamed"
        assert list(IntakeSeat.objects.values_list("org_unit_id", "seats")) == [(setup["unit"].pk, 4)]


def test_inviting_an_alumnus_to_review_notifies_them(login, program_manager, org, setup):
    alumnus, _ = member_with_person(org, Role.AMBASSADOR)
    response = login(program_manager).post(_url("reviewer_add", org, pk=setup["intake"].pk), {"user": alumnus.pk})
    assert response.status_code == 302
    with tenant_context(org):
        assert IntakeReviewer.objects.filter(intake=setup["intake"], user=alumnus).exists()
        assert Notification.objects.filter(
            recipient=alumnus, reason_key=f"intake:{setup['intake'].pk}:reviewer"
        ).exists()


def test_a_non_member_cannot_be_invited_to_review(login, program_manager, org, setup, outsider):
    response = login(program_manager).post(_url("reviewer_add", org, pk=setup["intake"].pk), {"user": outsider.pk})
    assert response.status_code == 400
    with tenant_context(org):
        assert not IntakeReviewer.objects.filter(user=outsider).exists()


# --- self-application and the manager's signed link --------------------------------------------------------


def _apply(client, org, setup, **overrides):
    data = {
        "motivation": "I want to help my team act on what customers tell us.",
        "contribution_options": [setup["options"][0].pk, setup["options"][2].pk],
    }
    data.update(overrides)
    return client.post(_portal("apply", org, pk=setup["intake"].pk), data)


def _link_from(email):
    return re.search(r"http://\S+/links/manager-approval/\S+/", email.body).group(0)


def test_self_application_waits_for_the_manager_who_gets_a_signed_link(
    login, org, setup, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _apply(login(setup["ada_user"]), org, setup)
    assert response.status_code == 302 and response.url == _portal("apply_list", org)
    with tenant_context(org):
        application = Application.objects.get()
        assert (application.status, application.source, application.manager_id) == (
            "awaiting_manager",
            "self",
            setup["grace"].pk,
        )
        assert set(ApplicationOption.objects.values_list("option_id", flat=True)) == {
            setup["options"][0].pk,
            setup["options"][2].pk,
        }
        assert Notification.objects.filter(
            recipient=setup["grace_user"], reason_key=f"application:{application.pk}:manager_approval"
        ).exists()
    [email] = mail.outbox
    assert email.to == ["grace@acme.test"] and "Ada Lovelace" in email.subject
    assert "10 % of working time (about 4.0 hours a week)" in email.body


def test_manager_approves_through_the_link_without_signing_in(
    client, login, org, setup, program_manager, django_capture_on_commit_callbacks
):
    add_reviewer(org, setup["intake"], program_manager)
    with django_capture_on_commit_callbacks(execute=True):
        _apply(login(setup["ada_user"]), org, setup)
    link = _link_from(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "Ada Lovelace" in page.content.decode()
    response = client.post(link, {"decision": "approve", "note": "Go for it"})
    assert response.status_code == 200 and "you approved" in response.content.decode()
    with tenant_context(org):
        application = Application.objects.get()
        assert application.status == "in_review" and application.manager_note == "Go for it"
        assert application.manager_decided_at is not None
        keys = set(Notification.objects.values_list("recipient_id", "reason_key"))
    assert (setup["ada_user"].pk, f"application:{application.pk}:manager_approved") in keys
    assert (program_manager.pk, f"application:{application.pk}:to_review") in keys
    # The link answers once: a second decision changes nothing.
    again = client.post(link, {"decision": "decline"})
    assert "Already answered: approved" in again.content.decode()
    with tenant_context(org):
        assert Application.objects.get().status == "in_review"


def test_manager_declines_through_the_link_and_nothing_is_reviewed(client, org, setup):
    with tenant_context(org):
        application = ApplicationFactory(
            intake=setup["intake"],
            person=setup["ada"],
            manager=setup["grace"],
            status=Application.Status.AWAITING_MANAGER,
        )
    link = links.approval_url(organization_id=org.pk, application_id=application.pk, manager_id=setup["grace"].pk)
    response = client.post(link, {"decision": "decline", "note": "Busy quarter"})
    assert response.status_code == 200
    with tenant_context(org):
        application.refresh_from_db()
        assert application.status == "manager_declined"
        assert Notification.objects.filter(reason_key=f"application:{application.pk}:manager_declined").exists()


def test_an_application_awaiting_its_manager_is_not_in_the_review_queue_or_panel(login, program_manager, org, setup):
    with tenant_context(org):
        ApplicationFactory(
            intake=setup["intake"],
            person=setup["ada"],
            manager=setup["grace"],
            status=Application.Status.AWAITING_MANAGER,
        )
    client = login(program_manager)
    assert client.get(_url("review_queue", org, pk=setup["intake"].pk)).context["applications"] == []
    assert client.get(_url("panel", org, pk=setup["intake"].pk)).context["panel"].rows == []


def test_an_empty_manager_answer_is_a_field_error(client, org, setup):
    with tenant_context(org):
        application = ApplicationFactory(
            intake=setup["intake"],
            person=setup["ada"],
            manager=setup["grace"],
            status=Application.Status.AWAITING_MANAGER,
        )
    link = links.approval_url(organization_id=org.pk, application_id=application.pk, manager_id=setup["grace"].pk)
    response = client.post(link, {})
    assert response.status_code == 400 and response.context["form"].errors["decision"]
    with tenant_context(org):
        assert Application.objects.get().status == "awaiting_manager"


def test_an_expired_link_is_refused(client, org, setup, settings):
    with tenant_context(org):
        application = ApplicationFactory(
            intake=setup["intake"],
            person=setup["ada"],
            manager=setup["grace"],
            status=Application.Status.AWAITING_MANAGER,
        )
    link = links.approval_url(organization_id=org.pk, application_id=application.pk, manager_id=setup["grace"].pk)
    settings.AMBASSADORS_APPROVAL_TTL_DAYS = -1
    response = client.post(link, {"decision": "approve"})
    assert response.status_code == 410 and "expired" in response.content.decode()
    with tenant_context(org):
        assert Application.objects.get().status == "awaiting_manager"


@pytest.mark.parametrize("tamper", ["signature", "other_application", "other_manager"])
def test_a_tampered_link_is_404(client, org, setup, tamper):
    with tenant_context(org):
        application = ApplicationFactory(
            intake=setup["intake"],
            person=setup["ada"],
            manager=setup["grace"],
            status=Application.Status.AWAITING_MANAGER,
        )
        other = ApplicationFactory(intake=setup["intake"], status=Application.Status.AWAITING_MANAGER)
    token = links.approval_token(organization_id=org.pk, application_id=application.pk, manager_id=setup["grace"].pk)
    if tamper == "signature":
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif tamper == "other_application":  # re-signed with another key: the signature fails
        token = signing.TimestampSigner(key="not-our-key", salt=links.SALT).sign_object(
            {"o": org.pk, "a": other.pk, "m": setup["grace"].pk}
        )
    else:  # a genuine link for a manager the application does not name
        token = links.approval_token(organization_id=org.pk, application_id=application.pk, manager_id=other.person_id)
    response = client.post(reverse("links:manager_approval", kwargs={"token": token}), {"decision": "approve"})
    assert response.status_code == 404
    with tenant_context(org):
        assert Application.objects.get(pk=application.pk).status == "awaiting_manager"


def test_a_link_of_one_organization_never_opens_another_organizations_application(client, org, other_org, setup):
    with tenant_context(org):
        application = ApplicationFactory(
            intake=setup["intake"],
            person=setup["ada"],
            manager=setup["grace"],
            status=Application.Status.AWAITING_MANAGER,
        )
    link = links.approval_url(organization_id=other_org.pk, application_id=application.pk, manager_id=setup["grace"].pk)
    assert client.get(link).status_code == 404


def test_applicant_without_a_manager_goes_straight_to_review(login, org, setup):
    user, person = member_with_person(org, Role.AMBASSADOR)
    response = _apply(login(user), org, setup)
    assert response.status_code == 302
    with tenant_context(org):
        assert Application.objects.get(person=person).status == "in_review"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"motivation": ""}, "motivation"),
        ({"motivation": "Too short"}, "motivation"),
        ({"contribution_options": []}, "contribution_options"),
    ],
)
def test_bad_application_input_is_a_field_error_and_nothing_is_written(login, org, setup, data, field):
    response = _apply(login(setup["ada_user"]), org, setup, **data)
    assert response.status_code == 400 and response.context["form"].errors[field]
    with tenant_context(org):
        assert not Application.objects.exists()


def test_an_option_of_another_role_is_refused(login, org, setup):
    _, _, foreign_options = intake_with_role(org)
    response = _apply(login(setup["ada_user"]), org, setup, contribution_options=[foreign_options[0].pk])
    assert response.status_code == 400
    with tenant_context(org):
        assert not Application.objects.exists()


def test_applying_twice_is_refused(login, org, setup):
    client = login(setup["ada_user"])
    assert _apply(client, org, setup).status_code == 302
    assert client.get(_portal("apply", org, pk=setup["intake"].pk)).status_code == 200
    assert _apply(client, org, setup).status_code == 400
    with tenant_context(org):
        assert Application.objects.count() == 1


def test_a_closed_intake_cannot_be_applied_to(login, org, setup):
    today = datetime.date.today()
    with tenant_context(org):
        closed = IntakeFactory(
            role=setup["intake"].role,
            opens_on=today - datetime.timedelta(days=30),
            closes_on=today - datetime.timedelta(days=1),
        )
    client = login(setup["ada_user"])
    assert client.get(_portal("apply", org, pk=closed.pk)).status_code == 404
    assert client.post(_portal("apply", org, pk=closed.pk), {"motivation": "x" * 30}).status_code == 404
    assert closed.name not in client.get(_portal("apply_list", org)).content.decode()


def test_a_member_without_a_directory_entry_is_told_to_get_linked(login, ambassador_user, org, setup):
    response = login(ambassador_user).get(_portal("apply_list", org))
    assert response.status_code == 403 and "not linked to the directory" in response.content.decode()


def test_apply_list_shows_open_intakes_and_hours_a_week(login, org, setup):
    body = login(setup["ada_user"]).get(_portal("apply_list", org)).content.decode()
    assert setup["intake"].name in body and "about 4.0 hours a week" in body


# --- manager nomination and referral -----------------------------------------------------------------------


def test_manager_nominates_a_report_straight_into_review(login, org, setup):
    response = login(setup["grace_user"]).post(
        _portal("nominate", org),
        {"intake": setup["intake"].pk, "person": setup["ada"].pk, "motivation": "Ada runs our customer huddles."},
    )
    assert response.status_code == 302
    with tenant_context(org):
        application = Application.objects.get()
        assert (application.source, application.status, application.manager_id) == (
            "manager",
            "in_review",
            setup["grace"].pk,
        )
        assert Notification.objects.filter(
            recipient=setup["ada_user"], reason_key=f"application:{application.pk}:nominated"
        ).exists()


def test_a_manager_cannot_nominate_someone_elses_report(login, org, setup):
    stranger = PersonFactory(organization=org)
    response = login(setup["grace_user"]).post(
        _portal("nominate", org), {"intake": setup["intake"].pk, "person": stranger.pk}
    )
    assert response.status_code == 400 and response.context["form"].errors["person"]
    with tenant_context(org):
        assert not Application.objects.exists()


def test_a_peer_refers_a_colleague_whose_manager_then_approves(login, org, setup, django_capture_on_commit_callbacks):
    peer_user, _ = member_with_person(org, Role.AMBASSADOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(peer_user).post(
            _portal("refer", org),
            {
                "intake": setup["intake"].pk,
                "email": "ADA@acme.test",
                "motivation": "Ada always brings the customer's view to our meetings.",
            },
        )
    assert response.status_code == 302
    with tenant_context(org):
        application = Application.objects.get()
        assert (application.source, application.status, application.person_id) == (
            "peer",
            "awaiting_manager",
            setup["ada"].pk,
        )
    assert mail.outbox[0].to == ["grace@acme.test"]


def test_referring_an_unknown_email_is_a_field_error(login, org, setup):
    peer_user, _ = member_with_person(org, Role.AMBASSADOR)
    response = login(peer_user).post(
        _portal("refer", org), {"intake": setup["intake"].pk, "email": "nobody@acme.test", "motivation": "x" * 30}
    )
    assert response.status_code == 400 and response.context["form"].errors["email"]


@pytest.mark.parametrize("n", [2, 12])
def test_intake_list_and_detail_query_counts_do_not_grow(login, program_manager, org, n, django_assert_num_queries):
    intakes = [intake_with_role(org)[0] for _ in range(n)]
    for _ in range(n):
        ApplicationFactory(
            organization=org,
            intake=intakes[0],
            person=PersonFactory(organization=org, org_unit=OrgUnitFactory(organization=org)),
        )
    client = login(program_manager)
    client.get(_url("intake_list", org))
    with django_assert_num_queries(INTAKE_LIST_QUERIES):
        assert len(client.get(_url("intake_list", org)).context["intakes"]) == n
    with django_assert_num_queries(INTAKE_DETAIL_QUERIES):
        assert len(client.get(_url("intake_detail", org, pk=intakes[0].pk)).context["applications"]) == n


# Pinned: user, organization, savepoint + tenant settings, membership, the page's reads, the switcher, reset.
# List: one annotated query. Detail: intake, candidates, seats, reviewers, reviewer choices, cohort.
INTAKE_LIST_QUERIES = 9
INTAKE_DETAIL_QUERIES = 15


def test_alumni_who_opted_in_are_invited_to_review_each_new_intake(login, program_manager, org):
    from ambassadors.models import AlumniProfile, Term
    from tests.factories.ambassadors import TermFactory

    role = AmbassadorRoleFactory(organization=org)
    keen, keen_person = member_with_person(org, Role.AMBASSADOR)
    shy, shy_person = member_with_person(org, Role.AMBASSADOR)
    serving, serving_person = member_with_person(org, Role.AMBASSADOR)
    with tenant_context(org):
        for person in (keen_person, shy_person, serving_person):
            TermFactory(person=person, role=role, status=Term.Status.ENDED, end_reason="completed")
        TermFactory(person=serving_person, role=role)  # back for a second term: not alumni
        AlumniProfile.objects.create(person=keen_person, opt_in_reviewing=True)
        AlumniProfile.objects.create(person=shy_person, opt_in_reviewing=False)
        AlumniProfile.objects.create(person=serving_person, opt_in_reviewing=True)

    response = login(program_manager).post(_url("intake_create", org), _intake_post(role))

    assert response.status_code == 302
    with tenant_context(org):
        intake = Intake.objects.get()
        assert set(IntakeReviewer.objects.values_list("user_id", flat=True)) == {program_manager.pk, keen.pk}
        invited = Notification.objects.get(recipient=keen)
        assert invited.reason_key == f"intake:{intake.pk}:reviewer"
        assert not Notification.objects.filter(recipient__in=[shy, serving]).exists()
