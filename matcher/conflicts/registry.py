"""The platform's registry of corporate relations, in the database.

A coordinator replaces the whole registry from a ``child,parent`` CSV of names, with an
optional third column ``relation`` saying how the two are linked (ownership when it is
empty or absent). The file is validated completely first, and one bad line refuses it
with every problem reported by line number, so the registry is never half replaced.
Screening asks only for the links reachable from a need's party names, walked as far as
the engine walks (``engine.relations``), so the registry can be large.
"""

from dataclasses import dataclass
from functools import partial

from flask_babel import gettext as _
from sqlalchemy import delete, insert, select

from ..core import csvfiles
from ..extensions import db
from ..models import CorporateRelation
from . import engine
from .engine.kinds import fold
from .engine.relations import CONTRACTOR, FINANCIER, JOINT_VENTURE, MAX_DEPTH, OWNERSHIP, Link, node

NAME_LIMIT = 300

# The words people write for each kind of link, in English, Spanish, French and Portuguese,
# compared folded (``kinds.fold``: case, accents and punctuation ignored).
_WORDS = {
    OWNERSHIP: (
        "", "ownership", "owned by", "owner", "subsidiary", "subsidiary of", "parent", "parent company",
        "filial", "subsidiaria", "propiedad", "matriz", "casa matriz", "controlada", "controlada por",
        "filiale", "propriete", "detenu par", "detenue par", "societe mere", "maison mere",
        "propriedade", "controladora", "empresa controlada",
    ),
    JOINT_VENTURE: (
        "joint venture", "jv", "joint venture partner", "joint venture partners", "consortium",
        "empresa conjunta", "empresa mixta", "riesgo compartido", "consorcio", "socio de joint venture",
        "coentreprise", "co entreprise", "entreprise commune", "partenaire de coentreprise",
        "empreendimento conjunto", "parceiro de joint venture",
    ),
    FINANCIER: (
        "financier", "financed by", "funder", "funded by", "lender", "investor", "bank", "creditor",
        "financiador", "financiado por", "financista", "prestamista", "inversor", "inversionista", "banco",
        "acreedor", "bailleur de fonds", "financeur", "finance par", "preteur", "investisseur", "banque",
        "creancier", "financiadora", "investidor", "credor", "mutuante",
    ),
    CONTRACTOR: (
        "contractor", "security contractor", "construction contractor", "subcontractor", "service provider",
        "contratista", "contratista de seguridad", "contratista de construccion", "subcontratista",
        "sous traitant", "prestataire", "prestataire de services", "entrepreneur", "entreprise de securite",
        "empreiteira", "empreiteiro", "contratada", "contratado", "subcontratada", "prestadora de servicos",
        "terceirizada",
    ),
}
_KINDS = {word: kind for kind, words in _WORDS.items() for word in words}


@dataclass(frozen=True)
class Parsed:
    """The distinct links of a file, and how many lines repeated one already read.

    A link given as two names is an ownership link, as files and queued imports wrote
    them before links had kinds."""

    pairs: list[Link]
    repeated: int

    def __post_init__(self):
        object.__setattr__(self, "pairs", [Link(*link) for link in self.pairs])


def relation_kind(word: str) -> str | None:
    """The kind of link a word names (``engine.relations.KINDS``), or None for a word that names none."""
    return _KINDS.get(fold(word))


def parse_relations_csv(data: bytes) -> Parsed:
    """Read and validate a whole file, or raise ``csvfiles.FileRefused``.

    Two lines naming the same entities linked the same way (after normalisation, so
    "Gazprom PJSC" and "ПАО Газпром" are one, and either way round for joint-venture
    partners) are one link: the repeat is counted, not refused."""
    rows = csvfiles.reader(csvfiles.decode(data))
    header = csvfiles.header(rows)
    # Without the relation column a file holds ownership links, as every file did before it.
    columns = 3 if header[2:3] == ["relation"] else 2
    if header[:2] != ["child", "parent"] or any(cell for cell in header[columns:]):
        raise csvfiles.FileRefused([_("line 1: the header must be 'child,parent' or 'child,parent,relation'")])
    links, seen, repeated = [], set(), 0
    for link in csvfiles.collect(rows, partial(_row, columns=columns)):
        if _same(link) in seen:
            repeated += 1
        else:
            seen.add(_same(link))
            links.append(link)
    if not links:
        raise csvfiles.FileRefused([_("the file has no relations")])
    return Parsed(links, repeated)


