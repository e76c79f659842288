from django.core.management.base import BaseCommand

from zhifa.cases.evidence.missing import missing_evidence
from zhifa.cases.evidence.services import check_evidence
from zhifa.cases.models import Evidence

BATCH = 500


class Command(BaseCommand):
    help = (
        "校验证据文件：重新计算每个证据文件的SHA-256，与证据登记和执法记录比对，并核对执法记录中记载的每份证据的登记都还在；"
        "全部完好时退出码为0，否则指出缺失、被删除或被改动的证据（第一个在前）并以1退出。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--case", type=int, help="只校验该案件（id）的证据")

    def handle(self, *args, case=None, **options):
        rows = Evidence.objects.select_related("case").order_by("id")
        if case is not None:
            rows = rows.filter(case_id=case)
        hashed: dict[str, bool] = {}  # a blob shared by several evidence rows is read once
        checked, problems, batch = 0, [], []
        for row in rows.iterator(chunk_size=BATCH):
            batch.append(row)
            if len(batch) == BATCH:
                problems += check_evidence(batch, hashed=hashed)
                checked, batch = checked + len(batch), []
        problems += check_evidence(batch, hashed=hashed)
        checked += len(batch)
        deleted = missing_evidence(case)
        if not problems and not deleted:
            self.stdout.write(f"证据文件完好：{checked} 份证据，{len(hashed)} 个文件。")
            return
        if problems:
            self.stderr.write(f"证据文件校验未通过（{len(problems)}/{checked} 份证据有问题）：")
            for problem in problems:
                self.stderr.write(str(problem))
        if deleted:
            self.stderr.write(f"证据登记被删除（{len(deleted)} 份）：")
            for gone in deleted:
                self.stderr.write(str(gone))
        raise SystemExit(1)
