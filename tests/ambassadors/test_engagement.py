"""Engagement: awards and certificates (PDF), kudos, input requests and answers, success stories, exit
feedback, the term summary certificate, the alumni directory, stream and opt-ins — per role, per
organization, with bad input and pinned query counts."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambassadors.certificates import Line, render_pdf
from ambassadors.models import (
    AlumniProfile,
    AlumniUpdate,
    Award,
    ExitFeedback,
    InputRequest,
    InputResponse,
    Kudos,
    SuccessStory,
    Term,
)
from tests.factories import MembershipFactory, OrgUnitFactory, PersonFactory, UserFactory
from tests.factories.ambassadors import TermFactory
from tests.factories.ambassadors_terms import ActivityFactory
from xmhub.accounts.roles import Role
from xmhub.notifications.models import Notification
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db

TODAY = date.today()


def console(org, name, **kwargs):
    return reverse(f"ambassadors:{name}", kwargs={"org_slug": org.slug, **kwargs})


def portal(org, name, **kwargs):
    return reverse(f"portal:{name}", kwargs={"org_slug": org.slug, **kwargs})


def _ended_term(person, **kwargs):
    return TermFactory(
        person=person,
        status=Term.Status.ENDED,
        starts_on=TODAY - timedelta(days=400),
        ends_on=TODAY - timedelta(days=35),
        ended_on=TODAY - timedelta(days=35),
        end_reason=Term.EndReason.COMPLETED,
        **kwargs,
    )


def _alumnus(org, email):
    user = UserFactory(email=email)
    MembershipFactory(organization=org, user=user, roles=[Role.AMBASSADOR])
    with tenant_context(org):
        person = PersonFactory(user=user, first_name="Alma", last_name="Alum", org_unit=OrgUnitFactory(name="Retail"))
        term = _ended_term(person)
    return user, person, term


@pytest.fixture
def amb(org, ambassador_user):
    """The ambassador persona's active term (three activities) and an alumnus with an ended term."""
    with tenant_context(org):
        person = PersonFactory(user=ambassador_user, first_name="Ada", last_name="Lovelace")
        term = TermFactory(person=person)
        for _ in range(3):
            ActivityFactory(term=term, hours=2, people_reached=10)
    alum_user, alum_person, alum_term = _alumnus(org, "alum@acme.test")
    return {"term": term, "person": person, "alum_user": alum_user, "alum_person": alum_person, "alum_term": alum_term}


# --- the PDF writer ----------------------------------------------------------------------------------------------


