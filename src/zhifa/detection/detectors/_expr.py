"""Database-side pieces the models share, so that no row goes through a Python function on SQLite
(Django computes date arithmetic there by calling back into Python for every row) and a date reaches the
reason as the text the database already holds instead of being parsed and formatted again per hit."""

from datetime import date

from django.db.models import CharField, DateField, F, Func
from django.db.models.functions import Cast


def iso(field: str) -> Cast:
    """The date column `field` as its ISO text (YYYY-MM-DD): stored as such on SQLite, cast on PostgreSQL."""
    return Cast(field, CharField())


class DaysBefore(Func):
    """`expression` − `days` days, a date computed by the database: date(x, '-N days') on SQLite, x − N on
    PostgreSQL (date minus integer)."""

    output_field = DateField()

    def __init__(self, expression: str | F, days: int):
        self.days = int(days)
        super().__init__(F(expression) if isinstance(expression, str) else expression)

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template=f"(%(expressions)s - {self.days})", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, template=f"date(%(expressions)s, '-{self.days} days')", **extra
        )


def day(text: str) -> date:
    """An ISO date text from `iso` back to a date (for the arithmetic of a reason)."""
    return date.fromisoformat(text)
