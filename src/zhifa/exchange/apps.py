from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    """数据交换 (issue 16 item 5): the documented exchange schema, incremental export by change time over
    the record log, idempotent import of another instance's export with conflicts reported, and the batches
    page of the system admin and the justice bureau."""

    name = "zhifa.exchange"
    label = "exchange"
    verbose_name = "数据交换"

    def ready(self):
        from .wiring import wire

        wire()
