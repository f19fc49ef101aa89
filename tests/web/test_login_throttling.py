"""Password guessing is throttled (django-axes), with a Danish answer (issue 12, Low)."""

from django.urls import reverse

from tests.web.conftest import PASSWORD


def _attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_thirty_wrong_passwords_lock_the_login_even_for_the_right_one(users, client):
    for i in range(30):
        _attempt(client, "mette", f"wrong-{i}")
    response = _attempt(client, "mette", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert "For mange forkerte forsøg" in body and 'lang="da"' in body
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:start")).status_code == 302  # still not logged in


def test_a_few_typos_do_not_lock_and_another_user_is_not_affected(users, client):
    for i in range(3):
        assert _attempt(client, "mette", f"wrong-{i}").status_code == 200
    assert _attempt(client, "mette", PASSWORD).status_code == 302
    client.logout()
    for i in range(10):
        _attempt(client, "anne", f"wrong-{i}")
    assert _attempt(client, "ulla", PASSWORD).status_code == 302  # another user, same address
