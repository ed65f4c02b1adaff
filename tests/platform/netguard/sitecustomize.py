"""Cut the network for a whole Python process (tests/platform/test_no_network.py puts this folder
on PYTHONPATH): every attempt fails with OSError and is written to $MELDCODE_NETGUARD_LOG, so an
attempt the app swallowed is still seen.

Local plumbing stays: socketpair() (asyncio's wake-up pipe; on Windows built from loopback
sockets) and sockets wrapped around an existing descriptor. Unix-domain sockets are not network.
"""

from __future__ import annotations

import os
import socket
from typing import Any, NoReturn

_LOG = os.environ.get("MELDCODE_NETGUARD_LOG", "")
_NETWORK = {socket.AF_INET, socket.AF_INET6}
_real_socket = socket.socket
_real_socketpair = socket.socketpair
_building_pair = False


def _refuse(what: str) -> NoReturn:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(what + "\n")
    raise OSError(f"network cut off by the test: {what}")


class _GuardedSocket(_real_socket):
    def __init__(
        self, family: Any = -1, type: Any = -1, proto: int = -1, fileno: int | None = None
    ) -> None:
        kind = socket.AF_INET if family == -1 else family
        if fileno is None and not _building_pair and kind in _NETWORK:
            _refuse(f"socket({socket.AddressFamily(kind).name})")
        super().__init__(family, type, proto, fileno)


def _socketpair(*args: Any, **kwargs: Any) -> tuple[socket.socket, socket.socket]:
    global _building_pair
    _building_pair = True
    try:
        return _real_socketpair(*args, **kwargs)
    finally:
        _building_pair = False


def _refuser(name: str) -> Any:
    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        _refuse(name)

    return refuse


socket.socket = _GuardedSocket  # type: ignore[misc]
socket.socketpair = _socketpair
for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, _name, _refuser(_name))
