"""Whole pages cached per session, served while neither the agency's data nor any user
account changed.

A cached page is stored under the session, the full path and the CSRF
secret (its forms carry tokens for that secret), together with the user id and
password hash the session carried and the agency and accounts cache tokens read before
it was rendered. A hit is one cache read (session, page and both tokens together), no
query, and it does not even load the user: the page was rendered for this session's
user after the view's own checks (login, access), the session still names the same
user with the password hash Django verified then, and any change that could alter the
page or the user (data, lock, review, membership, rights, password, notifications)
has replaced one of the two tokens since.

Not cached: anything but a plain 200 HTML answer to GET, pages with flash messages
waiting, and requests whose CSRF cookie is missing or being replaced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare

from .cache_tokens import ACCOUNTS_TOKEN_KEY, agency_token_key, current_tokens, still_current
from .sessions import SessionStore as PrefetchableSession

TIMEOUT = 24 * 3600


def page_key(request: HttpRequest, session_key: str, csrf_secret: str) -> str:
    digest = hashlib.sha256(f"{session_key}|{csrf_secret}|{request.get_full_path()}".encode()).hexdigest()
    return f"page:{digest}"


def _session_identity(session) -> tuple[str, str] | None:
    """The user id and password hash the session was logged in with (not verified here)."""
    user_id, password_hash = session.get(SESSION_KEY), session.get(HASH_SESSION_KEY)
    if user_id is None or not password_hash or session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return None
    return str(user_id), password_hash


def _messages_waiting(request: HttpRequest) -> bool:
    return CookieStorage.cookie_name in request.COOKIES or SessionStorage.session_key in request.session


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and bool(request.META.get("CSRF_COOKIE"))
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and settings.SESSION_CACHE_ALIAS == "default"  # one read for session and page
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse, user_id: str) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        # (CSRF_COOKIE_NEEDS_UPDATE is set by every {% csrf_token %} just to renew the
        # cookie's expiry; a replaced secret was already refused before rendering.)
        and not _messages_waiting(request)
        and not get_messages(request).added_new
        # The view verified the session (login_required) for this very user.
        and request.user.is_authenticated
        and str(request.user.pk) == user_id
    )


def cached_per_session(on_hit: Callable[..., None] | None = None):
    """Decorator for a GET page of one agency (URL argument `slug`), placed above
    login_required. `on_hit(request, **kwargs)` repeats the view's session side effects
    (the remembered year) when the cached page is served instead of the view."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            session = request.session
            if not (_cacheable_request(request) and isinstance(session, PrefetchableSession) and session.session_key):
                return view(request, *args, **kwargs)
            key = page_key(request, session.session_key, request.META["CSRF_COOKIE"])
            token_keys = [agency_token_key(kwargs["slug"]), ACCOUNTS_TOKEN_KEY]
            session_cache_key = session.cache_key_if_any()
            found = cache.get_many([session_cache_key, key, *token_keys])
            session.use_prefetched(found.get(session_cache_key))
            identity = _session_identity(session)
            if identity is None or _messages_waiting(request):
                return view(request, *args, **kwargs)
            entry = found.get(key)
            if (
                entry
                and entry["user_id"] == identity[0]
                and constant_time_compare(entry["password_hash"], identity[1])
                and still_current(entry["tokens"], found)
            ):
                if on_hit:
                    on_hit(request, *args, **kwargs)
                response = HttpResponse(entry["content"], content_type=entry["content_type"])
                response["X-Page-Cache"] = "hit"
                return response
            tokens = current_tokens(token_keys)  # before rendering: see cache_tokens
            response = view(request, *args, **kwargs)
            if _cacheable_response(request, response, identity[0]):
                entry = {
                    "tokens": tokens,
                    "user_id": identity[0],
                    "password_hash": identity[1],
                    "content": response.content,
                    "content_type": response["Content-Type"],
                }
                cache.set(key, entry, TIMEOUT)
            return response

        return wrapper

    return decorate
