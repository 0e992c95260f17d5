"""Security headers on every response: a Content-Security-Policy without 'unsafe-inline' (pages
carry no inline scripts, styles or event handlers: behaviour lives in static/js/, looks in
static/css/), and a Permissions-Policy that allows only what the pages use (the location button
of the household form and the camera for photos, on this site only).

Django's SecurityMiddleware already sends Referrer-Policy (SECURE_REFERRER_POLICY), nosniff and
HSTS; X-Frame-Options comes from the clickjacking middleware.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()"
)


def tile_source(tile_url: str) -> str:
    """The CSP source of the map tile server ('{s}' subdomains become a wildcard); '' when the
    tiles come from this site or there are none."""
    if not tile_url.startswith(("https://", "http://")):
        return ""
    parts = urlsplit(tile_url.replace("{s}", "tiles-subdomain"))
    host = parts.netloc.replace("tiles-subdomain", "*")
    return f"{parts.scheme}://{host}"


def content_security_policy(tile_url: str) -> str:
    images = " ".join(filter(None, ["'self'", "data:", "blob:", tile_source(tile_url)]))
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": images,
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy(settings.TRIDAYA_TILE_URL)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
