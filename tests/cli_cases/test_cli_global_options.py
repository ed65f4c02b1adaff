"""The root's --passphrase-file reaches every subcommand; only the path travels, not the secret."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import PASSPHRASE, ok, one_line_error, run


@pytest.fixture
def pass_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # No passphrase in the environment: without the root's file a command would have to prompt.
    monkeypatch.delenv("MELDCODE_PASSPHRASE")
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def _wrong_file(tmp_path: Path) -> Path:
    path = tmp_path / "wrong.txt"
    path.write_text("niet de goede zin hoor\n", encoding="utf-8")
    return path


def test_the_root_passphrase_file_unlocks_a_subcommand_without_a_prompt(
    pass_file: Path, store_path: Path
) -> None:
    ok("--passphrase-file", str(pass_file), "init", "--no-recovery")
    assert store_path.is_file()
    # No input is given: a prompt would read end-of-input and fail with "passphrase needed".
    case_id = ok("--passphrase-file", str(pass_file), "new", "--flow", "basismodel").strip()
    listing = ok("--passphrase-file", str(pass_file), "list")
    assert case_id in listing


def test_it_reaches_the_commands_of_a_nested_group(pass_file: Path) -> None:
    ok("--passphrase-file", str(pass_file), "init", "--no-recovery")
    case_id = ok("--passphrase-file", str(pass_file), "new", "--flow", "basismodel").strip()
    out = ok(
        "--passphrase-file", str(pass_file), "action", "add", case_id, "bellen", "--owner", "AB"
    )
    assert case_id in out


def test_a_subcommand_own_file_wins_over_the_root_file(pass_file: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery", "--passphrase-file", str(pass_file))
    wrong = _wrong_file(tmp_path)
    ok("--passphrase-file", str(wrong), "list", "--passphrase-file", str(pass_file))
    # And the other way round the wrong one is used: the store refuses it in one line.
    result = run("--passphrase-file", str(pass_file), "list", "--passphrase-file", str(wrong))
    one_line_error(result)


def test_the_root_file_wins_over_the_environment(
    pass_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("--passphrase-file", str(pass_file), "init", "--no-recovery")
    monkeypatch.setenv("MELDCODE_PASSPHRASE", "niet de goede zin hoor")
    ok("--passphrase-file", str(pass_file), "list")


def test_an_unreadable_root_file_is_one_line_and_exit_2(pass_file: Path, tmp_path: Path) -> None:
    ok("--passphrase-file", str(pass_file), "init", "--no-recovery")
    line = one_line_error(run("--passphrase-file", str(tmp_path / "gone.txt"), "list"))
    assert "gone.txt" in line


def test_neither_the_passphrase_nor_its_file_lands_in_the_environment(
    pass_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("--passphrase-file", str(pass_file), "init", "--no-recovery")
    seen: list[dict[str, str]] = []
    import meldcode_tui.cli.unlock as unlock

    real = unlock.read_secret_file

    def spy(path: Path) -> str:
        seen.append(dict(os.environ))
        return real(path)

    monkeypatch.setattr(unlock, "read_secret_file", spy)
    ok("--passphrase-file", str(pass_file), "list")
    assert seen, "the root's file was never read"
    for environ in seen:
        assert not any(PASSPHRASE in value for value in environ.values())
        assert not any(str(pass_file) in value for value in environ.values())
