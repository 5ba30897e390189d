"""How every project-space view finds the space and the viewer's standing in it."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from labs.models import ProjectSpace, SpaceMembership
from labs.selectors import space_membership_or_404


@dataclass
class SpaceAccess:
    space: ProjectSpace
    membership: SpaceMembership

    @property
    def can_write(self) -> bool:
        return self.membership.can_write and not self.space.is_archived

    @property
    def is_owner(self) -> bool:
        return self.membership.is_owner

    def context(self, **extra) -> dict:
        return {
            "space": self.space,
            "lab": self.space.lab,
            "membership": self.membership,
            "can_write": self.can_write,
            "is_owner": self.is_owner,
            **extra,
        }


def space_access(
    request, space_id: int, *, write: bool = False, owner: bool = False
) -> SpaceAccess:
    """404 for anyone outside the space; 403 for members whose role does not allow the action."""
    membership = space_membership_or_404(user=request.user, space_id=space_id)
    access = SpaceAccess(space=membership.space, membership=membership)
    if owner and not access.is_owner:
        raise PermissionDenied("Only owners of the space can do this.")
    if write and not access.can_write:
        if access.space.is_archived:
            raise PermissionDenied("This space is archived: it can be read but not changed.")
        raise PermissionDenied("Observers can read the space but not change it.")
    return access
