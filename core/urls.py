from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("account/", views.account_settings, name="account_settings"),
    path("account/profile/", views.profile_edit, name="profile_edit"),
    path("account/delete/", views.account_delete_view, name="account_delete"),
    path("people/<str:username>/", views.profile_detail, name="profile"),
    path("markdown/preview/", views.markdown_preview, name="markdown_preview"),
]
