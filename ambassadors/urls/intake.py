"""Routes of role definition, intake, selection and onboarding start (issue 4, parts 1–3)."""

from django.urls import path

from ambassadors.views import intake, links, onboarding, portal_intake, programs

# /o/<slug>/ambassadors/ (namespace "ambassadors")
console_patterns = [
    path("programs/", programs.program_list, name="program_list"),
    path("programs/new/", programs.program_create, name="program_create"),
    path("programs/<int:pk>/", programs.program_detail, name="program_detail"),
    path("programs/<int:pk>/edit/", programs.program_edit, name="program_edit"),
    path("programs/<int:pk>/roles/new/", programs.role_create, name="role_create"),
    path("roles/<int:pk>/", programs.role_detail, name="role_detail"),
    path("roles/<int:pk>/edit/", programs.role_edit, name="role_edit"),
    path("roles/<int:pk>/options/", programs.role_options, name="role_options"),
    path("roles/<int:pk>/criteria/", programs.role_criteria, name="role_criteria"),
    path("roles/<int:pk>/onboarding/", programs.role_onboarding, name="role_onboarding"),
    path("intakes/", intake.intake_list, name="intake_list"),
    path("intakes/new/", intake.intake_create, name="intake_create"),
    path("intakes/<int:pk>/", intake.intake_detail, name="intake_detail"),
    path("intakes/<int:pk>/edit/", intake.intake_edit, name="intake_edit"),
    path("intakes/<int:pk>/reviewers/", intake.reviewer_add, name="reviewer_add"),
    path("intakes/<int:pk>/reviewers/<int:reviewer_pk>/remove/", intake.reviewer_remove, name="reviewer_remove"),
    path("intakes/<int:pk>/panel/", intake.panel, name="panel"),
    path("reviews/", intake.my_reviews, name="my_reviews"),
    path("intakes/<int:pk>/reviews/", intake.review_queue, name="review_queue"),
    path("applications/<int:pk>/review/", intake.review_application, name="review_application"),
    path("cohorts/", onboarding.cohort_list, name="cohort_list"),
    path("cohorts/<int:pk>/", onboarding.cohort_detail, name="cohort_detail"),
    path("cohorts/<int:pk>/kickoff.ics", onboarding.cohort_ics, name="cohort_ics"),
]

# /o/<slug>/portal/ (namespace "portal")
portal_patterns = [
    path("apply/", portal_intake.apply_list, name="apply_list"),
    path("apply/<int:pk>/", portal_intake.apply, name="apply"),
    path("nominate/", portal_intake.nominate, name="nominate"),
    path("refer/", portal_intake.refer, name="refer"),
    path("offers/", portal_intake.offers, name="offers"),
    path("offers/<int:pk>/respond/", portal_intake.offer_respond, name="offer_respond"),
    path("onboarding/", onboarding.my_onboarding, name="onboarding"),
    path("onboarding/tasks/<int:pk>/", onboarding.task_toggle, name="task_toggle"),
    path("onboarding/cohorts/<int:pk>/kickoff.ics", onboarding.my_kickoff_ics, name="kickoff_ics"),
]

# /links/ (namespace "links"): no organization in the URL, the signed token names it.
public_patterns = [
    path("manager-approval/<str:token>/", links.manager_approval, name="manager_approval"),
]
