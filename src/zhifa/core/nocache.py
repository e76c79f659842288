"""Cache-Control: no-store on every staff page and API answer: what a signed-in person saw (case content,
personal data) is not kept by the browser's cache or a proxy, nor shown again by the back button after
logout. The public portal (/gs/) keeps its own caching (publicity.http: ETag) and static files theirs
(WhiteNoise answers them before this middleware)."""

from django.utils.cache import add_never_cache_headers

PUBLIC_PREFIXES = ("/gs/", "/static/")


class StaffNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(PUBLIC_PREFIXES):
            add_never_cache_headers(response)  # no-store, no-cache, must-revalidate, private, max-age=0
        return response
