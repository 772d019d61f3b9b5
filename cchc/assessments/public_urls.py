"""Public pages (no sign-in): published PAR INDEX rankings."""

from django.urls import path

from cchc.assessments.views import public

app_name = "public"
urlpatterns = [
    path("", public.index, name="index"),
    path("<int:pk>/", public.cycle, name="cycle"),
    path("<int:pk>/tai-ve.<str:fmt>", public.download, name="download"),
    path("<int:pk>/nhom/<int:group_id>/word/", public.ranking_word, name="ranking_word"),
    path("<int:pk>/don-vi/<int:unit_pk>/", public.scorecard, name="scorecard"),
    path("<int:pk>/don-vi/<int:unit_pk>/word/", public.scorecard_word, name="scorecard_word"),
]
