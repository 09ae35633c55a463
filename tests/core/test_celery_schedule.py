"""The Celery app: its broker is the Redis of the settings and every beat entry names a registered task."""

from celery.schedules import crontab
from django.conf import settings

from xmhub.celery import app
from xmhub.core.tasks import TenantTask


def _registered():
    app.loader.import_default_modules()
    return app.tasks


def test_the_broker_and_result_backend_are_the_redis_of_the_settings():
    assert app.conf.broker_url == settings.REDIS_URL
    assert app.conf.result_backend == settings.REDIS_URL


def test_every_beat_entry_names_a_registered_task():
    tasks = _registered()

    assert app.conf.beat_schedule
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in tasks, name


def test_the_people_sync_health_check_runs_nightly():
    entry = app.conf.beat_schedule["people-sync-health-nightly"]

    assert entry["task"] == "xmhub.directory.tasks.check_people_sync_all"
    assert entry["schedule"] == crontab(hour=2, minute=15)


def test_the_per_organization_task_is_a_tenant_task():
    task = _registered()["xmhub.directory.tasks.check_people_sync"]

    assert isinstance(task, TenantTask)
