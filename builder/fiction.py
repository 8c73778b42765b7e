"""Say "fictional" once: the builder's line, or the situation's own sentence, never both."""

from __future__ import annotations

from .context import BuildContext


def says_fictional(context: BuildContext, situation: str) -> bool:
    """Whether the situation says itself that it is fictional ("Fictional composite case. …"):
    then the builder's own line is left out, so the slide, case sheet and guide say it once.
    The words that count are `fictional_markers` in the build language's common.yaml."""
    lowered = situation.lower()
    return any(str(marker).lower() in lowered for marker in context.words["fictional_markers"])
