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


# ---- registry ----------------------------------------------------------------------------------------

import datetime as _dt  # noqa: E402

from stdnum.cn import ric as _ric  # noqa: E402

from zhifa.registry.choices import CertificateKind, PersonKind  # noqa: E402
from zhifa.registry.models import Certificate, EnforcementField, Officer, TrainingRecord  # noqa: E402
from zhifa.registry.names import initials_of  # noqa: E402


def valid_id_number(n: int) -> str:
    """A valid 18-digit ID number (Beijing 东城区, born 1980-1999) derived from n."""
    first17 = f"110101{1980 + n % 20}{1 + n % 12:02d}{1 + n % 28:02d}{n % 1000:03d}"
    return first17 + _ric.calc_check_digit(first17 + "0")


def field(code: str = "market") -> EnforcementField:
    return EnforcementField.objects.get_or_create(code=code, defaults={"name": code})[0]


class OfficerFactory(DjangoModelFactory):
    class Meta:
        model = Officer
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"执法员{n}")
    name_initials = factory.LazyAttribute(lambda o: initials_of(o.name))
    id_number = factory.Sequence(valid_id_number)
    kind = PersonKind.OFFICER
    post = "执法岗"

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        self.fields.set([field(code) for code in (extracted or ["market"])])


class CertificateFactory(DjangoModelFactory):
    class Meta:
        model = Certificate
        skip_postgeneration_save = True

    officer = factory.SubFactory(OfficerFactory)
    number = factory.Sequence(lambda n: f"CERT{n:08d}")
    kind = CertificateKind.ENFORCEMENT
    issuer = "测试市司法局"
    issued_on = _dt.date(2025, 1, 1)
    expires_on = _dt.date(2030, 12, 31)

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        self.fields.set([field(code) for code in (extracted or ["market"])])


class TrainingFactory(DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    officer = factory.SubFactory(OfficerFactory)
    on = _dt.date(2026, 3, 1)
    hours = 8
    kind = "business"
    title = "执法业务培训"
