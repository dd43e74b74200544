"""One-time passwords: safe to type on a Vietnamese keyboard, cheap to hash once, sealed at rest."""

import re

from django.contrib.auth.hashers import check_password, identify_hasher

from people.credentials import ALPHABET, one_time_password, one_time_password_hash, seal, unseal

VOWELS_AND_TELEX_KEYS = set("aeiouyAEIOUY" + "dwfjrsxz")  # Telex marks and VNI's digit marks need a vowel


def test_passwords_are_random_groups_of_consonants_and_digits():
    passwords = {one_time_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert re.fullmatch(r"[bcghkmnpqtv2-9]{5}-[bcghkmnpqtv2-9]{5}-[bcghkmnpqtv2-9]{5}", password)
    assert not VOWELS_AND_TELEX_KEYS & set(ALPHABET)
    assert not set("01lIoO") & set(ALPHABET)


def test_one_time_hash_is_cheap_pbkdf2_that_django_verifies(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    encoded = one_time_password_hash("bkq7m-t4hnc-9gpv2")
    algorithm, iterations, _salt, _hash = encoded.split("$")
    assert (algorithm, iterations) == ("pbkdf2_sha256", "10000")
    assert check_password("bkq7m-t4hnc-9gpv2", encoded)
    assert not check_password("bkq7m-t4hnc-9gpv3", encoded)
    # Marked for an upgrade: Django re-hashes it at full strength on the first successful sign-in.
    assert identify_hasher(encoded).must_update(encoded)


def test_other_hashers_are_used_as_configured(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert one_time_password_hash("x").startswith("md5$")


def test_sealed_passwords_need_the_secret_key(settings):
    sealed = seal(["bkq7m-t4hnc-9gpv2", "mmmmm-22222-ppppp"])
    assert all("bkq7m" not in token for token in sealed)
    assert unseal(sealed) == ["bkq7m-t4hnc-9gpv2", "mmmmm-22222-ppppp"]
    settings.SECRET_KEY = "another-key"
    assert unseal(sealed) == [None, None]
