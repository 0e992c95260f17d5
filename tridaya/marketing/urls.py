from django.urls import path

from tridaya.marketing.views import forums, overview, partners, pledges, prospectus

app_name = "marketing"

urlpatterns = [
    path("", overview.home, name="home"),
    path("celah/", overview.gaps, name="gaps"),
    path("celah.xlsx", overview.gaps_xlsx, name="gaps_xlsx"),
    path("rekap/", overview.rollup, name="rollup"),
    path("mitra/", partners.partners, name="partners"),
    path("mitra/tambah/", partners.partner_form, name="partner_add"),
    path("mitra/<int:pk>/", partners.partner, name="partner"),
    path("mitra/<int:pk>/ubah/", partners.partner_form, name="partner_edit"),
    path("mitra/<int:pk>/kontak/", partners.contact_add, name="contact_add"),
    path("janji/", pledges.pledges, name="pledges"),
    path("janji/tambah/", pledges.pledge_form, name="pledge_add"),
    path("janji/<int:pk>/", pledges.pledge, name="pledge"),
    path("janji/<int:pk>/<str:move>/", pledges.pledge_move, name="pledge_move"),
    path("janji/<int:pk>/berkas/<str:which>/", pledges.pledge_file, name="pledge_file"),
    path("janji/<int:pk>/surat/<str:kind>.docx", pledges.letter, name="letter"),
    path("prospektus/baru/", prospectus.prospectus_new, name="prospectus_new"),
    path("prospektus/<int:pk>/", prospectus.prospectus, name="prospectus"),
    path(
        "prospektus/<int:pk>/prospektus.<str:fmt>",
        prospectus.prospectus_file,
        name="prospectus_file",
    ),
    path(
        "prospektus/<int:pk>/<str:action>/",
        prospectus.prospectus_action,
        name="prospectus_action",
    ),
    path("forum/", forums.forums, name="forums"),
    path("forum/tambah/", forums.forum_form, name="forum_add"),
]
