"""Words of company names that normalisation reads alike, and the words that say nothing of whose
name it is.

``SAME_WORD``: each compare word with the spellings that stand for it in the languages the platform
serves (English, Spanish, French, Portuguese): its abbreviations ("Natl.", "Nat'l" for "national",
"Hldgs" for "holdings"), so both spellings reach one key. Words are folded first (no case,
accents or punctuation). Where one abbreviation stands for a word in several languages ("Ind."
for "Industries" and "Industrias", "Soc." for "Sociedad" and "Sociedade") it reads as one of
them, and the others are a letter or two away ("industries", "industrias"), which the typo and
likeness rules of ``score`` find; the whole words themselves are not made one, so a typo in
"Servicios", or "Servicios" joined to the word before it is found as before.
Abbreviations that are also words of their own in a name ("Co" of "Co-operative", "Com", "Ing",
"St") are left out: reading them as a word would break more names than it mends.

``RUSSIAN``: the words of Russian company names that their English names translate rather than
transliterate ("Лукойл-Западная Сибирь" is "Lukoil West Siberia"), in the forms they take. They are
read only in Cyrillic, so an English "Severn" stays a river.

``PARTICLES``: the small words between a name's words ("de", "of", "e"), which are no part of its
core (rigour's stop words leave out a few, such as the Portuguese "e") and which a name's
initials take or leave ("PDVSA" keeps the "de" of "Petróleos de Venezuela S.A.").

``GENERIC``: words that tell a company's trade, shape or region, not whose it is ("mining",
"holdings", "group", "national"), in compare form. Two names that differ only in such words and
share a rare word are the same family to a coordinator (``score``).
"""

SAME_WORD = {
    "international": ("intl", "intnl"),
    "national": ("natl", "nationl"),
    "nacional": ("nac", "nal"),
    "manufacturing": ("mfg", "mfng", "manuf"),
    "manufacturers": ("mfrs",),
    "development": ("dev", "devt", "devel"),
    "holdings": ("hldgs", "hldg", "hlds"),
    "industries": ("ind", "inds", "indus"),
    "inversiones": ("inv", "invs"),
    "general": ("gral", "genl"),
    "brothers": ("bros",),
    "hermanos": ("hnos",),
    "associates": ("assoc", "assocs"),
    "association": ("assn",),
    "asociacion": ("asoc",),
    "services": ("svcs", "svc", "srvcs"),
    "servicios": ("servs", "serv"),
    "management": ("mgmt", "mgt", "mngmt"),
    "sociedad": ("soc",),
    "compania": ("cia",),
    "compagnie": ("cie",),
    "corporation": ("corp", "corpn"),
    "limitada": ("ltda",),
    "cooperativa": ("coop",),
    "administracion": ("adm", "admon"),
    "construction": ("constr",),
    "etablissements": ("ets", "etabl"),
}

RUSSIAN = {
    "west": ("запад", "западная", "западный", "западное", "западные", "западной", "западного"),
    "east": ("восток", "восточная", "восточный", "восточное", "восточные", "восточной", "восточного"),
    "north": ("север", "северная", "северный", "северное", "северные", "северной", "северного"),
    "south": ("юг", "южная", "южный", "южное", "южные", "южной", "южного"),
    "central": ("центральная", "центральный", "центральное", "центральные", "центральной"),
    "siberia": ("сибирь", "сибири"),
    "siberian": ("сибирская", "сибирский", "сибирское", "сибирские", "сибирской", "сибирского"),
    "holdings": ("холдинг", "холдинга"),
    "group": ("группа", "группы"),
}

PARTICLES = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "do", "da", "dos", "das", "des",
                       "du", "le", "les", "et", "of", "and", "the"})

GENERIC = frozenset({
    # shape and ownership
    "holdings", "group", "grupo", "groupe", "corporation", "compania", "sociedad", "association",
    "international", "national", "nacional", "global", "general", "capital", "investments", "inversiones",
    "investimentos", "participacoes", "ventures", "partners", "enterprises", "empresa", "empresas",
    "trust", "fund", "fondo", "brothers", "hermanos", "management", "services", "solutions", "systems",
    "development", "administracion", "limitada", "cooperative", "cooperativa", "etablissements", "industries",
    "industrias", "industria", "industrie", "associates", "asociacion", "associacao", "servicios", "servicos",
    "societe", "sociedade", "society", "companhia", "compagnie", "company", "corporacion", "holding",
    # trades
    "mining", "minera", "mineracao", "miniere", "mines", "metals", "minerals", "gold", "oro", "silver",
    "plata", "copper", "cobre", "cuivre", "iron", "steel", "acero", "coal", "carbon", "oil", "gas",
    "petroleum", "petroleos", "petroleo", "petrol", "energy", "energia", "energie", "power", "electric",
    "electrica", "hydro", "resources", "recursos", "ressources", "exploration", "exploraciones",
    "bank", "banco", "banque", "finance", "financial", "financiera", "insurance", "seguros", "assurance",
    "trading", "trade", "commerce", "comercio", "comercial", "commercial", "import", "export",
    "construction", "constructora", "construtora", "engineering", "ingenieria", "engenharia",
    "cement", "cementos", "agro", "agricola", "agriculture", "farms", "foods", "alimentos", "palm",
    "timber", "forestal", "forestry", "logistics", "logistica", "transport", "transportes", "shipping",
    "marine", "security", "seguridad", "technology", "technologies", "tecnologia", "telecom",
    "communications", "media", "pharma", "chemicals", "quimica", "textiles", "manufacturing",
    "manufacturers", "real", "estate", "inmobiliaria", "imobiliaria", "immobilier", "properties",
    "water", "aguas", "agua",
    # regions
    "north", "south", "east", "west", "central", "norte", "sur", "sul", "este", "oeste", "leste", "nord",
    "sud", "ouest", "siberia", "siberian", "americas", "america", "latin", "latina", "africa", "europe",
    "asia", "andina", "andino", "andean", "pacific", "pacifico", "atlantic", "atlantico", "caribbean", "caribe",
})

SPELLINGS = {spelling: word for word, spellings in SAME_WORD.items() for spelling in spellings}
_RUSSIAN = {form: word for word, forms in RUSSIAN.items() for form in forms}


def compare_word(word: str) -> str:
    """The compare word ``word`` stands for: "national" for "natl", itself for most words."""
    return SPELLINGS.get(word, word)


def russian_word(word: str) -> str | None:
    """The English word of a Russian company name's word ("west" for "западная"), or None."""
    return _RUSSIAN.get(word)
