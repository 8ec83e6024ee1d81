from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .middleware import LANGUAGE_SESSION_KEY


@require_POST
def switch_language(request):
    """Store the chosen language in the session; the browser's preference is ignored."""
    language = request.POST.get("language", settings.LANGUAGE_CODE)
    if language in dict(settings.LANGUAGES):
        request.session[LANGUAGE_SESSION_KEY] = language
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect(next_url)


def health(request):
    """For load balancers and the throughput bench: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
