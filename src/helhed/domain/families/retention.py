"""When is a closed family case due for deletion?

A case closed on `closed_on` is due when it closed more than `months` months before `today`:

    due  ⇔  closed_on < months_before(today, months)

`months_before` moves back whole calendar months and clamps to the month's last day
(31 March minus one month is 29 February in a leap year).
"""

from __future__ import annotations

import calendar
from datetime import date


def months_before(day: date, months: int) -> date:
    if months < 0:
        raise ValueError("months must not be negative")
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def is_due(closed_on: date | None, today: date, months: int) -> bool:
    return closed_on is not None and closed_on < months_before(today, months)
