"""演示数据 of 执法监督: one function per feature, each idempotent and going through the services."""


def load(stdout) -> None:
    load_campaigns(stdout)


def load_campaigns(stdout) -> None:
    """A 评查 campaign of 东湖区司法局 in progress: drawn (the seed revealed), two reviewers of other
    agencies on every file, two files graded, one disputed and waiting for a third reviewer."""
    from decimal import Decimal

    from django.db.models import Count

    from zhifa.accounts import services as accounts
    from zhifa.accounts.choices import RoleCode
    from zhifa.accounts.models import User
    from zhifa.cases.models import Case
    from zhifa.core.models import Agency
    from zhifa.supervision.campaigns import services
    from zhifa.supervision.campaigns.choices import ReviewStatus
    from zhifa.supervision.models import Campaign, FileReview

    from .accounts import DEMO_PASSWORD

    bureau = Agency.objects.get(name="东湖区司法局")
    if Campaign.objects.filter(agency=bureau).exists():
        return
    if not User.objects.filter(username="dh_pc").exists():  # a legal reviewer of another department
        accounts.user_create(
            actor=None,
            username="dh_pc",
            real_name="林涛",
            agency=Agency.objects.get(name="东湖区生态环境局"),
            password=DEMO_PASSWORD,
            roles=[RoleCode.LEGAL_REVIEWER],
        )
    closed = (
        Case.objects.filter(agency__region__path__startswith=bureau.region.path, status__in=services.CLOSED)
        .values("decision__decided_on__year")
        .annotate(n=Count("id"))
        .order_by("-n", "-decision__decided_on__year")
        .first()
    )
    if closed is None:
        return
    year = closed["decision__decided_on__year"]
    campaign = services.campaign_create(
        actor=None, agency=bureau, title=f"{year}年度行政执法案卷评查", year=year
    )
    services.campaign_commit(actor=None, campaign=campaign, per_agency=services.min_files_per_agency())
    services.campaign_draw(actor=None, campaign=campaign)
    services.campaign_assign_auto(actor=None, campaign=campaign)
    files = list(campaign.files.order_by("order")[:3])
    # the first two files: both reviewers adopt the pre-scoring and deduct a little on 事实与证据
    # the third: 2 and 16 points apart on it, more than the threshold — a third reviewer is needed
    for file, deductions in zip(files, [(2, 3), (4, 4), (2, 16)], strict=False):
        for review, c1 in zip(file.reviews.order_by("id"), deductions, strict=True):
            review = FileReview.objects.select_related("reviewer").get(pk=review.pk)
            if review.status == ReviewStatus.PENDING:
                services.review_submit(
                    actor=review.reviewer,
                    review=review,
                    scores={"C1": services.ItemInput(deduction=Decimal(c1))},
                )
    stdout.write(f"案卷评查：{campaign.title}，抽取{campaign.files.count()}卷")
