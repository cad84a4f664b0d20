from django.urls import path

from helhed.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("omraader/<int:pk>/", views.area, name="area"),
    path("definitioner/", views.definitions, name="definitions"),
    path("definitioner/<slug:key>/", views.definition_detail, name="definition"),
    path("beregn/", views.compute, name="compute"),
    path("koersler/<int:pk>/", views.run_detail, name="run"),
    path("indlaes/", views.import_aggregates, name="import"),
    path("eksport/", views.export, name="export"),
]
