"""The platform's data, one module per aggregate; import models from here."""

from .accounts import DefenderProfile, User
from .audit import AuditEvent
from .catalogue import CatalogueChange, CatalogueVersion
from .firms import ClientEntry, ClientNameKey, FirmPosition, Invitation, LawFirm, Offer
from .funds import LegalAidFund
from .imports import ClientImport, RegistryImport
from .mail import OutgoingMail
from .matches import Match
from .needs import AdverseParty, Need
from .screening import ConflictCheck, ConflictDecision, ConflictHit, CorporateRelation
from .tokens import ApiToken

__all__ = [
    "AdverseParty",
    "ApiToken",
    "AuditEvent",
    "CatalogueChange",
    "CatalogueVersion",
    "ClientEntry",
    "ClientImport",
    "ClientNameKey",
    "ConflictCheck",
    "ConflictDecision",
    "ConflictHit",
    "CorporateRelation",
    "FirmPosition",
    "Invitation",
    "DefenderProfile",
    "LawFirm",
    "LegalAidFund",
    "Match",
    "Need",
    "Offer",
    "OutgoingMail",
    "RegistryImport",
    "User",
]
