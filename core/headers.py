"""Response headers every dynamic page and download carries."""

from django.utils.cache import add_never_cache_headers, patch_cache_control


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on everything the app itself answers: pages,
    PDFs and workbooks show an agency's data and must not stay in a shared proxy or
    the browser's disk cache. Static files are served before this (WhiteNoise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
