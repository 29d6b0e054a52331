from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from omdomme import views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Omdømmeskolen"

urlpatterns = [
    path("", views.index, name="index"),
    path("healthz", views.health, name="health"),
    path("hjem/", views.home, name="home"),
    path("sprak/", views.switch_language, name="switch_language"),
    path("konto/personvern/", include("omdomme.privacy.urls")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("omdomme.accounts.urls")),
    path("epost/", include("omdomme.notifications.urls")),
    path("epost/", include("omdomme.reminders.urls")),
    path("epost/", include("omdomme.packs.urls")),
    path("", include("cohorts.urls")),
    path("samlinger/", include("sessions.urls")),
    path("hjemmeoppgaver/", include("homework.urls")),
    path("evaluering/", include("evaluations.urls")),
    path("kunnskap/", include("omdomme.knowledge.urls")),
    path("evidens/", include("omdomme.evidence.urls")),
    path("admin/", admin.site.urls),
]

# Branded error pages (templates/400.html … 500.html); 403, 404 and 500 use Django's handlers.
handler400 = "omdomme.errors.bad_request"
