"""转为投诉举报: a feedback forwarded in one action as a complaint (channel 社会监督员或监督联系点反馈), handled by
the agency it concerns; each shows the other and both record it; refused — nothing written — once forwarded,
once answered, outside the actor's region; the page and the API."""

import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.helpers import Writes, html
from zhifa.complaints import services as complaints
from zhifa.complaints.models import Complaint
from zhifa.core.models import Record
from zhifa.social.models import Feedback
from zhifa.social.services import feedback

pytestmark = pytest.mark.django_db


class ForwardWrites(Writes):
    counted = (Feedback, Complaint)


def test_forward_makes_a_complaint_of_the_agency_and_links_both(received, supervisor, market, records_of):
    complaint, code = feedback.feedback_forward(actor=supervisor, feedback=received)
    assert len(code) == 16 and complaints.by_code(code) == complaint
    assert (complaint.channel, complaint.kind, complaint.agency, complaint.status) == (
        "supervisor", "report", market, "pending")  # fmt: skip
    assert (complaint.title, complaint.content, complaint.subject_name) == (
        "检查时未出示执法证件", "农贸市场检查时未亮证", market.name)  # fmt: skip
    assert (complaint.name, complaint.phone, complaint.region) == (
        "行政执法监督员郑海燕", "13905710021", market.region)  # fmt: skip
    received.refresh_from_db()
    assert (received.status, received.complaint) == ("forwarded", complaint)
    assert records_of(received)[-1] == "social_feedback.forward"
    assert records_of(complaint) == ["complaint.submit", "complaint.from_feedback"]
    forward = json.loads(Record.objects.get(action="social_feedback.forward").payload)
    assert (forward["complaint"], forward["number"]) == (complaint.pk, complaint.number)
    assert json.loads(Record.objects.get(action="complaint.from_feedback").payload)["feedback"] == received.pk


def test_a_contact_point_is_reached_at_its_liaison(supervisor, point, market):
    sent = feedback.feedback_submit(
        actor=supervisor,
        data=feedback.FeedbackInput(agency=market, contact_point=point, title="重复检查", text="一周三次"),
    )
    complaint, _ = feedback.feedback_forward(
        actor=supervisor, feedback=sent, kind="complaint", subject_name="东区市场监管所"
    )
    assert (complaint.name, complaint.phone, complaint.address, complaint.kind, complaint.subject_name) == (
        "监督联系点测试绿源食品有限公司", "13405710076", "东区兴业路8号", "complaint", "东区市场监管所")  # fmt: skip


def test_refusals_write_nothing(received, supervisor, west_supervisor, head):
    writes = ForwardWrites()
    with pytest.raises(Http404):  # another county's supervisor: not even seen
        feedback.feedback_forward(actor=west_supervisor, feedback=received)
    with pytest.raises(PermissionDenied):  # the agency reads it, and may not forward it
        feedback.feedback_forward(actor=head, feedback=received)
    with pytest.raises(ValidationError) as exc:
        feedback.feedback_forward(actor=supervisor, feedback=received, kind="x")
    assert exc.value.message_dict == {"kind": ["“类别”的取值无效"]}
    assert writes.none
    complaint, _ = feedback.feedback_forward(actor=supervisor, feedback=received)
    writes = ForwardWrites()
    with pytest.raises(ValidationError) as exc:
        feedback.feedback_forward(actor=supervisor, feedback=received)
    assert exc.value.message_dict == {"status": [f"该反馈已转为投诉举报{complaint.number}，不能重复转办"]}
    assert writes.none


def test_an_answered_feedback_is_not_forwarded(received, supervisor):
    feedback.feedback_answer(actor=supervisor, feedback=received, answer="已核实整改")
    writes = ForwardWrites()
    with pytest.raises(ValidationError) as exc:
        feedback.feedback_forward(actor=supervisor, feedback=received)
    assert exc.value.message_dict == {
        "status": ["反馈当前为“已答复”，不能转为投诉举报（应为：待受理、已受理）"]
    }
    assert writes.none


def test_the_pages_link_each_other(client, received, supervisor, head, west_supervisor):
    client.force_login(supervisor)
    page = html(client.get(f"/social/feedback/{received.pk}/"))
    assert f'href="/social/feedback/{received.pk}/forward/"' in page and "转为投诉举报" in page
    response = client.post(f"/social/feedback/{received.pk}/forward/", {"kind": "report", "subject_name": ""})
    assert response.status_code == 302 and response["Location"] == f"/social/feedback/{received.pk}/"
    complaint = Complaint.objects.get()
    page = html(client.get(response["Location"]))
    assert f"已转为投诉举报{complaint.number}，由东区市场监督管理局承办。查询码：" in page
    assert f'<a href="/complaints/{complaint.pk}/">{complaint.number}</a>' in page
    assert f'href="/social/feedback/{received.pk}/forward/"' not in page
    for user in (supervisor, head):  # the bureau and the handling agency see where it came from
        client.force_login(user)
        page = html(client.get(f"/complaints/{complaint.pk}/"))
        assert f'<a href="/social/feedback/{received.pk}/">检查时未出示执法证件</a>' in page
        assert "社会监督员或监督联系点反馈" in page
    client.force_login(west_supervisor)
    assert client.get(f"/social/feedback/{received.pk}/forward/").status_code == 404
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 404


def test_the_api(client, received, supervisor, west_supervisor):
    url = f"/api/social/feedback/{received.pk}/forward"
    client.force_login(west_supervisor)
    assert client.post(url, "{}", content_type="application/json").status_code == 404
    client.force_login(supervisor)
    response = client.post(url, json.dumps({"kind": "complaint"}), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    complaint = Complaint.objects.get()
    assert (body["complaint_id"], body["number"]) == (complaint.pk, complaint.number)
    assert complaints.by_code(body["code"]) == complaint
    detail = client.get(f"/api/social/feedback/{received.pk}").json()
    assert (detail["status"], detail["complaint_id"], detail["complaint_number"]) == (
        "forwarded", complaint.pk, complaint.number)  # fmt: skip
    again = client.post(url, "{}", content_type="application/json")
    assert again.status_code == 422
    assert again.json()["detail"][0]["msg"] == f"该反馈已转为投诉举报{complaint.number}，不能重复转办"
    assert Complaint.objects.count() == 1
