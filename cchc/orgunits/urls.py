from django.urls import path

from cchc.orgunits import views

app_name = "orgunits"
urlpatterns = [
    path("", views.unit_list, name="list"),
    path("<int:pk>/", views.unit_detail, name="detail"),
    path("them/", views.unit_create, name="create"),
    path("<int:pk>/sua/", views.unit_edit, name="edit"),
    path("<int:pk>/chuyen/", views.unit_move, name="move"),
    path("<int:pk>/dong/", views.unit_close, name="close"),
    path("sap-nhap/", views.unit_merge, name="merge"),
    path("nhap/", views.unit_import, name="import"),
    path("nhap/mau.<str:fmt>", views.import_sample, name="import_sample"),
    path("xuat/", views.unit_export, name="export"),
    path("nhom/", views.group_list, name="group_list"),
    path("nhom/<int:pk>/", views.group_detail, name="group_detail"),
    path("nhom/<int:pk>/thanh-vien/", views.group_members, name="group_members"),
]