def test_the_pdf_writer_makes_a_well_formed_pdf_with_the_text():
    pdf = render_pdf([Line("Certificate (of) Service", size=30, bold=True), Line("Zoë O\\Brien – 12 hours")])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert b"(Certificate \\(of\\) Service) Tj" in pdf and "Zoë O\\\\Brien".encode("cp1252") in pdf
    xref_at = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[xref_at:].startswith(b"xref")
    offsets = [int(m) for m in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(b"%d 0 obj" % number)
    length = int(re.search(rb"/Length (\d+)", pdf).group(1))
    stream = pdf.split(b"stream\n", 1)[1]
    assert stream[length:].startswith(b"\nendstream")


# --- awards and certificates -------------------------------------------------------------------------------------


def test_program_manager_grants_a_certificate_downloadable_as_pdf(org, amb, program_manager, ambassador_user, login):
    client, term = login(program_manager), amb["term"]
    response = client.post(
        console(org, "award_grant", pk=term.pk),
        {"kind": "certificate", "title": "Voice of the Customer", "citation": "For 3 sessions"},
    )
    assert response.status_code == 302
    with tenant_context(org):
        award = Award.objects.get(term=term)
        assert (award.kind, award.title, award.granted_by_id) == (
            "certificate",
            "Voice of the Customer",
            program_manager.pk,
        )
        assert Notification.objects.filter(recipient=ambassador_user, reason_key=f"award:{award.pk}").count() == 1
    page = client.get(console(org, "term_recognition", pk=term.pk))
    assert page.status_code == 200 and b"Voice of the Customer" in page.content
    pdf = client.get(console(org, "award_certificate", pk=award.pk))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and b"Ada Lovelace" in pdf.content and b"6.0 hours" in pdf.content
    mine = login(ambassador_user).get(portal(org, "award_certificate", pk=award.pk))
    assert mine.status_code == 200 and b"Ada Lovelace" in mine.content
    assert b"Voice of the Customer" in login(ambassador_user).get(portal(org, "recognition")).content


def test_an_award_without_a_title_shows_a_field_error_and_writes_nothing(org, amb, program_manager, login):
    response = login(program_manager).post(
        console(org, "award_grant", pk=amb["term"].pk), {"kind": "trophy", "title": ""}
    )
    assert response.status_code == 400
    assert set(response.context["award_form"].errors) == {"kind", "title"}
    with tenant_context(org):
        assert not Award.objects.exists()


def test_an_ambassador_cannot_download_someone_elses_certificate(org, amb, ambassador_user, login):
    with tenant_context(org):
        award = Award.objects.create(term=amb["alum_term"], kind="certificate", title="Alumni star")
    assert login(ambassador_user).get(portal(org, "award_certificate", pk=award.pk)).status_code == 404


# --- kudos -------------------------------------------------------------------------------------------------------


def test_any_member_sends_kudos_shown_to_the_ambassador_and_the_console(
    org, amb, viewer, ambassador_user, program_manager, login
):
    term = amb["term"]
    response = login(viewer).post(portal(org, "kudos"), {"term": term.pk, "message": "Great lunch-and-learn!"})
    assert response.status_code == 302
    with tenant_context(org):
        kudos = Kudos.objects.get(term=term)
        assert kudos.sender_id == viewer.pk
        assert Notification.objects.filter(recipient=ambassador_user, reason_key=f"kudos:{kudos.pk}").exists()
    assert b"Great lunch-and-learn!" in login(ambassador_user).get(portal(org, "recognition")).content
    assert b"Great lunch-and-learn!" in login(program_manager).get(console(org, "term_recognition", pk=term.pk)).content
    response = login(program_manager).post(console(org, "term_kudos", pk=term.pk), {"message": "Thanks!"})
    assert response.status_code == 302
    with tenant_context(org):
        assert Kudos.objects.filter(term=term).count() == 2


@pytest.mark.parametrize(
    "data",
    [{"message": ""}, {"message": "x" * 501}, {"message": "Me!", "self": True}, {"message": "Hi", "ended": True}],
)
def test_bad_kudos_show_a_field_error_and_write_nothing(org, amb, ambassador_user, viewer, login, data):
    term = amb["alum_term"] if data.get("ended") else amb["term"]
    sender = ambassador_user if data.get("self") else viewer
    response = login(sender).post(portal(org, "kudos"), {"term": term.pk, "message": data["message"]})
    assert response.status_code == 400 and response.context["form"].errors
    with tenant_context(org):
        assert not Kudos.objects.exists()


# --- input requests ----------------------------------------------------------------------------------------------


def test_input_request_notifies_its_audience_and_collects_answers(org, amb, program_manager, ambassador_user, login):
    opted_out_user, opted_out, _ = _alumnus(org, "quiet@acme.test")
    with tenant_context(org):
        AlumniProfile.objects.create(person=opted_out, opt_in_input_requests=False)
    client = login(program_manager)
    response = client.post(
        console(org, "input_request_list"),
        {
            "title": "New onboarding",
            "question": "What would you change?",
            "audience": "both",
            "deadline": str(TODAY + timedelta(days=7)),
        },
    )
    assert response.status_code == 302
    with tenant_context(org):
        request = InputRequest.objects.get()
        notified = set(
            Notification.objects.filter(reason_key=f"input_request:{request.pk}").values_list("recipient_id", flat=True)
        )
    assert notified == {ambassador_user.pk, amb["alum_user"].pk}

    answer_url = portal(org, "input_request_answer", pk=request.pk)
    ambassador = login(ambassador_user)
    assert b"New onboarding" in ambassador.get(portal(org, "input_requests")).content
    assert ambassador.post(answer_url, {"answer": "More coaching"}).status_code == 302
    assert ambassador.post(answer_url, {"answer": "More coaching, earlier"}).status_code == 302
    assert login(amb["alum_user"]).post(answer_url, {"answer": "Pair with an alumnus"}).status_code == 302
    assert login(opted_out_user).get(answer_url).status_code == 404
    with tenant_context(org):
        assert dict(InputResponse.objects.values_list("person_id", "answer")) == {
            amb["person"].pk: "More coaching, earlier",
            amb["alum_person"].pk: "Pair with an alumnus",
        }
    page = login(program_manager).get(console(org, "input_request_detail", pk=request.pk))
    assert page.status_code == 200
    assert b"More coaching, earlier" in page.content and b"Pair with an alumnus" in page.content


def test_after_the_deadline_an_answer_can_no_longer_change(org, amb, ambassador_user, login):
    with tenant_context(org):
        request = InputRequest.objects.create(
            title="Q", question="?", audience="active", deadline=TODAY - timedelta(days=1)
        )
        InputResponse.objects.create(request=request, person=amb["person"], answer="First")
    response = login(ambassador_user).post(portal(org, "input_request_answer", pk=request.pk), {"answer": "Changed"})
    assert response.status_code == 400 and "answer" in response.context["form"].errors
    with tenant_context(org):
        assert InputResponse.objects.get().answer == "First"


def test_an_alumni_request_is_not_shown_to_active_ambassadors(org, amb, ambassador_user, login):
    with tenant_context(org):
        request = InputRequest.objects.create(
            title="Alumni only", question="?", audience="alumni", deadline=TODAY + timedelta(days=3)
        )
    client = login(ambassador_user)
    assert b"Alumni only" not in client.get(portal(org, "input_requests")).content
    assert client.post(portal(org, "input_request_answer", pk=request.pk), {"answer": "x"}).status_code == 404
    with tenant_context(org):
        assert not InputResponse.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"deadline": str(TODAY - timedelta(days=1))}, "deadline"),
        ({"deadline": "soon"}, "deadline"),
        ({"question": ""}, "question"),
        ({"audience": "everyone"}, "audience"),
    ],
)
def test_bad_input_requests_show_field_errors_and_write_nothing(org, amb, program_manager, login, data, field):
    valid = {"title": "T", "question": "Q?", "audience": "active", "deadline": str(TODAY + timedelta(days=2))}
    response = login(program_manager).post(console(org, "input_request_list"), {**valid, **data})
    assert response.status_code == 400 and field in response.context["form"].errors
    with tenant_context(org):
        assert not InputRequest.objects.exists() and not Notification.objects.exists()


