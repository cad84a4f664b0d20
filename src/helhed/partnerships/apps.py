from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "helhed.partnerships"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from helhed.accounts.models import Membership
        from helhed.partnerships.access import forget_scopes
        from helhed.partnerships.models import Organisation, PlanPartner

        # A user's Scope is kept for one request; what it is read from must empty that cache.
        for model in (Membership, PlanPartner, Organisation):
            post_save.connect(forget_scopes, sender=model, dispatch_uid=f"scope-{model.__name__}")
            post_delete.connect(
                forget_scopes, sender=model, dispatch_uid=f"scope-{model.__name__}-delete"
            )
