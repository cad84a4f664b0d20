from rest_framework.routers import DefaultRouter

from helhed.arealists.api import register_arealists_routes
from helhed.gains.api import register_gains_routes
from helhed.partnerships.api import register_partnership_routes

router = DefaultRouter()
register_partnership_routes(router)
register_arealists_routes(router)
register_gains_routes(router)

urlpatterns = router.urls
