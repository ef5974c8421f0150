"""Profiles from plain records (JSON objects) whose values may be free text or codes.

This is the engine's front door for files and tools: "Honduras", "HND" or "HN";
"difamación" or "defamation"; "América Latina" for a fund's regions. A value the
platform does not know is left out with a warning naming it and the closest known
term, and the rest is ranked; a record that cannot be ranked without it is held back
(``unknown``). ``strict`` makes every such value a problem instead. A malformed value
(a date that is not one, a negative capacity) is always a problem: the input is refused
with every problem named at once.
"""

from dataclasses import dataclass, field
from datetime import date

from . import places, taxonomy
from .profiles import FundProfile, NeedProfile, OfferProfile
from .unknown import Terms, Unknown, Words


class RecordError(ValueError):
    """Every problem found in the input, each naming the record and the field, with the
    warnings about the values left out, which a person fixing the input wants at once too."""

    def __init__(self, problems: list[str], warnings: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems
        self.warnings = warnings


@dataclass
class Loaded:
    """The profiles to rank, and every value not understood: as data (``unknown``) and in the
    command line's words (``warnings``)."""

    needs: list[NeedProfile]
    offers: list[OfferProfile]
    funds: list[FundProfile]
    unknown: list[Unknown] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load(needs, offers, funds, *, strict: bool = False) -> Loaded:
    """Profiles for three lists of records; RecordError lists every problem at once."""
    loaded = Loaded([], [], [])
    problems: list[str] = []
    for kind, records, build, profiles in (("need", needs, _need, loaded.needs),
                                           ("offer", offers, _offer, loaded.offers),
                                           ("fund", funds, _fund, loaded.funds)):
        for reader, profile in _each(kind, records, build, problems):
            loaded.unknown += reader.words.unknown
            for word in reader.words.unknown:
                (problems if strict else loaded.warnings).append(_said(reader, word, strict))
            if reader.ok and not reader.words.held_back:
                profiles.append(profile)
    if problems:
        raise RecordError(problems, loaded.warnings)
    return loaded


def _said(reader: "_Reader", word: Unknown, strict: bool) -> str:
    """The word as a problem, or as a warning saying what came of it."""
    said = f"{reader.where}: {word.field}: {word.english()}"
    if strict:
        return said
    return said + (f"; the {word.kind} is not ranked" if word.holds_back else "; left out")


def _each(kind: str, records, build, problems: list[str]):
    """Each record's reader and profile, the profile to be used only if the reader is ``ok``."""
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        problems.append(f"the {kind}s must be a list of objects")
        return
    seen = set()
    for number, record in enumerate(records, start=1):
        reader = _Reader(kind, number, record, problems)
        profile = build(reader)
        if reader.ok and profile.id in seen:
            problems.append(f"{reader.where}: the id {profile.id!r} is used twice")
            reader.ok = False
        seen.add(profile.id)
        yield reader, profile


def _need(r: "_Reader") -> NeedProfile:
    threat = r.code("threat", taxonomy.threats, required=False, decisive=False) or ""
    return NeedProfile(
        id=r.ident("id"),
        country=r.code("country", places.COUNTRIES) or "",
        languages=r.codes("languages", places.LANGUAGES),
        threat=threat,
        practice_areas=taxonomy.areas_for(threat, r.codes("practice_areas", taxonomy.practice_areas, decisive=False)),
        help_wanted=r.codes("help", taxonomy.help_kinds),
        urgency=r.code("urgency", taxonomy.urgencies, required=False) or "standard",
        deadline=r.day("deadline"),
        defender_kinds=_defender_kinds(r),
        amount_needed=r.number("amount_needed"),
        currency=r.currency("currency", required=r.record.get("amount_needed") is not None),
        needs_local_counsel=r.flag("needs_local_counsel"),
        conflicted_firms=frozenset(r.idents("conflicted_firms")),
        unscreened_firms=frozenset(r.idents("unscreened_firms")),
    )


def _defender_kinds(r: "_Reader") -> frozenset[str]:
    """Every kind the defender is, from ``defender_kinds`` (a list) and ``defender_kind`` (one, as files
    written before a defender could be several say it), or an individual defender if neither says."""
    one = r.code("defender_kind", taxonomy.defender_kinds, required=False)
    kinds = r.codes("defender_kinds", taxonomy.defender_kinds) | ({one} if one else set())
    return kinds or frozenset({"individual"})


def _offer(r: "_Reader") -> OfferProfile:
    return OfferProfile(
        id=r.ident("id"),
        firm_id=r.ident("firm_id"),
        jurisdictions=places.expand(r.codes("jurisdictions", places.PLACES, required=True)),
        languages=r.codes("languages", places.LANGUAGES, required=True),
        practice_areas=r.codes("practice_areas", taxonomy.practice_areas, decisive=False),
        help_kinds=r.codes("help", taxonomy.help_kinds, required=True),
        capacity_left=int(r.number("capacity", required=True, whole=True) or 0),
        emergency=r.flag("emergency"),
        valid_from=r.day("valid_from"),
        valid_until=r.day("valid_until"),
        firm_country=r.code("firm_country", places.COUNTRIES, required=False, decisive=False) or "",
        offices=r.codes("offices", places.COUNTRIES, decisive=False),
        acceptance_rate=r.number("acceptance_rate", most=1),
        median_response_hours=r.number("median_response_hours"),
        works_with_local_counsel=r.flag("works_with_local_counsel"),
    )


def _fund(r: "_Reader") -> FundProfile:
    return FundProfile(
        id=r.ident("id"),
        name=str(r.record.get("name") or ""),
        countries=places.expand(r.codes("regions", places.PLACES)),
        defender_kinds=r.codes("defender_kinds", taxonomy.defender_kinds),
        covers=r.codes("covers", taxonomy.help_kinds, required=True),
        turnaround_days=int(r.number("turnaround_days", required=True, whole=True) or 0),
        max_amount=r.number("max_amount"),
        currency=r.currency("currency", required=r.record.get("max_amount") is not None),
    )


class _Reader:
    """Reads one record's fields, collecting its problems (refusals) and, in ``words``, the
    values it did not understand."""

    def __init__(self, kind: str, number: int, record: dict, problems: list[str]):
        ident = record.get("id")
        self.where = f"{kind} #{number}" + (f" (id {ident!r})" if ident is not None else "")
        self.record = record
        self.words = Words(kind, str(ident))
        self._problems = problems
        self.ok = True

    def _problem(self, name: str, message: str) -> None:
        self._problems.append(f"{self.where}: {name}: {message}")
        self.ok = False

    def ident(self, name: str) -> str:
        value = self.record.get(name)
        if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
            self._problem(name, "a text or number id is required")
            return ""
        return str(value).strip()

    def idents(self, name: str) -> list[str]:
        return [str(value) for value in self._list(name) if isinstance(value, str | int)]

    def _list(self, name: str) -> list:
        """A list field: a JSON list, a single string standing for a list of one, or absent."""
        value = self.record.get(name)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return value
        self._problem(name, "must be a list of texts")
        return []

    def codes(self, key: str, terms: Terms, *, decisive: bool = True, required: bool = False) -> frozenset[str]:
        """A decisive list holds the record back when none of it is understood: an empty list of
        regions, kinds of defender, languages or help means "any", which the record never said."""
        texts = self._list(key)
        if required and not texts:
            self._problem(key, "at least one is required")
        return self.words.codes(key, self._texts(key, texts), terms, decisive=decisive)

    def code(self, key: str, terms: Terms, *, required: bool = True, decisive: bool = True) -> str | None:
        text = self.record.get(key)
        if text is None or text == "":
            if required:
                self._problem(key, "is required")
            return None
        texts = self._texts(key, [text])
        return self.words.code(key, texts[0], terms, decisive=decisive) if texts else None

    def _texts(self, key: str, values: list) -> list[str]:
        for value in values:
            if not isinstance(value, str):
                self._problem(key, f"{value!r} should be a text")
        return [value for value in values if isinstance(value, str)]

    def day(self, name: str) -> date | None:
        value = self.record.get(name)
        if value is None or value == "":
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            self._problem(name, f"{value!r} is not a date like 2026-12-01")
            return None

    def number(self, name: str, *, required: bool = False, whole: bool = False, most: float | None = None
               ) -> float | None:
        value = self.record.get(name)
        if value is None:
            if required:
                self._problem(name, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or (whole and value != int(value)):
            self._problem(name, f"{value!r} is not a {'whole ' if whole else ''}number")
            return None
        if value < 0 or (most is not None and value > most):
            bounds = f"between 0 and {most:g}" if most is not None else "0 or more"
            self._problem(name, f"{value!r} must be {bounds}")
            return None
        return value

    def flag(self, name: str) -> bool:
        value = self.record.get(name, False)
        if not isinstance(value, bool):
            self._problem(name, f"{value!r} must be true or false")
            return False
        return value

    def currency(self, name: str, required: bool) -> str:
        value = self.record.get(name)
        if value is None or value == "":
            if required:
                self._problem(name, "is required with an amount (an ISO 4217 code such as USD)")
            return ""
        code = places.currency(value) if isinstance(value, str) else None
        if code is None:
            self._problem(name, f"{value!r} is not an ISO 4217 currency code such as USD")
            return ""
        return code
