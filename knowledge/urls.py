"""Non-page routes of the knowledge app."""

app_name = "knowledge"

urlpatterns: list = []
