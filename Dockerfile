# XM Hub for production-like use (docker-compose.yml): gunicorn, Celery worker and beat from one image.
# Settings: xmhub.settings.production, every value from the environment (see README "Configuration").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=xmhub.settings.production \
    PORT=8000

WORKDIR /app

# All wheels (psycopg[binary] included): no compiler, no libpq needed.
COPY requirements.lock .
RUN pip install -r requirements.lock

RUN useradd --create-home --uid 10001 xmhub
COPY . .
# Static files are collected at build time (whitenoise serves them). Placeholders satisfy the production
# settings' required variables; nothing connects to them.
RUN SECRET_KEY=collectstatic-only-0000000000000000000000000000000000000000 \
    ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost:5432/build REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/.data/media /app/.data/beat \
 && chown -R xmhub:xmhub /app/.data

USER xmhub
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/health/', timeout=4)"

CMD ["sh", "-c", "exec gunicorn xmhub.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips '*'"]
