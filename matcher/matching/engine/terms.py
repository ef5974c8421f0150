"""The platform's legal vocabulary as data: codes, English labels, synonyms in four languages.

Each vocabulary maps a stable code (what the database stores and the engine
compares) to its label and to the words defenders, firms and funds actually
write in English, Spanish, French and Portuguese. ``taxonomy`` maps free text
onto these codes; ``matcher.vocab`` takes the labels from here for the forms.
Synonyms are written naturally (accents, articles and all): the matcher folds
them the same way it folds what people type.
"""

def N_(text: str) -> str:
    """Mark ``text`` as a label for translation and return it unchanged: the engine stays plain
    Python, and the web layer translates the label where it is shown."""
    return text


THREATS = {
    "slapp": {
        "label": N_("SLAPP or defamation suit"),
        "en": ("SLAPP", "defamation", "defamation suit", "libel", "slander", "gag suit",
               "strategic lawsuit against public participation"),
        "es": ("difamación", "calumnia", "injuria", "demanda SLAPP",
               "demanda estratégica contra la participación pública"),
        "fr": ("diffamation", "procédure-bâillon", "poursuite-bâillon", "calomnie"),
        "pt": ("difamação", "calúnia", "injúria", "ação estratégica contra a participação pública"),
    },
    "criminal_charge": {
        "label": N_("Criminal charge"),
        "en": ("criminal charges", "criminal prosecution", "criminal complaint", "criminalisation",
               "criminalization", "indictment", "prosecution"),
        "es": ("acusación penal", "cargos penales", "denuncia penal", "criminalización", "imputación",
               "querella"),
        "fr": ("poursuites pénales", "accusation pénale", "plainte pénale", "inculpation"),
        "pt": ("acusação criminal", "denúncia criminal", "criminalização", "indiciamento", "queixa-crime"),
    },
    "arrest": {
        "label": N_("Arrest or detention"),
        "en": ("arrest", "detention", "detained", "imprisonment", "custody"),
        "es": ("arresto", "detención", "detenido", "detenida", "encarcelamiento", "captura"),
        "fr": ("arrestation", "détention", "détenu", "emprisonnement", "garde à vue"),
        "pt": ("prisão", "detenção", "detido", "detida", "encarceramento"),
    },
    "injunction": {
        "label": N_("Injunction or gag order"),
        "en": ("injunction", "gag order", "restraining order", "court order"),
        "es": ("medida cautelar", "orden judicial", "mordaza", "orden de restricción"),
        "fr": ("injonction", "ordonnance", "mesure conservatoire", "interdiction de publier"),
        "pt": ("liminar", "medida cautelar", "ordem judicial", "mordaça"),
    },
    "administrative": {
        "label": N_("Administrative sanction"),
        "en": ("administrative penalty", "administrative fine", "tax audit", "licence revoked"),
        "es": ("sanción administrativa", "multa", "inspección fiscal"),
        "fr": ("sanction administrative", "amende", "contrôle fiscal"),
        "pt": ("sanção administrativa", "multa", "autuação fiscal"),
    },
    "land": {
        "label": N_("Land or territory dispute"),
        "en": ("land dispute", "eviction", "land grab", "territory"),
        "es": ("conflicto de tierras", "desalojo", "despojo", "territorio"),
        "fr": ("conflit foncier", "expulsion de terres", "accaparement de terres", "territoire"),
        "pt": ("conflito de terra", "despejo", "grilagem", "território"),
    },
    "labour": {
        "label": N_("Labour or trade union dispute"),
        "en": ("labour dispute", "labor dispute", "dismissal", "union busting", "trade union"),
        "es": ("conflicto laboral", "despido", "persecución sindical"),
        "fr": ("conflit du travail", "licenciement", "répression syndicale"),
        "pt": ("conflito trabalhista", "demissão", "perseguição sindical"),
    },
    "ngo_registration": {
        "label": N_("NGO registration or foreign funding restrictions"),
        "en": ("NGO registration", "foreign funding", "foreign agent", "deregistration", "NGO closure"),
        "es": ("registro de ONG", "cierre de ONG", "financiamiento extranjero", "agente extranjero"),
        "fr": ("enregistrement d'ONG", "dissolution d'association", "financement étranger",
               "agent de l'étranger"),
        "pt": ("registro de ONG", "fechamento de ONG", "financiamento estrangeiro", "agente estrangeiro"),
    },
    "surveillance": {
        "label": N_("Surveillance or digital attack"),
        "en": ("surveillance", "spyware", "hacking", "digital attack", "phone tapping"),
        "es": ("vigilancia", "espionaje", "hackeo", "ataque digital", "interceptación"),
        "fr": ("surveillance", "logiciel espion", "piratage", "attaque numérique", "écoutes"),
        "pt": ("vigilância", "espionagem", "ataque digital", "grampo", "invasão hacker"),
    },
    "other": {
        "label": N_("Other legal threat"),
        "en": ("other",),
        "es": ("otro", "otra"),
        "fr": ("autre",),
        "pt": ("outro", "outra"),
    },
}

