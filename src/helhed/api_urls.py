from rest_framework.routers import DefaultRouter

from helhed.partnerships.api import register_partnership_routes

router = DefaultRouter()
register_partnership_routes(router)

urlpatterns = router.urls
