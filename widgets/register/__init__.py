"""The household register: a lazy table over 200,000 households with search and filters."""

from widgets.register.model import (
    COLUMNS,
    HOUSEHOLD_ID_ROLE,
    DatabaseRegisterSource,
    FilterOptions,
    RegisterModel,
    RegisterSource,
)
from widgets.register.view import RegisterView

__all__ = [
    "COLUMNS", "HOUSEHOLD_ID_ROLE", "DatabaseRegisterSource", "FilterOptions", "RegisterModel",
    "RegisterSource", "RegisterView",
]
