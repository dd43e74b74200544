"""Test data factories, in one place (factory_boy + Faker with Vietnamese names)."""

import factory
from factory.django import DjangoModelFactory

from people.models import Commune, JobRole, Province, Role, User

DEFAULT_PASSWORD = "mat-khau-thu-nghiem-2025"


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90 + n % 9}{n}"[:8])
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    province = factory.SubFactory(ProvinceFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    role = Role.OFFICIAL
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OfficialFactory(UserFactory):
    role = Role.OFFICIAL
    commune = factory.SubFactory(CommuneFactory)
    province = factory.SelfAttribute("commune.province")
    job_role = JobRole.ONE_STOP


class TrainerFactory(UserFactory):
    role = Role.TRAINER
    province = factory.SubFactory(ProvinceFactory)
    is_staff = True


class DepartmentHeadFactory(UserFactory):
    role = Role.DEPARTMENT_HEAD
    province = factory.SubFactory(ProvinceFactory)


class AdministratorFactory(UserFactory):
    role = Role.ADMINISTRATOR
    is_staff = True
    is_superuser = True
