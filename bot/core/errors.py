"""Domain errors carry a text key; the platform shows the translated text to the user."""

from __future__ import annotations


class BotError(Exception):
    """A refused command or bad input: shown to the user, nothing is stored."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        # what someone typed is quoted back shortened (a 5,000-character value helps nobody)
        self.params = {k: _short(v) for k, v in params.items()}


QUOTE_MAX = 300


def _short(value: object) -> object:
    if isinstance(value, str) and len(value) > QUOTE_MAX:
        return value[: QUOTE_MAX - 1] + "…"
    return value


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


class AlreadyHandled(Exception):
    """The inbound item was processed by someone else meanwhile (a replay): not an error,
    nothing to do."""
