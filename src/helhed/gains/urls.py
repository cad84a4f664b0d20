from django.urls import path

from helhed.gains import views

app_name = "gains"

_CALCULATION = "aktiviteter/<int:activity_pk>/beregninger/<int:pk>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("aktiviteter/<int:activity_pk>/", views.activity, name="activity"),
    path(
        "aktiviteter/<int:activity_pk>/beregninger/ny/",
        views.calculation_create,
        name="calculation-create",
    ),
    path(_CALCULATION, views.calculation_detail, name="calculation"),
    path(f"{_CALCULATION}xlsx/", views.calculation_xlsx, name="calculation-xlsx"),
    path(f"{_CALCULATION}slet/", views.calculation_delete, name="calculation-delete"),
    path("vidensbase/", views.knowledge, name="knowledge"),
    path("vidensbase/ny/", views.knowledge_create, name="knowledge-create"),
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/<slug:entry_id>/", views.catalogue_detail, name="catalogue-entry"),
    path("katalog/<slug:entry_id>/start/", views.catalogue_start, name="catalogue-start"),
]
