"""The evidence store: append-only, hash-chained SQLite records kept at least three years.

``Store`` writes and reads; ``verify`` proves a database file and its snapshots are intact.
Record kinds and their payload keys are documented in ``app.store.kinds``; the schema and its
migrations in ``app.store.schema``; the hash rule in ``app.store.records``.
"""

from app.store.errors import StoreError
from app.store.kinds import KINDS
from app.store.records import Record, SessionInfo
from app.store.schema import SCHEMA_VERSION
from app.store.store import Store
from app.store.verify import BadRecord, VerifyResult, verify

__all__ = [
    "KINDS",
    "SCHEMA_VERSION",
    "BadRecord",
    "Record",
    "SessionInfo",
    "Store",
    "StoreError",
    "VerifyResult",
    "verify",
]
