from django.urls import path

from helhed.arealists import views

app_name = "arealists"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("eksport.xlsx", views.export_xlsx, name="export"),
    path("overvaagning/", views.watch, name="watch"),
    path("import/", views.import_data, name="import"),
    # Area names may hold "/" ("Lyngbyen/Gullestrup"), so the name is the URL's last part.
    path("omraade/<path:key>/", views.area_latest, name="area-latest"),
    path("<int:year>/omraade/<path:key>/", views.area_detail, name="area"),
]
