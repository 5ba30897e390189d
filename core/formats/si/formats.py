# The English formats (see core/formats/__init__.py): thousands grouping, day–month–year.
from core.formats.en.formats import *  # noqa: F403
