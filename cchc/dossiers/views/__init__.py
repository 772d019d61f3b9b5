from cchc.dossiers.views.dossiers import dossier_detail, dossier_import, dossier_list, import_sample
from cchc.dossiers.views.reference import (
    calendar,
    calendar_day_delete,
    procedure_export,
    procedure_import,
    procedure_list,
)
from cchc.dossiers.views.stats import (
    decision766,
    indicator_values,
    reported_totals,
    statistics,
    statistics_export,
)

__all__ = [
    "calendar",
    "calendar_day_delete",
    "decision766",
    "dossier_detail",
    "dossier_import",
    "dossier_list",
    "import_sample",
    "indicator_values",
    "procedure_export",
    "procedure_import",
    "procedure_list",
    "reported_totals",
    "statistics",
    "statistics_export",
]
