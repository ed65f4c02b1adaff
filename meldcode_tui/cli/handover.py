"""`meldcode identity`, `contacts`, `handover`, `receive`: cases between colleagues, encrypted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from meldcode_tui.cli.common import EXIT_CHECK_FAILED, EXIT_USAGE, current_time, echo_line, fail
from meldcode_tui.cli.options import CaseArg, PassFileOpt, StoreOpt
from meldcode_tui.cli.unlock import opened
from meldcode_tui.i18n import t

identity_app = typer.Typer(
    invoke_without_command=True, help="This store's identity: the key colleagues hand cases to."
)
contacts_app = typer.Typer(
    invoke_without_command=True, help="The address book: colleagues' public keys by name."
)
# Refusals that mean "the file is not something to receive" rather than "a check failed".
_USAGE_REFUSALS = frozenset(
    {"unreadable", "not_an_envelope", "too_large", "receipt_exists", "receipt_unwritable"}
)


def _group_help(ctx: typer.Context) -> None:
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help(), err=True)
        raise typer.Exit(EXIT_USAGE)


@identity_app.callback()
def identity_callback(ctx: typer.Context) -> None:
    """This store's identity: the key colleagues hand cases to."""
    _group_help(ctx)


@contacts_app.callback()
def contacts_callback(ctx: typer.Context) -> None:
    """The address book: colleagues' public keys by name."""
    _group_help(ctx)


