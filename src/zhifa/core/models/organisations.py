from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat

from ..choices import AgencyKind, RegionLevel
from ..validators import validate_credit_code, validate_region_code

LEVEL_ORDER: list[str] = [RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP]


class Region(models.Model):
    """行政区划 — a node of the GB/T 2260 tree (province → city → county → township).

    `path` is the chain of codes from the root ("320000/321200/321202/"), kept so that a region's
    whole subtree is one indexed prefix query.
    """

    code = models.CharField("区划代码", max_length=9, unique=True, validators=[validate_region_code])
    name = models.CharField("名称", max_length=64)
    level = models.CharField("级别", max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("路径", max_length=128, editable=False, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        parent = self.parent if self.parent_id is not None else None
        if parent is None:
            return
        if LEVEL_ORDER.index(self.level) <= LEVEL_ORDER.index(parent.level):
            raise ValidationError({"level": "级别必须低于上级区划的级别"})
        if parent.path and self.pk and f"{self.code}/" in parent.path:
            raise ValidationError({"parent": "上级区划不能是本区划或其下级"})

    def build_path(self) -> str:
        return f"{self.parent.path if self.parent is not None else ''}{self.code}/"

    def paths_up(self) -> list[str]:
        """The paths of this region and of every region above it, root first ("320000/", "320000/321200/",
        …): what a `region__path__in` reads to find what lies over a region."""
        return [self.path[: i + 1] for i, char in enumerate(self.path) if char == "/"]


class AgencyQuerySet(models.QuerySet):
    def in_region_tree(self, region: Region) -> "AgencyQuerySet":
        return self.filter(region__path__startswith=region.path)

    def counterparts_below(self, agency: "Agency") -> "AgencyQuerySet":
        """The agencies of `agency`'s 系统 in the regions below its own (seed 002 (十三): 上级行政执法机关
        履行行业监督职责): those linked to it as 上级机关; those whose 业务主管部门 (`superior_department`)
        is it, directly or up a chain of such links (县局 → 市局 → 省厅); and, for an agency without that
        link, the same kind named as its region plus the same suffix (江州市市场监督管理局 → 东湖区市场监督
        管理局: the fallback when the link is not entered, since the name carries the 执法领域) — each with
        the units set up inside it (上级机关 = it, e.g. a 综合行政执法大队). Only a city or province agency
        has counterparts. A lazy queryset, so that it is a subquery of the caller's filter, never a list of
        ids."""
        region = agency.region
        if region.level not in (RegionLevel.PROVINCE, RegionLevel.CITY):
            return self.none()
        below = self.filter(region__path__startswith=region.path).exclude(region=region)
        same_system = Q(parent=agency)
        link = "superior_department"
        for _ in LEVEL_ORDER[1:]:  # a chain is at most as long as the region tree is deep
            same_system |= Q(**{link: agency})
            link += "__superior_department"
        if suffix := agency.system_suffix:
            same_system |= Q(
                superior_department__isnull=True,
                kind=agency.kind,
                name=Concat(F("region__name"), Value(suffix)),
            )
        heads = below.filter(same_system).values("pk")
        return below.filter(Q(pk__in=heads) | Q(parent__in=heads))


class Agency(models.Model):
    """机关/机构 — a justice bureau, an enforcement department, a township office, a zone committee…"""

    name = models.CharField("名称", max_length=128)
    short_name = models.CharField("简称（文号前缀）", max_length=16, blank=True)
    credit_code = models.CharField(
        "统一社会信用代码", max_length=18, unique=True, validators=[validate_credit_code]
    )
    kind = models.CharField("类别", max_length=16, choices=AgencyKind.choices)
    region = models.ForeignKey(
        Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # 业务主管部门: the department of the same 系统 one level up (东湖区市场监督管理局 → 江州市市场监督管理局),
    # read first by vertical oversight (counterparts_below) and 督办 (supervision.plans.superior_of);
    # without it both fall back on the name (system_suffix)
    superior_department = models.ForeignKey(
        "self",
        verbose_name="业务主管部门（上级同系统部门）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="departments_below",
        help_text="上级行政区划中同一执法系统的部门，如东湖区市场监督管理局的业务主管部门为江州市市场监督管理局；"
        "不填时按名称推断",
    )
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = AgencyQuerySet.as_manager()

    # core.access: an Agency's own jurisdiction is itself.
    jurisdiction_field = "pk"

    class Meta:
        verbose_name = verbose_name_plural = "机关/机构"
        ordering = ["region__code", "name"]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": "上级机关不能是本机关"})
        superior = self.superior_department if self.superior_department_id else None
        if superior is not None and self.region_id:
            region = self.region
            if superior.region_id == region.pk or not region.path.startswith(superior.region.path):
                raise ValidationError(
                    {
                        "superior_department": f"业务主管部门须为上级行政区划的部门（{superior.name}"
                        f"属于{superior.region.name}，本机关属于{region.name}）"
                    }
                )

    @property
    def system_suffix(self) -> str:
        """Its name after its region's (东湖区市场监督管理局 → 市场监督管理局): the 系统 the agency belongs to,
        which its counterparts above and below share (the agency table has no field column). Empty when the
        name does not start with the region's."""
        region_name = self.region.name
        return self.name[len(region_name) :] if self.name.startswith(region_name) else ""
