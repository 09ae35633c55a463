"""The OpenAPI schema documents the directory endpoints, their filters, bulk bodies and errors."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_documents_the_directory_api(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    schema = response.json()
    paths = schema["paths"]
    for path in [
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/people/bulk/",
        "/api/v1/org-units/",
        "/api/v1/org-units/{id}/",
        "/api/v1/org-units/bulk/",
    ]:
        assert path in paths, path
    params = {p["name"] for p in paths["/api/v1/people/"]["get"]["parameters"]}
    assert {"external_id", "org_unit", "status", "updated_since", "page", "page_size"} <= params
    bulk = paths["/api/v1/people/bulk/"]["post"]
    assert {"200", "400"} <= set(bulk["responses"])
    assert bulk["requestBody"]["content"]["application/json"]["schema"]["type"] == "array"
    assert {"BulkResult", "BulkError", "Error"} <= set(schema["components"]["schemas"])
    assert "404" in paths["/api/v1/people/{id}/"]["get"]["responses"]
