from django.urls import path

from helhed.followup import views

app_name = "followup"

_PLAN = "planer/<int:plan_id>/"
_YEAR = _PLAN + "aar/<int:year>/"

urlpatterns = [
    path("", views.index, name="index"),
    path(_PLAN, views.plan_home, name="plan"),
    path(_YEAR, views.year_view, name="year"),
    path(
        _PLAN + "maal/<int:goal_id>/indikatorer/ny/", views.indicator_edit, name="indicator-create"
    ),
    path(_PLAN + "indikatorer/<int:pk>/rediger/", views.indicator_edit, name="indicator-update"),
    path(_PLAN + "indikatorer/<int:pk>/slet/", views.indicator_delete, name="indicator-delete"),
    path(_YEAR + "tekster/indikator/<int:gi_pk>/", views.text_edit, name="text-indicator"),
    path(_YEAR + "tekster/indsatsomraade/<int:focus_pk>/", views.text_edit, name="text-focus"),
    path(_YEAR + "eftersyn/", views.review_view, name="review"),
    path(_YEAR + "eftersyn/rediger/", views.review_edit, name="review-edit"),
    path(_YEAR + "rapport/", views.report_preview, name="report"),
    path(_YEAR + "rapport/dan/", views.report_generate, name="report-generate"),
    path(_YEAR + "rapport/udsend/", views.report_issue, name="report-issue"),
    path(_YEAR + "rapport/<slug:fmt>/", views.report_download, name="report-download"),
]
