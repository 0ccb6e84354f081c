"""Django settings, derived from cypp's own settings (``docs/settings.md``).

``CYPP_WEB_MODE`` chooses the mode: ``development`` (the default: DEBUG, console email),
``test`` (as development, fast password hashing) or ``production`` (``cypp serve``: no DEBUG,
secure cookies and headers, a secret key required). The workspace database is PostgreSQL when
``database_url`` is set, otherwise SQLite at ``workspace``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cypp.settings import load_settings

HERE = Path(__file__).resolve().parent
MODE = os.environ.get("CYPP_WEB_MODE", "development")
if MODE not in ("development", "test", "production"):
    raise ImproperlyConfigured(
        f"CYPP_WEB_MODE is {MODE!r}; expected development, test or production"
    )
PRODUCTION = MODE == "production"
_cypp = load_settings()

DEBUG = not PRODUCTION
SECRET_KEY = _cypp.secret_key or ("" if PRODUCTION else "development-only-not-secret-" + "x" * 40)
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "setting 'secret_key' is empty; production needs one: set CYPP_SECRET_KEY to a long "
        "random string (e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))')"
    )
ALLOWED_HOSTS = [h.strip() for h in _cypp.allowed_hosts.split(",") if h.strip()]
if MODE == "test":
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "cypp.web.published",
    "cypp.web.workspace",
    "cypp.web.public",
    "cypp.web.staff",
    "cypp.web.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "cypp.web.urls"
WSGI_APPLICATION = "cypp.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [HERE / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

if _cypp.database_url:
    DATABASES = {"default": dj_database_url.parse(_cypp.database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(Path(_cypp.workspace).resolve()),
            # writers wait for each other instead of failing with "database is locked"
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic writes beside the working directory, never inside the installed package
# (development and tests serve straight from the apps' static folders through the finders)
STATIC_ROOT = (
    Path(os.environ.get("CYPP_STATIC_ROOT", Path.cwd() / "cypp-static")).resolve()
    if PRODUCTION
    else None
)
STATICFILES_DIRS = [HERE / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

LOGIN_URL = "/staff/login/"
LOGIN_REDIRECT_URL = "/staff/"
LOGOUT_REDIRECT_URL = "/"

EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION and os.environ.get("CYPP_EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("CYPP_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = _cypp.email_from
CYPP_SITE_URL = _cypp.site_url
CYPP_API_RATE_LIMIT = _cypp.api_rate_limit
if MODE == "test":
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Security: cookies and headers. HTTPS settings apply in production; a reverse proxy in front
# of gunicorn terminates TLS and says so with X-Forwarded-Proto.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("CYPP_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (django-csp 4): only our own scripts, styles and images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
