"""Schemas of the account endpoints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from cchc.accounts import scope
from cchc.accounts.models import Membership, User
from cchc.api.schemas.common import UnitRef


class MembershipOut(Schema):
    id: int
    unit: UnitRef = Field(..., description="Đơn vị mà người dùng giữ vai trò.")
    role: str = Field(..., description="Mã vai trò: province_admin, focal_officer, unit_leader, …")
    role_label: str = Field(..., description="Tên vai trò theo ngôn ngữ hiện hành.")
    capabilities: list[str] = Field(
        ..., description="Quyền của vai trò trong đơn vị và các đơn vị trực thuộc (read, write, …)."
    )

    @staticmethod
    def resolve_role_label(obj: Membership) -> str:
        return str(obj.get_role_display())

    @staticmethod
    def resolve_capabilities(obj: Membership) -> list[str]:
        return sorted(scope.ROLE_CAPABILITIES[obj.role])


class MeOut(Schema):
    id: int
    username: str = Field(..., description="Tên đăng nhập.")
    full_name: str = Field(..., description="Họ và tên.")
    email: str = Field(..., description="Thư điện tử.")
    position: str = Field(..., description="Chức vụ.")
    is_system_admin: bool = Field(..., description="Quản trị hệ thống: xem và thay đổi mọi dữ liệu.")
    memberships: list[MembershipOut] = Field(..., description="Các vai trò đang có hiệu lực.")

    @staticmethod
    def resolve_is_system_admin(obj: User) -> bool:
        return scope.is_system_admin(obj)

    @staticmethod
    def resolve_memberships(obj: User) -> list[Membership]:
        return scope.memberships(obj)


class UserOut(Schema):
    id: int
    username: str = Field(..., description="Tên đăng nhập.")
    full_name: str = Field(..., description="Họ và tên.")
    email: str = Field(..., description="Thư điện tử.")
    position: str = Field(..., description="Chức vụ.")
    phone: str = Field(..., description="Điện thoại.")
    is_active: bool = Field(..., description="Tài khoản đang hoạt động.")
    memberships: list[MembershipOut] = Field(..., description="Các vai trò đang có hiệu lực.")

    @staticmethod
    def resolve_memberships(obj: User) -> list[Any]:
        return list(obj.memberships.all())  # prefetched (active only) by the selector


class UserDetailOut(UserOut):
    last_login: dt.datetime | None = Field(None, description="Lần đăng nhập gần nhất (ISO 8601).")
    date_joined: dt.datetime = Field(..., description="Ngày tạo tài khoản (ISO 8601).")
