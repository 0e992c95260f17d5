from django.urls import path

from tridaya.oversight import views

app_name = "oversight"
urlpatterns = [
    path("wilayah/<str:code>/pengaduan/", views.complaints, name="complaints"),
    path("wilayah/<str:code>/pengaduan/baru/", views.complaint_new, name="complaint_new"),
    path("wilayah/<str:code>/pengaduan/<int:pk>/", views.complaint_detail, name="complaint"),
    path(
        "wilayah/<str:code>/pengaduan/<int:pk>/<slug:step>/",
        views.complaint_detail,
        name="complaint_step",
    ),
    path("wilayah/<str:code>/publik/", views.public_village, name="public"),
    path("wilayah/<str:code>/publik/desa/", views.public_villages, name="public_villages"),
    path("wilayah/<str:code>/publik.<str:fmt>", views.public_data, name="public_data"),
    path(
        "wilayah/<str:code>/publik/desa.<str:fmt>",
        views.public_villages_data,
        name="public_villages_data",
    ),
    path("wilayah/<str:code>/pemantauan/<int:package_id>/", views.monitoring, name="monitoring"),
    path("wilayah/<str:code>/papan-informasi-<slug:paper>.pdf", views.papan, name="papan"),
    path("pengaduan/terkirim/", views.submitted, name="submitted"),
    path("pengaduan/lacak/", views.track, name="track"),
    path("pengaduan/lacak/<str:tracking>/", views.status, name="status"),
    path("pengaduan/lacak/<str:tracking>/buka-kembali/", views.reopen, name="reopen"),
]
