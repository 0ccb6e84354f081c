"""URLs: the public site at /, the staff workspace at /staff/, the API at /api/."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("staff/", include("cypp.web.staff.urls")),
    path("api/", include("cypp.web.api.urls")),
    path("", include("cypp.web.public.urls")),
]
