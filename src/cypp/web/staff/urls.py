"""The staff workspace's URLs, under /staff/. Every page but sign-in needs a signed-in user;
what each role may reach is in docs/workspace.md and tested URL by URL."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, register_converter

from cypp.web.staff.views import actions, audit, auth, commentary, hbr, home, rounds, values, voice


class CodeConverter:
    """An indicator code: NI075, LCLA-ABSENCE."""

    regex = r"[A-Z][A-Z0-9-]*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class PeriodConverter(CodeConverter):
    """A period in any notation: 2009/10 (its slash stays in the path), 2009-10, 2009, 2010-03-31."""

    regex = r"\d{4}(?:/\d{2}|-\d{2}(?:-\d{2})?)?"


class IdConverter(CodeConverter):
    """A plan id: lower case letters, digits and hyphens."""

    regex = r"[a-z0-9][a-z0-9-]*"


register_converter(CodeConverter, "code")
register_converter(PeriodConverter, "period")
register_converter(IdConverter, "planid")

app_name = "staff"
urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("", home.home, name="home"),
    path("values/", values.index, name="values"),
    path("values/<code:code>/enter/", values.enter, name="value-enter"),
    path("measures/", values.measures_index, name="measures"),
    path("measures/establish/", values.establish, name="measure-establish"),
    path("commentary/", commentary.index, name="commentary-list"),
    path("commentary/<code:code>/<period:period>/", commentary.detail, name="commentary"),
    path(
        "commentary/<code:code>/<period:period>/write/",
        commentary.write,
        name="commentary-write",
    ),
    path(
        "commentary/<code:code>/<period:period>/review/",
        commentary.review,
        name="commentary-review",
    ),
    path("actions/", actions.index, name="actions"),
    path("actions/<planid:action_id>/", actions.detail, name="action"),
    path("actions/<planid:action_id>/update/", actions.update, name="action-update"),
    path("actions/<planid:action_id>/milestones/", actions.add_milestone, name="milestone-add"),
    path(
        "actions/<planid:action_id>/milestones/done/",
        actions.milestone_done,
        name="milestone-done",
    ),
    path("hear-by-right/", hbr.index, name="hbr"),
    path("hear-by-right/<planid:agency>/<period:period>/", hbr.detail, name="hbr-detail"),
    path("hear-by-right/<planid:agency>/<period:period>/assess/", hbr.assess, name="hbr-assess"),
    path("hear-by-right/<planid:agency>/<period:period>/review/", hbr.review, name="hbr-review"),
    path("voice/", voice.index, name="voice"),
    path("voice/new/", voice.new, name="voice-new"),
    path("voice/<int:pk>/", voice.detail, name="voice-detail"),
    path("voice/<int:pk>/edit/", voice.edit, name="voice-edit"),
    path("voice/<int:pk>/approve/", voice.approve, name="voice-approve"),
    path("rounds/", rounds.index, name="rounds"),
    path("rounds/open/", rounds.open_round, name="round-open"),
    path("rounds/<int:pk>/", rounds.detail, name="round"),
    path("rounds/<int:pk>/remind/", rounds.remind, name="round-remind"),
    path("audit/", audit.audit_log, name="audit"),
    path("users/", audit.staff_list, name="users"),
]
