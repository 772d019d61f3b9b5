"""API: the caller's own account and the accounts an administrator manages."""

# No `from __future__ import annotations` here: ninja builds its parameter models from the
# evaluated annotations of the operations.

from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from cchc.accounts import scope, selectors
from cchc.accounts.models import Role, User
from cchc.api.auth import current_user
from cchc.api.pagination import Pagination
from cchc.api.schemas.accounts import MeOut, UserDetailOut, UserOut
from cchc.api.schemas.common import ERRORS_READ, ErrorOut

router = Router(tags=["Tài khoản"])


@router.get("/me", response={200: MeOut, 401: ErrorOut}, summary="Người dùng hiện tại", url_name="me")
def me(request: HttpRequest) -> User:
    """Tài khoản đang gọi API, các vai trò và quyền theo từng đơn vị."""
    return current_user(request)


@router.get(
    "/users",
    response={200: list[UserOut], 401: ErrorOut, 403: ErrorOut},
    summary="Danh sách tài khoản được quản lý",
    url_name="user_list",
)
@paginate(Pagination)
def user_list(
    request: HttpRequest,
    q: Annotated[str, Query(description="Tìm theo tên đăng nhập, họ tên, thư điện tử (không cần dấu).")] = "",
    role: Annotated[Role | None, Query(description="Chỉ tài khoản có vai trò này.")] = None,
    unit_id: Annotated[int | None, Query(description="Chỉ tài khoản có vai trò tại đơn vị này.")] = None,
) -> QuerySet[User]:
    """Tài khoản giữ vai trò tại các đơn vị mà người gọi có quyền quản lý người dùng (403 nếu không có)."""
    user = current_user(request)
    if not scope.has_capability_anywhere(user, scope.MANAGE_USERS):
        raise PermissionDenied
    unit = scope.get_unit_for_user(user, unit_id) if unit_id is not None else None
    return selectors.users_for_user(user, query=q, role=role or "", unit=unit)


@router.get(
    "/users/{user_id}",
    response={200: UserDetailOut, **ERRORS_READ},
    summary="Chi tiết tài khoản",
    url_name="user_detail",
)
def user_detail(request: HttpRequest, user_id: int) -> User:
    """Một tài khoản mà người gọi quản lý (404 nếu ngoài phạm vi)."""
    return selectors.get_user_for_user(current_user(request), user_id)
