"""Bad input to `voces results`: one message naming file, sheet and cell (or CSV line)."""

from __future__ import annotations


class ResultsInputError(Exception):
    """The inputs cannot be scored as they are; nothing is stored (exit 1)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def refuse(message: str) -> ResultsInputError:
    return ResultsInputError([message])
