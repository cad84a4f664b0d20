from django.contrib.auth import get_user_model
from django.test import override_settings

from tests.conftest import PASSWORD


def test_login_page_is_danish_and_login_works(client, personas):
    assert "Log ind" in client.get("/login/").content.decode()
    response = client.post("/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/planer/").status_code == 200


def test_wrong_password_gets_a_danish_error(client, personas):
    response = client.post("/login/", {"username": "alice", "password": "forkert"})
    assert "Forkert brugernavn eller adgangskode" in response.content.decode()


def test_login_is_throttled_after_repeated_failures(client, personas):
    for _ in range(5):
        client.post("/login/", {"username": "bob", "password": "forkert"})
    response = client.post("/login/", {"username": "bob", "password": PASSWORD})
    assert response.status_code == 429
    assert "For mange mislykkede forsøg" in response.content.decode()


def test_passwords_are_hashed_with_argon2(personas):
    assert personas.alice.password.startswith("argon2")


@override_settings(DEMO_MODE=False)
def test_demo_users_cannot_log_in_outside_demo_mode(client, db):
    user = get_user_model().objects.get(username="kommune")
    user.set_password("helhed-demo")
    user.save()
    response = client.post("/login/", {"username": "kommune", "password": "helhed-demo"})
    assert response.status_code == 200 and "Forkert brugernavn" in response.content.decode()


@override_settings(DEMO_MODE=True)
def test_demo_users_log_in_in_demo_mode(client, db):
    user = get_user_model().objects.get(username="kommune")
    user.set_password("helhed-demo")
    user.save()
    assert (
        client.post("/login/", {"username": "kommune", "password": "helhed-demo"}).status_code
        == 302
    )


def test_logout_requires_post(client_for):
    c = client_for("alice")
    assert c.get("/logout/").status_code == 405
    assert c.post("/logout/").status_code == 302
    assert c.get("/planer/").status_code == 302


def test_account_page_lists_roles(client_for):
    html = client_for("carol").get("/konto/").content.decode()
    assert "Boligsocial medarbejder" in html and "Fællesbo" in html
