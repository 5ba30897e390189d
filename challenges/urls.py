"""Non-page routes of the challenges app."""

app_name = "challenges"

urlpatterns: list = []
