"""Non-page routes of the labs app."""

app_name = "labs"

urlpatterns: list = []
