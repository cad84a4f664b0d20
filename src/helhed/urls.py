from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from helhed.accounts import views as account_views
from helhed.partnerships import views as partnership_views

urlpatterns = [
    path("", partnership_views.home, name="home"),
    path("login/", account_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/", account_views.account, name="account"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/", include("helhed.api_urls")),
    path("indikatorer/", include("helhed.indicators.urls")),
    path("opfoelgning/", include("helhed.followup.urls")),
    path("familier/", include("helhed.families.urls")),
    path("lister/", include("helhed.arealists.urls")),
    path("gevinster/", include("helhed.gains.urls")),
    path("", include("helhed.partnerships.urls")),
]

handler403 = "helhed.accounts.views.permission_denied"
handler404 = "helhed.accounts.views.page_not_found"
