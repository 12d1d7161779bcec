from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person_list"),
    path("people/new/", views.PersonEditView.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonDetailView.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonEditView.as_view(), name="person_edit"),
    path("people/<int:pk>/history/", views.PersonHistoryView.as_view(), name="person_history"),
    path("people/<int:pk>/password/", views.person_set_password, name="person_set_password"),
    path("people/<int:pk>/unlock/", views.person_unlock, name="person_unlock"),
    path("divisions/", views.DivisionListView.as_view(), name="division_list"),
    path("divisions/new/", views.DivisionEditView.as_view(), name="division_create"),
    path("divisions/<int:pk>/", views.DivisionDetailView.as_view(), name="division_detail"),
    path("divisions/<int:pk>/edit/", views.DivisionEditView.as_view(), name="division_edit"),
    path("divisions/<int:pk>/history/", views.DivisionHistoryView.as_view(), name="division_history"),
    path("roles/", views.role_list, name="role_list"),
    path("roles/<slug:code>/", views.role_detail, name="role_detail"),
    path("profile/", views.profile, name="profile"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
