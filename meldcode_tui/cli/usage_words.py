"""Click's own words in help and usage lines, in the chosen language.

Click writes `Usage: meldcode export [OPTIONS] {case_id}` itself: the prefix in its help
formatter's `write_usage`, the placeholders on each command (`options_metavar`,
`subcommand_metavar`) and parameter (`metavar`: an argument's name, an option's kind of
value, shown as <str> or TEXT by Click). cli/localise.py gives every command of our
tree `WordsContext` as its context class and sets the placeholders from `[cli_words]` as it
translates the help. Nothing of Click's or Typer's own is changed: another program's Click in
the same process (a test of another module) keeps its English.

The context also ties a usage error raised without a context (Click's parser raises
"option requires an argument" bare) to the command whose arguments were being parsed, so the
error line names `meldcode export`, not `meldcode`.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any, Final

import typer

from meldcode_tui.i18n import catalog, t

# Typer 0.28 marks a required argument `{case_id}` in the usage line; Click's own style (and
# Typer's before) is the bare name, and `[NAME]` for an optional one.
_REQUIRED_MARK: Final = re.compile(r"\{([^{}\s]+)\}")


def _is_usage_error(exc: BaseException) -> bool:
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


class WordsContext(typer.Context):
    """A context whose help formatter writes "Gebruik:" / "Usage:" from the locale."""

    def make_formatter(self) -> Any:
        formatter: Any = super().make_formatter()
        write_usage = formatter.write_usage

        def localised(prog: str, args: str = "", prefix: str | None = None) -> None:
            if prefix is None:
                prefix = t("cli_words.usage") + " "
            write_usage(prog, _REQUIRED_MARK.sub(r"\1", args), prefix)

        # Only this formatter, made for this help text, writes the locale's prefix.
        formatter.write_usage = localised
        return formatter

    @contextlib.contextmanager
    def scope(self, cleanup: bool = True) -> Iterator[Any]:
        with super().scope(cleanup=cleanup) as ctx:
            try:
                yield ctx
            except Exception as exc:
                if _is_usage_error(exc) and getattr(exc, "ctx", None) is None:
                    error: Any = exc
                    error.ctx, error.cmd = self, self.command
                raise


def apply_words(command: Any, key: str, lang: str) -> None:
    """Give one command our context and its placeholders in `lang` (`key` as in cli_help)."""
    strings = catalog(lang)
    command.context_class = WordsContext
    if getattr(command, "options_metavar", None):
        command.options_metavar = strings["cli_words.options_metavar"]
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = strings["cli_words.subcommand_metavar"]
    for param in getattr(command, "params", ()):
        kind = getattr(param, "param_type_name", None)
        if kind == "argument":
            name = argument_name(strings, key, param.name)
            if name is not None and not param.required:
                # Typer 0.28 brackets an optional argument's own name, older ones do not.
                name = f"[{name}]"
        elif kind == "option" and _takes_value(param):
            name = value_name(strings, param.type)
        else:
            continue
        if name is not None:
            param.metavar = name
            param.meldcode_words = True


def _takes_value(option: Any) -> bool:
    """An option with a value whose placeholder is Click's (none set in the code)."""
    if getattr(option, "is_flag", False) or getattr(option, "count", False):
        return False
    return option.metavar is None or getattr(option, "meldcode_words", False)


# Click's type classes (Typer 0.28 renamed some, and their `name`s): the kind of value asked.
_VALUE_KINDS: Final = (
    ("Path", "path"),
    ("IntParamType", "number"),
    ("FloatParamType", "number"),
    ("StringParamType", "text"),
)


def value_name(strings: dict[str, str], kind: Any) -> str | None:
    """An option's placeholder for its kind of value (TEKST, PAD, GETAL), not `<str>`."""
    names = [cls.__name__ for cls in type(kind).__mro__]
    for suffix, value in _VALUE_KINDS:
        if any(name.endswith(suffix) for name in names):
            return strings.get(f"cli_words.value.{value}")
    return None


def argument_name(strings: dict[str, str], key: str, name: str | None) -> str | None:
    """The name an argument goes by in `lang`: per command, else shared (CASUS / CASE)."""
    return strings.get(f"cli_words.metavar.{key}.{name}") or strings.get(
        f"cli_words.metavar.{name}"
    )
