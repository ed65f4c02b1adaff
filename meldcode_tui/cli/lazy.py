"""A command group whose commands are built when they are used (issue 16).

Typer builds every command from its function's signature when the tree is made, and each
command's module comes with it: for `meldcode` that was some 25 modules and a fifth of a
second before anything ran. Here a command's module is imported, and its command built and
translated, only when it runs or its own help is shown. The root's `--help` lists them by
name with their about line from locales/ (what the built command would show).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from difflib import get_close_matches
from typing import Any, ClassVar, NamedTuple

import typer
from typer.core import TyperCommand, TyperGroup

from meldcode_tui.cli.localise import LocalisedGroup, localise
from meldcode_tui.cli.usage_errors import CLOSE_COMMANDS, UNKNOWN_COMMAND
from meldcode_tui.i18n import catalog, current_language


class Where(NamedTuple):
    """Where a command is defined: `meldcode_tui.cli.<module>`, its function or Typer group."""

    module: str
    name: str
    group: bool = False


def _usage_error() -> type[Any]:
    """Click's UsageError, found through Typer's public BadParameter (as cli/root.py does)."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == "UsageError" and issubclass(cls, Exception):
            return cls
    raise ImportError("typer.BadParameter has no base UsageError")  # pragma: no cover


_USAGE_ERROR = _usage_error()


class SuggestingGroup(TyperGroup):
    """A group whose unknown-command error carries the name and the close names as fields,
    so cli/usage_errors.py can say it in the locale's words (Click's message is English)."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Typer suggests a close name ("Did you mean 'flows'?") from the commands built so
        # far only: suggest from every name instead, in Typer's own words as well.
        suggest = getattr(self, "suggest_commands", False)
        self.suggest_commands = False
        try:
            return super().resolve_command(ctx, args)
        except _USAGE_ERROR as exc:
            # An option-like name is Click's NoSuchOption, not an unknown command.
            if not args or any(c.__name__ == "NoSuchOption" for c in type(exc).__mro__):
                raise
            matches = get_close_matches(args[0], self.list_commands(ctx))
            setattr(exc, UNKNOWN_COMMAND, args[0])
            setattr(exc, CLOSE_COMMANDS, matches)
            if suggest and matches:
                suggestions = ", ".join(f"{m!r}" for m in matches)
                exc.message = f"{exc.message.rstrip('.')}. Did you mean {suggestions}?"
            raise
        finally:
            self.suggest_commands = suggest


def _holder() -> None:
    """Makes the holder a group, so its one command is not taken as the whole app."""


def build(name: str, where: Where) -> Any:
    """The Click command `name`, built by Typer as `app.command(name)` / `add_typer` would."""
    defined = getattr(importlib.import_module(f"meldcode_tui.cli.{where.module}"), where.name)
    holder = typer.Typer(add_completion=False)
    holder.callback()(_holder)
    if where.group:
        holder.add_typer(defined, name=name, cls=SuggestingGroup)
    else:
        holder.command(name)(defined)
    return typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]


class LazyGroup(LocalisedGroup, SuggestingGroup):
    """The root group: its own commands first, then `LAZY`'s, in that order."""

    LAZY: ClassVar[Mapping[str, Where]] = {}
    _listing = False

    @property
    def group_names(self) -> set[str]:
        built = {n for n, c in self.commands.items() if hasattr(c, "commands")}
        return built | {n for n, where in self.LAZY.items() if where.group}

    def list_commands(self, ctx: Any) -> list[str]:
        own = super().list_commands(ctx)
        return [*own, *(name for name in self.LAZY if name not in own)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in self.LAZY:
            return super().get_command(ctx, cmd_name)
        if self._listing:
            # Only its name and about line are shown: no need to build it.
            about = catalog(current_language()).get(f"cli_help.{cmd_name}.about")
            if about is not None:
                return TyperCommand(name=cmd_name, help=about)
        command = build(cmd_name, self.LAZY[cmd_name])
        localise(command, current_language(), typer_words=False, path=(cmd_name,))
        self.add_command(command, cmd_name)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False
