"""How the labs' views find a space and the viewer's standing in it, and change a role."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from labs.models import ProjectSpace, SpaceMembership
from labs.selectors import space_membership_or_404
from labs.services import MembershipError


@dataclass
class SpaceAccess:
    space: ProjectSpace
    membership: SpaceMembership

    @property
    def can_write(self) -> bool:
        return self.membership.can_write and not self.space.is_archived

    @property
    def can_comment(self) -> bool:
        return self.membership.can_comment and not self.space.is_archived

    @property
    def is_owner(self) -> bool:
        return self.membership.is_owner

    @property
    def is_supervisor(self) -> bool:
        return self.membership.is_supervisor

    def context(self, **extra) -> dict:
        return {
            "space": self.space,
            "lab": self.space.lab,
            "membership": self.membership,
            "can_write": self.can_write,
            "can_comment": self.can_comment,
            "is_owner": self.is_owner,
            "is_supervisor": self.is_supervisor,
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


def role_change_from_form(request, form, *, change, membership) -> None:
    """Apply the role chosen in ``form`` to ``membership`` with the service ``change`` (a lab's
    or a space's) and tell the person who changed it how it went."""
    if not form.is_valid():
        return
    try:
        change(membership=membership, role=form.cleaned_data["role"], changed_by=request.user)
    except MembershipError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Role updated for %(person)s.") % {"person": membership.user.public_name}
        )
