"""Blind reviews, the panel (ranking, coverage, bulk decisions) and offers (accept, decline → waitlist)."""

import pytest
from django.urls import reverse

from ambassadors.models import Application, Review, ReviewScore, Term
from tests.factories import OrgUnitFactory, PersonFactory
from tests.factories.accounts import UserFactory
from tests.factories.ambassadors import ApplicationFactory
from tests.factories.ambassadors_intake import add_reviewer, candidates, intake_with_role, member_with_person, review
from xmhub.accounts.roles import Role
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db
S = Application.Status


@pytest.fixture(autouse=True)
def _no_celery(monkeypatch):
    monkeypatch.setattr("xmhub.notifications.tasks.email_notifications.delay", lambda **kwargs: None)


def _url(name, org, **kwargs):
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _portal(name, org, **kwargs):
    return reverse(f"portal:{name}", kwargs={"org_slug": org.slug, **kwargs})


@pytest.fixture
def intake(org):
    """An intake with criteria Passion (weight 3, 1–5) and Skills (weight 1, 1–4)."""
    intake, crits, opts = intake_with_role(org)
    intake.crits, intake.opts = crits, opts
    return intake


# --- blind review ------------------------------------------------------------------------------------------


def _scores(intake, a, b, action="submit"):
    return {f"c{intake.crits[0].pk}": a, f"c{intake.crits[1].pk}": b, "comment": "Good", "action": action}


def test_reviewer_sees_no_other_scores_until_submitting_their_own(login, org, intake, program_manager):
    application = ApplicationFactory(organization=org, intake=intake)
    colleague = UserFactory(name="Colleague")
    review(org, application=application, reviewer=colleague, scores={intake.crits[0]: 5, intake.crits[1]: 4})
    client = login(program_manager)
    url = _url("review_application", org, pk=application.pk)
    before = client.get(url)
    assert before.context["page"].others == [] and "Colleague" not in before.content.decode()
    draft = client.post(url, _scores(intake, 3, "", action="save"))
    assert draft.status_code == 302
    assert client.get(url).context["page"].others == []  # a draft is not a submission
    done = client.post(url, _scores(intake, 3, 2))
    assert done.status_code == 302
    after = client.get(url)
    [other] = after.context["page"].others
    assert other.reviewer_id == colleague.pk and other.weighted == 100.0
    with tenant_context(org):
        mine = Review.objects.get(reviewer=program_manager)
        assert mine.submitted_at is not None
        assert dict(ReviewScore.objects.filter(review=mine).values_list("criterion_id", "score")) == {
            intake.crits[0].pk: 3,
            intake.crits[1].pk: 2,
        }


def test_submitting_needs_every_criterion_in_its_scale(login, org, intake, program_manager):
    application = ApplicationFactory(organization=org, intake=intake)
    client = login(program_manager)
    url = _url("review_application", org, pk=application.pk)
    missing = client.post(url, _scores(intake, 3, ""))
    assert missing.status_code == 400 and missing.context["form"].errors[f"c{intake.crits[1].pk}"]
    outside = client.post(url, {f"c{intake.crits[0].pk}": 3, f"c{intake.crits[1].pk}": 5, "action": "submit"})
    assert outside.status_code == 400  # 5 is not a choice on a 1–4 scale
    with tenant_context(org):
        assert not Review.objects.exists()


def test_a_submitted_review_is_final(login, org, intake, program_manager):
    application = ApplicationFactory(organization=org, intake=intake)
    review(org, application=application, reviewer=program_manager, scores={intake.crits[0]: 1, intake.crits[1]: 1})
    response = login(program_manager).post(_url("review_application", org, pk=application.pk), _scores(intake, 5, 4))
    assert response.status_code == 400
    with tenant_context(org):
        assert set(ReviewScore.objects.values_list("score", flat=True)) == {1}


