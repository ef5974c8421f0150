"""The API for firms' own systems (``/api/v1``): their client list and the matters proposed to them.

JSON in and out, every request and answer a model of ``forms``, from which ``blueprint`` makes the
document served at ``/api/v1/openapi.json``. A firm's member makes a token on the firm's page; the
token acts for that firm as that member (``accounts.api_tokens``), so every change goes through the
same workflow, checks and audit trail as the pages.
"""

from . import views  # noqa: F401 - importing the views registers them
from .blueprint import bp

__all__ = ["bp"]
