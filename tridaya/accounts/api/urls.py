"""/api/v1/ endpoints of accounts: API tokens for integrators. Included by `tridaya/api_urls.py`;
the URL names are global (no namespace), as the API schema and the tests know them."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from tridaya.core.ratelimit import rate_limited

urlpatterns = [
    # Limited per client IP: each request is a password guess.
    path("auth/token/", rate_limited("api_token")(obtain_auth_token), name="api-token"),
]
