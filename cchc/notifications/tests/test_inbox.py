"""The user's inbox: pages, API and bell. Users only ever reach their own notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from cchc.notifications.context_processors import unread_count
from cchc.notifications.models import Notification
from cchc.notifications.selectors import notifications_for_user
from cchc.notifications.services import notify

pytestmark = pytest.mark.django_db


def vi(message, plural=None, count=None):
    """The Vietnamese text users see (the English msgid until the catalogue has it)."""
    with translation.override("vi"):
        if plural is None:
            return translation.gettext(message)
        return translation.ngettext(message, plural, count) % {"count": count}


def make(user, key, *, read=False, minutes_ago=0, url="/don-vi/", level="info", title=None):
    notify(recipients=[user], key=key, title=title or f"Thông báo {key}", url=url, level=level, email=False)
    n = Notification.objects.get(user=user, key=key)
    n.created_at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    n.read_at = timezone.now() if read else None
    n.save()
    return n


@pytest.fixture
def inbox(personas):
    officer = personas.dept_officer
    return {
        "old_unread": make(officer, "a", minutes_ago=60),
        "new_read": make(officer, "b", read=True, minutes_ago=1),
        "new_unread": make(officer, "c", minutes_ago=5, level="danger", title="Quá hạn 10 ngày"),
        "theirs": make(personas.commune_officer, "d"),
    }


class TestList:
    def test_unread_first_then_newest_and_only_own(self, personas, inbox):
        assert list(notifications_for_user(personas.dept_officer)) == [
            inbox["new_unread"],
            inbox["old_unread"],
            inbox["new_read"],
        ]
        assert list(notifications_for_user(personas.dept_officer, unread_only=True)) == [
            inbox["new_unread"],
            inbox["old_unread"],
        ]

    def test_page_shows_own_notifications_only(self, personas, inbox, client_for):
        response = client_for(personas.dept_officer).get(reverse("notifications:list"))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Thông báo a" in content and "Quá hạn 10 ngày" in content
        assert "Thông báo d" not in content
        assert list(response.context["page_obj"]) == [
            inbox["new_unread"],
            inbox["old_unread"],
            inbox["new_read"],
        ]
        assert response.context["notifications_unread"] == 2

    def test_unread_filter(self, personas, inbox, client_for):
        response = client_for(personas.dept_officer).get(reverse("notifications:list") + "?chua-doc=1")
        assert list(response.context["page_obj"]) == [inbox["new_unread"], inbox["old_unread"]]
        assert "Thông báo b" not in response.content.decode()

    def test_paginated(self, personas, client_for):
        for i in range(25):
            make(personas.leader, f"k{i}")
        c = client_for(personas.leader)
        assert len(c.get(reverse("notifications:list")).context["page_obj"]) == 20
        assert len(c.get(reverse("notifications:list") + "?page=2").context["page_obj"]) == 5

    def test_empty_inbox(self, personas, client_for):
        response = client_for(personas.nobody).get(reverse("notifications:list"))
        assert response.status_code == 200
        assert vi("You have no notifications.") in response.content.decode()

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(reverse("notifications:list"))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


class TestActions:
    def test_open_marks_read_and_goes_to_the_link(self, personas, inbox, client_for):
        n = inbox["old_unread"]
        response = client_for(personas.dept_officer).post(reverse("notifications:open", args=[n.pk]))
        assert response.status_code == 302 and response["Location"] == "/don-vi/"
        n.refresh_from_db()
        assert n.read_at is not None

    @pytest.mark.parametrize("url", ["https://evil.example/x", "//evil.example/x", ""])
    def test_open_never_leaves_the_site(self, personas, client_for, url):
        n = make(personas.dept_officer, "ext", url=url)
        response = client_for(personas.dept_officer).post(reverse("notifications:open", args=[n.pk]))
        assert response["Location"] == reverse("notifications:list")

    def test_mark_read_keeps_the_first_read_time(self, personas, inbox, client_for):
        n = inbox["new_read"]
        first = n.read_at
        client_for(personas.dept_officer).post(reverse("notifications:mark_read", args=[n.pk]))
        n.refresh_from_db()
        assert n.read_at == first

    def test_mark_read_with_htmx_returns_the_row_and_the_bell(self, personas, inbox, client_for):
        n = inbox["old_unread"]
        response = client_for(personas.dept_officer).post(
            reverse("notifications:mark_read", args=[n.pk]), HTTP_HX_REQUEST="true"
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert f'id="notification-{n.pk}"' in content
        assert 'id="notification-bell" href="/thong-bao/" hx-swap-oob="true"' in content
        assert ">1</span>" in content  # one unread left
        assert 'id="notification-toolbar" hx-swap-oob="true"' in content
        assert vi("Unread (%(counter)s)") % {"counter": 1} in content
        n.refresh_from_db()
        assert n.is_read

    def test_mark_read_without_htmx_goes_back_to_a_local_next(self, personas, inbox, client_for):
        c = client_for(personas.dept_officer)
        url = reverse("notifications:mark_read", args=[inbox["old_unread"].pk])
        assert c.post(url, {"next": "/thong-bao/?page=2"})["Location"] == "/thong-bao/?page=2"
        url = reverse("notifications:mark_read", args=[inbox["new_unread"].pk])
        assert c.post(url, {"next": "https://evil.example/"})["Location"] == reverse("notifications:list")

    @pytest.mark.parametrize("view", ["notifications:open", "notifications:mark_read"])
    @pytest.mark.parametrize(
        "persona",
        ["province_admin", "commune_officer", "appraiser", "leader", "outsider", "system_admin", "nobody"],
    )
    def test_someone_elses_notification_is_404_and_stays_unread(
        self, personas, inbox, client_for, view, persona
    ):
        n = inbox["old_unread"]
        response = client_for(getattr(personas, persona)).post(reverse(view, args=[n.pk]))
        assert response.status_code == 404
        assert "Thông báo a" not in response.content.decode()
        n.refresh_from_db()
        assert n.read_at is None

    def test_get_is_refused(self, personas, inbox, client_for):
        n = inbox["old_unread"]
        assert (
            client_for(personas.dept_officer).get(reverse("notifications:open", args=[n.pk])).status_code
            == 405
        )

    def test_mark_all_read_touches_only_own(self, personas, inbox, client_for):
        response = client_for(personas.dept_officer).post(reverse("notifications:mark_all_read"), follow=True)
        assert vi("%(count)d notification marked as read.", "%(count)d notifications marked as read.", 2) in (
            response.content.decode()
        )
        assert not Notification.objects.filter(user=personas.dept_officer, read_at__isnull=True).exists()
        assert Notification.objects.get(user=personas.commune_officer).read_at is None

    def test_clear_read_hides_only_own_read_ones(self, personas, inbox, client_for):
        make(personas.commune_officer, "e", read=True)
        response = client_for(personas.dept_officer).post(reverse("notifications:clear_read"), follow=True)
        assert vi("%(count)d read notification cleared.", "%(count)d read notifications cleared.", 1) in (
            response.content.decode()
        )
        assert list(notifications_for_user(personas.dept_officer)) == [
            inbox["new_unread"],
            inbox["old_unread"],
        ]
        assert notifications_for_user(personas.commune_officer).count() == 2

    def test_clear_with_nothing_read_says_so(self, personas, client_for):
        response = client_for(personas.leader).post(reverse("notifications:clear_read"), follow=True)
        assert vi("There are no read notifications to clear.") in response.content.decode()

    @pytest.mark.parametrize("view", ["notifications:mark_all_read", "notifications:clear_read"])
    def test_anonymous_posts_are_sent_to_login(self, client, inbox, view):
        response = client.post(reverse(view))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
        assert Notification.objects.filter(read_at__isnull=True).count() == 3


class TestApi:
    def test_list_own_with_unread_filter(self, personas, inbox, client_for):
        c = client_for(personas.dept_officer)
        data = c.get("/api/notifications").json()
        assert data["count"] == 3
        assert [i["key"] for i in data["items"]] == ["c", "a", "b"]
        assert data["items"][0]["level"] == "danger" and data["items"][0]["level_label"] == vi("Escalation")
        assert [i["key"] for i in c.get("/api/notifications?unread=true").json()["items"]] == ["c", "a"]

    def test_mark_read(self, personas, inbox, client_for):
        n = inbox["old_unread"]
        response = client_for(personas.dept_officer).post(f"/api/notifications/{n.pk}/read")
        assert response.status_code == 200 and response.json()["read_at"]

    @pytest.mark.parametrize("persona", ["province_admin", "outsider", "system_admin", "commune_officer"])
    def test_mark_someone_elses_is_404(self, personas, inbox, client_for, persona):
        n = inbox["old_unread"]
        response = client_for(getattr(personas, persona)).post(f"/api/notifications/{n.pk}/read")
        assert response.status_code == 404
        n.refresh_from_db()
        assert n.read_at is None

    def test_mark_all_read(self, personas, inbox, client_for):
        response = client_for(personas.dept_officer).post("/api/notifications/read-all")
        assert response.json() == {"updated": 2}
        assert Notification.objects.get(user=personas.commune_officer).read_at is None

    def test_anonymous_gets_401(self, client, inbox):
        assert client.get("/api/notifications").status_code == 401
        assert client.post(f"/api/notifications/{inbox['old_unread'].pk}/read").status_code == 401


class TestBell:
    def test_context_processor_counts_lazily_and_once(self, personas, inbox, django_assert_num_queries):
        request = RequestFactory().get("/")
        request.user = personas.dept_officer
        with django_assert_num_queries(0):
            context = unread_count(request)
        with django_assert_num_queries(1):
            assert int(context["notifications_unread"]) == 2
            assert str(context["notifications_unread"]) == "2"
            assert context["notifications_unread"]

    def test_anonymous_gets_nothing(self):
        request = RequestFactory().get("/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        assert unread_count(request) == {}

    @pytest.mark.parametrize(("count", "badge"), [(0, None), (3, ">3</span>"), (120, ">99+</span>")])
    def test_bell_partial(self, count, badge):
        html = render_to_string("notifications/_bell.html", {"notifications_unread": count})
        assert 'href="/thong-bao/"' in html
        if badge:
            assert badge in html and "bi-bell-fill" in html
        else:
            assert "badge" not in html and "bi-bell-fill" not in html
