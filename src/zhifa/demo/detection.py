"""线索中心 demo: 吴刚 (js_jd, 江州市司法局's supervisor) sets 有案不立's 宽限天数 for 江州市 and 周敏 (dh_jd,
东湖区司法局's) a stricter one for 东湖区, so the 参数设置 page shows a value of each source and its history;
every model run once over the demo data (as the demo's own run, every region), then 周敏 runs 有案不立 over
东湖区 only; 吴刚 handles some of the hits — one confirmed and turned into a 监督事项, one confirmed and
turned into a 督办, one dismissed, one confirmed awaiting its follow-up, the rest open — so the precision
column and every hit state show."""

from django.core.exceptions import ValidationError
from django.db import transaction

from zhifa.accounts.models import User
from zhifa.detection import services
from zhifa.detection.choices import HitStatus, RunTrigger
from zhifa.detection.models import Hit, Run

SUPERVISOR = "js_jd"
COUNTY_SUPERVISOR = "dh_jd"


def _try(step) -> bool:
    """One handling step; a refusal (e.g. the case already has an open 监督事项) leaves it undone."""
    try:
        with transaction.atomic():
            step()
    except ValidationError:
        return False
    return True


def load(stdout) -> None:
    if Run.objects.exists():
        return
    actor = User.objects.get(username=SUPERVISOR)
    county = User.objects.get(username=COUNTY_SUPERVISOR)
    services.params_set(actor=actor, model="not_filing", values={"grace_days": 5})
    services.params_set(actor=county, model="not_filing", values={"grace_days": 3})
    runs = services.run_all(actor=None, trigger=RunTrigger.DEMO)
    services.run_model(actor=county, model="not_filing")
    hits = list(Hit.objects.filter(status=HitStatus.OPEN).order_by("model", "pk"))
    plans = [
        ("核实属实，转为监督事项", lambda h: services.hit_supervise(actor=actor, hit=h)),
        (
            "核实属实，反复发生，予以督办",
            lambda h: services.hit_oversee(
                actor=actor, hit=h, ground="repeated", description="限期纠正并报送整改情况"
            ),
        ),
        ("", None),  # dismissed
        ("核实属实", lambda h: None),
    ]
    for hit, (reason, follow) in zip(hits, plans, strict=False):
        if follow is None:
            _try(
                lambda h=hit: services.hit_dismiss(
                    actor=actor, hit=h, reason="经核实，系季节性执法专项所致，不属趋利执法"
                )
            )
            continue

        def step(h=hit, reason=reason, follow=follow):
            services.hit_confirm(actor=actor, hit=h, reason=reason)
            follow(Hit.objects.get(pk=h.pk))

        if not _try(step):
            _try(lambda h=hit, reason=reason: services.hit_confirm(actor=actor, hit=h, reason=reason))
    stdout.write(f"线索中心：运行{len(runs)}个模型，发现{sum(r.found for r in runs)}条线索")
