"""The bad-input corpus: every input here must give one clear line and its documented exit code.

Each entry is data, not a test: test_corpus.py runs them all through the real entry point
(`meldcode_tui.cli.main`) against a store made for the purpose, and checks the store's bytes
are the same afterwards. Exit codes (README.md): 2 for bad input or a store that cannot be
used, 1 when a check found a problem (`verify`, `flows check`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# ------------------------------------------------------------------ answers files

DEEP = 60_000  # nesting far beyond Python's recursion limit


def _deep_json(depth: int) -> str:
    return '{"client_type": ' + "[" * depth + "]" * depth + "}"


# name -> file content (bytes, or text written as UTF-8). The extension picks the parser.
ANSWERS: dict[str, bytes | str] = {
    "empty.json": "",
    "whitespace.json": "   \n\t ",
    "not_json.json": "client_type = kind",
    "json_array.json": '["client_type", "kind"]',
    "json_string.json": '"kind"',
    "json_number.json": "42",
    "json_null.json": "null",
    "json_trailing_comma.json": '{"client_type": "kind",}',
    "json_single_quotes.json": "{'client_type': 'kind'}",
    "json_nan.json": '{"client_type": NaN}',
    "json_deep_array.json": _deep_json(DEEP),
    "json_deep_object.json": '{"a": ' + '{"a": ' * DEEP + "1" + "}" * DEEP + "}",
    "json_5000_digits.json": '{"client_type": ' + "9" * 5000 + "}",
    "json_lone_surrogate.json": '{"signalen_feiten": "feit \\ud800 feit"}',
    "json_lone_surrogate_second.json": ('{"client_type": "kind", "signalen_feiten": "a\\udfff"}'),
    "json_nul_in_key.json": '{"client_\\u0000type": "kind"}',
    "json_unknown_id.json": '{"bestaat_niet": true}',
    "json_empty_key.json": '{"": "kind"}',
    "json_wrong_type_bool.json": '{"onthulling": "ja"}',
    "json_wrong_type_choice.json": '{"client_type": "buurman"}',
    "json_wrong_type_multi.json": '{"signalen": "letsel"}',
    "json_multi_unknown.json": '{"signalen": ["letsel", "onbekend"]}',
    "json_multi_nested.json": '{"signalen": [["letsel"]]}',
    "json_text_empty.json": '{"signalen_feiten": "   "}',
    "json_text_number.json": '{"signalen_feiten": 12}',
    "json_choice_null.json": '{"client_type": null}',
    "json_duplicate_keys.json": '{"client_type": "kind", "client_type": "x"}',
    "json_bom_garbage.json": b"\xef\xbb\xbf\xef\xbb\xbf{}",
    "latin1.json": '{"signalen_feiten": "caf\xe9"}'.encode("latin-1"),
    "utf16.json": '{"client_type": "kind"}'.encode("utf-16"),
    "binary.json": bytes(range(256)),
    "nul_bytes.toml": b'client_type = "kind"\x00\x00',
    "toml_syntax.toml": "client_type = = kind",
    "toml_unclosed.toml": 'signalen_feiten = """nooit dicht',
    "toml_deep_array.toml": "client_type = " + "[" * DEEP + "]" * DEEP,
    "toml_deep_table.toml": "client_type = " + "{a = " * 3000 + "1" + "}" * 3000,
    "toml_huge_int.toml": "client_type = " + "9" * 5000,
    "toml_array_root.toml": "[[x]]\na = 1",
    "toml_date_type.toml": "signalen_feiten = 2026-01-01",
    "toml_datetime_for_bool.toml": "onthulling = 2026-01-01T10:00:00",
    "toml_unknown_table.toml": "[signalen]\nx = 1",
    "toml_control_char.toml": 'signalen_feiten = "a\x07b"',
    "toml_bad_escape.toml": 'signalen_feiten = "\\q"',
    "toml_invalid_utf8.toml": b'signalen_feiten = "\xff\xfe"',
}

