"""Low 13: every input of the corpus gets one clear line, its exit code, and changes nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus_inputs import (
    ANSWERS,
    ARGS,
    BACKUP_EDITS,
    DATE_ANSWERS,
    ENVS,
    FLOWS,
    STORE_EDITS,
    StoreEdit,
    count,
)
from security_helpers import (
    INTAKE,
    SECRET_NOTE,
    MainResult,
    file_digest,
    new_case,
    ok,
    raw_conn,
    run_main,
)

from meldcode_tui.store import Store


def clear_line(result: MainResult, code: int) -> str:
    """One line on stderr, the documented exit code, no traceback, not the last-resort line."""
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text[-2000:]
    assert "MELDCODE_DEBUG" not in text, result.stderr[-500:]
    assert result.exit_code == code, (result.exit_code, result.stderr[-500:])
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr[-1000:]
    return lines[0]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, str]]:
    """A store with a basismodel and a safeguarding case, made once for the module."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "store.meldcode"
    mp = pytest.MonkeyPatch()
    mp.setenv("MELDCODE_STORE", str(path))
    from security_helpers import PASSPHRASE

    from meldcode_tui.vault import INSECURE_TEST_ENV

    mp.setenv(INSECURE_TEST_ENV, "1")
    mp.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    ok("init", "--no-recovery")
    basis = new_case(folder, "basismodel", {"client_type": "kind"})
    safe = new_case(folder, "safeguarding", INTAKE)
    ok("note", basis, SECRET_NOTE, "--kind", "feit")
    with Store.open(path, PASSPHRASE) as store:
        store.backup(folder / "good.backup")
    yield path, basis, safe
    mp.undo()


@pytest.fixture
def store(template: tuple[Path, str, str], tmp_path: Path) -> tuple[Path, str, str]:
    path, basis, safe = template
    mine = tmp_path / "store.meldcode"
    shutil.copyfile(path, mine)
    return mine, basis, safe


def _write(folder: Path, name: str, content: bytes | str) -> Path:
    target = folder / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return target


def test_the_corpus_has_at_least_100_inputs() -> None:
    assert count() >= 100


@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_bad_answers_file(store: tuple[Path, str, str], tmp_path: Path, name: str) -> None:
    path, basis, _ = store
    file = _write(tmp_path, name, ANSWERS[name])
    before = file_digest(path)
    clear_line(run_main("answer", basis, "--answers", str(file)), 2)
    clear_line(run_main("new", "--flow", "basismodel", "--answers", str(file)), 2)
    assert file_digest(path) == before


@pytest.mark.parametrize("name", sorted(DATE_ANSWERS))
def test_bad_date(store: tuple[Path, str, str], tmp_path: Path, name: str) -> None:
    path, _, safe = store
    file = _write(tmp_path, name, DATE_ANSWERS[name])
    before = file_digest(path)
    clear_line(run_main("answer", safe, "--answers", str(file)), 2)
    assert file_digest(path) == before


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_bad_flow_file(tmp_path: Path, name: str) -> None:
    file = _write(tmp_path, name, FLOWS[name])
    result = run_main("flows", "check", str(file))
    # `flows check` lists every problem, then how many: a failed check, exit 1.
    assert result.exit_code == 1, result.stderr[-500:]
    text = result.stdout + result.stderr
    assert "Traceback" not in text and "MELDCODE_DEBUG" not in text
    assert 2 <= len(result.stderr.strip().splitlines()) <= 20


def _apply(path: Path, edit: StoreEdit) -> None:
    if edit.sql:
        conn = raw_conn(path)
        try:
            conn.executescript(edit.sql)
        finally:
            conn.close()
    if edit.truncate >= 0:
        with path.open("r+b") as fh:
            fh.truncate(edit.truncate)
    if edit.at >= 0:
        with path.open("r+b") as fh:
            fh.seek(edit.at)
            fh.write(edit.data)


@pytest.mark.parametrize("edit", STORE_EDITS, ids=[e.name for e in STORE_EDITS])
def test_damaged_store(store: tuple[Path, str, str], edit: StoreEdit) -> None:
    path, basis, _ = store
    _apply(path, edit)
    before = file_digest(path)
    for args in (["list"], ["show", basis], ["note", basis, "x", "--kind", "feit"]):
        result = run_main(*args)
        if result.exit_code != 0 or args[0] == "note":
            clear_line(result, 2)
    verified = run_main("verify")
    assert verified.exit_code == edit.verify_exit, verified.stderr[-500:]
    assert "Traceback" not in verified.stderr and "MELDCODE_DEBUG" not in verified.stderr
    assert file_digest(path) == before


@pytest.mark.parametrize("edit", BACKUP_EDITS, ids=[e.name for e in BACKUP_EDITS])
def test_damaged_backup(template: tuple[Path, str, str], tmp_path: Path, edit: StoreEdit) -> None:
    backup = tmp_path / "bad.backup"
    shutil.copyfile(template[0].parent / "good.backup", backup)
    _apply(backup, edit)
    before = file_digest(backup)
    target = tmp_path / "restored.meldcode"
    clear_line(run_main("restore", str(backup), "--store", str(target)), 2)
    assert not os.path.lexists(target)
    assert [p.name for p in tmp_path.iterdir() if "restor" in p.name] == []
    assert file_digest(backup) == before


@pytest.mark.parametrize("name,args", ARGS, ids=[a[0] for a in ARGS])
def test_bad_command_line(
    store: tuple[Path, str, str], tmp_path: Path, name: str, args: list[str]
) -> None:
    path, basis, _ = store
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    filled = [
        a.replace("{case}", basis).replace("{tmp}", str(scratch)).replace("{store}", str(path))
        for a in args
    ]
    before = file_digest(path)
    clear_line(run_main(*filled), 2)
    assert file_digest(path) == before
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()


@pytest.mark.parametrize("name,variable,value,args", ENVS, ids=[e[0] for e in ENVS])
def test_bad_environment(
    store: tuple[Path, str, str], name: str, variable: str, value: str, args: list[str]
) -> None:
    path, _, _ = store
    before = file_digest(path)
    clear_line(run_main(*args, env={variable: value}), 2)
    assert file_digest(path) == before
