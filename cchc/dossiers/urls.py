from django.urls import path

from cchc.dossiers import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("<int:pk>/", views.dossier_detail, name="detail"),
    path("nhap/", views.dossier_import, name="import"),
    path("nhap/mau.<str:fmt>", views.import_sample, name="import_sample"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/xuat/", views.statistics_export, name="statistics_export"),
    path("thong-ke/so-lieu-don-vi-bao-cao/", views.reported_totals, name="reported"),
    path("chi-so-766/", views.decision766, name="decision766"),
    path("chi-so-766/so-lieu-nhap/", views.indicator_values, name="indicator_values"),
    path("thu-tuc/", views.procedure_list, name="procedures"),
    path("thu-tuc/nhap/", views.procedure_import, name="procedure_import"),
    path("thu-tuc/xuat/", views.procedure_export, name="procedure_export"),
    path("lich-lam-viec/", views.calendar, name="calendar"),
    path("lich-lam-viec/<int:pk>/xoa/", views.calendar_day_delete, name="calendar_day_delete"),
]