def test_an_invited_alumnus_reviews_from_the_portal_but_not_the_panel(login, org, intake):
    alumnus, _ = member_with_person(org, Role.AMBASSADOR)
    add_reviewer(org, intake, alumnus)
    application = ApplicationFactory(organization=org, intake=intake)
    client = login(alumnus)
    assert client.get(_url("my_reviews", org)).status_code == 200
    assert client.get(_url("review_queue", org, pk=intake.pk)).status_code == 200
    assert client.post(_url("review_application", org, pk=application.pk), _scores(intake, 4, 3)).status_code == 302
    assert client.get(_url("panel", org, pk=intake.pk)).status_code == 403


@pytest.mark.parametrize("persona", ["executive", "viewer", "ambassador_user", "manager_user"])
def test_members_not_invited_cannot_review(request, login, org, intake, persona):
    application = ApplicationFactory(organization=org, intake=intake)
    client = login(request.getfixturevalue(persona))
    assert client.get(_url("review_queue", org, pk=intake.pk)).status_code == 403
    assert client.post(_url("review_application", org, pk=application.pk), _scores(intake, 4, 3)).status_code == 403
    with tenant_context(org):
        assert not Review.objects.exists()


# --- the panel ---------------------------------------------------------------------------------------------


def test_panel_ranks_by_weighted_score_normalised_by_scale(login, org, intake, program_manager):
    a, b, c = candidates(org, intake, 3)
    r1, r2 = UserFactory(), UserFactory()
    passion, skills = intake.crits
    review(org, application=a, reviewer=r1, scores={passion: 5, skills: 1})  # (3·1 + 1·.25)/4 = 81.25
    review(org, application=b, reviewer=r1, scores={passion: 3, skills: 4})  # (3·.6 + 1·1)/4 = 70
    review(org, application=b, reviewer=r2, scores={passion: 5, skills: 4})  # 100 → mean 85
    review(org, application=c, reviewer=r2, scores={passion: 5, skills: 4}, submitted=False)  # draft: not counted
    rows = login(program_manager).get(_url("panel", org, pk=intake.pk)).context["panel"].rows
    assert [(r.pk, r.score, r.rank, r.review_count) for r in rows] == [
        (b.pk, 85.0, 1, 2),
        (a.pk, 81.2, 2, 1),
        (c.pk, None, None, 0),
    ]


def test_panel_shows_coverage_of_org_units_against_seats(login, org, intake, program_manager):
    from ambassadors.models import IntakeSeat

    retail, wealth = OrgUnitFactory(organization=org, name="Retail"), OrgUnitFactory(organization=org, name="Wealth")
    with tenant_context(org):
        IntakeSeat.objects.create(intake=intake, org_unit=retail, seats=2)
        IntakeSeat.objects.create(intake=intake, org_unit=wealth, seats=1)
    candidates(org, intake, 1, unit=retail, status=S.SELECTED)
    candidates(org, intake, 2, unit=retail)
    coverage = login(program_manager).get(_url("panel", org, pk=intake.pk)).context["panel"].coverage
    assert [(r.name, r.seats, r.candidates, r.selected, r.gap) for r in coverage] == [
        ("Retail", 2, 3, 1, 1),
        ("Wealth", 1, 0, 0, 1),
    ]


def test_panel_selects_waitlists_and_declines_in_bulk_and_tells_each(login, org, intake, program_manager):
    people = []
    for _ in range(5):
        user, person = member_with_person(org, Role.AMBASSADOR)
        people.append(ApplicationFactory(organization=org, intake=intake, person=person))
    a, b, c, d, e = people
    client = login(program_manager)
    url = _url("panel", org, pk=intake.pk)
    assert client.post(url, {"decision": "select", "applications": [a.pk, b.pk]}).status_code == 302
    assert client.post(url, {"decision": "waitlist", "applications": [c.pk, d.pk]}).status_code == 302
    assert client.post(url, {"decision": "decline", "applications": [e.pk]}).status_code == 302
    with tenant_context(org):
        statuses = dict(Application.objects.values_list("pk", "status"))
        positions = dict(Application.objects.filter(status=S.WAITLISTED).values_list("pk", "waitlist_position"))
        keys = set(Notification.objects.values_list("reason_key", flat=True))
    assert statuses == {a.pk: S.SELECTED, b.pk: S.SELECTED, c.pk: S.WAITLISTED, d.pk: S.WAITLISTED, e.pk: S.DECLINED}
    assert positions == {c.pk: 1, d.pk: 2}
    assert {f"application:{a.pk}:selected", f"application:{c.pk}:waitlisted", f"application:{e.pk}:declined"} <= keys


