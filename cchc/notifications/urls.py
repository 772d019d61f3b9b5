from django.urls import path

from cchc.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/mo/", views.notification_open, name="open"),
    path("<int:pk>/da-doc/", views.notification_mark_read, name="mark_read"),
    path("da-doc-tat-ca/", views.notification_mark_all_read, name="mark_all_read"),
    path("xoa-da-doc/", views.notification_clear_read, name="clear_read"),
]
