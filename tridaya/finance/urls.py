from django.urls import path

from tridaya.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.money_home, name="home"),
    path("buku/<slug:kind>/", views.book, name="book"),
    path("buku/<slug:kind>.<str:fmt>", views.book, name="book_file"),
    path("buku-ksm/<int:ksm_id>/", views.book, {"kind": "ksm"}, name="ksm_book"),
    path("buku-ksm/<int:ksm_id>.<str:fmt>", views.book, {"kind": "ksm"}, name="ksm_book_file"),
    path("laporan/", views.statements, name="statements"),
    path("laporan.<str:fmt>", views.statements, name="statements_file"),
    path("rekonsiliasi/", views.reconciliation, name="reconciliation"),
    path("bukti/baru/", views.voucher_new, name="voucher_new"),
    path("bukti/<int:voucher_id>/", views.voucher_detail, name="voucher"),
    path("bukti/<int:voucher_id>/kuitansi/", views.voucher_evidence, name="voucher_evidence"),
    path("pencairan/<int:request_id>/", views.request_detail, name="request"),
    path("lpj/<int:lpj_id>.<str:fmt>", views.lpj_file, name="lpj_file"),
]
