"""The deadlines of 1+X 协同 (core.ontime.Deadline), each counted for the agency that owes the duty: the one
definition the dashboards' on-time rates (stats/rates/collaboration.py) and the 评议考核 leaves of 部门协作配合
(indicators.py) are both built from."""

from django.db.models import F, Q

from zhifa.core.ontime import Deadline

from .assistance.choices import AssistanceStatus
from .models import AssistanceRequest, Notice, Transfer
from .transfers.choices import TransferStatus

# 移送: the sender sends within 3 working days of discovery (an urgent one within its 24 hours)
TRANSFERS = Deadline(
    model=Transfer,
    agency="agency_id",
    due="due_on",
    # withdrawn before it was sent: the sender decided not to transfer, no duty to send
    base=~Q(status=TransferStatus.WITHDRAWN, sent_at__isnull=True),
    done=Q(sent_at__isnull=False),
    on_time=Q(sent_at__date__lte=F("due_on")) & (Q(urgent=False) | Q(sent_at__lte=F("due_at"))),
    select_related=("agency", "receiver"),
    order_by=("due_on", "pk"),
)

# 移送 received: the receiver accepts or refuses it by its 接收处理期限
TRANSFER_ANSWERS = Deadline(
    model=Transfer,
    agency="receiver_id",
    due="answer_due",
    done=Q(answered_at__isnull=False),
    on_time=Q(answered_at__date__lte=F("answer_due")),
    select_related=("agency", "receiver"),
    order_by=("answer_due", "pk"),
)

# 抄告: the sender sends it by its 抄告期限
NOTICES = Deadline(
    model=Notice,
    agency="sender_id",
    due="due_on",
    done=Q(sent_at__isnull=False),
    on_time=Q(sent_at__date__lte=F("due_on")),
    select_related=("sender", "receiver"),
    order_by=("due_on", "pk"),
)

# 协助: the helper answers in writing by its 答复期限
ASSISTANCE = Deadline(
    model=AssistanceRequest,
    agency="helper_id",
    due="due_on",
    # a 不予协助 keeps no date of its own: not counted (architecture §13)
    base=~Q(status=AssistanceStatus.DECLINED),
    done=Q(answered_on__isnull=False),
    on_time=Q(answered_on__lte=F("due_on")),
    select_related=("requester", "helper"),
    order_by=("due_on", "pk"),
)
