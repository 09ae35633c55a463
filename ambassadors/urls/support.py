"""Support routes: office hours, 1:1 coaching and help requests. The console (/o/<slug>/ambassadors/, namespace
``ambassadors``) and the portal (/o/<slug>/portal/, namespace ``portal``)."""

from django.urls import path

from ambassadors.views import portal_support
from ambassadors.views import support as views

console_patterns = [
    path("office-hours/", views.office_hours, name="office_hours"),
    path("office-hours/<int:pk>/", views.office_hour_detail, name="office_hour_detail"),
    path("coaching/", views.coaching_sessions, name="coaching_sessions"),
    path("coaching/<int:pk>/notes/", views.coaching_session_notes, name="coaching_session_notes"),
    path("help-requests/", views.help_request_list, name="help_request_list"),
    path("help-requests/<int:pk>/", views.help_request_update, name="help_request_update"),
]
portal_patterns = [
    path("support/", portal_support.support, name="support"),
    path("support/office-hours/<int:pk>/book/", portal_support.office_hour_book, name="office_hour_book"),
    path("support/bookings/<int:pk>/cancel/", portal_support.office_hour_cancel, name="office_hour_cancel"),
    path("support/coaching/", portal_support.coaching_book, name="coaching_book"),
    path("support/coaching/<int:pk>/cancel/", portal_support.coaching_cancel, name="coaching_cancel"),
    path("support/help-requests/", portal_support.help_request_open, name="help_request_open"),
]
public_patterns = []
