"""ORM models: the schema of the monitoring database (changed only through migrations),
one module per part: registry, facts, accounts, workflow, mail."""

from data_access.models.accounts import *  # noqa: F403
from data_access.models.base import NAMING, PARTNER_TYPES, Base  # noqa: F401
from data_access.models.facts import *  # noqa: F403
from data_access.models.mail import *  # noqa: F403
from data_access.models.registry import *  # noqa: F403
from data_access.models.workflow import *  # noqa: F403
