"""Pages under /wilayah/<code>/lembaga/ (the village code comes from the including pattern)."""

from django.urls import path

from tridaya.institutions import views

app_name = "institutions"
urlpatterns = [
    path("", views.org_chart, name="chart"),
    path("warga/", views.people, name="people"),
    path("warga/tambah/", views.person_create, name="person_create"),
    path("warga/<int:pk>/ubah/", views.person_edit, name="person_edit"),
    path("warga/<int:pk>/data-pribadi/", views.personal_data, name="personal_data"),
    path(
        "warga/<int:pk>/data-pribadi/ekspor/",
        views.personal_data_export,
        name="personal_data_export",
    ),
    path(
        "warga/<int:pk>/data-pribadi/hapus/", views.personal_data_erase, name="personal_data_erase"
    ),
    path("warga/<int:pk>/akses-nik/", views.nik_access, name="nik_access"),
    path("bkm/", views.bkm, name="bkm"),
    path("bkm/pemilihan/tambah/", views.election_create, name="election_create"),
    path("up/", views.up_units, name="up_units"),
    path("tipp/", views.tipp, name="tipp"),
    path("pokja/", views.pokjas, name="pokjas"),
    path("ksm/", views.ksms, name="ksms"),
    path("ksm/tambah/", views.ksm_create, name="ksm_create"),
    path("ksm/<int:pk>/ubah/", views.ksm_edit, name="ksm_edit"),
    path("kpp/", views.kpps, name="kpps"),
    path("kpp/tambah/", views.kpp_create, name="kpp_create"),
]
