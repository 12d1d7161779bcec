"""URL map: pages by app, the API under /api/v1/, /health for monitoring."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from investdesk.accounts import forms as accounts_forms
from investdesk.accounts import views as accounts_views
from investdesk.api import api
from investdesk.core import views as core_views

handler400 = "investdesk.core.views.bad_request"
handler403 = "investdesk.core.views.permission_denied"
handler404 = "investdesk.core.views.page_not_found"
handler500 = "investdesk.core.views.server_error"

admin.site.site_header = "InvestDesk"
admin.site.site_title = "InvestDesk"

urlpatterns = [
    path("", core_views.home, name="home"),
    path("health", core_views.health, name="health"),
    path("accounts/login/", accounts_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(form_class=accounts_forms.OwnPasswordChangeForm),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=accounts_forms.PasswordResetSetForm),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("", include("investdesk.accounts.urls")),
    path("", include("investdesk.core.urls")),
    path("", include("investdesk.worktime.urls")),
    path("", include("investdesk.procedures.urls")),
    path("", include("investdesk.legal.urls")),
    path("", include("investdesk.dossiers.urls")),
    path("", include("investdesk.kpi.urls")),
    path("", include("investdesk.quality.urls")),
    path("", include("investdesk.projects.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
