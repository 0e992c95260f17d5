from django.urls import include, path

app_name = "mapping"
urlpatterns = [
    path("", include("tridaya.mapping.urls_households")),
    path("", include("tridaya.mapping.urls_problems")),
]
