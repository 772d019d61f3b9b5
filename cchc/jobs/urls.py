from django.urls import path

from cchc.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<uuid:pk>/", views.job_detail, name="detail"),
    path("<uuid:pk>/trang-thai/", views.job_detail_partial, name="detail_partial"),
]