PRACTICE_AREAS = {
    "defamation": {
        "label": N_("SLAPP and defamation"),
        "en": ("defamation", "SLAPP", "libel", "slander", "media law", "freedom of expression"),
        "es": ("difamación", "calumnia", "injuria", "libertad de expresión"),
        "fr": ("diffamation", "procédure-bâillon", "calomnie", "liberté d'expression"),
        "pt": ("difamação", "calúnia", "injúria", "liberdade de expressão"),
    },
    "criminal_defence": {
        "label": N_("Criminal defence"),
        "en": ("criminal defense", "criminal law", "criminal"),
        "es": ("defensa penal", "derecho penal", "penal"),
        "fr": ("défense pénale", "droit pénal"),
        "pt": ("defesa criminal", "defesa penal", "direito penal"),
    },
    "detention": {
        "label": N_("Arrest and detention"),
        "en": ("arrest", "detention", "arbitrary detention", "habeas corpus", "custody",
               "pretrial detention"),
        "es": ("detención", "detención arbitraria", "arresto", "prisión preventiva"),
        "fr": ("détention", "arrestation", "détention arbitraire", "garde à vue"),
        "pt": ("detenção", "prisão", "prisão arbitrária", "prisão preventiva"),
    },
    "assembly": {
        "label": N_("Protest and assembly"),
        "en": ("protest", "assembly", "freedom of assembly", "demonstration", "right to protest"),
        "es": ("protesta", "manifestación", "reunión pacífica", "libertad de reunión"),
        "fr": ("manifestation", "liberté de réunion", "rassemblement", "droit de manifester"),
        "pt": ("protesto", "manifestação", "liberdade de reunião"),
    },
    "land": {
        "label": N_("Land and territory"),
        "en": ("land", "land rights", "territory", "eviction", "land grabbing"),
        "es": ("tierra", "tierras", "territorio", "desalojo", "despojo de tierras", "conflicto agrario"),
        "fr": ("foncier", "terre", "terres", "territoire", "accaparement des terres"),
        "pt": ("terra", "terras", "território", "despejo", "conflito agrário", "grilagem"),
    },
    "indigenous": {
        "label": N_("Indigenous rights and FPIC"),
        "en": ("indigenous rights", "indigenous peoples", "FPIC", "free, prior and informed consent",
               "prior consultation"),
        "es": ("derechos indígenas", "pueblos indígenas", "consulta previa", "CLPI",
               "consentimiento libre, previo e informado"),
        "fr": ("droits des peuples autochtones", "autochtones", "peuples autochtones", "CLPE",
               "consentement libre, préalable et éclairé"),
        "pt": ("direitos indígenas", "povos indígenas", "consulta prévia",
               "consentimento livre, prévio e informado"),
    },
    "labour": {
        "label": N_("Labour and trade union"),
        "en": ("labour", "labor", "trade union", "employment", "workers' rights"),
        "es": ("laboral", "sindical", "sindicato", "derecho laboral", "trabajo"),
        "fr": ("droit du travail", "syndical", "syndicat", "travail"),
        "pt": ("trabalhista", "sindical", "sindicato", "direito do trabalho", "trabalho"),
    },
    "environment": {
        "label": N_("Environmental law"),
        "en": ("environmental", "environment", "climate", "pollution"),
        "es": ("ambiental", "medio ambiente", "derecho ambiental", "medioambiental", "clima"),
        "fr": ("environnement", "environnemental", "droit de l'environnement", "climat"),
        "pt": ("ambiental", "meio ambiente", "direito ambiental", "clima", "poluição"),
    },
    "ngo_law": {
        "label": N_("NGO registration and foreign funding"),
        "en": ("NGO registration", "NGO law", "foreign funding", "foreign agent", "freedom of association",
               "civil society"),
        "es": ("registro de ONG", "ONG", "financiamiento extranjero", "agente extranjero",
               "libertad de asociación"),
        "fr": ("enregistrement d'ONG", "financement étranger", "agent de l'étranger",
               "liberté d'association"),
        "pt": ("registro de ONG", "financiamento estrangeiro", "agente estrangeiro",
               "liberdade de associação"),
    },
    "digital": {
        "label": N_("Digital rights and surveillance"),
        "en": ("digital rights", "surveillance", "privacy", "data protection", "spyware",
               "online harassment"),
        "es": ("derechos digitales", "vigilancia", "privacidad", "protección de datos", "espionaje"),
        "fr": ("droits numériques", "surveillance", "vie privée", "protection des données",
               "logiciel espion"),
        "pt": ("direitos digitais", "vigilância", "privacidade", "proteção de dados", "espionagem"),
    },
    "asylum": {
        "label": N_("Asylum and relocation"),
        "en": ("asylum", "relocation", "refugee", "immigration", "temporary relocation", "deportation"),
        "es": ("asilo", "reubicación", "refugio", "refugiado", "migración", "deportación"),
        "fr": ("asile", "relocalisation", "réfugié", "expulsion du territoire"),
        "pt": ("asilo", "realocação", "refúgio", "refugiado", "imigração", "deportação"),
    },
    "corporate_accountability": {
        "label": N_("Corporate accountability litigation"),
        "en": ("corporate accountability", "business and human rights", "litigation against companies",
               "transnational litigation", "due diligence"),
        "es": ("responsabilidad empresarial", "empresas y derechos humanos", "litigio contra empresas",
               "debida diligencia"),
        "fr": ("responsabilité des entreprises", "entreprises et droits de l'homme",
               "contentieux contre les entreprises", "devoir de vigilance"),
        "pt": ("responsabilidade empresarial", "empresas e direitos humanos", "litígio contra empresas",
               "devida diligência"),
    },
    "international": {
        "label": N_("International human rights mechanisms"),
        "en": ("international mechanisms", "international law", "United Nations", "special rapporteur",
               "Inter-American system", "regional human rights court"),
        "es": ("mecanismos internacionales", "derecho internacional", "ONU", "Naciones Unidas",
               "sistema interamericano", "CIDH", "relator especial"),
        "fr": ("mécanismes internationaux", "droit international", "Nations unies",
               "Cour africaine", "rapporteur spécial"),
        "pt": ("mecanismos internacionais", "direito internacional", "Nações Unidas",
               "sistema interamericano", "relator especial"),
    },
}

