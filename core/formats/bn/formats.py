# The English formats, grouped in lakhs and crores (see core/formats/__init__.py).
from core.formats.en.formats import *  # noqa: F403

NUMBER_GROUPING = (3, 2, 0)  # 12,34,567
