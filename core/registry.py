"""Which models hold an agency's data, and how a row leads to its agency and year.

Each app declares its own models in its `AppConfig.ready()`; the year lock
(`agencies/locking.py`), the data-version bump (`agencies/versioning.py`), the
invalidation of cached users (`core/invalidation.py`) and the URL-access test read
this registry. A model added to an app therefore needs one declaration beside it and
no list anywhere else; `tests/core/test_registry.py` fails for a model that points
at agency-year data without being declared.

Paths are Django lookups from a row ("indicator__period__agency"): the same string
filters a queryset and is followed attribute by attribute on an instance.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class AgencyYearData:
    """How the rows of one model belong to an agency and a year (or a span of years)."""

    model: type[models.Model]
    agency: str  # lookup to the agency foreign key
    first_year: str  # lookups to the years a row belongs to; equal for yearly data,
    last_year: str  # a Renstra period's start and end for plan data
    locked: bool  # frozen while a report of those years is final
    versioned: bool  # a change bumps the agency's data version (cached pages and parts)

    @property
    def is_yearly(self) -> bool:
        return self.first_year == self.last_year

    def agency_id_of(self, row: models.Model) -> int | None:
        *hops, last = self.agency.split("__")
        return getattr(_follow(row, hops), f"{last}_id")

    def years_of(self, row: models.Model) -> tuple[int, int]:
        return _follow(row, self.first_year.split("__")), _follow(row, self.last_year.split("__"))

    def rows_of(self, agency_id: int) -> models.QuerySet:
        return self.model._default_manager.filter(**{f"{self.agency}_id": agency_id})


def _follow(row, hops: list[str]):
    for hop in hops:
        row = getattr(row, hop)
    return row


_agency_year: dict[type[models.Model], AgencyYearData] = {}
_shared: set[type[models.Model]] = set()
_accounts: dict[type[models.Model], str] = {}


def agency_year_data(
    model: type[models.Model],
    *,
    agency: str,
    year: str | None = None,
    years: tuple[str, str] | None = None,
    locked: bool = False,
    versioned: bool = True,
) -> None:
    """Declare `model` as data of one agency for one `year` (or a span of `years`)."""
    if (year is None) == (years is None):
        raise ValueError(f"{model.__name__}: give either year or years")
    first, last = (year, year) if year else years
    _agency_year[model] = AgencyYearData(model, agency, first, last, locked, versioned)


def shared_data(model: type[models.Model]) -> None:
    """Declare `model` as data that shapes every agency's results (predicate scales)."""
    _shared.add(model)


def account_data(model: type[models.Model], *, user: str) -> None:
    """Declare `model` as data that changes what one user sees on every page (roles,
    notifications): a change forgets that user's cached user and pages."""
    _accounts[model] = user


def agency_year_entry(model: type[models.Model]) -> AgencyYearData | None:
    return _agency_year.get(model)


def agency_year_entries() -> list[AgencyYearData]:
    return list(_agency_year.values())


def is_shared_data(model: type[models.Model]) -> bool:
    return model in _shared


def account_user_id(row: models.Model) -> int | None:
    """The user whose view `row` changes, when its model is declared account data."""
    path = _accounts.get(type(row))
    if path is None:
        return None
    *hops, last = path.split("__")
    return getattr(_follow(row, hops), f"{last}_id")
