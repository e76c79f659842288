"""The 法制审核 state machine, in one table (see cases.machine): the services' status guards and the
review page's buttons read it, so "which states allow action X" is written here only."""

from zhifa.cases.machine import START, Machine, Transition

from .choices import ReviewStatus

SUBMIT = "review.submit_review"
OPINION = "review.give_opinion"
RESOLVE = "review.resolve_dispute"
COORDINATE = "review.coordinate_pool"

R = ReviewStatus
ANY = tuple(ReviewStatus.values)
T = Transition
TABLE: tuple[Transition, ...] = (
    T("submit", "送法制审核", SUBMIT, (START,), R.SUBMITTED),
    # after 存在问题 the next step is to answer and resubmit; after a pass, a changed proposal only
    T("resubmit", "重新送审", SUBMIT, (R.PROBLEMS,), R.SUBMITTED, variant="answer", main=True),
    T("resubmit", "重新送审", SUBMIT, (R.PASSED,), R.SUBMITTED, variant="change"),
    T("assign", "改派审核人员", COORDINATE, (R.SUBMITTED,)),
    T("opinion", "出具审核意见", OPINION, (R.SUBMITTED,), R.PASSED, variant="agree", condition="同意", main=True),
    T("opinion", "出具审核意见", OPINION, (R.SUBMITTED,), R.PROBLEMS, variant="problems", condition="存在问题",
      main=True),
    T("dispute", "提出异议", SUBMIT, (R.PROBLEMS,), R.DISPUTED),
    T("resolve", "处理审核异议", RESOLVE, (R.DISPUTED,), R.PASSED, variant="overrule",
      condition="不采纳法制审核意见", main=True),
    T("resolve", "处理审核异议", RESOLVE, (R.DISPUTED,), R.PROBLEMS, variant="uphold",
      condition="采纳法制审核意见", main=True),
    T("pre-review", "提请预审核", SUBMIT, ANY),
    T("invite", "登记法律顾问、公职律师意见", SUBMIT, ANY),
)  # fmt: skip

MACHINE = Machine(ReviewStatus, TABLE, record_prefix="review", subject="法制审核", start_label="调查终结")
