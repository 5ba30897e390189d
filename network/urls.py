"""Non-page routes of the network app."""

app_name = "network"

urlpatterns: list = []