def test_an_empty_answer_is_a_field_error(org, amb, ambassador_user, login):
    with tenant_context(org):
        request = InputRequest.objects.create(title="Q", question="?", audience="active", deadline=TODAY)
    response = login(ambassador_user).post(portal(org, "input_request_answer", pk=request.pk), {"answer": " "})
    assert response.status_code == 400 and "answer" in response.context["form"].errors
    with tenant_context(org):
        assert not InputResponse.objects.exists()


# --- success stories ---------------------------------------------------------------------------------------------


def test_a_story_is_submitted_then_published_for_everyone(org, amb, ambassador_user, program_manager, login):
    client = login(ambassador_user)
    assert client.get(portal(org, "story_new")).status_code == 200
    story_data = {"title": "Closing the loop", "body": "We called back 40 customers."}
    assert client.post(portal(org, "story_new"), story_data).status_code == 302
    with tenant_context(org):
        story = SuccessStory.objects.get()
        assert (story.term_id, story.status) == (amb["term"].pk, SuccessStory.Status.SUBMITTED)
    alum = login(amb["alum_user"])
    assert b"We called back 40" not in alum.get(portal(org, "stories")).content
    manager = login(program_manager)
    assert b"Closing the loop" in manager.get(console(org, "story_review") + "?status=submitted").content
    assert manager.post(console(org, "story_publish", pk=story.pk)).status_code == 302
    with tenant_context(org):
        story.refresh_from_db()
        assert story.status == "published" and story.published_at and story.reviewed_by_id == program_manager.pk
    assert b"We called back 40" in login(amb["alum_user"]).get(portal(org, "stories")).content
    # Reviewed once: a later reject changes nothing.
    login(program_manager).post(console(org, "story_reject", pk=story.pk))
    with tenant_context(org):
        assert SuccessStory.objects.get().status == "published"


def test_a_rejected_story_is_not_published(org, amb, program_manager, login):
    with tenant_context(org):
        story = SuccessStory.objects.create(term=amb["term"], title="Draft", body="Not ready")
    assert login(program_manager).post(console(org, "story_reject", pk=story.pk)).status_code == 302
    with tenant_context(org):
        story.refresh_from_db()
        assert story.status == "rejected" and story.published_at is None
    assert b"Not ready" not in login(amb["alum_user"]).get(portal(org, "stories")).content


def test_a_story_without_a_body_shows_a_field_error_and_writes_nothing(org, amb, ambassador_user, login):
    response = login(ambassador_user).post(portal(org, "story_new"), {"title": "T", "body": ""})
    assert response.status_code == 400 and "body" in response.context["form"].errors
    with tenant_context(org):
        assert not SuccessStory.objects.exists()


