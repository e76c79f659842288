"""The menu's breadcrumbs and a module's tabs pick the page's entry alike: its own address, else the longest
that starts it; the home page's "/" only on itself."""

from zhifa.core.menu import breadcrumbs_for, deepest_start

URLS = ["/", "/org/agencies/", "/org/", "/org/agencies/"]


def test_the_page_itself_then_the_longest_start():
    assert deepest_start(URLS, "/org/agencies/") == "/org/agencies/"
    assert deepest_start(URLS, "/org/agencies/3/") == "/org/agencies/"
    assert deepest_start(URLS, "/org/regions/") == "/org/"
    assert deepest_start(URLS, "/") == "/"
    assert deepest_start(URLS, "/cases/") is None


def test_breadcrumbs_name_the_first_entry_of_that_address():
    menu = [
        {"module": "组织机构", "items": [{"label": "机关/机构", "url": "/org/agencies/"}]},
        {"module": "系统管理", "items": [{"label": "机关维护", "url": "/org/agencies/"}]},
    ]
    assert breadcrumbs_for(menu, "/org/agencies/3/") == {
        "module": "组织机构",
        "item": {"label": "机关/机构", "url": "/org/agencies/"},
        "current": False,
    }
    assert breadcrumbs_for(menu, "/org/agencies/")["current"] is True
    assert breadcrumbs_for(menu, "/cases/") is None
