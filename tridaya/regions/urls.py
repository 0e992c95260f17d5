from django.urls import path

from tridaya.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.search, name="search"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/profil/ubah/", views.profile_edit, name="profile_edit"),
    path("<str:code>/rt-rw/", views.units, name="units"),
    path("<str:code>/riwayat/", views.audit, name="audit"),
]
