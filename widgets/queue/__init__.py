"""The verification queue: worklists, the proposal list, findings and quota side by side."""

from widgets.queue.source import QueueSource
from widgets.queue.view import QueueWidget

__all__ = ["QueueSource", "QueueWidget"]
