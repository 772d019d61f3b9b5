from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from cchc.api.api import api
from cchc.core import views as core_views

handler403 = "cchc.core.views.error_403"
handler404 = "cchc.core.views.error_404"
handler500 = "cchc.core.views.error_500"

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
]

# Vietnamese without a prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("cchc.core.urls")),
    path("tai-khoan/", include("cchc.accounts.urls")),
    path("don-vi/", include("cchc.orgunits.urls")),
    path("nhat-ky/", include("cchc.audit.urls")),
    path("tac-vu/", include("cchc.jobs.urls")),
    path("thong-bao/", include("cchc.notifications.urls")),
    path("ke-hoach/", include("cchc.plans.urls")),
    path("bo-tieu-chi/", include("cchc.scoring.urls")),
    path("cham-diem/", include("cchc.assessments.urls")),
    path("cong-khai/", include("cchc.assessments.public_urls")),
    path("ho-so/", include("cchc.dossiers.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("quan-tri/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
