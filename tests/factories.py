"""factory_boy factories for every model the tests build. Identifiers are valid (check digits included)."""

import factory
from factory.django import DjangoModelFactory

from zhifa.accounts.choices import RoleCode
from zhifa.accounts.models import Role, User
from zhifa.core.choices import AgencyKind, RegionLevel
from zhifa.core.models import Agency, Region
from zhifa.core.validators import credit_code_with_check

DEFAULT_PASSWORD = "Test@2026pw"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{980000 + n:06d}")
    name = factory.Sequence(lambda n: f"测试区{n}")
    level = RegionLevel.COUNTY
    parent = None
    path = factory.LazyAttribute(lambda r: f"{r.parent.path if r.parent else ''}{r.code}/")


class AgencyFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"测试市场监督管理局{n}")
    short_name = factory.Sequence(lambda n: f"测{n}")
    credit_code = factory.Sequence(lambda n: credit_code_with_check(f"11980000{n:09d}"))
    kind = AgencyKind.DEPARTMENT
    region = factory.SubFactory(RegionFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    real_name = factory.Sequence(lambda n: f"测试用户{n}")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            # get_or_create: a transactional test flushes the rows the migration seeded
            roles = [
                Role.objects.get_or_create(code=c, defaults={"name": RoleCode(c).label})[0] for c in extracted
            ]
            self.roles.set(roles)
            self.is_staff = bool(
                {str(c) for c in extracted} & {"system_admin", "security_admin", "audit_admin"}
            )
            self.save(update_fields=["is_staff"])
