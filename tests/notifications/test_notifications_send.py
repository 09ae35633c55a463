import pytest
from django.core import mail

from tests.factories import UserFactory
from xmhub.notifications.emails import notifications_email
from xmhub.notifications.models import Notification
from xmhub.notifications.services import Message, notifications_send
from xmhub.tenancy.context import tenant_context

pytestmark = pytest.mark.django_db


def test_a_reason_is_notified_once_however_often_it_is_sent(in_org, django_capture_on_commit_callbacks):
    user = UserFactory()
    message = Message(recipient_id=user.pk, reason_key="term_ending:30:term:1", title="Your term ends in 30 days")
    with django_capture_on_commit_callbacks() as callbacks:
        first = notifications_send(messages=[message])
        second = notifications_send(messages=[message, message])
    assert len(first) == 1 and second == []
    assert Notification.objects.filter(recipient=user).count() == 1
    assert len(callbacks) == 1  # one email job, for the one new notification


def test_a_batch_is_one_query_whatever_its_size(in_org, django_assert_num_queries):
    users = UserFactory.create_batch(20)
    messages = [Message(recipient_id=u.pk, reason_key=f"k:{u.pk}", title="Hello") for u in users]
    with django_assert_num_queries(3):  # savepoint, insert, release
        assert len(notifications_send(messages=messages)) == 20


def test_emails_go_once_even_when_the_job_repeats(in_org):
    user = UserFactory(email="amb@acme.test")
    [nid] = notifications_send(messages=[Message(recipient_id=user.pk, reason_key="k", title="Kick-off tomorrow")])
    assert notifications_email(notification_ids=[nid]) == 1
    assert notifications_email(notification_ids=[nid]) == 0
    assert [m.to for m in mail.outbox] == [["amb@acme.test"]]


def test_notifications_are_invisible_to_other_organizations(org, other_org):
    user = UserFactory()
    with tenant_context(org):
        notifications_send(messages=[Message(recipient_id=user.pk, reason_key="k", title="Private")])
    with tenant_context(other_org):
        assert Notification.objects.count() == 0
        notifications_send(messages=[Message(recipient_id=user.pk, reason_key="k", title="Same key, other org")])
        assert Notification.objects.count() == 1
