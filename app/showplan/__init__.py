"""Show planning (Qt-free): the rundown, what the host must say for each product, and R2/R3 records.

Public API::

    result = load_rundown("rundown.xlsx", ShowOptions(ai_host=True))
    if not result.ok:
        for error in result.errors: print(error)          # row, column, what to fix
    plan = result.plan
    plan.blocking_findings                                # negative list (000 第六条), R5
    plan.justify(row, who, reason, record=store.record)   # or plan.remove_product(row)
    reminders_for(product, plan.options)                  # S1…S8, AD16, AD18 for one product
    plan.show_reminders                                   # S9, S10: show-level, periodic
"""

from app.showplan.categories import CATEGORIES, Category
from app.showplan.importer import REQUIRED_COLUMNS, RundownCheck, check_rundown, load_rundown
from app.showplan.model import (
    AdSegment,
    Finding,
    ImportResult,
    PlanError,
    Product,
    Recorder,
    Reminder,
    RundownError,
    ShowOptions,
    ShowPlan,
)
from app.showplan.prices import parse_price, price_matches
from app.showplan.reminders import REMINDER_IDS, load_rules, reminders_for, show_reminders
from app.showplan.reviews import PRESHOW_ITEMS, PreshowChecklist, SelectionReview

__all__ = [
    "CATEGORIES",
    "PRESHOW_ITEMS",
    "REMINDER_IDS",
    "REQUIRED_COLUMNS",
    "AdSegment",
    "Category",
    "Finding",
    "ImportResult",
    "PlanError",
    "PreshowChecklist",
    "Product",
    "Recorder",
    "Reminder",
    "RundownCheck",
    "RundownError",
    "SelectionReview",
    "ShowOptions",
    "ShowPlan",
    "check_rundown",
    "load_rules",
    "load_rundown",
    "parse_price",
    "price_matches",
    "reminders_for",
    "show_reminders",
]
