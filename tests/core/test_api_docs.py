import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_documents_the_hr_endpoints_and_bearer_auth(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/people/" in schema["paths"] and "/api/v1/people/bulk/" in schema["paths"]
    assert "/api/v1/org-units/bulk/" in schema["paths"]
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_swagger_ui_is_self_hosted_and_needs_no_inline_script(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>" not in html  # the init script is a separate file, allowed by the CSP
    assert "cdn" not in html.lower()
    assert "script-src 'self'" in response["Content-Security-Policy"]
