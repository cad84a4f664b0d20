from django.urls import path

from helhed.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("<slug:slug>/", views.entity_list, name="list"),
    path("<slug:slug>/ny/", views.entity_create, name="create"),
    path("<slug:slug>/<int:pk>/", views.entity_detail, name="detail"),
    path("<slug:slug>/<int:pk>/rediger/", views.entity_update, name="update"),
    path("<slug:slug>/<int:pk>/slet/", views.entity_delete, name="delete"),
    path("<slug:parent_slug>/<int:parent_pk>/<slug:slug>/", views.child_list, name="child-list"),
    path(
        "<slug:parent_slug>/<int:parent_pk>/<slug:slug>/ny/",
        views.entity_create,
        name="child-create",
    ),
    path(
        "<slug:parent_slug>/<int:parent_pk>/<slug:slug>/<int:pk>/rediger/",
        views.entity_update,
        name="child-update",
    ),
    path(
        "<slug:parent_slug>/<int:parent_pk>/<slug:slug>/<int:pk>/slet/",
        views.entity_delete,
        name="child-delete",
    ),
]
