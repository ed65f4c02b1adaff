"""Notes on the current step: who writes, and notes as feit, interpretatie or bron, listed."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Select, Static

from meldcode_tui.dates import show_date, show_moment
from meldcode_tui.flow.roles import role_words
from meldcode_tui.i18n import current_language, t
from meldcode_tui.store.records import NOTE_KINDS, Note, Revision
from meldcode_tui.tui.text import literal
from meldcode_tui.tui.widgets.choice import Choice, Tick


def note_text(note: Note, role_label: str) -> Text:
    text = Text()
    text.append(f"{t(f'tui.notes.kind.{note.kind}')}", style="bold")
    text.append(f"  {show_moment(note.created_at)}  ", style="dim")
    text.append_text(literal(role_label, style="dim"))
    if note.for_record:
        text.append("  " + t("tui.notes.in_record"), style="italic")
    text.append("\n")
    text.append_text(literal(note.text, style="strike dim" if note.withdrawn else ""))
    if note.withdrawn is not None:
        text.append("\n")
        text.append_text(literal(revision_mark("withdrawn_mark", note.withdrawn), style="bold"))
    elif note.corrected is not None:
        text.append("\n")
        text.append_text(literal(revision_mark("corrected_mark", note.corrected), style="dim"))
    return text


def revision_mark(key: str, revision: Revision) -> str:
    """'gecorrigeerd op 7-1-2026 door mentor, reden: ...' as the app shows it."""
    line = t(f"corrections.{key}", date=show_date(revision.at), role=revision.author_role)
    if revision.reason:
        line += ", " + t("corrections.reason", reason=revision.reason)
    return line


class NotesPanel(Vertical):
    """Lists the step's notes and adds new ones; the screen does the saving."""

    DEFAULT_CSS = """
    NotesPanel { height: auto; border-top: solid $primary; padding: 0 0 1 0; }
    NotesPanel .notes-title { text-style: bold; }
    /* Its own height: a Vertical left at 1fr inside this auto-height panel got one row at
       80x24, showing one note without its text. */
    NotesPanel #note-list { height: auto; }
    NotesPanel .note-row { height: auto; margin: 0 0 1 0; }
    NotesPanel .note { width: 1fr; }
    NotesPanel .note-revise { min-width: 8; margin: 0 0 0 1; }
    NotesPanel #note-kind { layout: horizontal; width: 100%; }
    NotesPanel #note-row { height: auto; }
    NotesPanel #note-text { width: 1fr; }
    NotesPanel #note-add { min-width: 12; }
    NotesPanel #note-for-record { width: auto; border: none; padding: 0; }
    NotesPanel .note-hint { color: $text-muted; }
    NotesPanel #author-row { height: auto; margin: 0 0 1 0; }
    NotesPanel #author-label { width: auto; padding: 0 1 0 0; }
    NotesPanel #author-role { width: 1fr; }
    /* The closed control has room for one line; the open list shows each role in full. */
    NotesPanel #author-role SelectCurrent #label { text-wrap: nowrap; text-overflow: ellipsis; }
    """

    @dataclass
    class Added(Message):
        kind: str
        text: str
        # Interpretations reach the record-system summary only when the user marks them.
        for_record: bool = False

    @dataclass
    class ReviseRequested(Message):
        """Correct (withdraw False) or withdraw a note; the screen asks and saves."""

        note: Note
        withdraw: bool

    @dataclass
    class RoleChosen(Message):
        """The user said who they are; notes and answers saved from now on carry this role."""

        role: str

    def __init__(self, notes: list[Note], roles: dict[str, str], author_role: str) -> None:
        super().__init__(id="notes")
        self.notes = notes
        self.roles = roles
        self.author_role = author_role

    def compose(self) -> ComposeResult:
        yield Static(t("tui.notes.title"), classes="notes-title")
        if self.roles:
            with Horizontal(id="author-row"):
                yield Label(t("tui.notes.author"), id="author-label")
                yield Select(
                    [(literal(label), rid) for rid, label in self.roles.items()],
                    value=self.author_role if self.author_role in self.roles else Select.NULL,
                    allow_blank=self.author_role not in self.roles,
                    prompt=t("tui.notes.author_prompt"),
                    compact=True,
                    id="author-role",
                )
        with Vertical(id="note-list"):
            yield from self._note_lines()
        yield RadioSet(
            *(Choice(t(f"tui.notes.kind.{k}"), value=k == "feit") for k in NOTE_KINDS),
            id="note-kind",
        )
        with Horizontal(id="note-row"):
            field = Input(placeholder=t("tui.notes.placeholder"), id="note-text")
            field.cursor_blink = False
            yield field
            yield Button(t("tui.notes.add"), id="note-add")
        yield Tick(t("tui.notes.for_record"), id="note-for-record")
        # Literal: the hint itself shows the [[ ]] brackets.
        yield Static(literal(t("tui.notes.hint")), classes="note-hint")

    def _note_lines(self) -> list[Widget]:
        if not self.notes:
            return [Static(t("tui.notes.none"), classes="note-empty")]
        rows: list[Widget] = []
        for n in self.notes:
            line = Static(
                note_text(
                    n,
                    self.roles.get(n.author_role)
                    or role_words(None, n.author_role, current_language()),
                ),
                classes="note",
            )
            buttons = (
                []
                if n.withdrawn is not None
                else [
                    Button(
                        t(f"corrections_tui.{op}"),
                        id=f"note-{op}-{n.id}",
                        classes="note-revise",
                        compact=True,
                    )
                    for op in ("correct", "withdraw")
                ]
            )
            rows.append(Horizontal(line, *buttons, classes="note-row"))
        return rows

    @on(Button.Pressed, ".note-revise")
    def _revise(self, event: Button.Pressed) -> None:
        event.stop()
        _, op, note_id = str(event.button.id).split("-", 2)
        note = next((n for n in self.notes if n.id == note_id), None)
        if note is not None:
            self.post_message(self.ReviseRequested(note, withdraw=op == "withdraw"))

    async def show_notes(self, notes: list[Note]) -> None:
        """The list after a note is added; the input below keeps the focus (and its place)."""
        self.notes = notes
        listing = self.query_one("#note-list", Vertical)
        await listing.remove_children()
        await listing.mount_all(self._note_lines())

    def focus_input(self) -> None:
        self.query_one("#note-text", Input).focus()

    @on(Select.Changed, "#author-role")
    def _role(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, str) and event.value != self.author_role:
            self.author_role = event.value
            self.post_message(self.RoleChosen(event.value))

    @on(RadioSet.Changed)
    def _kind(self, event: RadioSet.Changed) -> None:
        # The kind is read when the note is added; the wizard must not see this as an answer.
        event.stop()

    @on(Input.Submitted, "#note-text")
    @on(Button.Pressed, "#note-add")
    def _add(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        field = self.query_one("#note-text", Input)
        if not field.value.strip():
            field.focus()
            return
        draft = self.take_draft()
        if draft is not None:
            self.post_message(draft)
        field.focus()

    def take_draft(self) -> Added | None:
        """The note typed but not yet added (kind, text, record mark), emptying the field.

        The wizard saves it before leaving the step, locking or quitting: a typed note is
        never lost because Enter was not pressed.
        """
        field = self.query_one("#note-text", Input)
        if not field.value.strip():
            return None
        kinds = self.query_one("#note-kind", RadioSet)
        index = kinds.pressed_index if kinds.pressed_index >= 0 else 0
        mark = self.query_one("#note-for-record", Checkbox)
        draft = self.Added(NOTE_KINDS[index], field.value, mark.value)
        field.value = ""
        mark.value = False
        # The next note starts as a fact again, unmarked.
        kinds.query(RadioButton).first().value = True
        return draft