# Safeguarding answers (date-time questions): the dates that broke deadline arithmetic.
DATE_ANSWERS: dict[str, str] = {
    "date_9999.json": json.dumps({"gemeld_op": "9999-12-31T23:59"}),
    "date_year_1.json": json.dumps({"gemeld_op": "0001-01-01T00:00"}),
    "date_1899.json": json.dumps({"gemeld_op": "1899-12-31T23:00+00:00"}),
    "date_2200.json": json.dumps({"gemeld_op": "2200-01-01T00:00+00:00"}),
    "date_month_13.json": json.dumps({"gemeld_op": "2026-13-01T10:00"}),
    "date_feb_30.json": json.dumps({"gemeld_op": "2026-02-30T10:00"}),
    "date_hour_25.json": json.dumps({"gemeld_op": "2026-01-01T25:00"}),
    "date_text.json": json.dumps({"gemeld_op": "gisteren"}),
    "date_number.json": json.dumps({"gemeld_op": 20260101}),
    "date_offset_huge.json": json.dumps({"gemeld_op": "2026-01-01T10:00+25:00"}),
    "date_toml_9999.toml": "gemeld_op = 9999-12-31T23:59:00Z",
    "date_toml_local_year_1.toml": "gemeld_op = 0001-01-01T00:00:00",
}

# ------------------------------------------------------------------ flow files (`flows check`)

FLOWS: dict[str, bytes | str] = {
    "flow_empty.toml": "",
    "flow_binary.toml": bytes(range(256)) * 4,
    "flow_utf16.toml": 'id = "x"'.encode("utf-16"),
    "flow_nul.toml": b'id = "x"\x00',
    "flow_deep_array.toml": "id = " + "[" * DEEP + "]" * DEEP,
    "flow_deep_table.toml": "x = " + "{a = " * 3000 + "1" + "}" * 3000,
    "flow_huge_int.toml": 'id = "x"\nversion = ' + "9" * 5000,
    "flow_lone_surrogate.toml": b'id = "\xed\xa0\x80"',
    "flow_only_comment.toml": "# nothing here\n",
    "flow_array_of_tables.toml": "[[steps]]\n[[steps]]\n[[steps.questions]]\n",
    "flow_wrong_types.toml": 'id = 1\nversion = []\ntitle = true\nsteps = "x"\n',
    "flow_giant_string.toml": 'id = "' + "x" * 200_000 + '"',
    "flow_control_chars.toml": 'id = "x\x1b[2J"\n',
    "flow_missing_everything.toml": '[title]\nnl = ""\n',
}

# ------------------------------------------------------------------ store files


@dataclass(frozen=True)
class StoreEdit:
    """A change to a good store file: SQL run on it, or bytes written at an offset."""

    name: str
    sql: str = ""
    at: int = -1
    data: bytes = b""
    truncate: int = -1
    # What a command against the edited store must exit with: list/show refuse (2),
    # verify reports (1). None means "whatever, as long as it is one clear line".
    verify_exit: int = 1


