from django.urls import path

from cchc.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("them/", views.cycle_create, name="cycle_create"),
    path("<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("<int:pk>/sua/", views.cycle_edit, name="cycle_edit"),
    path("<int:pk>/bo-tieu-chi/", views.cycle_framework_add, name="cycle_framework_add"),
    path("<int:pk>/don-vi/", views.cycle_participants_add, name="cycle_participants_add"),
    path("<int:pk>/thao-tac/", views.cycle_action, name="cycle_action"),
    path("<int:pk>/ket-qua/", views.cycle_results, name="cycle_results"),
    path("<int:pk>/dinh-chinh/", views.publication_correct, name="publication_correct"),
    path("<int:pk>/tham-dinh/", views.appraisal_dashboard, name="appraisal_dashboard"),
    path("<int:pk>/phan-cong/", views.assignment_matrix, name="assignments"),
    path("phieu/<int:pk>/", views.assessment_sheet, name="sheet"),
    path("phieu/<int:pk>/nop/", views.assessment_submit, name="sheet_submit"),
    path("phieu/<int:pk>/gia-han/", views.assessment_extend, name="sheet_extend"),
    path("phieu/<int:pk>/tai-lieu/", views.evidence_upload, name="evidence_upload"),
    path("phieu/<int:pk>/tham-dinh/", views.appraisal_sheet, name="appraisal_sheet"),
    path("tieu-chi/<int:pk>/luu/", views.answer_save, name="answer_save"),
    path("tieu-chi/<int:pk>/giai-trinh/", views.answer_explain, name="answer_explain"),
    path("tieu-chi/<int:pk>/tham-dinh/", views.answer_appraise, name="answer_appraise"),
    path("tai-lieu/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("tai-lieu/<int:pk>/xoa/", views.evidence_delete, name="evidence_delete"),
]
