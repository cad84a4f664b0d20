"""REST API of the arealists app."""


def register_arealists_routes(router) -> None:
    """Register this app's viewsets on the project router (see helhed/api_urls.py)."""
