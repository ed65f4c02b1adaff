"""Click's usage errors in the app's words: what is wrong, where, and how to fix it.

Click (through Typer) raises one exception class per kind of mistake, with an English message
that names the parameter its own way ('case_id', '--format' / '-f'). cli/root.py catches them
where it prints the one line; this module reads each exception's fields (the parameter, the
option as typed, Click's close matches) and writes the line from `[cli_words.error]`.

The classes are known by name along the MRO: Typer bundles its own copy of Click since 0.28
and used Click before, and both name them alike (as cli/root.py finds ClickException).
A mistake of a kind not known here keeps Click's message inside our frame (`cli.usage_error`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from enum import Enum
from typing import Any, Final

from meldcode_tui.i18n import t

# The one plain UsageError a command raises on its own arguments; Click 8.2 words it
# "argument"/"arguments", the copy in Typer 0.28 "argument(s)".
_EXTRA: Final = re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<extra>.*)\)$")
_EXAMPLE_MOMENT: Final = datetime(2026, 3, 14, 9, 30)
# Where cli/lazy.py puts the command name it could not find, and Click's close matches.
UNKNOWN_COMMAND: Final = "meldcode_unknown_command"
CLOSE_COMMANDS: Final = "meldcode_close_commands"


def usage_line(exc: Exception) -> str:
    """The one line for a usage error, in the current language."""
    ctx = getattr(exc, "ctx", None)
    where = str(ctx.command_path) if ctx is not None else "meldcode"
    what = _what(exc, where)
    if what is None:
        return t("cli.usage_error", message=message_of(exc), where=where)
    return t("cli.error_prefix") + what


def message_of(exc: Exception) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)


def _kinds(value: object) -> set[str]:
    return {cls.__name__ for cls in type(value).__mro__}


def _what(exc: Any, where: str) -> str | None:
    kinds = _kinds(exc)
    if "MissingParameter" in kinds:
        return _missing(exc, where)
    if "BadParameter" in kinds:
        return _bad_value(exc, where)
    if "NoSuchOption" in kinds:
        return t(
            "cli_words.error.unknown_option",
            where=where,
            option=exc.option_name,
            suggest=_suggest(exc.possibilities),
        )
    if "BadOptionUsage" in kinds:
        return _option_usage(exc, where)
    if "BadArgumentUsage" in kinds:
        return _argument_usage(exc, where)
    # Click 8.4 and later raise NoSuchCommand with the name; cli/lazy.py adds both fields
    # (the close names from every command, built or not) for the plain UsageError of older ones.
    unknown = getattr(exc, UNKNOWN_COMMAND, None) or getattr(exc, "command_name", None)
    if unknown is not None:
        close = getattr(exc, CLOSE_COMMANDS, None)
        return t(
            "cli_words.error.unknown_command",
            where=where,
            name=unknown,
            suggest=_suggest(getattr(exc, "possibilities", None) if close is None else close),
        )
    extra = _EXTRA.match(str(getattr(exc, "message", "")))
    if extra is not None:
        return t("cli_words.error.extra_arguments", where=where, extra=extra["extra"])
    return None


def shown_name(param: Any) -> str:
    """A parameter as the user types it: `--format`, or an argument's name (CASUS)."""
    if getattr(param, "param_type_name", None) == "argument":
        return str(param.metavar or (param.name or "").upper()).strip("[]")
    opts = [o for o in getattr(param, "opts", ()) if o.startswith("--")] or list(param.opts)
    return str(max(opts, key=len)) if opts else str(param.name)


def _hint_name(exc: Any) -> str | None:
    if exc.param is not None:
        return shown_name(exc.param)
    hint = exc.param_hint
    if hint is None:
        return None
    return hint if isinstance(hint, str) else " / ".join(hint)


def _missing(exc: Any, where: str) -> str:
    name = _hint_name(exc)
    if name is None:
        return t("cli_words.error.missing_value", where=where)
    kind = exc.param_type or getattr(exc.param, "param_type_name", None)
    if kind != "argument":
        return t("cli_words.error.missing_option", where=where, param=name)
    # Where it goes: after the command and the arguments before it (`... add CASUS`).
    before = _arguments_before(exc.ctx, exc.param)
    after = " ".join([where, *before])
    return t("cli_words.error.missing_argument", where=where, param=name, after=after)


