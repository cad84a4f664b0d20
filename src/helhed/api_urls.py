from django.urls import path
from rest_framework.routers import DefaultRouter

from helhed.arealists.api import register_arealists_routes
from helhed.families.api import register_families_routes
from helhed.followup.api import register_followup_routes
from helhed.gains.api import register_gains_routes
from helhed.indicators.api import AggregateImportView, register_indicator_routes
from helhed.partnerships.api import register_partnership_routes

router = DefaultRouter()
register_partnership_routes(router)
register_arealists_routes(router)
register_gains_routes(router)
register_followup_routes(router)
register_families_routes(router)
register_indicator_routes(router)

urlpatterns = [
    path("indicators/aggregates/", AggregateImportView.as_view(), name="indicator-aggregates"),
    *router.urls,
]
