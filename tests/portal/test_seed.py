"""seed_demo loads the real map and the demo accounts, and a second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from people.models import Commune, Province, Role, User


def _counts():
    from wagtail.models import Page

    from quizzes.models import Option, Question, Quiz

    return (
        Province.objects.count(),
        Commune.objects.count(),
        User.objects.count(),
        Page.objects.count(),
        Quiz.objects.count(),
        Question.objects.count(),
        Option.objects.count(),
    )


@pytest.mark.slow
def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", stdout=StringIO())
    first = _counts()
    assert first[0] == 34
    assert first[1] == 3321
    assert first[4:6] == (5, 58)  # the shipped quizzes and their question banks
    assert Commune.objects.filter(province__name__endswith="Bắc Ninh").count() == 99
    assert Commune.objects.filter(province__name__endswith="Ninh Bình").count() == 129
    for role in Role.values:
        assert User.objects.filter(role=role).exists(), role
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first


def test_renamed_commune_is_updated_not_duplicated(db):
    from people.geography import administrative_map_load

    administrative_map_load()
    commune = Commune.objects.get(name="Phường Kinh Bắc")
    commune.name = "Phường Tên Cũ"
    commune.save()
    administrative_map_load()
    assert Commune.objects.count() == 3321
    commune.refresh_from_db()
    assert commune.name == "Phường Kinh Bắc"
