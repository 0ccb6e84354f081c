"""The public site's URLs (no login)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from cypp.web.public import downloads, views

app_name = "public"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("outcomes/<slug:outcome_id>/", views.outcome, name="outcome"),
    path("priorities/<slug:priority_id>/", views.priority, name="priority"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<slug:slug>/", views.indicator, name="indicator"),
    path("indicators/<slug:slug>.csv", downloads.indicator_csv, name="indicator_csv"),
    path("indicators/<slug:slug>.json", downloads.indicator_json, name="indicator_json"),
    path("how-are-we-doing/", views.young_people, name="young_people"),
    path("you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
]
