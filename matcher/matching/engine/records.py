"""Profiles from plain records (JSON objects) whose values may be free text or codes.

This is the engine's front door for files and tools: "Honduras", "HND" or "HN";
"difamación" or "defamation"; "América Latina" for a fund's regions. A value
that decides eligibility (a country, a language, a kind of help) must be
understood, or the record is refused with a message naming it: guessing would
hide a candidate or show a wrong one. A value that only moves the score (a
practice area, the threat) is left out with a warning instead.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from . import places, taxonomy
from .mapping import Mapping
from .profiles import FundProfile, NeedProfile, OfferProfile


class RecordError(ValueError):
    """Every problem found in the input, each naming the record and the field."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Loaded:
    needs: list[NeedProfile]
    offers: list[OfferProfile]
    funds: list[FundProfile]
    warnings: list[str] = field(default_factory=list)


def load(needs, offers, funds) -> Loaded:
    """Profiles for three lists of records; RecordError lists every problem at once."""
    problems: list[str] = []
    warnings: list[str] = []
    loaded = Loaded(
        _each("need", needs, _need, problems, warnings),
        _each("offer", offers, _offer, problems, warnings),
        _each("fund", funds, _fund, problems, warnings),
        warnings,
    )
    if problems:
        raise RecordError(problems)
    return loaded


def _each(kind: str, records, build, problems: list[str], warnings: list[str]) -> list:
    if not isinstance(records, list) or not all(isinstance(record, dict) for record in records):
        problems.append(f"the {kind}s must be a list of objects")
        return []
    built, seen = [], set()
    for number, record in enumerate(records, start=1):
        reader = _Reader(f"{kind} #{number}", record, problems, warnings)
        profile = build(reader)
        if reader.ok:
            if profile.id in seen:
                problems.append(f"{reader.where}: the id {profile.id!r} is used twice")
            seen.add(profile.id)
            built.append(profile)
    return built


def _need(r: "_Reader") -> NeedProfile:
    threat = r.code("threat", taxonomy.threats, required=False, decisive=False) or ""
    return NeedProfile(
        id=r.ident("id"),
        country=r.code("country", places.country, what="country", describe=places.place_name) or "",
        languages=r.codes("languages", places.language, what="language", describe=places.language_name),
        threat=threat,
        practice_areas=taxonomy.areas_for(threat, r.codes("practice_areas", taxonomy.practice_areas, decisive=False)),
        help_wanted=r.codes("help", taxonomy.help_kinds),
        urgency=r.code("urgency", taxonomy.urgencies, required=False) or "standard",
        deadline=r.day("deadline"),
        defender_kind=r.code("defender_kind", taxonomy.defender_kinds, required=False) or "individual",
        amount_needed=r.number("amount_needed"),
        currency=r.currency("currency", required=r.record.get("amount_needed") is not None),
        conflicted_firms=frozenset(r.idents("conflicted_firms")),
        unscreened_firms=frozenset(r.idents("unscreened_firms")),
    )


def _offer(r: "_Reader") -> OfferProfile:
    jurisdictions = r.codes("jurisdictions", places.place, what="country or region", describe=places.place_name,
                            required=True)
    offices = r.codes("offices", places.country, what="country", describe=places.place_name)
    firm_country = r.code("firm_country", places.country, what="country", describe=places.place_name, required=False)
    return OfferProfile(
        id=r.ident("id"),
        firm_id=r.ident("firm_id"),
        jurisdictions=places.expand(jurisdictions),
        languages=r.codes("languages", places.language, what="language", describe=places.language_name,
                          required=True),
        practice_areas=r.codes("practice_areas", taxonomy.practice_areas, decisive=False),
        help_kinds=r.codes("help", taxonomy.help_kinds, required=True),
        capacity_left=int(r.number("capacity", required=True, whole=True) or 0),
        emergency=r.flag("emergency"),
        valid_from=r.day("valid_from"),
        valid_until=r.day("valid_until"),
        firm_country=firm_country or "",
        offices=offices,
        acceptance_rate=r.number("acceptance_rate", most=1),
        median_response_hours=r.number("median_response_hours"),
    )


def _fund(r: "_Reader") -> FundProfile:
    regions = r.codes("regions", places.place, what="country or region", describe=places.place_name)
    return FundProfile(
        id=r.ident("id"),
        name=str(r.record.get("name") or ""),
        countries=places.expand(regions),
        defender_kinds=r.codes("defender_kinds", taxonomy.defender_kinds),
        covers=r.codes("covers", taxonomy.help_kinds, required=True),
        turnaround_days=int(r.number("turnaround_days", required=True, whole=True) or 0),
        max_amount=r.number("max_amount"),
        currency=r.currency("currency", required=r.record.get("max_amount") is not None),
    )


class _Reader:
    """Reads one record's fields, collecting problems (refusals) and warnings as it goes."""

    def __init__(self, where: str, record: dict, problems: list[str], warnings: list[str]):
        ident = record.get("id")
        self.where = f"{where} (id {ident!r})" if ident is not None else where
        self.record = record
        self._problems = problems
        self._warnings = warnings
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

    def codes(self, key: str, understand, *, what: str = "", describe: Callable | None = None,
              decisive: bool = True, required: bool = False) -> frozenset[str]:
        texts = self._list(key)
        if required and not texts:
            self._problem(key, "at least one is required")
        found = (self._understand(key, text, understand, what, describe, decisive) for text in texts)
        return frozenset(code for code in found if code)

    def code(self, key: str, understand, *, what: str = "", describe: Callable | None = None,
             required: bool = True, decisive: bool = True) -> str | None:
        text = self.record.get(key)
        if text is None or text == "":
            if required:
                self._problem(key, "is required")
            return None
        return self._understand(key, text, understand, what, describe, decisive)

    def _understand(self, key: str, text, understand, what: str, describe, decisive: bool) -> str | None:
        """``understand`` is a Vocabulary or a places function returning a Mapping."""
        if not isinstance(text, str):
            self._problem(key, f"{text!r} should be a text")
            return None
        if isinstance(understand, taxonomy.Vocabulary):
            what, describe, understand = understand.name, understand.label, understand.map
        found: Mapping = understand(text)
        if found.mapped:
            return found.code
        hint = f" (did you mean {describe(found.suggestion)}?)" if found.suggestion else ""
        article = "an" if what[:1] in "aeiou" else "a"
        message = f"{text!r} is not {article} {what} the platform knows{hint}"
        if decisive:
            self._problem(key, message)
        else:
            self._warnings.append(f"{self.where}: {key}: {message}; left out")
        return None

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
