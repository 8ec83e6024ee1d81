from django.http import HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

# Django's own language switch: keeps `next` on this site and stores the choice in the
# language cookie, which ExplicitLanguageMiddleware reads. POST only: it changes state.
switch_language = require_POST(set_language)


def health(request):
    """For load balancers and the throughput bench: answers without touching the database."""
    return HttpResponse("ok", content_type="text/plain")
