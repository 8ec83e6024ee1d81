"""HTML to PDF with WeasyPrint, and nothing else.

The document is self-contained (styles inline, images as data URIs), so rendering
needs no network and no files: the URL fetcher serves `data:` URIs and refuses every
other URL, including `<img src="http://...">` that might slip into user text.
"""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher


class RefusedURL(ValueError):
    pass


class DataOnlyFetcher(URLFetcher):
    """Serves data: URIs; records and refuses everything else (http, https, file, ftp ...)."""

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False, timeout=1)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.startswith("data:"):
            self.refused.append(url)
            raise RefusedURL(f"Pengambilan URL luar ditolak: {url[:80]}")
        return super().fetch(url, headers)


def render_pdf(html: str, fetcher: DataOnlyFetcher | None = None) -> tuple[bytes, int]:
    """The PDF and its page count."""
    fetcher = fetcher or DataOnlyFetcher()
    document = HTML(string=html, base_url="about:blank", url_fetcher=fetcher).render()
    return document.write_pdf(), len(document.pages)


def html_to_pdf(html: str, fetcher: DataOnlyFetcher | None = None) -> bytes:
    return render_pdf(html, fetcher)[0]
