"""Term routes: the console (/o/<slug>/ambassadors/, namespace ``ambassadors``) and the portal
(/o/<slug>/portal/, namespace ``portal``)."""

from django.urls import path

from ambassadors.views import portal_terms
from ambassadors.views import terms as views

console_patterns = [
    path("terms/", views.term_list, name="term_list"),
    path("terms/<int:pk>/", views.term_detail, name="term_detail"),
    path("terms/<int:pk>/pause/", views.term_pause, name="term_pause"),
    path("terms/<int:pk>/resume/", views.term_resume, name="term_resume"),
    path("terms/<int:pk>/end/", views.term_end, name="term_end"),
    path("terms/<int:pk>/renew/", views.term_renew, name="term_renew"),
    path("terms/<int:pk>/commitment/", views.term_commitment, name="term_commitment"),
    path("terms/<int:pk>/coach/", views.term_coach, name="term_coach"),
    path("coaches/", views.coach_load, name="coach_load"),
    path("coaches/reassign/", views.coach_reassign, name="coach_reassign"),
]
portal_patterns = [
    path("term/", portal_terms.my_term, name="my_term"),
    path("term/<int:pk>/", portal_terms.term_detail, name="term_detail"),
    path("term/<int:pk>/log/", portal_terms.activity_log_view, name="activity_log"),
    path("attestations/", portal_terms.attestation_list, name="attestations"),
    path("attestations/<int:pk>/attest/", portal_terms.activity_attest_view, name="activity_attest"),
]
public_patterns = []
