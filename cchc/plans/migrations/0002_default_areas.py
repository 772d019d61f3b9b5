"""The default PAR areas (reference data; administrators can rename, reorder or add areas)."""

from django.db import migrations

DEFAULT_AREAS = [
    ("chi-dao-dieu-hanh", "Công tác chỉ đạo, điều hành cải cách hành chính", 10),
    ("the-che", "Cải cách thể chế", 20),
    ("tthc", "Cải cách thủ tục hành chính", 30),
    ("to-chuc-bo-may", "Cải cách tổ chức bộ máy hành chính nhà nước", 40),
    ("cong-vu", "Cải cách chế độ công vụ", 50),
    ("tai-chinh-cong", "Cải cách tài chính công", 60),
    ("chinh-phu-so", "Xây dựng và phát triển Chính phủ điện tử, Chính phủ số", 70),
    ("tuyen-truyen", "Công tác thông tin, tuyên truyền cải cách hành chính", 80),
    ("kiem-tra", "Công tác kiểm tra cải cách hành chính", 90),
]


def add_areas(apps, schema_editor):
    PlanArea = apps.get_model("plans", "PlanArea")
    for code, name, order in DEFAULT_AREAS:
        PlanArea.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]
    operations = [migrations.RunPython(add_areas, migrations.RunPython.noop)]
