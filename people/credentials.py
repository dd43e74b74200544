"""One-time passwords for imported accounts: how they are made, hashed and kept until the slip is printed.

- **Made** from consonants and digits only, in groups of five (``bkq7m-t4hnc-9gpv2``): no vowel, so
  neither Telex nor VNI (the Vietnamese keyboards every commune PC runs) can turn a keystroke into a
  diacritic, no capital letter (Caps Lock), and no look-alikes (0/O, 1/l). 15 symbols from 19 give
  about 64 bits of entropy.
- **Hashed** with PBKDF2 at ``ONE_TIME_ITERATIONS`` when PBKDF2 is among the site's hashers (it is,
  after Argon2id, see ``people.hashers``), else with the default hasher: a random 64-bit secret needs
  no key stretching to resist guessing, and a full-strength hash costs 20 ms (Argon2id) to 0.3 s
  (PBKDF2 at a million iterations) each, for 10,000 accounts at once (``bench/import_officials.py``).
  The hash keeps the standard ``pbkdf2_sha256$<iterations>$...`` format, so Django verifies it as
  usual and re-hashes it with the default hasher at the first sign-in, when the official must also
  choose their own password.
- **Kept** encrypted (Fernet, key derived from ``SECRET_KEY``) in ``IssuedCredential`` only as long as
  the slip may still be needed (see ``CREDENTIAL_TTL`` and ``people.services``). Rotating
  ``SECRET_KEY`` makes pending slips unreadable; they are then shown as unavailable.
"""

import base64
import secrets
from datetime import timedelta

from cryptography.fernet import Fernet, InvalidToken
from django.contrib.auth.hashers import get_hasher, make_password
from django.utils.crypto import salted_hmac

ALPHABET = "bcghkmnpqtv23456789"
GROUPS, GROUP_LENGTH = 3, 5
ONE_TIME_ITERATIONS = 10_000
CREDENTIAL_TTL = timedelta(days=14)


def one_time_password() -> str:
    """A new random password, easy to read aloud and to type on a Vietnamese keyboard."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))


def one_time_password_hash(password: str) -> str:
    """The password's hash for the database, cheap enough to make ten thousand in a task."""
    try:
        hasher = get_hasher("pbkdf2_sha256")
    except ValueError:  # PBKDF2 is not among the site's hashers
        return make_password(password)
    if hasher.iterations > ONE_TIME_ITERATIONS:
        return hasher.encode(password, hasher.salt(), iterations=ONE_TIME_ITERATIONS)
    return make_password(password)


def _fernet() -> Fernet:
    digest = salted_hmac("people.credentials", "one-time-passwords", algorithm="sha256").digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(passwords: list[str]) -> list[str]:
    """Encrypt passwords for storage (one key derivation for the whole batch)."""
    fernet = _fernet()
    return [fernet.encrypt(password.encode()).decode() for password in passwords]


def unseal(sealed: list[str]) -> list[str | None]:
    """Decrypt stored passwords; None for one that cannot be read (``SECRET_KEY`` changed)."""
    fernet = _fernet()
    passwords: list[str | None] = []
    for token in sealed:
        try:
            passwords.append(fernet.decrypt(token.encode()).decode())
        except InvalidToken:
            passwords.append(None)
    return passwords
