"""The record kinds the evidence store accepts, and what their payloads carry.

Every record is one row of the append-only ``records`` table: ``(seq, session_id, kind, t,
payload, snapshot, prev_hash, hash)``. ``payload`` is free-form JSON (an object), so a writer can
add keys without a schema change; the *kind* must be registered here so a typo
(``violaton_start``) fails at once instead of silently vanishing from every report query.
Adding a kind is a code change to ``KINDS`` only — no migration.

A record's evidence snapshot (a JPEG) is never in the payload: it is the ``snapshot`` column
(SHA-256 hex of the file ``snapshots/ab/<sha>.jpg`` beside the database), covered by the hash.

Times (``t``) are ISO-8601 UTC with milliseconds, e.g. ``2026-11-23T15:45:01.123Z``.

Payload keys by kind (writers may add more; readers must ignore keys they do not know):

Session (written by ``Store.start_session`` / ``Store.end_session`` only)
  session_start      {source, profile, meta: {...}, app_version}
  session_end        {summary: {...}}  — summary is the caller's (counts, durations, …)

Source / connection (monitor)
  connected          {detail, data}
  disconnected       {detail, data}            — start of a gap: nothing was watched after this
  reconnected        {detail, data: {gap_s}}   — end of the gap (gap_s may also be top-level)
  scene_changed      {scene, detail}
  source_error       {detail}

Findings (monitor)
  violation_start    {element, requirement, rule, article, status, confidence, reason?}
                     (+ snapshot column: what was on screen when the violation began)
  violation_end      {element, requirement, duration_s, start_seq?}
  violation_reminder {element, requirement, rule, article, elapsed_s, message}
  sample             {s: "o m i -" short statuses per element in ``ELEMENTS`` order or a dict
                      {element: status}, banned: int, elapsed_ms: int, frame_seq?}
                     — one compact row per sampled frame, never one row per OCR box
  product_changed    {product, sku?, source}
  zones_changed      {zones: {element: [[x, y, w, h], …]}} — the studio redrew where overlays
                     are expected, mid-session; findings after it are judged against these

Ad segments (teleprompter / monitor)
  ad_segment_start   {label, product?}
  ad_segment_end     {label, duration_s}

Teleprompter and room records (REQUIREMENTS D)
  reminder_ticked    {reminder_id, text}
  reminder_unsaid    {reminder_id, text}
  reminder_unticked  {reminder_id, text}
  price_mismatch     {status: start|end, row, product, on_screen, rundown_price, article,
                      duration_s (end)}
  negative_list_justified {row, product, rule, article, who, reason}
  correction         {said, corrected, reason?}                       — R1
  selection_review   {product, merchant, uscc, address, contact, licences: [...],
                      certificates: [...], reviewer, result}           — R2
  preshow_checklist  {items: [{item, ok, note?}], host_identity_checked: bool, reviewer} — R3

Store maintenance
  purge              {through_seq, last_hash, before, reason, operator} — written by the future
                     explicit purge command so ``verify`` can accept a chain that starts later.
"""

from __future__ import annotations

from types import MappingProxyType

# kind -> one-line meaning (shown by tools; the docstring above has the payload keys).
KINDS: MappingProxyType[str, str] = MappingProxyType(
    {
        "session_start": "a monitoring (or teleprompter) session began",
        "session_end": "the session ended cleanly",
        "connected": "the video source connected",
        "disconnected": "the source was lost: a gap in what was watched begins",
        "reconnected": "the source came back: the gap ends",
        "scene_changed": "the program scene changed",
        "source_error": "the source reported an error",
        "violation_start": "a required element became non-compliant",
        "violation_end": "the element became compliant again",
        "violation_reminder": "the host was reminded of an ongoing violation",
        "sample": "compact summary of one sampled frame",
        "product_changed": "the product on sale changed",
        "zones_changed": "the expected overlay zones were redrawn during the session",
        "ad_segment_start": "an advertising segment began",
        "ad_segment_end": "an advertising segment ended",
        "reminder_ticked": "a teleprompter reminder was ticked as said",
        "reminder_unsaid": "a teleprompter reminder was left unsaid",
        "reminder_unticked": "a tick made by mistake was taken back",
        "price_mismatch": "V5: the price on screen differs from the live product's rundown price",
        "negative_list_justified": "R5: a negative-list product was kept, with who and why",
        "correction": "R1: a slip corrected on the spot",
        "selection_review": "R2: product selection review",
        "preshow_checklist": "R3: pre-show review and host identity check",
        "purge": "records up to through_seq were purged after the retention period",
    }
)

# Kinds only the Store itself writes; ``Store.append`` refuses them so a session cannot be
# started twice or a purge faked through the generic path.
RESERVED_KINDS: frozenset[str] = frozenset({"session_start", "session_end", "purge"})

# Kinds counted as violations in session listings.
VIOLATION_KIND = "violation_start"
