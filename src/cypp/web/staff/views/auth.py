"""Signing in (throttled) and out (by POST only)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from cypp.web.staff.forms.people import ThrottledLoginForm


class LoginView(auth_views.LoginView):
    template_name = "staff/login.html"
    authentication_form = ThrottledLoginForm
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        if getattr(form, "throttled", False):
            response.status_code = 429  # Too Many Requests
        return response


class LogoutView(auth_views.LogoutView):
    """Django's logout accepts POST only (a link could be forged); then back to the public site."""
