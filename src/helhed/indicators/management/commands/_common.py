from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from tqdm import tqdm


def user_or_error(username: str | None):
    if not username:
        raise CommandError("--as-user er påkrævet: handlingen registreres på en bruger.")
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Brugeren {username!r} findes ikke.")
    return user


class ProgressBar:
    """A tqdm bar driven by the engine's (label, done, total) callbacks."""

    def __init__(self, stream) -> None:
        self.bar: tqdm | None = None
        self.stream = stream

    def __call__(self, label: str, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = tqdm(total=total, file=self.stream, unit="trin", dynamic_ncols=True)
        self.bar.set_description(label[:40])
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
