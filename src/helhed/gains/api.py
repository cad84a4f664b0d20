"""REST API of the gains app."""


def register_gains_routes(router) -> None:
    """Register this app's viewsets on the project router (see helhed/api_urls.py)."""
