"""Domain errors carry a text key; the platform shows the translated text to the user."""

from __future__ import annotations


class BotError(Exception):
    """A refused command or bad input: shown to the user, nothing is stored."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class NotFound(BotError):
    pass


class Forbidden(BotError):
    """Not allowed for this member (a role, or not hers). The kernel records every refusal
    in the audit log under ``action`` (the command or button that was refused)."""

    def __init__(self, key: str, /, *, action: str = "", **params: object) -> None:
        super().__init__(key, **params)
        self.action = action


class InvalidInput(BotError):
    pass
