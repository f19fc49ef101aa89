from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "indsats.web.accounts"
    label = "accounts"
    verbose_name = "Brugere og adgang"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from indsats.web.accounts.services import roles_sync

        # Every app's post_migrate creates that app's permissions, so sync after each of them.
        post_migrate.connect(
            lambda **kwargs: roles_sync(), weak=False, dispatch_uid="indsats_roles_sync"
        )
