from django.urls import path

from tridaya.dashboards.api import views

urlpatterns = [
    path("dasbor/", views.DashboardDetail.as_view(), name="api-dashboard-national"),
    path("wilayah/<str:code>/dasbor/", views.DashboardDetail.as_view(), name="api-dashboard"),
]
