"""The API's error responses: one JSON shape for every error, ``{"error": ..., "detail": ...}``.

``error`` is a short code a program can test (``not_found``, ``method_not_allowed``,
``rate_limited``, ``nothing_published``); ``detail`` says in words what happened and what to do.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse

ALLOWED_METHODS = ("GET", "HEAD")


class ApiError(Exception):
    """Raised by a view to answer with an error; turned into JSON by ``api_view``."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.error = error
        self.detail = detail


def error_response(status: int, error: str, detail: str) -> JsonResponse:
    return JsonResponse({"error": error, "detail": detail}, status=status)


def not_found(detail: str) -> ApiError:
    return ApiError(404, "not_found", detail)


def method_not_allowed(request: HttpRequest) -> JsonResponse:
    response = error_response(
        405,
        "method_not_allowed",
        f"{request.method} is not allowed: the API is read-only; use GET.",
    )
    response["Allow"] = ", ".join(ALLOWED_METHODS)
    return response


def unknown_path(request: HttpRequest) -> JsonResponse:
    """Any /api/ path no endpoint answers: a JSON 404 rather than the site's HTML page."""
    return error_response(
        404, "not_found", f"No API endpoint at {request.path!r}; GET /api/ lists them."
    )
