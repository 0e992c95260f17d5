from django.urls import path

from tridaya.marketing.api import views

urlpatterns = [
    path("funding-sources/", views.FundingSourcesAPI.as_view(), name="api-funding-sources"),
    path(
        "regions/<str:code>/funding-gaps/",
        views.FundingGapsAPI.as_view(),
        name="api-funding-gaps",
    ),
    path(
        "regions/<str:code>/marketing-summary/",
        views.RollupAPI.as_view(),
        name="api-marketing-summary",
    ),
    path("villages/<str:code>/partners/", views.PartnersAPI.as_view(), name="api-partners"),
    path(
        "villages/<str:code>/partners/<int:pk>/contacts/",
        views.ContactsAPI.as_view(),
        name="api-partner-contacts",
    ),
    path("villages/<str:code>/pledges/", views.PledgesAPI.as_view(), name="api-pledges"),
    *[
        path(
            f"villages/<str:code>/pledges/<int:pk>/{move}/",
            view.as_view(),
            name=f"api-pledge-{move}",
        )
        for move, view in views.MOVE_VIEWS.items()
    ],
    path(
        "villages/<str:code>/prospectuses/",
        views.ProspectusesAPI.as_view(),
        name="api-prospectuses",
    ),
]
