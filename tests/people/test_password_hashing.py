"""Passwords are stored with Argon2id at OWASP's minimum; older PBKDF2 hashes keep working and are
replaced at the next sign-in."""

from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher, make_password

from people.credentials import one_time_password_hash
from portal.settings import base

LOGIN = "/accounts/login/"


def test_new_passwords_are_argon2id_at_owasp_minimum(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    encoded = make_password("Mat-khau-moi-2025")
    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Mat-khau-moi-2025", encoded)
    assert not check_password("Mat-khau-moi-2026", encoded)
    params = get_hasher("default").params()
    # OWASP Password Storage Cheat Sheet: Argon2id, at least 19 MiB, 2 iterations, parallelism 1.
    assert (params.type.name, params.memory_cost >= 19 * 1024, params.time_cost >= 2) == ("ID", True, True)


def test_pbkdf2_hash_is_upgraded_at_next_sign_in(client, settings, official):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    pbkdf2 = get_hasher("pbkdf2_sha256")
    official.password = pbkdf2.encode("Mat-khau-cu-2024", pbkdf2.salt())  # as stored before Argon2id
    official.save(update_fields=["password"])

    refused = client.post(LOGIN, {"username": official.username, "password": "sai-mat-khau"})
    assert refused.status_code == 200
    official.refresh_from_db()
    assert official.password.startswith("pbkdf2_sha256$")  # a failed attempt changes nothing

    response = client.post(LOGIN, {"username": official.username, "password": "Mat-khau-cu-2024"})
    assert response.status_code == 302
    official.refresh_from_db()
    assert official.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("Mat-khau-cu-2024", official.password)

    client.logout()
    again = client.post(LOGIN, {"username": official.username, "password": "Mat-khau-cu-2024"})
    assert again.status_code == 302


def test_one_time_passwords_stay_cheap_pbkdf2_and_are_upgraded(settings):
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    encoded = one_time_password_hash("bkq7m-t4hnc-9gpv2")
    assert encoded.startswith("pbkdf2_sha256$10000$")
    assert check_password("bkq7m-t4hnc-9gpv2", encoded)
    assert identify_hasher(encoded).must_update(encoded)
