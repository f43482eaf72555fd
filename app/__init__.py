"""LiveComply (直播合规助手): the Qt-free core.

Data path: capture (Source) → sampler → checker (OCR + checks) → monitor → store → reports.
Beside it: showplan → teleprompter → the same store. Nothing in this package imports Qt.
"""

__version__ = "0.1.0"
