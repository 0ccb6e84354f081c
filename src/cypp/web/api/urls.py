"""The API's URLs (under /api/): GET only, JSON; any other path is a JSON 404."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path

from cypp.web.api import views

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi_json, name="openapi"),
    path("plan", views.plan_view, name="plan"),
    path("outcomes/<str:id>", views.outcome, name="outcome"),
    path("priorities/<str:id>", views.priority, name="priority"),
    path("indicators", views.indicators, name="indicators"),
    path("indicators/<str:key>", views.indicator, name="indicator"),
    path("indicators/<str:key>/series.csv", views.indicator_series, name="indicator-series"),
    path("publications", views.publications, name="publications"),
    re_path(r"^.*$", views.unknown, name="unknown"),
]
