from django.urls import path

from cchc.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("switch-unit/", views.switch_unit, name="switch_unit"),
]
