from django.db import models


class MeetingKind(models.TextChoices):
    JOINT_CONFERENCE = "conference", "联席会议"
    CONSULTATION = "consultation", "联合会商"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "待召开"
    HELD = "held", "已召开"


class DecisionStatus(models.TextChoices):
    OPEN = "open", "落实中"
    DONE = "done", "已落实"
