from django.apps import AppConfig


class EquipmentConfig(AppConfig):
    """音像记录设备 (seed 003 一(四), 三(一)4, 三(二)2): each agency's register of 执法记录仪 and other
    recording equipment, 领用 and 归还, the equipment-to-officer ratio against the standard, the device a
    recorded piece of evidence was made on, and the justice bureau's 摸底统计 of its region."""

    name = "zhifa.equipment"
    label = "equipment"
    verbose_name = "音像记录设备"

    def ready(self):
        from .wiring import wire

        wire()
