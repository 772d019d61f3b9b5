"""The main bar: one drop-down per field of work, entries the user may use, the active one marked."""

from django.urls import reverse

from cchc.core.menu import menu_for


def labels(entries):
    return [str(e["label"]) for e in entries]


def test_entries_are_grouped_in_sections_in_a_fixed_order(personas):
    menu = menu_for(personas.province_admin, "/")
    sections = [e for e in menu if "children" in e]
    assert labels(sections)[:2] == ["Kế hoạch, nhiệm vụ", "Chỉ số CCHC"]
    assert labels(sections)[-1] == "Quản trị"
    admin = sections[-1]
    assert reverse("accounts:user_list") in [c["url"] for c in admin["children"]]


def test_entries_need_their_capability(personas):
    urls = [c["url"] for e in menu_for(personas.leader, "/") for c in e.get("children", [e])]
    assert reverse("plans:list") in urls
    assert reverse("accounts:user_list") not in urls  # viewers do not manage accounts
    assert reverse("plans:my_tasks") not in urls  # nor report on tasks


def test_the_section_of_the_current_page_is_active(personas):
    menu = menu_for(personas.province_admin, reverse("plans:list"))
    active = [e for e in menu if e["active"]]
    assert labels(active) == ["Kế hoạch, nhiệm vụ"]
    assert [c["url"] for c in active[0]["children"] if c["active"]] == [reverse("plans:list")]


def test_the_bar_renders_drop_downs(client_for, personas):
    html = client_for(personas.province_admin).get("/").content.decode()
    assert 'class="nav-item dropdown"' in html
    assert f'class="dropdown-item" href="{reverse("plans:list")}"' in html
