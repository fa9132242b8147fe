"""Cooling: electric power and water of the heat-rejection plants (`plant`), hour by hour from
the site's climate (`hourly`)."""

from gigawatt.cooling.hourly import *  # noqa: F403
from gigawatt.cooling.plant import *  # noqa: F403
from gigawatt.cooling.plant import _compressor_kw_per_kw  # noqa: F401
