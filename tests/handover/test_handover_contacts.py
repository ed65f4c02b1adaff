"""The address book from the command line, and `identity show`: names, keys, confirmation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from handover_helpers import PASSPHRASE, Colleague, forms, full_case
from typer.testing import CliRunner, Result

from meldcode_tui.cli import app
from meldcode_tui.vault.identity import Identity


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    for name in ("MELDCODE_STORE", "MELDCODE_LANG", "MELDCODE_NOW"):
        monkeypatch.delenv(name, raising=False)


def run(store: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["--store", str(store), *args])


def error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_identity_show_prints_one_line_and_a_fingerprint(ans: Colleague) -> None:
    public = ans.store.identity().public
    ans.store.close()
    shown = run(ans.path, "identity", "show")
    assert shown.exit_code == 0
    assert public.line in shown.stdout.splitlines()
    assert re.search(r"\d{4}( \d{4}){5}", shown.stdout).group(0) == public.fingerprint  # type: ignore[union-attr]
    rotated = run(ans.path, "identity", "rotate")
    assert rotated.exit_code == 0 and public.line not in rotated.stdout
    assert public.line not in run(ans.path, "identity", "show").stdout


def test_add_list_confirm_remove(ans: Colleague, bea: Colleague, tmp_path: Path) -> None:
    key = bea.key
    fingerprint = bea.store.identity().public.fingerprint
    case_id, second = full_case(ans.store), full_case(ans.store)
    for c in (ans, bea):
        c.store.close()
    added = run(ans.path, "contacts", "add", "Bea Fictief", key)
    assert added.exit_code == 0 and fingerprint in added.stdout and "NIET bevestigd" in added.stdout
    listed = run(ans.path, "contacts", "list").stdout
    assert "Bea Fictief" in listed and fingerprint in listed and "NIET bevestigd" in listed
    # A hand-over to an unconfirmed key is refused (test_handover_refusals.py); accepted, it
    # says so.
    out = tmp_path / "b1"
    sent = run(
        ans.path, "handover", case_id, "--to", "bea fictief", "-o", str(out), "--accept-unconfirmed"
    )
    assert sent.exit_code == 0 and "niet bevestigd" in sent.stderr and out.exists()
    assert fingerprint in sent.stderr
    assert run(ans.path, "contacts", "confirm", "Bea Fictief").exit_code == 0
    assert "(bevestigd)" in run(ans.path, "contacts", "list").stdout
    # Confirmed: handed over without the flag, and without a warning.
    out2 = tmp_path / "b2"
    sent = run(ans.path, "handover", second, "--to", "Bea Fictief", "-o", str(out2))
    assert sent.exit_code == 0 and sent.stderr.strip() == "" and out2.exists()
    assert run(ans.path, "contacts", "remove", "Bea Fictief").exit_code == 0
    assert "leeg" in run(ans.path, "contacts", "list").stdout
    # Stored encrypted: the name is nowhere in the store file.
    wal = Path(str(ans.path) + "-wal")
    raw = ans.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert not any(form in raw for form in forms("Bea Fictief"))


def test_bad_entries_are_one_line(ans: Colleague, bea: Colleague) -> None:
    key, own = bea.key, ans.key
    for c in (ans, bea):
        c.store.close()
    assert "mc1." in error(run(ans.path, "contacts", "add", "Bea", key[:-2]))
    assert "eigen opslag" in error(run(ans.path, "contacts", "add", "Ik", own))
    assert run(ans.path, "contacts", "add", "Bea", key).exit_code == 0
    other = Identity.generate("x").public.line
    assert "staat al in het adresboek" in error(run(ans.path, "contacts", "add", "bea", other))
    assert "als Bea" in error(run(ans.path, "contacts", "add", "Bea twee", key))
    assert "niet in het adresboek" in error(run(ans.path, "contacts", "confirm", "Cor"))
    assert "niet in het adresboek" in error(run(ans.path, "contacts", "remove", "Cor"))


def test_a_typed_name_stays_out_of_the_exception(ans: Colleague, bea: Colleague) -> None:
    from meldcode_tui.casework.contacts import ContactRefused, add_contact, confirm_contact

    add_contact(ans.store, "Bea Geheim", bea.key, at="2026-11-20")
    with pytest.raises(ContactRefused) as refused:
        add_contact(ans.store, "Bea Geheim", Identity.generate("x").public.line, at="x")
    assert "Bea Geheim" in refused.value.line()
    assert "Geheim" not in str(refused.value) and "Geheim" not in repr(refused.value.args)
    with pytest.raises(ContactRefused) as unknown:
        confirm_contact(ans.store, "Cor Geheim")
    assert "Cor Geheim" in unknown.value.line() and "Geheim" not in str(unknown.value)
