from django.urls import path

from cchc.scoring import views

app_name = "scoring"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("tao-moi/", views.framework_create, name="create"),
    path("nhap-excel/", views.framework_import, name="import"),
    path("quy-tac/tham-so/", views.rule_params, name="rule_params"),
    path("<int:pk>/", views.framework_detail, name="detail"),
    path("<int:pk>/sua/", views.framework_edit, name="edit"),
    path("<int:pk>/nhan-ban/", views.framework_clone, name="clone"),
    path("<int:pk>/xoa/", views.framework_delete, name="delete"),
    path("<int:pk>/xuat-excel/", views.framework_export, name="export"),
    path("<int:pk>/them-tieu-chi/", views.criterion_create, name="criterion_create"),
    path("tieu-chi/<int:pk>/sua/", views.criterion_edit, name="criterion_edit"),
    path("tieu-chi/<int:pk>/di-chuyen/", views.criterion_move, name="criterion_move"),
    path("tieu-chi/<int:pk>/xoa/", views.criterion_delete, name="criterion_delete"),
]
