"""The portal's lists newest 公示 first with the 公示日期 shown, the 处罚依据 of a penalty entry, the
navigation by region and agency, and no command line for the public."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache

from tests.publicity.conftest import published
from zhifa.publicity import services
from zhifa.publicity.choices import DisclosureStatus
from zhifa.publicity.models import Disclosure

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "zhifa"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _published_on(disclosure, day: date):
    Disclosure.objects.filter(pk=disclosure.pk).update(published_on=day)


@pytest.fixture
def three(agencies):
    east, west = agencies["east_market"], agencies["west_market"]
    entries = {
        "old": published(east, number="东市监许〔2026〕1号"),
        "newest": published(west, number="西市监许〔2026〕9号", subject_name="西县好运超市"),
        "middle": published(east, number="东市监许〔2026〕2号"),
    }
    _published_on(entries["old"], date(2026, 3, 3))
    _published_on(entries["newest"], date(2026, 3, 5))
    _published_on(entries["middle"], date(2026, 3, 4))
    return entries


def numbers_in(body: str) -> list[str]:
    return re.findall(r"[东西]市监许〔2026〕\d号", body)


def rows_of(body: str) -> list[list[str]]:
    table = body.split('data-testid="public-decisions"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)] for r in rows
    ]


@pytest.mark.parametrize("url", ["/gs/", "/gs/decisions/"])
def test_lists_show_the_newest_publication_first_with_its_date(client, three, url):
    rows = rows_of(client.get(url).content.decode())
    assert [(row[0], row[-2], row[-1]) for row in rows] == [
        ("西市监许〔2026〕9号", "2026-03-02", "2026-03-05"),
        ("东市监许〔2026〕2号", "2026-03-02", "2026-03-04"),
        ("东市监许〔2026〕1号", "2026-03-02", "2026-03-03"),
    ]


def test_the_agency_page_lists_its_own_newest_first(client, three, agencies):
    body = client.get(f"/gs/agencies/{agencies['east_market'].pk}/").content.decode()
    assert "th>公示日期</th>" in body
    assert numbers_in(body) == ["东市监许〔2026〕2号", "东市监许〔2026〕1号"]


def test_a_penalty_entry_shows_its_legal_basis(client, simple_decision):
    case = simple_decision()
    draft = Disclosure.objects.get(status=DisclosureStatus.DRAFT, source_id=str(case.decision.pk))
    entry = services.disclosure_publish(actor=None, disclosure=draft)
    basis = "《中华人民共和国市场主体登记管理条例》第四十八条第一款"
    assert entry.basis == basis
    assert json.loads(entry.entry)["basis"] == basis
    body = client.get(f"/gs/decisions/{entry.pk}/").content.decode()
    assert f'<dt>处罚依据</dt><dd data-testid="basis">{basis}</dd>' in body


def test_a_licence_has_no_penalty_basis_line(client, agencies):
    entry = published(agencies["east_market"])
    assert "处罚依据" not in client.get(f"/gs/decisions/{entry.pk}/").content.decode()


def links_of(body: str, testid: str) -> list[str]:
    block = body.split(f'data-testid="{testid}"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r">([^<>]+)</a>", block)


def test_regions_lead_to_agencies_step_by_step(client, agencies):
    home = client.get("/gs/").content.decode()
    assert links_of(home, "portal-regions") == ["测试市"]
    assert links_of(client.get("/gs/regions/").content.decode(), "regions") == ["测试市"]
    city = client.get("/gs/regions/", {"region": "970100"}).content.decode()
    assert links_of(city, "regions") == ["东区", "西县"]
    assert re.findall(r'/gs/agencies/\d+/">([^<]+)</a>', city) == ["测试市司法局"]
    east = client.get("/gs/regions/", {"region": "970102"}).content.decode()
    assert re.findall(r'/gs/agencies/\d+/">([^<]+)</a>', east) == ["东区司法局", "东区市场监督管理局"]
    assert 'data-testid="regions"' not in east  # no sub-region with an agency
    assert re.findall(r'<span aria-current="page">([^<]+)</span>', east) == ["东区"]
    assert f"/gs/decisions/?agency={agencies['east_market'].pk}&kind=inspection" in east


def test_region_agencies_are_paged(client, agencies, settings):
    from tests.factories import AgencyFactory

    for n in range(21):
        AgencyFactory(name=f"东区第{n:02d}执法局", region=agencies["east_market"].region)
    first = client.get("/gs/regions/", {"region": "970102"}).content.decode()
    assert "共 23 条，第 1/2 页" in first
    second = client.get("/gs/regions/", {"region": "970102", "page": 2}).content.decode()
    assert len(re.findall(r'/gs/agencies/\d+/">', second)) == 3


def test_the_decision_list_filters_by_region_and_offers_only_its_agencies(client, three, agencies):
    body = client.get("/gs/decisions/", {"region": "970121"}).content.decode()
    assert numbers_in(body) == ["西市监许〔2026〕9号"]
    options = re.findall(
        r'<option value="(\d*)"[^>]*>([^<]+)</option>', body.split('name="agency"')[1].split("</select>")[0]
    )
    assert options == [("", "西县全部机关"), (str(agencies["west_market"].pk), "西县市场监督管理局")]
    everything = client.get("/gs/decisions/").content.decode()
    agency_select = everything.split('name="agency"')[1].split("</select>")[0]
    assert re.findall(r"<option[^>]*>([^<]+)</option>", agency_select) == ["全部机关"]
    assert numbers_in(client.get("/gs/decisions/", {"region": "999999"}).content.decode()) == []


def test_no_public_page_tells_the_public_to_run_a_command():
    commands = re.compile(r"zhifa[ -]verify|verify-(draw|publication|campaign-draw|casefile)|命令行|用命令")
    public = [
        p
        for p in TEMPLATES.glob("*/templates/**/*.html")
        if "public" in p.name or p.name.startswith("_draw") or "registry/public" in str(p)
    ]
    assert len(public) > 20
    assert [str(p) for p in public if commands.search(p.read_text())] == []