def test_panel_without_ticks_is_a_field_error(login, org, intake, program_manager):
    candidates(org, intake, 2)
    response = login(program_manager).post(_url("panel", org, pk=intake.pk), {"decision": "select"})
    assert response.status_code == 400 and response.context["form"].errors["applications"]
    with tenant_context(org):
        assert set(Application.objects.values_list("status", flat=True)) == {S.IN_REVIEW}


def test_panel_cannot_decide_a_candidate_awaiting_their_manager(login, org, intake, program_manager):
    [waiting] = candidates(org, intake, 1, status=S.AWAITING_MANAGER)
    [ok] = candidates(org, intake, 1)
    response = login(program_manager).post(
        _url("panel", org, pk=intake.pk), {"decision": "select", "applications": [ok.pk, waiting.pk]}
    )
    assert response.status_code == 400
    with tenant_context(org):
        assert Application.objects.get(pk=ok.pk).status == S.IN_REVIEW


def test_panel_cannot_decide_another_organizations_candidate(login, org, other_org, intake, program_manager):
    foreign_intake, _, _ = intake_with_role(other_org)
    foreign = ApplicationFactory(organization=other_org, intake=foreign_intake)
    response = login(program_manager).post(
        _url("panel", org, pk=intake.pk), {"decision": "select", "applications": [foreign.pk]}
    )
    assert response.status_code == 400
    with tenant_context(other_org):
        assert Application.objects.get(pk=foreign.pk).status == S.IN_REVIEW


@pytest.mark.parametrize("n", [3, 15])
def test_panel_query_count_does_not_grow_with_candidates_and_reviews(
    login, org, intake, program_manager, n, django_assert_num_queries
):
    from ambassadors.models import IntakeSeat

    units = [OrgUnitFactory(organization=org) for _ in range(3)]
    with tenant_context(org):
        for unit in units:
            IntakeSeat.objects.create(intake=intake, org_unit=unit, seats=2)
    reviewers = [UserFactory() for _ in range(2)]
    for i in range(n):
        [application] = candidates(org, intake, 1, unit=units[i % 3])
        for reviewer in reviewers:
            review(org, application=application, reviewer=reviewer, scores={c: 3 for c in intake.crits})
    client = login(program_manager)
    client.get(_url("panel", org, pk=intake.pk))
    with django_assert_num_queries(PANEL_QUERIES):
        response = client.get(_url("panel", org, pk=intake.pk))
    assert len(response.context["panel"].rows) == n


# --- offers ------------------------------------------------------------------------------------------------


@pytest.fixture
def offers(org, intake):
    """Ada (Retail) selected; waitlist: Bob (Wealth, #1), Cy (Retail, #2)."""
    retail, wealth = OrgUnitFactory(organization=org, name="Retail"), OrgUnitFactory(organization=org, name="Wealth")
    ada_user, ada = member_with_person(org, Role.AMBASSADOR, org_unit=retail)
    bob_user, bob = member_with_person(org, Role.AMBASSADOR, org_unit=wealth)
    cy_user, cy = member_with_person(org, Role.AMBASSADOR, org_unit=retail)
    selected = ApplicationFactory(organization=org, intake=intake, person=ada, status=S.SELECTED)
    first = ApplicationFactory(organization=org, intake=intake, person=bob, status=S.WAITLISTED, waitlist_position=1)
    second = ApplicationFactory(organization=org, intake=intake, person=cy, status=S.WAITLISTED, waitlist_position=2)
    return {
        "ada_user": ada_user,
        "selected": selected,
        "bob": first,
        "cy": second,
        "cy_user": cy_user,
        "bob_user": bob_user,
    }


