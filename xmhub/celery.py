"""The Celery app. Broker: Redis (REDIS_URL or the embedded one). Beat schedule: in code, below."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xmhub.settings.local")

app = Celery("xmhub")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Times are UTC (Celery's default timezone; settings.TIME_ZONE is UTC too). Each periodic task fans out
# per organization and is idempotent, so a missed or repeated beat tick does no harm.
app.conf.beat_schedule = {
    # One core.SyncHealthReport per organization and day (xmhub/directory/tasks.py).
    "people-sync-health-nightly": {
        "task": "xmhub.directory.tasks.check_people_sync_all",
        "schedule": crontab(hour=2, minute=15),
    },
    # Ambassador sweeps (term expiry, HR changes, reminders): one task per organization (ambassadors/tasks.py).
    "ambassador-sweeps-daily": {
        "task": "ambassadors.tasks.run_sweeps_all",
        "schedule": crontab(hour=3, minute=0),
    },
}
