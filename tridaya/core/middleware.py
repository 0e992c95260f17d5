import uuid

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from tridaya.core.errors import NotFound
from tridaya.core.request_context import RequestInfo, reset_request_info, set_request_info


class RequestContextMiddleware:
    """Gives each request an id (kept from X-Request-ID when a proxy sets one) and records the
    client IP, so audit events written during the request can name both."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex
        info = RequestInfo(request_id=request_id, ip=client_ip(request))
        request.request_id = request_id
        token = set_request_info(info)
        try:
            response = self.get_response(request)
        finally:
            reset_request_info(token)
        response["X-Request-ID"] = request_id
        return response


def client_ip(request) -> str | None:
    """The client's address. Behind N trusted proxies (TRIDAYA_TRUSTED_PROXIES=N) it is the N-th
    address from the right of X-Forwarded-For, the last one a trusted proxy appended; anything
    further left is whatever the client claimed."""
    hops = settings.TRIDAYA_TRUSTED_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if len(addresses) >= hops:
            return addresses[-hops]
    return request.META.get("REMOTE_ADDR") or None


class LanguageMiddleware(LocaleMiddleware):
    """Indonesian unless the user chose English with the switch (the language cookie). The
    browser's Accept-Language is ignored on purpose: many phones in Indonesia are set to English,
    and the program's users expect the Indonesian interface."""

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class NotFoundMiddleware:
    """A selector's NotFound that reaches the view boundary is a 404 page, like Http404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            raise Http404(str(exception.message)) from exception
        return None


class TooLargeMiddleware:
    """A form post over DATA_UPLOAD_MAX_MEMORY_SIZE (or with too many fields) gets a page in the
    user's language saying what to do (413), instead of Django's raw RequestDataTooBig. The body
    is read here, before CSRF checking would read it and fail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018  (parse now, where the failure can be answered)
            except (RequestDataTooBig, TooManyFieldsSent):
                response = render(request, "413.html", status=413)
                response["Connection"] = "close"
                return response
        return self.get_response(request)
