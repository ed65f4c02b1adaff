"""A flow file that passed the full check is not searched again, unless its bytes or the code
changed (flow/verdicts.py): `flows list` and loading the shipped flows reuse the answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meldcode_tui.cache_folder import digest
from meldcode_tui.flow import FlowError
from meldcode_tui.flow.registry import list_checked, load_checked
from meldcode_tui.flow.verdicts import Verdicts, checker_fingerprint

BROKEN = Path(__file__).parent.parent / "flows_broken" / "10_unreachable_step.toml"
IMPOSSIBLE = (
    'when = { all = [ { question = "a1", equals = true }, { question = "a1", equals = false } ] }\n'
)


def _sound(folder: Path) -> Path:
    """The broken corpus file without its impossible condition: a flow that passes."""
    text = BROKEN.read_text(encoding="utf-8")
    assert IMPOSSIBLE in text
    path = folder / "klein.toml"
    path.write_text(text.replace(IMPOSSIBLE, ""), encoding="utf-8")
    return path


def _codes(exc: pytest.ExceptionInfo[FlowError]) -> list[str]:
    return [p.code for p in exc.value.problems]


def test_an_edited_file_is_checked_in_full_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache" / "flows-checked.json"
    flow = _sound(tmp_path)
    listed = list_checked([flow], Verdicts(cache))
    assert [row.id for row in listed] == ["kapot"] and cache.is_file()
    # Same path, same id and version: only the bytes tell the edit apart.
    flow.write_bytes(BROKEN.read_bytes())
    with pytest.raises(FlowError) as listing:
        list_checked([flow], Verdicts(cache))
    assert "unreachable_step" in _codes(listing)
    with pytest.raises(FlowError) as loading:
        load_checked([flow], Verdicts(cache))
    assert "unreachable_step" in _codes(loading)


def test_a_file_that_fails_is_not_remembered(tmp_path: Path) -> None:
    cache = tmp_path / "flows-checked.json"
    with pytest.raises(FlowError):
        load_checked([BROKEN], Verdicts(cache))
    assert not Verdicts(cache).passed(digest(BROKEN.read_bytes()))


def test_a_pass_recorded_by_other_code_is_not_trusted(tmp_path: Path) -> None:
    # As if an older version of the app (a weaker check) had let these bytes pass.
    cache = tmp_path / "flows-checked.json"
    listing = {
        "id": "kapot",
        "version": "1",
        "title": {"nl": "Kapot", "en": "Broken"},
        "description": {"nl": "Testflow.", "en": "Test flow."},
    }
    entry = {digest(BROKEN.read_bytes()): listing}
    cache.write_text(json.dumps({"checker": "older", "passed": entry}), encoding="utf-8")
    with pytest.raises(FlowError) as info:
        list_checked([BROKEN], Verdicts(cache))
    assert "unreachable_step" in _codes(info)
    # The same entry under this code's fingerprint is what a pass looks like.
    cache.write_text(
        json.dumps({"checker": checker_fingerprint(), "passed": entry}), encoding="utf-8"
    )
    assert [row.id for row in list_checked([BROKEN], Verdicts(cache))] == ["kapot"]


@pytest.mark.parametrize("content", [b"{not json", b'{"checker": 1}', b"[]", b"\xff\xfe"])
def test_a_damaged_cache_costs_a_full_check_and_is_written_anew(
    tmp_path: Path, content: bytes
) -> None:
    cache = tmp_path / "flows-checked.json"
    cache.write_bytes(content)
    flow = _sound(tmp_path)
    assert [row.id for row in list_checked([flow], Verdicts(cache))] == ["kapot"]
    assert Verdicts(cache).passed(digest(flow.read_bytes()))


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "flows-checked.json"
    blocked.mkdir()  # a folder where the file should be: reading and writing both fail
    flow = _sound(tmp_path)
    assert [row.id for row in list_checked([flow], Verdicts(blocked))] == ["kapot"]
    assert [f.id for f in load_checked([flow], Verdicts(blocked))] == ["kapot"]


_LIST_TWICE = """
import sys

from meldcode_tui.cli import main

try:
    main(["flows", "list"])
except SystemExit as exc:
    assert not exc.code, exc.code
print("\\n".join(sorted(sys.modules)), file=sys.stderr)
"""


def test_flows_list_loads_no_flow_file_parser_once_the_files_passed(tmp_path: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    if sys.platform != "linux":
        pytest.skip("the cache folder follows XDG_CACHE_HOME on Linux only")

    def modules_after_list() -> set[str]:
        done = subprocess.run(
            [sys.executable, "-c", _LIST_TWICE],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "basismodel" in done.stdout
        return set(done.stderr.split())

    first = modules_after_list()
    assert "meldcode_tui.flow.reachability" in first  # checked in full, then remembered
    again = modules_after_list()
    assert not {"meldcode_tui.flow.loader", "meldcode_tui.flow.reachability"} & again
