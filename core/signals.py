"""Signals core sends for the apps above it to act on (core imports none of them)."""

from django.dispatch import Signal

# Sent by ``core.services.account_delete`` before the response, inside its transaction, with
# ``user`` (the kept, emptied row) and ``emails`` (every address the account had). Apps that
# copied an address into their own rows erase it here.
account_erased = Signal()
