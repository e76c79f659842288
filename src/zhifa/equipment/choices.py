from django.db import models


class DeviceKind(models.TextChoices):
    """音像记录设备的种类 (seed 003 三(一)3–4: 录音、录像、照相、视频监控)."""

    BODY_CAMERA = "body_camera", "执法记录仪"
    CAMERA = "camera", "照相机"
    CAMCORDER = "camcorder", "摄像机"
    RECORDER = "recorder", "录音笔"
    OTHER = "other", "其他音像记录设备"


class DeviceStatus(models.TextChoices):
    """Only a device 在用 counts towards the agency's ratio and may be issued (领用)."""

    IN_USE = "in_use", "在用"
    REPAIR = "repair", "维修"
    IDLE = "idle", "闲置"
    SCRAPPED = "scrapped", "报废"