# --- exit feedback and the term summary --------------------------------------------------------------------------


def test_an_alumnus_gives_exit_feedback_once(org, amb, program_manager, login):
    client, term = login(amb["alum_user"]), amb["alum_term"]
    url = portal(org, "exit_feedback", pk=term.pk)
    assert client.get(url).status_code == 200
    data = {"rating": "4", "highlights": "The coaching", "improvements": "More time", "would_recommend": "on"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "rating": "1"}).status_code == 302  # already given: redirected, not stored
    with tenant_context(org):
        feedback = ExitFeedback.objects.get()
        assert (feedback.term_id, feedback.rating, feedback.would_recommend) == (term.pk, 4, True)
    summary = login(program_manager).get(console(org, "exit_feedback_summary"))
    assert summary.context["summary"]["count"] == 1 and summary.context["summary"]["average"] == 4
    assert b"The coaching" in summary.content


@pytest.mark.parametrize("rating", ["", "0", "6", "great"])
def test_bad_exit_feedback_shows_a_field_error_and_writes_nothing(org, amb, login, rating):
    response = login(amb["alum_user"]).post(portal(org, "exit_feedback", pk=amb["alum_term"].pk), {"rating": rating})
    assert response.status_code == 400 and "rating" in response.context["form"].errors
    with tenant_context(org):
        assert not ExitFeedback.objects.exists()


def test_exit_feedback_and_term_summary_wait_for_the_end_of_the_term(org, amb, ambassador_user, login):
    client = login(ambassador_user)
    assert client.get(portal(org, "exit_feedback", pk=amb["term"].pk)).status_code == 404
    assert client.get(portal(org, "term_certificate", pk=amb["term"].pk)).status_code == 404
    # and another person's ended term is not theirs
    assert client.get(portal(org, "term_certificate", pk=amb["alum_term"].pk)).status_code == 404


