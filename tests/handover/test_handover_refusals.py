"""Each bundle that must not be imported gets its own line and exit code, and changes nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyrage
import pytest
from handover_helpers import NOW, PASSPHRASE, Colleague, befriend, full_case
from typer.testing import CliRunner, Result

from meldcode_tui.casework.handover import hand_over
from meldcode_tui.cli import app
from meldcode_tui.store import Store
from meldcode_tui.vault import envelope
from meldcode_tui.vault.identity import Identity


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MELDCODE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MELDCODE_NOW", "2026-11-20T11:00+00:00")
    for name in ("MELDCODE_STORE", "MELDCODE_LANG"):
        monkeypatch.delenv(name, raising=False)


def run(store: Path, *args: str, lang: str | None = None) -> Result:
    head = ["--lang", lang] if lang else []
    return CliRunner().invoke(app, [*head, "--store", str(store), *args])


def one_line(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sent(ans: Colleague, bea: Colleague, cor: Colleague, tmp_path: Path) -> Path:
    """A bundle from Ans to Bea; the stores are closed so the CLI can open them."""
    befriend(ans, bea)
    befriend(bea, ans)
    bundle = tmp_path / "overdracht.bundle"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW, expires_days=7)
    for c in (ans, bea, cor):
        c.store.close()
    return bundle


def refused(store: Path, file: Path, code: int = 1, lang: str | None = None) -> str:
    before = digest(store)
    line = one_line(run(store, "receive", str(file), lang=lang), code)
    assert digest(store) == before, "a refused bundle changed the store"
    assert not Path(str(file) + ".receipt").exists()
    return line


def test_each_refusal_has_its_own_line(
    sent: Path, bea: Colleague, cor: Colleague, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = sent.read_bytes()
    lines: dict[str, str] = {}
    lines["for someone else"] = refused(cor.path, sent)
    flipped = bytearray(raw)
    flipped[len(raw) // 2] ^= 0x01
    (tmp_path / "flipped").write_bytes(bytes(flipped))
    lines["flipped byte"] = refused(bea.path, tmp_path / "flipped")
    (tmp_path / "cut").write_bytes(raw[: len(raw) - 100])
    lines["truncated"] = refused(bea.path, tmp_path / "cut")
    (tmp_path / "junk").write_bytes(b"geen overdracht\n")
    lines["not a bundle"] = refused(bea.path, tmp_path / "junk", code=2)
    monkeypatch.setenv("MELDCODE_NOW", "2026-11-28T10:00+00:00")
    lines["expired"] = refused(bea.path, sent)
    monkeypatch.setenv("MELDCODE_NOW", "2026-11-21T10:00+00:00")
    ok = run(bea.path, "receive", str(sent))
    assert ok.exit_code == 0, ok.output
    Path(str(sent) + ".receipt").rename(tmp_path / "bewijs")
    lines["replay"] = refused(bea.path, sent)
    assert "niet voor jou" in lines["for someone else"]
    assert "beschadigd" in lines["flipped byte"]
    assert "afgekapt" in lines["truncated"]
    assert "verlopen op 2026-11-27" in lines["expired"]
    assert "al eerder ontvangen" in lines["replay"]
    assert "geen overdrachtsbestand" in lines["not a bundle"]
    assert len(set(lines.values())) == len(lines)
    assert all(str(p) in line for p, line in [(sent, lines["replay"])])


def test_refusals_in_english(sent: Path, cor: Colleague) -> None:
    assert "not encrypted for you" in refused(cor.path, sent, lang="en")


def test_a_bad_signature_is_refused(bea: Colleague, tmp_path: Path) -> None:
    """Signed content changed after signing (by someone who can encrypt to Bea)."""
    mallory = Identity.generate("x")
    _, raw = envelope.seal(
        "case-handover",
        {"case": {}},
        sender=mallory,
        recipient=bea.store.identity().public,
        created="x",
        expires=None,
    )
    inner = envelope.decrypt_age(raw[raw.index(b"\n") + 1 :], bea.store.identity())
    tampered = inner.replace(b"case-handover", b"case-handoveR")
    again = pyrage.encrypt(tampered, [bea.store.identity().public.age_recipient()])
    frame = envelope.MAGIC + b" %d %s\n" % (len(again), hashlib.sha256(again).hexdigest().encode())
    (tmp_path / "tampered").write_bytes(frame + again)
    bea.store.close()
    assert "handtekening" in refused(bea.path, tmp_path / "tampered")


def test_receipt_refusals(sent: Path, ans: Colleague, bea: Colleague, cor: Colleague) -> None:
    assert run(bea.path, "receive", str(sent)).exit_code == 0
    receipt = Path(str(sent) + ".receipt")
    # The receipt is for Ans: Cor cannot open it.
    assert "niet voor jou" in refused(cor.path, receipt)
    first = run(ans.path, "receive", str(receipt))
    assert first.exit_code == 0 and "aangekomen" in first.stdout
    assert "al verwerkt" in refused(ans.path, receipt)


def test_handover_refusals_are_one_line(sent: Path, ans: Colleague, tmp_path: Path) -> None:
    case_id = run(ans.path, "list").stdout.splitlines()[1].split()[0]
    before = digest(ans.path)
    out = str(tmp_path / "nieuw")
    assert "staat niet in het adresboek" in one_line(
        run(ans.path, "handover", case_id, "--to", "Nobody", "-o", out), 2
    )
    assert "al overgedragen" in one_line(
        run(ans.path, "handover", case_id, "--to", "Bea", "-o", out), 2
    )
    assert "--then" in one_line(
        run(ans.path, "handover", case_id, "--to", "Bea", "-o", out, "--then", "weg"), 2
    )
    assert digest(ans.path) == before and not Path(out).exists()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_handover_to_an_unconfirmed_colleague_is_refused_until_accepted(
    ans: Colleague, bea: Colleague, tmp_path: Path, lang: str
) -> None:
    befriend(ans, bea, confirm=False)  # added, the fingerprint not compared yet
    befriend(bea, ans)
    case_id = full_case(ans.store)
    fingerprint = bea.store.identity().public.fingerprint
    for c in (ans, bea):
        c.store.close()
    out = tmp_path / "naar-bea.bundle"
    before = digest(ans.path)
    line = one_line(run(ans.path, "handover", case_id, "--to", "Bea", "-o", str(out), lang=lang), 1)
    assert fingerprint in line and "meldcode contacts confirm" in line
    assert "--accept-unconfirmed" in line
    assert ("niets geschreven" if lang == "nl" else "nothing was written") in line
    assert "Bea" not in line  # a typed name stays out of the refusal
    # Nothing written: no bundle, the store's bytes the same, the case still open to change.
    assert not out.exists() and sorted(tmp_path.glob("naar-bea*")) == []
    assert digest(ans.path) == before
    assert "overgedragen" not in run(ans.path, "list").stdout
    assert run(ans.path, "note", case_id, "--kind", "feit", "Fictief na weigering").exit_code == 0
    # Having compared the fingerprint: handed over, and said so once more.
    done = run(
        ans.path,
        "handover",
        case_id,
        "--to",
        "Bea",
        "-o",
        str(out),
        "--accept-unconfirmed",
        lang=lang,
    )
    assert done.exit_code == 0, done.stderr
    assert fingerprint in done.stderr and "--accept-unconfirmed" in done.stderr
    assert out.exists() and "(overgedragen)" in run(ans.path, "list").stdout
    assert run(bea.path, "receive", str(out)).exit_code == 0


def test_handover_to_a_pasted_key_not_in_the_book_is_refused(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    case_id = full_case(ans.store)
    key, fingerprint = bea.key, bea.store.identity().public.fingerprint
    for c in (ans, bea):
        c.store.close()
    out = tmp_path / "naar-sleutel.bundle"
    before = digest(ans.path)
    line = one_line(run(ans.path, "handover", case_id, "--to", key, "-o", str(out)), 1)
    assert fingerprint in line and "niet in je adresboek" in line
    assert "meldcode contacts add" in line and "--accept-unconfirmed" in line
    assert not out.exists() and digest(ans.path) == before
    done = run(ans.path, "handover", case_id, "--to", key, "-o", str(out), "--accept-unconfirmed")
    assert done.exit_code == 0 and out.exists()
    assert "(niet in adresboek)" in done.stdout


def test_show_and_list_say_handed_over_and_received(
    sent: Path, ans: Colleague, bea: Colleague
) -> None:
    listed = run(ans.path, "list").stdout
    assert "(overgedragen)" in listed
    case_id = listed.splitlines()[1].split()[0]
    assert "Overgedragen aan Bea op 20-11-2026" in run(ans.path, "show", case_id).stdout
    assert run(bea.path, "receive", str(sent)).exit_code == 0
    got = run(bea.path, "list").stdout.splitlines()[1].split()[0]
    assert "Ontvangen van Ans op 20-11-2026" in run(bea.path, "show", got).stdout
    # Closing or a note on the sender's copy: one line, nothing changed.
    before = digest(ans.path)
    assert "overgedragen" in one_line(run(ans.path, "note", case_id, "--kind", "feit", "x"), 2)
    assert "overgedragen" in one_line(run(ans.path, "close", case_id), 2)
    assert digest(ans.path) == before


def test_an_unconfirmed_sender_is_refused_until_the_fingerprint_is_accepted(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)
    befriend(bea, ans, confirm=False)  # added, the fingerprint not compared yet
    bundle = tmp_path / "van-ans.bundle"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW)
    fingerprint = ans.store.identity().public.fingerprint
    for c in (ans, bea):
        c.store.close()
    line = refused(bea.path, bundle, code=1)
    assert fingerprint in line and "--accept-unconfirmed" in line
    assert "Ans" not in line  # a typed name stays out of the refusal
    done = run(bea.path, "receive", str(bundle), "--accept-unconfirmed")
    assert done.exit_code == 0, done.stderr
    assert "Van: Ans" in done.stdout and "niet bevestigd" in done.stderr
    with Store.open(bea.path, PASSPHRASE) as again:
        (summary,) = again.list_cases()
        assert again.get_case(summary.id).received is not None


def test_a_sender_not_in_the_book_is_told_to_add_and_confirm(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(ans, bea)  # Bea has no entry for Ans at all
    bundle = tmp_path / "van-ans.bundle"
    hand_over(ans.store, full_case(ans.store), "Bea", bundle, now=NOW)
    for c in (ans, bea):
        c.store.close()
    line = refused(bea.path, bundle, code=1)
    assert "niet in je adresboek" in line and "meldcode contacts add" in line


def test_a_case_of_an_unknown_protocol_is_refused(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(bea, ans)
    case_id = full_case(ans.store)
    data = ans.store.export_case_data(case_id)
    data["case"]["flow_id"] = "nog-niet-verschenen"
    _, raw = envelope.seal(
        "case-handover",
        {"case": data, "note": "", "then": "keep"},
        sender=ans.store.identity(),
        recipient=bea.store.identity().public,
        created="2026-11-20T10:00:00+00:00",
        expires="2026-12-20T10:00:00+00:00",
    )
    (tmp_path / "onbekend").write_bytes(raw)
    bea.store.close()
    assert "protocol dat deze versie" in refused(bea.path, tmp_path / "onbekend")


def test_a_receipt_that_cannot_be_written_changes_nothing(
    sent: Path, bea: Colleague, tmp_path: Path
) -> None:
    taken = tmp_path / "bewijs-bestaat"
    taken.write_bytes(b"fictief")
    before = digest(bea.path)
    line = one_line(run(bea.path, "receive", str(sent), "--receipt", str(taken)), 2)
    assert "bestaat al" in line and digest(bea.path) == before
    missing = tmp_path / "geen-map" / "bewijs"
    line = one_line(run(bea.path, "receive", str(sent), "--receipt", str(missing)), 2)
    assert "kan niet worden geschreven" in line and digest(bea.path) == before
    assert run(bea.path, "receive", str(sent)).exit_code == 0


def test_a_record_that_would_arrive_damaged_rolls_the_import_back(
    ans: Colleague, bea: Colleague, tmp_path: Path
) -> None:
    befriend(bea, ans)
    case_id = full_case(ans.store)
    data = ans.store.export_case_data(case_id)
    del data["rows"]["notes"][0]["body"]["kind"]
    _, raw = envelope.seal(
        "case-handover",
        {"case": data, "note": "", "then": "keep"},
        sender=ans.store.identity(),
        recipient=bea.store.identity().public,
        created="2026-11-20T10:00:00+00:00",
        expires="2026-12-20T10:00:00+00:00",
    )
    (tmp_path / "vreemd").write_bytes(raw)
    bea.store.close()
    line = refused(bea.path, tmp_path / "vreemd", code=2)
    assert "niet de vorm die meldcode schrijft" in line
    with Store.open(bea.path, PASSPHRASE) as again:
        assert again.list_cases() == [] and again.verify() == []
