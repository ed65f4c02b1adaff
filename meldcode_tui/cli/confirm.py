"""A yes/no question on the command line in the locale's words.

Click's confirm asks "[y/N]", takes only y/yes/n/no and answers anything else with its
English "Error: invalid input": a Dutch user's "j" or "ja" was refused. Here the choices and
the words for yes come from `[cli_words.confirm]` (English y/yes count in every language);
any other answer, or none, is no: the questions asked this way guard a destruction.
"""

from __future__ import annotations

import typer

from meldcode_tui.i18n import t


def confirmed(question: str) -> bool:
    """Ask `question`; True only for a yes. Raises typer.Abort without a terminal to ask."""
    answer: str = typer.prompt(
        f"{question} {t('cli_words.confirm.choices')}", default="", show_default=False
    )
    yes = {word.strip().casefold() for word in t("cli_words.confirm.yes").split(",")}
    return answer.strip().casefold() in yes | {"y", "yes"}
