"""An error from the operating system as one line in the user's language: what, and how to fix.

`exc.strerror` is the system's own text ("No such file or directory", or a Windows message in
the language of Windows): never shown. The errno says what happened; each kind has a sentence
with the fix in locales/*.toml (`os_error.*`). Windows maps its own codes onto these errnos
(ERROR_ACCESS_DENIED and ERROR_SHARING_VIOLATION are EACCES, ERROR_DISK_FULL is ENOSPC).
"""

from __future__ import annotations

import errno

from meldcode_tui.i18n import t

_KINDS: dict[int, str] = {
    errno.ENOENT: "not_found",
    errno.ENOTDIR: "not_a_folder",
    errno.EISDIR: "is_a_folder",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.EEXIST: "exists",
    errno.ENAMETOOLONG: "name_too_long",
    errno.EINVAL: "bad_name",
    errno.EBUSY: "in_use",
    errno.ETXTBSY: "in_use",
    errno.EIO: "io",
    errno.EXDEV: "other_disk",
}
# Not on every platform's errno module: looked up by name.
for _name, _kind in (("EDQUOT", "disk_full"), ("ELOOP", "bad_name"), ("ENXIO", "not_found")):
    if hasattr(errno, _name):
        _KINDS[getattr(errno, _name)] = _kind


def os_error_kind(exc: OSError) -> str:
    """The kind of an OS error, as named in `os_error.*`; "other" for one we do not word."""
    if isinstance(exc, FileNotFoundError):
        return "not_found"
    if isinstance(exc, IsADirectoryError):
        return "is_a_folder"
    if isinstance(exc, NotADirectoryError):
        return "not_a_folder"
    if isinstance(exc, PermissionError):
        return "no_permission"
    return _KINDS.get(exc.errno or -1, "other")


def os_problem(exc: OSError) -> str:
    """What went wrong and how to fix it ("de schijf is vol; maak ruimte vrij ..."), no path."""
    kind = os_error_kind(exc)
    if kind == "other":
        return t("os_error.other", code=exc.errno if exc.errno is not None else "?")
    return t(f"os_error.{kind}")


def os_error_line(exc: OSError) -> str:
    """The whole line for an OS error nobody caught nearer: where (the file), what, the fix."""
    where = exc.filename if exc.filename is not None else t("os_error.unknown_file")
    return t("os_error.line", path=where, problem=os_problem(exc))
