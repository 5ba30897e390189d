"""/places/<country>/: a country's first-level divisions with their counts (the map's drill-down);
/places/<country>/<division>/…/: a page per place of the gazetteer (``core.Place``)."""

from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("<slug:country>/", views.place_country, name="country"),
    path("<path:path>/", views.place, name="place"),
]