def test_an_alumnus_downloads_the_term_summary_certificate(org, amb, login):
    with tenant_context(org):
        ActivityFactory(term=amb["alum_term"], occurred_on=TODAY - timedelta(days=100), hours=5, people_reached=42)
        Award.objects.create(term=amb["alum_term"], title="Best podcast")
    response = login(amb["alum_user"]).get(portal(org, "term_certificate", pk=amb["alum_term"].pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF") and b"Alma Alum" in body and b"42 people reached" in body
    assert b"5.0 hours" in body and b"1 activities" in body and b"Best podcast" in body


# --- alumni ------------------------------------------------------------------------------------------------------


def test_the_alumni_directory_lists_people_with_an_ended_term_and_no_open_one(org, amb, program_manager, login):
    with tenant_context(org):
        renewed = PersonFactory(first_name="Rene", last_name="Wed")
        _ended_term(renewed)
        TermFactory(person=renewed)  # a new open term: not alumni
        AlumniProfile.objects.create(person=amb["alum_person"], opt_in_reviewing=True, opt_in_special_projects=False)
    response = login(program_manager).get(console(org, "alumni_directory"))
    assert response.status_code == 200
    alumni = list(response.context["alumni"])
    assert [p.pk for p in alumni] == [amb["alum_person"].pk]
    assert alumni[0].last_role == amb["alum_term"].role.name and alumni[0].last_ended_on == amb["alum_term"].ended_on
    assert (
        b"Retail" in response.content
        and b"Reviewing" in response.content
        and b"Special projects" not in response.content
    )


def test_an_alumnus_sets_opt_ins_and_reads_the_alumni_stream(org, amb, program_manager, login):
    manager = login(program_manager)
    response = manager.post(console(org, "alumni_updates"), {"title": "Next intake", "body": "Help us select!"})
    assert response.status_code == 302
    with tenant_context(org):
        update = AlumniUpdate.objects.get()
        assert list(
            Notification.objects.filter(reason_key=f"alumni_update:{update.pk}").values_list("recipient_id", flat=True)
        ) == [amb["alum_user"].pk]
    client = login(amb["alum_user"])
    page = client.get(portal(org, "alumni"))
    assert page.status_code == 200 and b"Help us select!" in page.content
    assert client.post(portal(org, "alumni_settings"), {"opt_in_reviewing": "on"}).status_code == 302
    with tenant_context(org):
        profile = AlumniProfile.objects.get(person=amb["alum_person"])
        assert (profile.opt_in_special_projects, profile.opt_in_input_requests, profile.opt_in_reviewing) == (
            False,
            False,
            True,
        )


def test_active_ambassadors_cannot_set_alumni_opt_ins(org, amb, ambassador_user, login):
    client = login(ambassador_user)
    assert client.get(portal(org, "alumni")).context["is_alumnus"] is False
    assert client.post(portal(org, "alumni_settings"), {"opt_in_reviewing": "on"}).status_code == 403
    with tenant_context(org):
        assert not AlumniProfile.objects.exists()


def test_an_alumni_update_without_a_title_shows_a_field_error(org, amb, program_manager, login):
    response = login(program_manager).post(console(org, "alumni_updates"), {"title": "", "body": "x"})
    assert response.status_code == 400 and "title" in response.context["form"].errors
    with tenant_context(org):
        assert not AlumniUpdate.objects.exists()


# --- roles and organizations -------------------------------------------------------------------------------------


def _routes(org, amb):
    """(namespace url, method) for every route, with ids of ``amb``'s rows."""
    with tenant_context(org):
        award = Award.objects.create(term=amb["term"], kind="certificate", title="A")
        alum_award = Award.objects.create(term=amb["alum_term"], kind="certificate", title="B")
        request = InputRequest.objects.create(title="Q", question="?", audience="both", deadline=TODAY)
        story = SuccessStory.objects.create(term=amb["term"], title="S", body="B")
    term, alum_term = amb["term"].pk, amb["alum_term"].pk
    console_routes = [
        ("get", console(org, "recognition")),
        ("get", console(org, "term_recognition", pk=term)),
        ("post", console(org, "award_grant", pk=term)),
        ("post", console(org, "term_kudos", pk=term)),
        ("get", console(org, "award_certificate", pk=award.pk)),
        ("get", console(org, "input_request_list")),
        ("post", console(org, "input_request_list")),
        ("get", console(org, "input_request_detail", pk=request.pk)),
        ("get", console(org, "story_review")),
        ("post", console(org, "story_publish", pk=story.pk)),
        ("post", console(org, "story_reject", pk=story.pk)),
        ("get", console(org, "exit_feedback_summary")),
        ("get", console(org, "alumni_directory")),
        ("get", console(org, "alumni_updates")),
        ("post", console(org, "alumni_updates")),
    ]
    portal_routes = [
        ("get", portal(org, "recognition")),
        ("get", portal(org, "award_certificate", pk=award.pk)),
        ("get", portal(org, "term_certificate", pk=alum_term)),
        ("get", portal(org, "exit_feedback", pk=alum_term)),
        ("get", portal(org, "input_requests")),
        ("get", portal(org, "input_request_answer", pk=request.pk)),
        ("get", portal(org, "stories")),
        ("get", portal(org, "story_new")),
        ("get", portal(org, "alumni")),
        ("post", portal(org, "alumni_settings")),
    ]
    kudos = [("get", portal(org, "kudos")), ("post", portal(org, "kudos"))]
    return console_routes, portal_routes, kudos, alum_award


def test_console_routes_need_the_program_manager_role(
    org, amb, program_manager, ambassador_user, viewer, executive, login
):
    console_routes, _, _, _ = _routes(org, amb)
    for user in (ambassador_user, viewer, executive):
        client = login(user)
        for method, url in console_routes:
            assert getattr(client, method)(url).status_code == 403, (user.email, url)
    client = login(program_manager)
    for method, url in console_routes:
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_portal_routes_need_the_ambassador_role_and_kudos_any_member(org, amb, viewer, program_manager, login):
    _, portal_routes, kudos, _ = _routes(org, amb)
    client = login(viewer)
    for method, url in portal_routes:
        assert getattr(client, method)(url).status_code == 403, url
    assert client.get(kudos[0][1]).status_code == 200
    assert login(program_manager).get(kudos[0][1]).status_code == 200


def test_the_alumnus_reaches_every_portal_page(org, amb, login):
    _, portal_routes, _, alum_award = _routes(org, amb)
    client = login(amb["alum_user"])
    for method, url in portal_routes:
        if method == "get" and "certificate" not in url and "story_new" not in url:
            assert client.get(url).status_code in (200, 302), url
    assert client.get(portal(org, "award_certificate", pk=alum_award.pk)).status_code == 200


def test_every_route_is_404_for_another_organization(org, amb, outsider, login):
    console_routes, portal_routes, kudos, _ = _routes(org, amb)
    client = login(outsider)
    for method, url in [*console_routes, *portal_routes, *kudos]:
        assert getattr(client, method)(url).status_code == 404, url


def test_another_organizations_rows_are_404_under_its_own_slug(org, other_org, amb, outsider, login):
    """The outsider is admin of ``other_org``: ``org``'s ids under their own slug are not found."""
    console_routes, portal_routes, _, _ = _routes(org, amb)
    client = login(outsider)
    for method, url in [*console_routes, *portal_routes]:
        if not re.search(r"/\d+/", url):
            continue
        assert getattr(client, method)(url.replace("/o/acme/", "/o/globex/")).status_code == 404, url


# --- query counts ------------------------------------------------------------------------------------------------


def _grow(org, amb, program_manager, n):
    with tenant_context(org):
        request = InputRequest.objects.filter(title="Counted").first() or InputRequest.objects.create(
            title="Counted", question="?", audience="both", deadline=TODAY + timedelta(days=3)
        )
        for i in range(n):
            person = PersonFactory(org_unit=OrgUnitFactory())
            term = TermFactory(person=person)
            ended = _ended_term(PersonFactory(org_unit=OrgUnitFactory()))
            AlumniProfile.objects.create(person=ended.person)
            Award.objects.create(term=term, kind="certificate", title=f"A{i}", granted_by=program_manager)
            Award.objects.create(term=amb["term"], kind="award", title=f"Mine {i}", granted_by=program_manager)
            Kudos.objects.create(term=term, sender=program_manager, message=f"K{i}")
            Kudos.objects.create(term=amb["term"], sender=program_manager, message=f"Mine {i}")
            InputRequest.objects.create(title=f"R{i}", question="?", audience="both", deadline=TODAY)
            InputResponse.objects.create(request=request, person=person, answer=f"Answer {i}")
            SuccessStory.objects.create(
                term=term, title=f"S{i}", body="b", status="published", published_at="2026-01-01T00:00Z"
            )
            SuccessStory.objects.create(term=amb["term"], title=f"Mine {i}", body="b")
            ExitFeedback.objects.create(term=ended, rating=1 + i % 5, highlights="h")
            AlumniUpdate.objects.create(title=f"U{i}", body="b", author=program_manager)
    return request


@pytest.mark.parametrize(
    "page",
    [
        "recognition",
        "term_recognition",
        "input_request_list",
        "input_request_detail",
        "story_review",
        "exit_feedback_summary",
        "alumni_directory",
        "alumni_updates",
    ],
)
def test_console_list_pages_cost_the_same_queries_for_2_or_8_rows(
    org, amb, program_manager, login, django_assert_num_queries, page
):
    request = _grow(org, amb, program_manager, 2)
    kwargs = (
        {"pk": request.pk}
        if page == "input_request_detail"
        else {"pk": amb["term"].pk}
        if page == "term_recognition"
        else {}
    )
    url, client = console(org, page, **kwargs), login(program_manager)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(org, amb, program_manager, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["recognition", "input_requests", "stories"])
def test_portal_list_pages_cost_the_same_queries_for_2_or_8_rows(
    org, amb, program_manager, ambassador_user, login, django_assert_num_queries, page
):
    _grow(org, amb, program_manager, 2)
    url, client = portal(org, page), login(ambassador_user)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(org, amb, program_manager, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_the_recognition_page_leads_to_a_terms_recognition_page(org, amb, program_manager, login):
    client = login(program_manager)
    response = client.get(console(org, "recognition"), {"term": amb["alum_term"].pk})
    assert response.status_code == 302
    assert response["Location"] == console(org, "term_recognition", pk=amb["alum_term"].pk)
    assert client.get(console(org, "recognition"), {"term": "nope"}).status_code == 200


def test_navigation_shows_engagement_entries_by_role(org, amb, program_manager, ambassador_user, viewer, login):
    console_page = login(program_manager).get(console(org, "recognition")).content.decode()
    for name in ("recognition", "story_review", "input_request_list", "alumni_directory"):
        assert f'href="{console(org, name)}"' in console_page, name
    portal_page = login(ambassador_user).get(portal(org, "stories")).content.decode()
    for name in ("recognition", "stories", "input_requests", "alumni"):
        assert f'href="{portal(org, name)}"' in portal_page, name
    viewer_page = login(viewer).get(portal(org, "kudos")).content.decode()
    assert f'href="{portal(org, "kudos")}"' in viewer_page and console(org, "recognition") not in viewer_page