@identity_app.command("show")
def identity_show(store: StoreOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Print the public key (one line, to copy) and the fingerprint (to read aloud)."""
    from meldcode_tui.casework.identity import identity_card

    # Only reads: works beside the app too (a store from before identities needs one unlock).
    with opened(store, passphrase_file, reader=True) as (unlocked, _):
        card = identity_card(unlocked)
    typer.echo(t("identity.public_key"))
    typer.echo(card.line)
    typer.echo(t("identity.fingerprint", fingerprint=card.fingerprint))


@identity_app.command("rotate")
def identity_rotate(store: StoreOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Make a new key pair; give colleagues the new public key."""
    from meldcode_tui.casework.identity import rotate_identity

    with opened(store, passphrase_file) as (unlocked, _):
        card = rotate_identity(unlocked)
    typer.echo(t("identity.rotated"))
    typer.echo(card.line)
    typer.echo(t("identity.fingerprint", fingerprint=card.fingerprint))


@contacts_app.command("add")
def contacts_add(
    name: Annotated[str, typer.Argument(help="The colleague's name, as you will type it.")],
    key: Annotated[str, typer.Argument(help="Their public key (mc1....), from `identity show`.")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Add a colleague; their key stays unconfirmed until you compare the fingerprint."""
    from meldcode_tui.casework.contacts import ContactRefused, add_contact
    from meldcode_tui.store import codec

    with opened(store, passphrase_file) as (unlocked, _):
        try:
            contact = add_contact(unlocked, name, key, at=codec.iso(current_time()))
        except ContactRefused as exc:
            fail(exc.line())
    echo_line(t("contacts.added", name=contact.name, fingerprint=contact.fingerprint))


@contacts_app.command("list")
def contacts_list(store: StoreOpt = None, passphrase_file: PassFileOpt = None) -> None:
    """Everyone in the address book, with fingerprint and whether it was confirmed."""
    from meldcode_tui.casework.contacts import list_contacts

    with opened(store, passphrase_file, reader=True) as (unlocked, _):
        contacts = list_contacts(unlocked)
    if not contacts:
        typer.echo(t("contacts.empty"))
    for contact in contacts:
        mark = t("contacts.confirmed") if contact.confirmed else t("contacts.unconfirmed")
        echo_line(t("contacts.row", name=contact.name, fingerprint=contact.fingerprint, mark=mark))


@contacts_app.command("confirm")
def contacts_confirm(
    name: Annotated[str, typer.Argument(help="The colleague whose fingerprint you compared.")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Mark a colleague's key confirmed, after comparing the fingerprint with them."""
    from meldcode_tui.casework.contacts import ContactRefused, confirm_contact

    with opened(store, passphrase_file) as (unlocked, _):
        try:
            contact = confirm_contact(unlocked, name)
        except ContactRefused as exc:
            fail(exc.line())
    echo_line(t("contacts.confirmed_now", name=contact.name, fingerprint=contact.fingerprint))


@contacts_app.command("remove")
def contacts_remove(
    name: Annotated[str, typer.Argument(help="The colleague to remove.")],
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Remove a colleague from the address book."""
    from meldcode_tui.casework.contacts import ContactRefused, remove_contact

    with opened(store, passphrase_file) as (unlocked, _):
        try:
            removed = remove_contact(unlocked, name)
        except ContactRefused as exc:
            fail(exc.line())
    echo_line(t("contacts.removed", name=removed))


def handover(
    case_id: CaseArg,
    to: Annotated[str, typer.Option("--to", help="A name from `contacts list`, or a public key.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The bundle file to write.")],
    note: Annotated[
        str, typer.Option("--note", help="A short note to the colleague; inside the bundle.")
    ] = "",
    expires: Annotated[
        int, typer.Option("--expires", help="Days the bundle can be received (1-90).")
    ] = 14,
    then: Annotated[
        str,
        typer.Option("--then", help="keep: the case stays here read-only; shred: on receipt."),
    ] = "keep",
    accept_unconfirmed: Annotated[
        bool,
        typer.Option(
            "--accept-unconfirmed",
            help="Hand over to a colleague whose key is not confirmed (compare the fingerprint "
            "with the colleague first).",
        ),
    ] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Hand a case over, encrypted to one colleague and signed by this store."""
    from meldcode_tui.casework.contacts import ContactRefused
    from meldcode_tui.casework.handover import HandoverRefused, RecipientRefused, hand_over
    from meldcode_tui.dates import show_date

    if then not in ("keep", "shred"):
        fail(t("handover.bad_then"))
    moment = current_time()
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            done = hand_over(
                unlocked,
                case_id,
                to,
                out,
                now=moment,
                note=note,
                expires_days=expires,
                then="shred" if then == "shred" else "keep",
                accept_unconfirmed=accept_unconfirmed,
            )
        except RecipientRefused as exc:
            # The same code as receive's unconfirmed sender: a trust check, not a typing error.
            fail(exc.line(), EXIT_CHECK_FAILED)
        except (HandoverRefused, ContactRefused) as exc:
            fail(exc.line())
    if not done.recipient.confirmed:
        fingerprint = done.recipient.key.fingerprint
        echo_line(t("handover_unconfirmed.accepted", fingerprint=fingerprint), err=True)
    echo_line(
        t(
            "handover.written",
            case=case_id,
            name=done.recipient.name,
            file=done.path,
            date=show_date(done.expires, "-"),
        )
    )
    echo_line(t(f"handover.then_{done.then}"))


def receive(
    file: Annotated[Path, typer.Argument(help="A bundle or a receipt from a colleague.")],
    receipt: Annotated[
        Path | None, typer.Option("--receipt", help="Where to write the receipt.")
    ] = None,
    accept_unconfirmed: Annotated[
        bool,
        typer.Option(
            "--accept-unconfirmed",
            help="Receive from a sender who is not a confirmed contact (compare the fingerprint "
            "with the colleague first).",
        ),
    ] = False,
    store: StoreOpt = None,
    passphrase_file: PassFileOpt = None,
) -> None:
    """Receive a handed-over case (and write a receipt), or record a receipt that came back."""
    from meldcode_tui.casework.receiving import CaseReceived, ReceiveRefused
    from meldcode_tui.casework.receiving import receive as do_receive

    moment = current_time()
    with opened(store, passphrase_file) as (unlocked, _):
        try:
            result = do_receive(
                unlocked, file, now=moment, receipt=receipt, accept_unconfirmed=accept_unconfirmed
            )
        except ReceiveRefused as exc:
            fail(str(exc), EXIT_USAGE if exc.code in _USAGE_REFUSALS else EXIT_CHECK_FAILED)
    sender = result.sender
    name = sender.contact.name if sender.contact else t("contacts.no_name")
    echo_line(t("receive.from", name=name, fingerprint=sender.fingerprint))
    if sender.contact is None or not sender.contact.confirmed:
        echo_line(t("receive.sender_unconfirmed"), err=True)
    if isinstance(result, CaseReceived):
        echo_line(t("receive.imported", case=result.case_id))
        if result.note:
            echo_line(t("receive.note", note=result.note))
        echo_line(t("receive.receipt_written", file=result.receipt))
    elif result.shredded:
        echo_line(t("receive.receipt_shredded", case=result.case_id))
    else:
        echo_line(t("receive.receipt_recorded", case=result.case_id))