STORE_EDITS: list[StoreEdit] = [
    StoreEdit("truncated_to_zero", truncate=0),
    StoreEdit("truncated_to_100", truncate=100),
    StoreEdit("truncated_half", truncate=4096 * 3),
    StoreEdit("header_magic_zeroed", at=0, data=b"\x00" * 16),
    StoreEdit("page_size_garbage", at=16, data=b"\xff\xff"),
    StoreEdit("page_two_garbage", at=4096, data=b"\xa5" * 512),
    StoreEdit("application_id_other", sql="PRAGMA application_id=1"),
    StoreEdit("schema_version_0", sql="PRAGMA user_version=0"),
    StoreEdit("schema_version_99", sql="PRAGMA user_version=99", verify_exit=2),
    StoreEdit("schema_version_negative", sql="PRAGMA user_version=-5"),
    StoreEdit("vault_row_deleted", sql="DELETE FROM meta WHERE key = 'vault'"),
    StoreEdit("vault_not_json", sql="UPDATE meta SET value = X'00FF' WHERE key = 'vault'"),
    StoreEdit("vault_text", sql="UPDATE meta SET value = 'tekst' WHERE key = 'vault'"),
    StoreEdit(
        "vault_empty_object", sql="UPDATE meta SET value = CAST('{}' AS BLOB) WHERE key = 'vault'"
    ),
    StoreEdit(
        "vault_format_99",
        verify_exit=2,
        sql="UPDATE meta SET value = CAST('{\"format\": 99}' AS BLOB) WHERE key = 'vault'",
    ),
    StoreEdit(
        "vault_deep_json",
        sql="UPDATE meta SET value = CAST('" + "[" * 50000 + "' AS BLOB) WHERE key = 'vault'",
    ),
    StoreEdit("meta_table_dropped", sql="DROP TABLE meta"),
    StoreEdit(
        "cases_table_dropped",
        sql="DROP TABLE answers; DROP TABLE answer_history; DROP TABLE notes; "
        "DROP TABLE actions; DROP TABLE cases",
    ),
    StoreEdit("audit_table_dropped", sql="DROP TABLE audit"),
    StoreEdit("trigger_planted", sql="CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END"),
    StoreEdit("view_planted", sql="CREATE VIEW v AS SELECT 1"),
    StoreEdit("table_planted", sql="CREATE TABLE loot (x)"),
    StoreEdit("index_dropped", sql="DROP INDEX idx_notes_case_id"),
    StoreEdit("column_added", sql="ALTER TABLE cases ADD COLUMN x TEXT"),
    StoreEdit("audit_head_deleted", sql="DELETE FROM meta WHERE key = 'audit_head'"),
    StoreEdit("audit_head_garbage", sql="UPDATE meta SET value = X'FFFE' WHERE key = 'audit_head'"),
]

# ------------------------------------------------------------------ backups (`restore`)

BACKUP_EDITS: list[StoreEdit] = [
    StoreEdit("backup_truncated", truncate=4096),
    StoreEdit("backup_empty", truncate=0),
    StoreEdit("backup_garbage_header", at=0, data=b"NOT A DATABASE!!"),
    StoreEdit("backup_page_garbage", at=8192, data=b"\x5a" * 1024),
    StoreEdit("backup_other_app", sql="PRAGMA application_id=7"),
    StoreEdit("backup_newer_schema", sql="PRAGMA user_version=42"),
    StoreEdit("backup_note_deleted", sql="DELETE FROM notes"),
    StoreEdit("backup_status_edited", sql="UPDATE cases SET status = 'closed'"),
    StoreEdit("backup_trigger", sql="CREATE TRIGGER t AFTER DELETE ON notes BEGIN SELECT 1; END"),
    StoreEdit("backup_vault_gone", sql="DELETE FROM meta WHERE key = 'vault'"),
]

# ------------------------------------------------------------------ command lines