HELP_KINDS = {
    "representation": {
        "label": N_("Representation in court"),
        "en": ("representation", "legal representation", "court representation", "litigation",
               "defence counsel"),
        "es": ("representación", "representación legal", "representación judicial", "litigio",
               "patrocinio"),
        "fr": ("représentation", "représentation en justice", "contentieux", "défense en justice"),
        "pt": ("representação", "representação judicial", "patrocínio", "litígio"),
    },
    "advice": {
        "label": N_("Legal advice"),
        "en": ("advice", "legal advice", "consultation", "legal opinion", "counselling"),
        "es": ("asesoría", "asesoramiento", "consejo", "consulta", "asesoría jurídica"),
        "fr": ("conseil", "conseil juridique", "consultation", "avis juridique"),
        "pt": ("aconselhamento", "assessoria", "consultoria", "orientação jurídica", "parecer"),
    },
    "trial_observation": {
        "label": N_("Trial observation"),
        "en": ("trial observation", "trial monitoring", "trial observer", "court monitoring"),
        "es": ("observación de juicio", "observación judicial", "monitoreo de juicio",
               "observación de audiencia"),
        "fr": ("observation de procès", "observation judiciaire", "observateur judiciaire"),
        "pt": ("observação de julgamento", "monitoramento de julgamento", "observação judicial"),
    },
    "local_lawyer_funding": {
        "label": N_("Funding for a local lawyer"),
        "en": ("funding for a local lawyer", "legal fees", "lawyer's fees", "money for a lawyer",
               "legal costs"),
        "es": ("financiación de abogado local", "financiamiento de abogado local", "honorarios",
               "fondos para un abogado", "costas"),
        "fr": ("financement d'un avocat local", "honoraires", "frais de justice"),
        "pt": ("financiamento de advogado local", "honorários", "custas"),
    },
    "bail": {
        "label": N_("Bail"),
        "en": ("bail", "bail bond", "release on bail"),
        "es": ("fianza", "caución", "libertad bajo fianza"),
        "fr": ("caution", "liberté sous caution"),
        "pt": ("fiança", "liberdade sob fiança"),
    },
    "international_appeal": {
        "label": N_("Appeal to an international body"),
        "en": ("international appeal", "urgent appeal", "petition to the United Nations",
               "special rapporteur", "Inter-American Commission"),
        "es": ("apelación internacional", "petición a la CIDH", "comisión interamericana",
               "relator especial", "llamamiento urgente"),
        "fr": ("recours international", "appel urgent", "rapporteur spécial", "commission africaine"),
        "pt": ("apelo internacional", "denúncia internacional", "relator especial",
               "comissão interamericana"),
    },
}

