"""Models of the network app: shared reference data, partner institutions and events."""

from .pages import NetworkEventPage, NetworkIndexPage, PartnerPage, PartnerType
from .reference import GovernmentLevel, InnovationStage, SustainableDevelopmentGoal, Theme

__all__ = [
    "GovernmentLevel",
    "InnovationStage",
    "NetworkEventPage",
    "NetworkIndexPage",
    "PartnerPage",
    "PartnerType",
    "SustainableDevelopmentGoal",
    "Theme",
]
