"""Engagement routes: recognition, input requests, stories, exit feedback, alumni. Console at
/o/<slug>/ambassadors/ (namespace ``ambassadors``), portal at /o/<slug>/portal/ (namespace ``portal``)."""

from django.urls import path

from ambassadors.views import engagement as views
from ambassadors.views import portal_engagement as portal

console_patterns = [
    path("recognition/", views.recognition, name="recognition"),
    path("terms/<int:pk>/recognition/", views.term_recognition, name="term_recognition"),
    path("terms/<int:pk>/awards/", views.award_grant, name="award_grant"),
    path("terms/<int:pk>/kudos/", views.term_kudos, name="term_kudos"),
    path("awards/<int:pk>/certificate.pdf", views.award_certificate, name="award_certificate"),
    path("input-requests/", views.input_request_list, name="input_request_list"),
    path("input-requests/<int:pk>/", views.input_request_detail, name="input_request_detail"),
    path("stories/", views.story_review_list, name="story_review"),
    path("stories/<int:pk>/publish/", views.story_publish, name="story_publish"),
    path("stories/<int:pk>/reject/", views.story_reject, name="story_reject"),
    path("exit-feedback/", views.exit_feedback_summary, name="exit_feedback_summary"),
    path("alumni/", views.alumni_directory, name="alumni_directory"),
    path("alumni/updates/", views.alumni_updates, name="alumni_updates"),
]
portal_patterns = [
    path("recognition/", portal.recognition, name="recognition"),
    path("recognition/awards/<int:pk>/certificate.pdf", portal.award_certificate, name="award_certificate"),
    path("term/<int:pk>/summary.pdf", portal.term_certificate, name="term_certificate"),
    path("term/<int:pk>/exit-feedback/", portal.exit_feedback, name="exit_feedback"),
    path("kudos/", portal.kudos, name="kudos"),
    path("input-requests/", portal.input_requests, name="input_requests"),
    path("input-requests/<int:pk>/", portal.input_request_answer, name="input_request_answer"),
    path("stories/", portal.stories, name="stories"),
    path("stories/new/", portal.story_new, name="story_new"),
    path("alumni/", portal.alumni, name="alumni"),
    path("alumni/settings/", portal.alumni_settings, name="alumni_settings"),
]
public_patterns = []
