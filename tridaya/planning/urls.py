from django.urls import include, path

app_name = "planning"
urlpatterns = [
    path("", include("tridaya.planning.urls_priorities")),
    path("", include("tridaya.planning.urls_plans")),
]