# Arguments after `meldcode`; "{case}" is a real case id, "{tmp}" a scratch folder.
ARGS: list[tuple[str, list[str]]] = [
    ("unknown_command", ["bestaat-niet"]),
    ("unknown_option", ["list", "--bestaat-niet"]),
    ("show_no_case", ["show"]),
    ("show_unknown_case", ["show", "onbekend1"]),
    ("show_empty_case", ["show", ""]),
    ("show_case_escape", ["show", "\x1b[2J\x1b]52;c;AAAA\x07"]),
    ("show_case_huge", ["show", "x" * 100_000]),
    ("show_case_surrogate", ["show", "ab\udcff"]),
    ("new_no_flow", ["new"]),
    ("new_unknown_flow", ["new", "--flow", "bestaat-niet"]),
    ("new_flow_path_traversal", ["new", "--flow", "../../etc/passwd"]),
    ("new_title_invalid_utf8", ["new", "--flow", "basismodel", "--title", "titel \udcff\udcfe"]),
    ("new_answers_missing", ["new", "--flow", "basismodel", "--answers", "{tmp}/weg.json"]),
    ("new_answers_folder", ["new", "--flow", "basismodel", "--answers", "{tmp}"]),
    ("note_invalid_utf8", ["note", "{case}", "feit \udcff", "--kind", "feit"]),
    ("note_bad_kind", ["note", "{case}", "x", "--kind", "roddel"]),
    ("note_empty", ["note", "{case}", "   ", "--kind", "feit"]),
    ("note_unknown_case", ["note", "onbekend1", "x", "--kind", "feit"]),
    ("answer_no_file", ["answer", "{case}"]),
    ("due_within_negative", ["due", "--within", "-1"]),
    ("due_within_huge", ["due", "--within", "99999999999999999999"]),
    ("due_within_text", ["due", "--within", "week"]),
    ("backup_missing_folder", ["backup", "{tmp}/weg/weg/backup.meldcode"]),
    ("backup_onto_store", ["backup", "{store}"]),
    ("backup_onto_folder", ["backup", "{tmp}"]),
    ("backup_onto_devnull", ["backup", "/dev/null"]),
    ("restore_missing", ["restore", "{tmp}/weg.meldcode"]),
    ("restore_folder", ["restore", "{tmp}"]),
    ("restore_store_onto_itself", ["restore", "{store}"]),
    ("export_bad_format", ["export", "{case}", "-f", "docx"]),
    ("export_bad_layer", ["export", "{case}", "--layer", "alles"]),
    ("export_missing_folder", ["export", "{case}", "-o", "{tmp}/weg/x.txt"]),
    ("export_onto_folder", ["export", "{case}", "-o", "{tmp}"]),
    ("export_print_txt", ["export", "{case}", "--print"]),
    ("shred_unknown", ["shred", "onbekend1", "--yes"]),
    ("store_tilde_nouser", ["list", "--store", "~geen-gebruiker-xyz/store.meldcode"]),
    ("store_folder", ["list", "--store", "{tmp}"]),
    ("store_devnull", ["list", "--store", "/dev/null"]),
    ("store_nul_byte", ["list", "--store", "a\x00b"]),
    ("passphrase_file_missing", ["list", "--passphrase-file", "{tmp}/weg.txt"]),
    ("passphrase_file_folder", ["list", "--passphrase-file", "{tmp}"]),
    ("lang_unknown", ["--lang", "xx", "list"]),
    ("init_existing", ["init", "--store", "{store}"]),
    ("init_devnull", ["init", "--store", "/dev/null"]),
    ("verify_accept_unknown", ["verify", "--accept", "onbekend1"]),
    ("flows_show_unknown", ["flows", "show", "bestaat-niet"]),
    ("flows_evaluate_unknown", ["flows", "evaluate", "bestaat-niet", "--answers", "x.json"]),
]

# Environment settings that are bad input too: (name, variable, value, command).
ENVS: list[tuple[str, str, str, list[str]]] = [
    ("now_year_9999", "MELDCODE_NOW", "9999-12-31T23:00", ["due"]),
    ("now_year_1", "MELDCODE_NOW", "0001-01-01T00:00", ["due"]),
    ("now_garbage", "MELDCODE_NOW", "morgen", ["list"]),
    ("now_escape", "MELDCODE_NOW", "\x1b[2J", ["due"]),
    ("store_env_tilde", "MELDCODE_STORE", "~geen-gebruiker-xyz/s.meldcode", ["list"]),
    ("lang_env_unknown", "MELDCODE_LANG", "klingon", ["list"]),
    ("passphrase_env_empty", "MELDCODE_PASSPHRASE", "", ["list"]),
    ("passphrase_env_wrong", "MELDCODE_PASSPHRASE", "verkeerd verkeerd", ["list"]),
]


def count() -> int:
    """How many inputs the corpus holds (the issue asks for at least 100)."""
    return (
        len(ANSWERS)
        + len(DATE_ANSWERS)
        + len(FLOWS)
        + len(STORE_EDITS)
        + len(BACKUP_EDITS)
        + len(ARGS)
        + len(ENVS)
    )
