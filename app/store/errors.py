"""The store's one exception type: a problem with the database file the user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be opened or written; the message names the file and what to do.

    Programming errors (an unknown record kind, a payload that is not JSON) stay ``ValueError`` /
    ``TypeError``: they are bugs to fix, not conditions to show the user.
    """