def _arguments_before(ctx: Any, param: Any) -> list[str]:
    arguments = [
        p
        for p in getattr(getattr(ctx, "command", None), "params", ())
        if p.param_type_name == "argument"
    ]
    if param not in arguments:
        return []
    return [shown_name(p) for p in arguments[: arguments.index(param)]]


def _bad_value(exc: Any, where: str) -> str:
    name = _hint_name(exc)
    expected = _expected(exc.param.type) if exc.param is not None else None
    if name is None:
        return t("cli_words.error.bad_value_unnamed", where=where, detail=exc.message)
    if expected is None:
        # A type or a callback of our own: its message is already the locale's.
        return t("cli_words.error.bad_value_detail", where=where, param=name, detail=exc.message)
    return t("cli_words.error.bad_value", where=where, param=name, expected=expected)


def _expected(kind: Any) -> str | None:
    """What a value of this Click type looks like, as an instruction ("geef een geheel getal")."""
    kinds = _kinds(kind)
    if any(name.endswith("Choice") for name in kinds):  # Click's Choice, Typer 0.28's TyperChoice
        return t("cli_words.error.expect_choice", choices=_either(map(_choice, kind.choices)))
    if "_NumberRangeBase" in kinds and (kind.min_open or kind.max_open):
        return None  # Typer cannot declare an open bound: leave it to Click's words
    bounds = _bounds(kind) if "_NumberRangeBase" in kinds else ""
    if "IntParamType" in kinds:
        return t("cli_words.error.expect_integer", bounds=bounds)
    if "FloatParamType" in kinds:
        return t("cli_words.error.expect_number", bounds=bounds)
    if "DateTime" in kinds:
        # Examples, not strptime codes: 2026-03-14, 2026-03-14 09:30:00.
        shown = (_EXAMPLE_MOMENT.strftime(f) for f in kind.formats)
        return t("cli_words.error.expect_datetime", formats=_either(shown))
    return None


def _choice(value: object) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def _number(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _bounds(kind: Any) -> str:
    low, high = kind.min, kind.max
    if low is not None and high is not None:
        text = t("cli_words.error.bound_between", min=_number(low), max=_number(high))
    elif low is not None:
        text = t("cli_words.error.bound_at_least", min=_number(low))
    elif high is not None:
        text = t("cli_words.error.bound_at_most", max=_number(high))
    else:
        return ""
    return " " + text


def _option_usage(exc: Any, where: str) -> str | None:
    name = exc.option_name
    ctx = exc.ctx
    params = getattr(ctx.command, "params", ()) if ctx is not None else ()
    option = next((p for p in params if name in (*p.opts, *p.secondary_opts)), None)
    if option is None:
        return None
    if getattr(option, "is_flag", False) or getattr(option, "count", False):
        return t("cli_words.error.option_takes_no_value", where=where, option=name)
    if option.nargs > 1:
        return t(
            "cli_words.error.option_needs_values", where=where, option=name, count=option.nargs
        )
    return t("cli_words.error.option_needs_value", where=where, option=name)


def _argument_usage(exc: Any, where: str) -> str:
    """An argument of several values got fewer; Click names it only in its English message."""
    params = getattr(exc.ctx.command, "params", ()) if exc.ctx is not None else ()
    several = [p for p in params if p.param_type_name == "argument" and p.nargs > 1]
    if len(several) != 1:
        return t("cli_words.error.argument_values", where=where)
    (argument,) = several
    return t(
        "cli_words.error.argument_needs_values",
        where=where,
        param=shown_name(argument),
        count=argument.nargs,
    )


def _either(items: Iterable[str]) -> str:
    """The items as a list ending in the locale's "or": "a, b of c"."""
    listed = list(items)
    if len(listed) < 2:
        return "".join(listed)
    return t("cli_words.error.either", first=", ".join(listed[:-1]), last=listed[-1])


def _suggest(matches: Iterable[str] | None) -> str:
    listed = sorted(matches or ())
    if not listed:
        return ""
    return t("cli_words.error.did_you_mean", choices=_either(listed))
