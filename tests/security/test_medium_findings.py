"""Medium 5, 6, 7, 10, 11, 12: schema, test KDF, true error messages, init, padding, audit tail."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from security_helpers import (
    PASSPHRASE,
    SECRET_NOTE,
    file_digest,
    new_case,
    ok,
    one_line_error,
    raw_conn,
    run,
)

from meldcode_tui.store import (
    KdfRefused,
    SchemaAltered,
    SchemaVersionDamaged,
    Store,
    StoreExists,
    StoreReadOnly,
    WrongRecoveryKey,
    codec,
)
from meldcode_tui.vault import INSECURE_TEST_ENV, format_key

# ------------------------------------------------------------------ 5: the schema


PLANTS = {
    "trigger": "CREATE TABLE loot (body BLOB); CREATE TRIGGER keep BEFORE DELETE ON notes "
    "BEGIN INSERT INTO loot VALUES (old.body); END",
    "meta_trigger": "CREATE TABLE keys (v BLOB); CREATE TRIGGER old_key BEFORE UPDATE ON meta "
    "BEGIN INSERT INTO keys VALUES (old.value); END",
    "view": "CREATE VIEW v AS SELECT * FROM notes",
    "extra_index": "CREATE INDEX spy ON notes(created_at)",
    "dropped_index": "DROP INDEX idx_notes_case_id",
    "extra_column": "ALTER TABLE notes ADD COLUMN copy BLOB",
}


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_a_schema_meldcode_did_not_make_is_refused(
    tmp_path: Path, store_path: Path, plant: str
) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "basismodel", {})
    ok("note", case, SECRET_NOTE, "--kind", "feit")
    conn = raw_conn(store_path)
    conn.executescript(PLANTS[plant])
    conn.close()
    before = file_digest(store_path)
    one_line_error(run("verify"), 1)
    one_line_error(run("shred", case, "--yes"))
    one_line_error(run("passwd", env={"MELDCODE_NEW_PASSPHRASE": "nog vier andere woorden"}))
    with pytest.raises(SchemaAltered):
        Store.open(store_path, PASSPHRASE)
    assert file_digest(store_path) == before


def test_verify_names_the_schema(tmp_path: Path, store_path: Path) -> None:
    ok("init", "--no-recovery")
    conn = raw_conn(store_path)
    conn.executescript(PLANTS["trigger"])
    conn.close()
    line = one_line_error(run("verify"), 1)
    assert "buiten meldcode gewijzigd" in line and "trigger" in line


# ------------------------------------------------------------------ 6: the test-only KDF


def test_init_and_passwd_warn_loudly_about_the_test_kdf() -> None:
    result = run("init", "--no-recovery")
    assert result.exit_code == 0
    assert INSECURE_TEST_ENV in result.stderr and "1000" in result.stderr
    result = run("passwd", env={"MELDCODE_NEW_PASSPHRASE": "nog vier andere woorden"})
    assert result.exit_code == 0 and INSECURE_TEST_ENV in result.stderr


def test_no_warning_without_the_test_kdf(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(INSECURE_TEST_ENV)
    monkeypatch.setenv("MELDCODE_STORE", str(tmp_path / "real.meldcode"))
    result = run("init", "--no-recovery")
    assert result.exit_code == 0 and INSECURE_TEST_ENV not in result.stderr


def _outside_a_test_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a user's shell looks like: the variable set, no pytest around."""
    from meldcode_tui.vault import kdf

    monkeypatch.setattr(kdf, "test_run", lambda: False)


