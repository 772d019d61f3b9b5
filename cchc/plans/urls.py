from django.urls import path

from cchc.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("them/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/sua/", views.plan_edit, name="edit"),
    path("<int:pk>/phe-duyet/", views.plan_approve, name="approve"),
    path("<int:pk>/ket-thuc/", views.plan_close, name="close"),
    path("<int:pk>/thay-doi/", views.plan_changes, name="changes"),
    path("<int:pk>/tien-do/", views.plan_timeline, name="timeline"),
    path("<int:pk>/thong-ke/", views.plan_statistics, name="statistics"),
    path("<int:pk>/thong-ke/xuat/", views.statistics_export, name="statistics_export"),
    path("<int:pk>/xuat/", views.plan_export, name="export"),
    path("<int:pk>/nhiem-vu/them/", views.task_create, name="task_create"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("nhiem-vu/<int:pk>/sua/", views.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/huy/", views.task_cancel, name="task_cancel"),
    path("nhiem-vu/<int:pk>/bao-cao/", views.update_create, name="update_create"),
    path("nhiem-vu/<int:pk>/phoi-hop/", views.contribution_create, name="contribution_create"),
    path("bao-cao/<int:pk>/danh-gia/", views.update_review, name="update_review"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("cua-toi/", views.my_tasks, name="my_tasks"),
    path("nhap/", views.plan_import, name="import"),
    path("nhap/mau.xlsx", views.import_sample, name="import_sample"),
    path("chi-tieu/", views.programme_list, name="programme_list"),
    path("chi-tieu/them/", views.programme_create, name="programme_create"),
    path("chi-tieu/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("chi-tieu/<int:pk>/sua/", views.programme_edit, name="programme_edit"),
    path("chi-tieu/<int:pk>/them-chi-tieu/", views.target_create, name="target_create"),
    path("chi-tieu/muc/<int:pk>/", views.target_detail, name="target_detail"),
    path("chi-tieu/muc/<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("hop/", views.meeting_list, name="meeting_list"),
    path("hop/them/", views.meeting_create, name="meeting_create"),
    path("hop/<int:pk>/", views.meeting_detail, name="meeting_detail"),
]
