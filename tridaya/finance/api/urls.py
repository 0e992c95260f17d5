"""/api/v1/ endpoints of money (included by tridaya/api_urls.py; URL names are global)."""

from django.urls import path

from tridaya.finance.api import views

urlpatterns = [
    path(
        "villages/<str:code>/finance/totals/", views.TotalsAPI.as_view(), name="api-finance-totals"
    ),
    path(
        "villages/<str:code>/finance/accounts/",
        views.AccountsAPI.as_view(),
        name="api-finance-accounts",
    ),
    path(
        "villages/<str:code>/finance/vouchers/",
        views.VouchersAPI.as_view(),
        name="api-finance-vouchers",
    ),
    path(
        "villages/<str:code>/finance/vouchers/<int:pk>/reverse/",
        views.ReverseAPI.as_view(),
        name="api-finance-voucher-reverse",
    ),
    path(
        "villages/<str:code>/finance/books/kas-umum/",
        views.CashBookAPI.as_view(),
        name="api-finance-cash-book",
    ),
    path(
        "villages/<str:code>/finance/requests/<int:pk>/signoffs/",
        views.SignRequestAPI.as_view(),
        name="api-finance-request-sign",
    ),
    path(
        "villages/<str:code>/finance/lpjs/<int:pk>/decision/",
        views.LpjDecisionAPI.as_view(),
        name="api-finance-lpj-decision",
    ),
]