DEFENDER_KINDS = {
    "individual": {
        "label": N_("Individual defender"),
        "en": ("individual", "person", "human rights defender", "activist"),
        "es": ("individuo", "persona", "defensor", "defensora", "activista"),
        "fr": ("individu", "personne", "défenseur", "défenseure", "militant", "militante"),
        "pt": ("indivíduo", "pessoa", "defensor", "defensora", "ativista"),
    },
    "community": {
        "label": N_("Community or collective"),
        "en": ("community", "collective", "indigenous community"),
        "es": ("comunidad", "colectivo", "comunidad indígena"),
        "fr": ("communauté", "collectif", "communauté autochtone"),
        "pt": ("comunidade", "coletivo", "comunidade indígena"),
    },
    "journalist": {
        "label": N_("Journalist"),
        "en": ("journalist", "reporter", "media worker"),
        "es": ("periodista", "comunicador", "comunicadora"),
        "fr": ("journaliste",),
        "pt": ("jornalista", "comunicador", "comunicadora"),
    },
    "organisation": {
        "label": N_("NGO acting for a defender"),
        "en": ("organisation", "organization", "NGO", "association"),
        "es": ("organización", "ONG", "asociación"),
        "fr": ("organisation", "association"),
        "pt": ("organização", "associação"),
    },
}

URGENCIES = {
    "emergency": {
        "label": N_("Emergency (days)"),
        "en": ("emergency", "immediate"),
        "es": ("emergencia", "inmediato"),
        "fr": ("urgence", "immédiat"),
        "pt": ("emergência", "imediato"),
    },
    "urgent": {
        "label": N_("Urgent (weeks)"),
        "en": ("urgent",),
        "es": ("urgente",),
        "fr": ("urgent", "pressant"),
        "pt": ("urgente",),
    },
    "standard": {
        "label": N_("Standard"),
        "en": ("standard", "normal", "routine", "not urgent"),
        "es": ("normal", "estándar"),
        "fr": ("normal", "standard", "pas urgent"),
        "pt": ("normal", "padrão", "não urgente"),
    },
}

# The sector an adverse party works in: a firm may declare sectors it does not act against
# (``conflicts.positions``). Labels only: the sector is chosen from a list, never read from free text.
SECTORS = {
    "mining": {"label": N_("Mining")},
    "oil_gas": {"label": N_("Oil and gas")},
    "energy": {"label": N_("Hydropower and energy")},
    "agribusiness": {"label": N_("Agribusiness and palm oil")},
    "forestry": {"label": N_("Forestry and timber")},
    "finance": {"label": N_("Banking and finance")},
    "construction": {"label": N_("Construction and infrastructure")},
    "security": {"label": N_("Private security")},
    "telecoms": {"label": N_("Telecoms and technology")},
    "state": {"label": N_("State or government")},
    "other": {"label": N_("Other")},
}

# The practice area a threat most often calls for, used when a need names none.
THREAT_PRACTICE_AREA = {
    "slapp": "defamation",
    "criminal_charge": "criminal_defence",
    "arrest": "detention",
    "injunction": "defamation",
    "administrative": "ngo_law",
    "land": "land",
    "labour": "labour",
    "ngo_registration": "ngo_law",
    "surveillance": "digital",
}

# Region names people write that CLDR's own names (which Babel supplies in each
# language) do not spell this way; keyed by UN M49 code.
REGION_ALIASES = {
    "001": ("worldwide", "global", "international", "anywhere", "mundial", "todo el mundo",
            "internacional", "monde entier", "mondial", "todo o mundo"),
    "419": ("América Latina", "Latin America and the Caribbean", "América Latina y el Caribe",
            "Amérique latine et Caraïbes", "América Latina e Caribe"),
    "011": ("West Africa", "África del Oeste", "Afrique de l'Ouest", "África do Oeste"),
    "014": ("East Africa", "África del Este", "Afrique de l'Est", "África do Leste"),
    "018": ("Southern Africa",),
    "017": ("Central Africa", "Afrique centrale"),
    "015": ("North Africa", "África del Norte", "Afrique du Nord", "África do Norte"),
    "202": ("Sub-Saharan Africa", "África subsahariana", "Afrique subsaharienne", "África subsaariana"),
    "035": ("South-East Asia", "Southeast Asia", "Asia sudoriental"),
    "145": ("Middle East", "Oriente Medio", "Moyen-Orient", "Oriente Médio"),
    "013": ("Central America", "Centroamérica", "América Central", "Amérique centrale"),
}
