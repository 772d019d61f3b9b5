"""Models of the one-stop dossier module (split by topic; import them from here)."""

from cchc.dossiers.models.calendar import CalendarDay, CalendarYear
from cchc.dossiers.models.catalogue import Procedure
from cchc.dossiers.models.dossier import Channel, Dossier, Outcome, Timeliness
from cchc.dossiers.models.indicators import (
    Indicator,
    IndicatorGroup,
    IndicatorSet,
    IndicatorValue,
)
from cchc.dossiers.models.summary import DailySummary, MonthlySummary, ReportedTotals

__all__ = [
    "CalendarDay",
    "CalendarYear",
    "Channel",
    "DailySummary",
    "Dossier",
    "Indicator",
    "IndicatorGroup",
    "IndicatorSet",
    "IndicatorValue",
    "MonthlySummary",
    "Outcome",
    "Procedure",
    "ReportedTotals",
    "Timeliness",
]