def test_a_stray_test_kdf_variable_is_refused_by_a_real_process(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    env.update({INSECURE_TEST_ENV: "1", "MELDCODE_STORE": str(tmp_path / "user.meldcode")})
    proc = subprocess.run(
        [sys.executable, "-m", "meldcode_tui.cli", "init", "--no-recovery"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert INSECURE_TEST_ENV in proc.stderr and "geen testrun" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "user.meldcode").exists()


def test_outside_a_test_run_the_variable_never_weakens_a_new_key(
    monkeypatch: pytest.MonkeyPatch, store_path: Path
) -> None:
    from meldcode_tui.vault import kdf

    ok("init", "--no-recovery")
    before = file_digest(store_path)
    _outside_a_test_run(monkeypatch)
    assert kdf.stray_insecure_setting() and not kdf.insecure_test_kdf()
    new_env = {"MELDCODE_NEW_PASSPHRASE": "nog vier andere woorden"}
    assert "geen testrun" in one_line_error(run("passwd", env=new_env))
    assert file_digest(store_path) == before
    other = store_path.with_name("other.meldcode")
    monkeypatch.setenv("MELDCODE_STORE", str(other))
    assert "geen testrun" in one_line_error(run("init", "--no-recovery"))
    assert not other.exists()
    # Whatever path creates a store (the app's first run too) gets the shipped parameters.
    store, _ = Store.create(other, PASSPHRASE, recovery=False)
    with store:
        assert store.kdf_params == kdf.DEFAULT_PARAMS


def test_a_store_with_the_light_settings_is_strengthened_and_flagged(
    monkeypatch: pytest.MonkeyPatch, store_path: Path
) -> None:
    from meldcode_tui.vault import kdf

    ok("init", "--no-recovery")  # a test run: the light settings
    ok("new", "--flow", "basismodel", "--title", "Zorg 7B-01")
    _outside_a_test_run(monkeypatch)
    monkeypatch.delenv(INSECURE_TEST_ENV)
    # A reader beside the app cannot rewrap: it opens and says how weak the key is.
    reader = Store.open_reader(store_path, PASSPHRASE)
    with reader:
        assert reader.kdf_params == kdf.TEST_PARAMS and reader.kdf_warning == "weak"
    result = run("list")
    assert result.exit_code == 0
    assert "versterkt" in result.stderr and "oudere kopieën" in result.stderr.lower()
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.kdf_params == kdf.DEFAULT_PARAMS and store.kdf_warning is None
        assert [e.event for e in store.audit()].count("kdf_upgraded") == 1
        assert len(store.list_cases()) == 1
    assert "WAARSCHUWING" not in run("list").stderr


def test_other_weak_settings_are_refused_outside_a_test_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from meldcode_tui.vault import kdf
    from meldcode_tui.vault.errors import KdfRefused as VaultKdfRefused

    _outside_a_test_run(monkeypatch)
    for params in (
        kdf.KdfParams(memory_kib=512, iterations=1, lanes=1),
        kdf.KdfParams(memory_kib=256, iterations=1, lanes=2),
    ):
        with pytest.raises(VaultKdfRefused):
            kdf.check_params(params)
    kdf.check_params(kdf.TEST_PARAMS)  # opens, to be strengthened (above)


# ------------------------------------------------------------------ 7: each error its own message


def test_a_read_only_folder_is_not_called_damaged(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok("init", "--no-recovery")
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode)
    )
    with pytest.raises(StoreReadOnly):
        Store.open(store_path, PASSPHRASE)
    line = one_line_error(run("list"))
    assert "alleen-lezen" in line and "beschadigd" not in line


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores modes")
def test_a_really_read_only_folder(store_path: Path) -> None:  # pragma: no cover - not as root
    ok("init", "--no-recovery")
    store_path.parent.chmod(0o555)
    try:
        assert "alleen-lezen" in one_line_error(run("list"))
    finally:
        store_path.parent.chmod(0o755)


def _edit_header(path: Path, change: dict[str, object]) -> None:
    import hashlib

    from meldcode_tui.vault.header import canonical_json

    conn = raw_conn(path)
    data = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'vault'").fetchone()[0])
    data.pop("check")
    data["kdf"].update(change)
    data["check"] = hashlib.sha256(canonical_json(data)).hexdigest()
    conn.execute("UPDATE meta SET value = ? WHERE key = 'vault'", (canonical_json(data),))
    conn.close()


def test_edited_kdf_settings_are_not_called_a_wrong_passphrase(store_path: Path) -> None:
    ok("init", "--no-recovery")
    _edit_header(store_path, {"memory_kib": 512})
    with pytest.raises(KdfRefused):
        Store.open(store_path, PASSPHRASE)
    line = one_line_error(run("list"))
    assert "sleutelinstellingen" in line and "wachtwoordzin is onjuist" not in line


def test_a_wrong_recovery_key_is_not_called_a_wrong_passphrase(store_path: Path) -> None:
    ok("init")
    other = format_key(b"\x07" * 18)
    with pytest.raises(WrongRecoveryKey):
        Store.open(store_path, recovery_key=other)
    env = {"MELDCODE_RECOVERY_KEY": other, "MELDCODE_NEW_PASSPHRASE": "nog vier andere woorden"}
    result = run("passwd", "--recovery", env=env)
    # The new passphrase is asked (and rated, and the test KDF warned about) before the key
    # is tried, so the error is the last line here.
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    line = result.stderr.strip().splitlines()[-1]
    assert "herstelsleutel" in line and "wachtwoordzin is onjuist" not in line


@pytest.mark.parametrize("version", [0, -1])
def test_schema_version_zero_is_not_called_disk_full(store_path: Path, version: int) -> None:
    ok("init", "--no-recovery")
    conn = raw_conn(store_path)
    conn.execute(f"PRAGMA user_version={version}")
    conn.close()
    before = file_digest(store_path)
    with pytest.raises(SchemaVersionDamaged):
        Store.open(store_path, PASSPHRASE)
    line = one_line_error(run("list"))
    assert "schemaversie" in line and "schijf vol" not in line
    assert file_digest(store_path) == before


# ------------------------------------------------------------------ 10: init replaces nothing


@pytest.mark.parametrize("kind", ["empty_file", "folder", "symlink", "dangling_symlink"])
def test_init_never_replaces_an_existing_path(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "store.meldcode"
    victim = tmp_path / "victim"
    if kind == "empty_file":
        target.touch()
    elif kind == "folder":
        target.mkdir()
    elif kind == "symlink":
        victim.write_text("keep me", encoding="utf-8")
        target.symlink_to(victim)
    else:
        target.symlink_to(tmp_path / "nowhere")
    one_line_error(run("init", "--no-recovery"))
    with pytest.raises(StoreExists):
        Store.create(target, PASSPHRASE, recovery=False)
    assert os.path.lexists(target)
    if kind == "empty_file":
        assert target.is_file() and target.stat().st_size == 0
    if kind == "symlink":
        assert target.is_symlink() and victim.read_text(encoding="utf-8") == "keep me"


def test_init_on_a_device_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELDCODE_STORE", os.devnull)
    one_line_error(run("init", "--no-recovery"))
    with pytest.raises(StoreExists):
        Store.create(os.devnull, PASSPHRASE, recovery=False)
    assert not Path(os.devnull).is_file()


def test_backup_never_replaces_an_existing_path(store_path: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    target = tmp_path / "backup.meldcode"
    target.touch()
    one_line_error(run("backup", str(target)))
    with Store.open(store_path, PASSPHRASE) as store, pytest.raises(StoreExists):
        store.backup(target)
    assert target.stat().st_size == 0


# ------------------------------------------------------------------ 11: padding


def test_answers_of_different_length_seal_to_the_same_size(store_path: Path) -> None:
    ok("init", "--no-recovery")
    with Store.open(store_path, PASSPHRASE) as store:
        case = store.new_case("kindveiligheid", "x")
        store.set_answer(case, "a", "geen_disclosure")
        store.set_answer(case, "b", "disclosure")
        store.set_answer(case, "c", True)
        store.set_answer(case, "d", False)
    conn = raw_conn(store_path)
    sizes = {len(b) for (b,) in conn.execute("SELECT body FROM answers")}
    conn.close()
    assert len(sizes) == 1


def test_padding_buckets() -> None:
    sizes = [codec.padded_length(n) for n in (1, 64, 65, 200, 4000, 16384, 16385, 40000)]
    assert sizes == [64, 64, 128, 256, 4096, 16384, 32768, 49152]
    assert codec.load(codec.dump({"v": "x"})) == {"v": "x"}


# ------------------------------------------------------------------ 12: the audit tail


def test_cutting_an_export_off_the_audit_is_named(store_path: Path, tmp_path: Path) -> None:
    ok("init", "--no-recovery")
    case = new_case(tmp_path, "basismodel", {})
    older = tmp_path / "older.meldcode"
    shutil.copyfile(store_path, older)
    ok("export", case, "-o", str(tmp_path / "a.txt"))
    ok("export", case, "-o", str(tmp_path / "b.txt"))
    conn = raw_conn(store_path)
    conn.execute("ATTACH DATABASE ? AS old", (str(older),))
    conn.execute("DELETE FROM audit WHERE event = 'summary_exported'")
    conn.execute(
        "UPDATE meta SET value = (SELECT value FROM old.meta WHERE key = 'audit_head') "
        "WHERE key = 'audit_head'"
    )
    conn.close()
    assert run("verify").exit_code == 1


def test_whole_file_copies_stay_compatible(store_path: Path) -> None:
    """Padding and sealed clear columns change nothing for a store read back."""
    ok("init", "--no-recovery")
    with Store.open(store_path, PASSPHRASE) as store:
        case = store.new_case("basismodel", "titel")
        store.add_note(case, "feit", "x" * 5000)
    with Store.open(store_path, PASSPHRASE) as store:
        assert store.get_case(case).notes[0].text == "x" * 5000
        assert store.verify() == []
    assert sqlite3.connect(store_path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


# ------------------------------------------------------------------ 16: the header is keyed


def _edit_recovery(path: Path, change: str) -> None:
    import base64
    import hashlib

    from meldcode_tui.vault.header import canonical_json

    conn = raw_conn(path)
    data = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'vault'").fetchone()[0])
    data.pop("check")
    if change == "removed":
        data["recovery"] = None
    else:
        data["recovery"]["wrapped"] = base64.b64encode(b"\x01" + b"\x00" * 60).decode()
    data["check"] = hashlib.sha256(canonical_json(data)).hexdigest()
    conn.execute("UPDATE meta SET value = ? WHERE key = 'vault'", (canonical_json(data),))
    conn.close()


@pytest.mark.parametrize("change", ["removed", "replaced"])
def test_an_edited_recovery_section_is_named_and_not_laundered(
    store_path: Path, tmp_path: Path, change: str
) -> None:
    ok("init")
    case = new_case(tmp_path, "basismodel", {})
    _edit_recovery(store_path, change)
    assert run("verify").exit_code == 1
    one_line_error(run("note", case, "x", "--kind", "feit"))
    result = run("passwd", env={"MELDCODE_NEW_PASSPHRASE": "nog vier andere woorden"})
    assert result.exit_code == 2 and "sleutelgegevens" in result.stderr.splitlines()[-1]
    assert run("verify").exit_code == 1


# ------------------------------------------------------------------ 9: the global --store


def test_the_global_store_option_reaches_subcommands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = tmp_path / "default.meldcode"
    chosen = tmp_path / "chosen.meldcode"
    monkeypatch.setenv("MELDCODE_STORE", str(default))
    ok("--store", str(chosen), "init", "--no-recovery")
    assert chosen.is_file() and not default.exists()
    ok("--store", str(chosen), "new", "--flow", "basismodel")
    assert not default.exists()


# ------------------------------------------------------------------ 16: shred forgets the id


def test_after_shred_the_file_keeps_neither_the_id_nor_its_timeline(
    store_path: Path, tmp_path: Path
) -> None:
    ok("init", "--no-recovery")
    keep = new_case(tmp_path, "basismodel", {}, title="blijft")
    gone = new_case(tmp_path, "basismodel", {}, title="weg")
    for n in range(3):
        ok("note", gone, f"feit {n}", "--kind", "feit")
    ok("note", keep, "na de ander", "--kind", "feit")
    ok("shred", gone, "--yes")
    assert gone.encode() not in store_path.read_bytes()
    conn = raw_conn(store_path)
    events = conn.execute("SELECT case_id, event FROM audit ORDER BY seq").fetchall()
    conn.close()
    assert all(case != gone for case, _ in events)
    assert events[-1] == (None, "case_shredded")
    ok("verify")
    ok("note", keep, "en verder", "--kind", "feit")
    ok("verify")
