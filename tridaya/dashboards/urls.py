from django.urls import path

from tridaya.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("dasbor/", views.dashboard, name="national"),
    path("dasbor/bangun-ulang/", views.rebuild, name="rebuild"),
    path("dasbor/provinsi.geojson", views.provinces_geojson, name="provinces"),
    path("dasbor/wilayah.xlsx", views.children_xlsx, name="national_xlsx"),
    path("dasbor/desa.xlsx", views.villages_xlsx, name="national_villages_xlsx"),
    path("wilayah/<str:code>/dasbor/", views.dashboard, name="region"),
    path("wilayah/<str:code>/dasbor/wilayah.xlsx", views.children_xlsx, name="region_xlsx"),
    path("wilayah/<str:code>/dasbor/desa.xlsx", views.villages_xlsx, name="villages_xlsx"),
]