def replace_relations(parsed: Parsed) -> int:
    """Swap the registry for ``parsed`` in the caller's transaction; returns how many links it holds.

    Open needs must be screened again in the same transaction: ``screening.replace_registry`` does both."""
    db.session.execute(delete(CorporateRelation))
    if parsed.pairs:
        db.session.execute(insert(CorporateRelation), [
            {"child_name": child, "parent_name": parent, "child_key": _key(child), "parent_key": _key(parent),
             "kind": kind}
            for child, parent, kind in parsed.pairs
        ])
    return len(parsed.pairs)


def relations_for(names) -> engine.Relations:
    """The links the engine can walk from ``names``: their ancestors and their descendants,
    up to ``MAX_DEPTH`` links each way, their links of every other kind, one link away, and
    nothing else of the registry."""
    start = {_key(name) for name in names} - {""}
    links: set[Link] = set()
    for near, far in ((CorporateRelation.child_key, CorporateRelation.parent_key),
                      (CorporateRelation.parent_key, CorporateRelation.child_key)):
        frontier, seen = set(start), set(start)
        for depth in range(MAX_DEPTH):
            if not frontier:
                break
            query = select(CorporateRelation.child_name, CorporateRelation.parent_name, CorporateRelation.kind,
                           far).where(near.in_(frontier))
            if depth:  # past the first link, only ownership goes on
                query = query.where(CorporateRelation.kind == OWNERSHIP)
            rows = db.session.execute(query).all()
            links.update(Link(*row[:3]) for row in rows)
            frontier = {row[3] for row in rows if row.kind == OWNERSHIP} - seen
            seen |= frontier
    return engine.Relations(sorted(links))


def _key(name: str) -> str:
    """The node the engine joins names on (order, case, script and legal form folded)."""
    return node(name)[:NAME_LIMIT]


def _same(link: Link) -> tuple[str, ...]:
    """What two lines naming one link share: their kind and their entities, either way round for
    joint-venture partners, who are alike."""
    ends = (_key(link.child), _key(link.parent))
    return (link.kind, *(sorted(ends) if link.kind == JOINT_VENTURE else ends))


def _row(cells: list[str], line: int, columns: int) -> tuple[Link | None, list[str]]:
    """One line of a file of ``columns`` columns (two, or three with the relation)."""
    if not any(cell.strip() for cell in cells):
        return None, []
    if any(cell.strip() for cell in cells[columns:]):
        return None, [_("line %(line)s: more fields than child and parent", line=line) if columns == 2
                      else _("line %(line)s: more fields than child, parent and relation", line=line)]
    child, parent, word = ((cells + ["", "", ""])[i].strip() for i in range(3))
    problems = []
    for column, value in (("child", child), ("parent", parent)):
        if not value:
            problems.append(_("line %(line)s: %(column)s is empty", line=line, column=column))
        elif len(value) > NAME_LIMIT:
            problems.append(_("line %(line)s: %(column)s is longer than %(limit)s characters",
                              line=line, column=column, limit=NAME_LIMIT))
        elif not _key(value):
            problems.append(_("line %(line)s: %(column)s '%(value)s' has no letters or digits to match on",
                              line=line, column=column, value=value))
    if not problems and _key(child) == _key(parent):
        problems.append(_("line %(line)s: child and parent are the same entity", line=line))
    kind = relation_kind(word)
    if kind is None:
        problems.append(_("line %(line)s: relation '%(relation)s' is not one the registry knows (write ownership "
                          "or leave it empty, joint venture, financier or contractor, or the same in Spanish, French "
                          "or Portuguese, such as empresa conjunta, financiador, contratista, sous-traitant or "
                          "empreiteira)", line=line, relation=word))
    return (None, problems) if problems else (Link(child, parent, kind), [])
