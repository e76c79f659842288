"""The declared limits of evidence (issue 17, item 4): the largest file of each kind and the most files of
one case; a refusal names the field and leaves nothing stored (no row, no record, no file on disk)."""

import pytest
from django.core.exceptions import ValidationError

from tests.cases.test_evidence import (
    assert_nothing_written,
    blobs,
    evidence_records,
    png_bytes,
    start,
    temp_files,
    upload,
)
from zhifa.cases.evidence import services as evidence
from zhifa.cases.models import Evidence, UploadSession

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_photo_larger_than_the_photo_limit_is_refused(registered, handler_user, media, settings):
    settings.ZHIFA_EVIDENCE_KIND_MAX_BYTES = {"photo": 1000}
    with pytest.raises(ValidationError) as refused:
        start(handler_user, registered, size=1001, kind="photo")
    assert refused.value.message_dict == {
        "file": ["“文件”大小1001\xa0字节超过“照片”类证据的上限1000\xa0字节"]
    }
    assert_nothing_written(registered, media)
    # the same size as a video (a kind of its own limit) is taken
    session = start(handler_user, registered, size=1001, kind="video")
    assert UploadSession.objects.filter(pk=session.pk).exists()


def test_the_default_limits_per_kind(settings):
    from zhifa.cases.evidence import limits

    settings.ZHIFA_EVIDENCE_KIND_MAX_BYTES = {}
    overall = evidence.max_bytes()
    assert dict(limits.declared(overall)) == {
        "照片": 50 * 1024 * 1024,
        "录音": 500 * 1024 * 1024,
        "视频": 2048 * 1024 * 1024,
        "书证": 200 * 1024 * 1024,
        "电子数据": 2048 * 1024 * 1024,
        "放弃陈述申辩、听证的书面声明": 50 * 1024 * 1024,
    }
    assert limits.kind_max_bytes("video", 100) == 100  # never above the overall limit


def test_a_case_at_its_count_limit_takes_no_further_file(registered, handler_user, media, settings):
    settings.ZHIFA_EVIDENCE_MAX_PER_CASE = 2
    upload(handler_user, registered, png_bytes(10))
    upload(handler_user, registered, png_bytes(11))
    stored = blobs(media)
    with pytest.raises(ValidationError) as refused:
        start(handler_user, registered, png_bytes(12))
    assert refused.value.message_dict == {"file": ["“文件”：本案已有2个证据文件，达到每案上限，不能再上传"]}
    assert Evidence.objects.filter(case=registered).count() == 2 == evidence_records(registered).count()
    assert not UploadSession.objects.filter(finished=False).exists()
    assert temp_files(media) == [] and blobs(media) == stored


def test_uploads_started_below_the_limit_are_counted_again_at_finish(
    registered, handler_user, media, settings
):
    """Two uploads opened when the case had room: the second to finish is refused and its file removed."""
    settings.ZHIFA_EVIDENCE_MAX_PER_CASE = 1
    content = png_bytes(20)
    first, second = start(handler_user, registered, content), start(handler_user, registered, png_bytes(21))
    evidence.append_chunk(actor=handler_user, session_id=first.pk, offset=0, data=content)
    evidence.finish_upload(actor=handler_user, session_id=first.pk)
    stored = blobs(media)
    evidence.append_chunk(actor=handler_user, session_id=second.pk, offset=0, data=png_bytes(21))
    with pytest.raises(ValidationError) as refused:
        evidence.finish_upload(actor=handler_user, session_id=second.pk)
    assert "达到每案上限" in refused.value.messages[0]
    assert Evidence.objects.filter(case=registered).count() == 1 == evidence_records(registered).count()
    assert not UploadSession.objects.filter(pk=second.pk).exists()
    assert temp_files(media) == [] and blobs(media) == stored


def test_the_upload_page_states_the_limits(client, registered, handler_user, settings):
    settings.ZHIFA_EVIDENCE_KIND_MAX_BYTES = {"photo": 50 * 1024 * 1024}
    settings.ZHIFA_EVIDENCE_MAX_PER_CASE = 300
    client.force_login(handler_user)
    body = client.get(f"/cases/{registered.pk}/evidence/new/").content.decode()
    assert "照片50.0\xa0MB" in body and "录音500.0\xa0MB" in body and "每案最多300个证据文件" in body
