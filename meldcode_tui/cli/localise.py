"""`meldcode --help` in the chosen language: every command's and option's help from locales/.

Typer takes help texts from docstrings and `help=` when the command tree is built, and Click
handles `--help` while parsing, before any callback runs. So the root group picks the language
(--lang, else MELDCODE_LANG, else the settings file's, else Dutch) when its context is made,
before parsing, and rewrites the help of the freshly built tree from the `[cli_help]` tables:
`cli_help.<command>.about` for a command (nested commands joined by `_`: `action_add`),
`cli_help.<command>.<parameter>` for an option or argument, else `cli_help.shared.<parameter>`
for one that many commands share. The English in the code stays as the fallback for a
parameter without a key (tests/test_cli_help_language.py requires a key for each).
Typer's own panel titles and markers (Options, [default: ...]) follow where Typer exposes
them as names (typer.rich_utils); Click's "Usage:" line and its placeholders follow through
cli/usage_words.py.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any, Final

from typer.core import TyperGroup

from meldcode_tui.cli.usage_words import WordsContext, apply_words
from meldcode_tui.config_file import LoadedConfig, load_config
from meldcode_tui.i18n import UnknownLanguage, catalog, resolve_lang, set_language
from meldcode_tui.settings import config_file_path, language_asked

# Where the root's context keeps the settings file it read, so the callback reads it once.
CONFIG_META: Final = "meldcode.config"
# Typer's own options, not ours: translated under cli_help.typer.
_TYPER_WORDS: Final = {
    "ARGUMENTS_PANEL_TITLE": "arguments",
    "OPTIONS_PANEL_TITLE": "options",
    "COMMANDS_PANEL_TITLE": "commands",
    "DEFAULT_STRING": "default",
    "ENVVAR_STRING": "envvar",
    "REQUIRED_LONG_STRING": "required",
}


class LocalisedGroup(TyperGroup):
    """The root `meldcode` group: language first, then parsing, so --help is translated."""

    context_class = WordsContext

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        loaded: LoadedConfig | None = None
        if parent is None:
            path = config_file_path()
            loaded = load_config(path)
            lang = _early_language(args, loaded)
            if loaded.warning:
                loaded = load_config(path)  # the warning again, now in the chosen language
            # Typer's own words live in typer.rich_utils, which imports rich (a quarter of a
            # second here): only when help is asked for, not on every command.
            localise(self, lang, typer_words=_shows_help(self, args))
        ctx = super().make_context(info_name, args, parent, **extra)
        if loaded is not None:
            ctx.meta[CONFIG_META] = loaded
        return ctx


def _shows_help(root: Any, args: list[str]) -> bool:
    """--help, or a command group named last without a command (`meldcode flows` shows help)."""
    before = args[: args.index("--")] if "--" in args else args
    groups = set(getattr(root, "group_names", ())) | {
        name for name, cmd in getattr(root, "commands", {}).items() if hasattr(cmd, "commands")
    }
    return "--help" in before or bool(before and before[-1] in groups)


def _early_language(args: list[str], loaded: LoadedConfig) -> str:
    """The language asked for; a bad value is left for the root callback to report."""
    try:
        lang = resolve_lang(language_asked(args, None, loaded.settings.lang))
    except UnknownLanguage:
        lang = resolve_lang(loaded.settings.lang)
    set_language(lang)
    return lang


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the tree with its path (the root's is empty); lazy ones are built."""
    yield path, command
    if not hasattr(command, "list_commands"):
        return
    import typer

    ctx = typer.Context(command)
    for name in command.list_commands(ctx):
        yield from walk(command.get_command(ctx, name), (*path, name))


def _built(command: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    """The commands of the tree built so far (cli/lazy.py builds the others when used)."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _built(sub, (*path, name))


def command_key(path: tuple[str, ...]) -> str:
    return "_".join(path) if path else "root"


def help_params(command: Any) -> list[Any]:
    """The parameters whose help is shown: the command's own and its --help option."""
    params = list(getattr(command, "params", ()))
    with contextlib.suppress(Exception):  # an older Typer/Click without the cached option
        import typer

        option = command.get_help_option(typer.Context(command))
        if option is not None:
            params.append(option)
    return params


def localise(root: Any, lang: str, *, typer_words: bool = True, path: tuple[str, ...] = ()) -> None:
    """Rewrite the help of every command and parameter under `root` (at `path`) in `lang`."""
    strings = catalog(lang)
    for at, command in _built(root, path):
        key = command_key(at)
        apply_words(command, key, lang)
        about = strings.get(f"cli_help.{key}.about")
        if about is not None:
            command.help = about
            command.short_help = None
        epilog = strings.get(f"cli_help.{key}.epilog")
        if epilog is not None:
            command.epilog = epilog
        for param in help_params(command):
            text = param_help(strings, key, param.name)
            if text is not None:
                param.help = text
    if typer_words or "typer.rich_utils" in sys.modules:
        _typer_words(strings)


def param_help(strings: dict[str, str], key: str, name: str | None) -> str | None:
    return strings.get(f"cli_help.{key}.{name}") or strings.get(f"cli_help.shared.{name}")


def _typer_words(strings: dict[str, str]) -> None:
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - Typer without rich
        return
    for name, key in _TYPER_WORDS.items():
        text = strings.get(f"cli_help.typer.{key}")
        if text is not None and hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
