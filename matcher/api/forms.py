"""What the API takes and gives, as models (its forms, as a page's are WTForms): the endpoints
validate with them and the document describes them (``blueprint.document``), so the document cannot
say one thing while the code checks another."""

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..conflicts.clientlists import COLUMNS
from ..models.imports import IMPORT_STATES
from ..needs.states import MATCH_STATES

CLIENTS_MAX = 1_000_000  # as many rows as an uploaded file may hold


class Strict(BaseModel):
    """A field not described is refused rather than ignored: a typo in a name must not pass."""

    model_config = ConfigDict(extra="forbid")


class Problem(Strict):
    """Why a request was refused: ``errors`` lists every problem found, line by line for a client list."""

    title: str
    errors: list[str] = []


# An alias as the file's cell holds it: the cell separates its names with "|".
Alias = Annotated[str, Field(min_length=1, max_length=500, pattern=r"^[^|]*$")]


class Client(Strict):
    """One client, with the columns of the upload's CSV file (``aliases`` as a list)."""

    id: str = Field(min_length=1, max_length=100)
    name: str = Field(min_length=1, max_length=500)
    aliases: list[Alias] = Field(default=[], max_length=50)
    kind: str = Field(default="", max_length=40, description="organisation or person, in any of the words "
                                                             "the upload reads; empty: read from the name")
    country: str = Field(default="", max_length=60)
    parent_id: str = Field(default="", max_length=100, description="the id of another client of the list")
    lei: str = Field(default="", max_length=20)
    relationship: str = Field(default="", max_length=40, description="current (the default) or former")
    ended: str = Field(default="", max_length=10, description="the day a former client stopped being one, "
                                                              "YYYY-MM-DD")

    def record(self) -> dict[str, str]:
        """The client as the upload's reader takes a CSV line."""
        values = self.model_dump()
        values["aliases"] = "|".join(self.aliases)
        return {column: values[column] for column in COLUMNS}


class ClientList(Strict):
    """A firm's whole client list, which replaces the current one."""

    clients: list[Client] = Field(min_length=1, max_length=CLIENTS_MAX)


class ClientImport(Strict):
    """Where an import of a client list stands; it is done when ``state`` is done or failed."""

    id: int
    state: Literal[IMPORT_STATES]
    rows: int
    needs_screened: int | None
    screened: int | None = Field(description="open needs screened again so far, while it runs")
    to_screen: int | None = Field(description="open needs to screen again, while it runs")
    error: str
    notes: list[str] = Field(default=[], description="how the kinds written in the list were read, "
                                                     "when the import is started")
    created_at: datetime
    finished_at: datetime | None


class Party(Strict):
    name: str
    aliases: list[str]
    kind: str
    country: str


class Summary(Strict):
    """What the firm's page shows of a need before the defender consents: never their identity."""

    threat: str
    country: str
    languages: list[str]
    help_wanted: list[str]
    practice_areas: list[str]
    urgency: str
    deadline: date | None
    handling: str
    summary: str
    adverse_parties: list[Party]


class Matter(Strict):
    """A matter proposed to the firm: its summary while the firm may read it, else none."""

    id: int
    state: Literal[MATCH_STATES]
    offer: str
    proposed_at: datetime
    answer_by: datetime | None = Field(description="when the firm's answer is due, for an urgent matter")
    summary: Summary | None


class Matters(Strict):
    matters: list[Matter]


class Answer(Strict):
    """The firm's answer to a proposal; a decline says why, as on the page."""

    answer: Literal["accept", "decline"]
    reason: str = Field(default="", max_length=2000)
