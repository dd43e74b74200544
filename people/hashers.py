"""How passwords are stored: Argon2id at OWASP's first recommended setting.

OWASP's Password Storage Cheat Sheet asks for Argon2id with at least 19 MiB of memory, 2 iterations
and 1 degree of parallelism. Here that costs about 20 ms of CPU per sign-in (``bench/password_bench.py``,
docs/benchmarks.md, "Sign-in"), against 330 ms for Django's PBKDF2 at 1,000,000 iterations. Hashes
of the older hashers still in ``PASSWORD_HASHERS`` (PBKDF2) are verified and re-hashed with this one
at the next successful sign-in: Django does so for any hash not made by the first hasher of the list.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1 (the stored hash says so: ``argon2$argon2id$v=19$m=19456,t=2,p=1$...``).

    The algorithm name stays Django's ``argon2``: hashes made with Django's default parameters are
    verified too, and re-hashed with these at the next sign-in (``must_update`` compares them)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