def test_declining_an_offer_promotes_the_next_waitlisted_of_the_same_org_unit(
    login, org, intake, offers, program_manager
):
    add_reviewer(org, intake, program_manager)
    client = login(offers["ada_user"])
    assert offers["selected"].intake.role.name in client.get(_portal("offers", org)).content.decode()
    response = client.post(_portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "decline"})
    assert response.status_code == 302
    with tenant_context(org):
        statuses = dict(Application.objects.values_list("pk", "status"))
        keys = set(Notification.objects.values_list("recipient_id", "reason_key"))
        assert not Term.objects.exists()
    assert statuses[offers["selected"].pk] == S.WITHDRAWN
    assert statuses[offers["cy"].pk] == S.SELECTED  # same org unit (Retail) first, though #2
    assert statuses[offers["bob"].pk] == S.WAITLISTED
    assert (offers["cy_user"].pk, f"application:{offers['cy'].pk}:selected") in keys
    assert (program_manager.pk, f"application:{offers['selected'].pk}:declined") in keys


def test_without_a_same_unit_waitlist_the_next_overall_is_promoted(login, org, intake, offers):
    with tenant_context(org):
        Application.objects.filter(pk=offers["cy"].pk).update(status=S.DECLINED, waitlist_position=None)
    login(offers["ada_user"]).post(_portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "decline"})
    with tenant_context(org):
        assert Application.objects.get(pk=offers["bob"].pk).status == S.SELECTED


def test_accepting_an_offer_creates_the_term(login, org, intake, offers):
    response = login(offers["ada_user"]).post(
        _portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "accept"}
    )
    assert response.status_code == 302 and response.url == _portal("onboarding", org)
    with tenant_context(org):
        assert Application.objects.get(pk=offers["selected"].pk).status == S.ACCEPTED
        assert Term.objects.get().application_id == offers["selected"].pk
        assert Application.objects.get(pk=offers["cy"].pk).status == S.WAITLISTED


def test_an_offer_is_answered_once(login, org, intake, offers):
    client = login(offers["ada_user"])
    client.post(_portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "accept"})
    response = client.post(_portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "decline"})
    assert response.status_code == 302
    with tenant_context(org):
        assert Application.objects.get(pk=offers["selected"].pk).status == S.ACCEPTED
        assert Term.objects.count() == 1


def test_nobody_answers_someone_elses_offer(login, org, intake, offers):
    response = login(offers["bob_user"]).post(
        _portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "decline"}
    )
    assert response.status_code == 404
    with tenant_context(org):
        assert Application.objects.get(pk=offers["selected"].pk).status == S.SELECTED


def test_a_bad_offer_answer_changes_nothing(login, org, intake, offers):
    login(offers["ada_user"]).post(_portal("offer_respond", org, pk=offers["selected"].pk), {"decision": "maybe"})
    with tenant_context(org):
        assert Application.objects.get(pk=offers["selected"].pk).status == S.SELECTED


def test_offer_of_a_waitlisted_candidate_cannot_be_accepted(login, org, intake, offers):
    login(offers["bob_user"]).post(_portal("offer_respond", org, pk=offers["bob"].pk), {"decision": "accept"})
    with tenant_context(org):
        assert Application.objects.get(pk=offers["bob"].pk).status == S.WAITLISTED
        assert not Term.objects.exists()


# Pinned: the request frame (as elsewhere) plus criteria, candidates, submitted scores, reviewer count, seats.
PANEL_QUERIES = 14


def test_persons_without_a_login_are_still_decided(login, org, intake, program_manager):
    person = PersonFactory(organization=org)
    application = ApplicationFactory(organization=org, intake=intake, person=person)
    response = login(program_manager).post(
        _url("panel", org, pk=intake.pk), {"decision": "select", "applications": [application.pk]}
    )
    assert response.status_code == 302
