//! The schema, as an append-only list of migrations. A step that has been
//! released is never edited: its checksum is recorded in the database and an
//! edited step is refused. New steps go at the end.

pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "core",
        sql: r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE plan (
    id          TEXT PRIMARY KEY,
    hash        TEXT NOT NULL,
    source      TEXT NOT NULL,          -- the plan source as JSON
    year        INTEGER NOT NULL,
    installed_at TEXT NOT NULL
);
CREATE TABLE assignment (
    id          INTEGER PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plan(id),
    task_code   TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('lead', 'coordinating')),
    status      TEXT NOT NULL DEFAULT 'not_started'
                CHECK (status IN ('not_started','in_progress','done','done_late','not_applicable')),
    progress    INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    note        TEXT NOT NULL DEFAULT '',
    updated_at  TEXT,
    UNIQUE (plan_id, task_code, unit_code)
);
CREATE INDEX assignment_unit ON assignment(plan_id, unit_code);
CREATE TABLE milestone_done (
    assignment_id INTEGER NOT NULL REFERENCES assignment(id) ON DELETE CASCADE,
    due           TEXT NOT NULL,
    done_on       TEXT NOT NULL,
    PRIMARY KEY (assignment_id, due)
);
CREATE TABLE history (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES assignment(id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    by            TEXT NOT NULL,
    field         TEXT NOT NULL,
    old           TEXT NOT NULL,
    new           TEXT NOT NULL
);
CREATE INDEX history_assignment ON history(assignment_id);
CREATE TABLE kpi_figure (
    plan_id     TEXT NOT NULL REFERENCES plan(id),
    target_code TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    period      TEXT NOT NULL,          -- 2023Q1
    numerator   REAL NOT NULL,
    denominator REAL NOT NULL,
    updated_at  TEXT NOT NULL,
    by          TEXT NOT NULL,
    PRIMARY KEY (plan_id, target_code, unit_code, period)
);
"#,
    },
    Migration {
        name: "evidence",
        sql: r#"
-- Evidence files live inside the database, split in chunks (SQLite caps one
-- value at 1 GB), stored once per SHA-256 whatever the number of tasks using them.
CREATE TABLE blob (
    id         INTEGER PRIMARY KEY,
    sha256     TEXT UNIQUE,             -- NULL only while being written
    size       INTEGER NOT NULL
);
CREATE TABLE blob_chunk (
    blob_id INTEGER NOT NULL REFERENCES blob(id) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    data    BLOB NOT NULL,
    PRIMARY KEY (blob_id, seq)
);
CREATE TABLE evidence (
    id          INTEGER PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plan(id),
    task_code   TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    blob_id     INTEGER NOT NULL REFERENCES blob(id),
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    doc_type    TEXT NOT NULL,
    doc_number  TEXT NOT NULL DEFAULT '',
    doc_date    TEXT,
    description TEXT NOT NULL DEFAULT '',
    milestone   TEXT,
    added_at    TEXT NOT NULL,
    added_by    TEXT NOT NULL
);
CREATE INDEX evidence_task ON evidence(plan_id, unit_code, task_code);
CREATE INDEX evidence_blob ON evidence(blob_id);
"#,
    },
    Migration {
        name: "bundles",
        sql: r#"
-- Exports made by this installation: one sequence per (unit, period).
CREATE TABLE export_log (
    unit_code     TEXT NOT NULL,
    period        TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    manifest_sha  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (unit_code, period, sequence)
);
-- Public keys the parent office trusts, per unit.
CREATE TABLE trusted_key (
    key_id      TEXT PRIMARY KEY,        -- minisign key id, hex
    unit_code   TEXT NOT NULL,
    public_key  TEXT NOT NULL,           -- minisign base64 line
    status      TEXT NOT NULL CHECK (status IN ('trusted', 'quarantined', 'retired')),
    added_at    TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
-- Every bundle merged (or held back) by this installation.
CREATE TABLE bundle_log (
    id            INTEGER PRIMARY KEY,
    manifest_sha  TEXT NOT NULL UNIQUE,
    unit_code     TEXT NOT NULL,
    plan_id       TEXT NOT NULL,
    period        TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    key_id        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    current       INTEGER NOT NULL DEFAULT 0,
    manifest      TEXT NOT NULL
);
CREATE INDEX bundle_log_unit ON bundle_log(unit_code, plan_id, period);
-- The content of each unit's current bundle per period.
CREATE TABLE merged_task (
    bundle_id   INTEGER NOT NULL REFERENCES bundle_log(id) ON DELETE CASCADE,
    unit_code   TEXT NOT NULL,
    plan_id     TEXT NOT NULL,
    period      TEXT NOT NULL,
    task_code   TEXT NOT NULL,
    role        TEXT NOT NULL,
    status      TEXT NOT NULL,
    progress    INTEGER NOT NULL,
    note        TEXT NOT NULL,
    milestones  TEXT NOT NULL,           -- JSON {due: done_on}
    evidence_count INTEGER NOT NULL,
    PRIMARY KEY (unit_code, plan_id, period, task_code)
);
CREATE TABLE merged_kpi (
    bundle_id   INTEGER NOT NULL REFERENCES bundle_log(id) ON DELETE CASCADE,
    unit_code   TEXT NOT NULL,
    plan_id     TEXT NOT NULL,
    period      TEXT NOT NULL,           -- the quarter of the figure
    target_code TEXT NOT NULL,
    numerator   REAL NOT NULL,
    denominator REAL NOT NULL,
    PRIMARY KEY (unit_code, plan_id, period, target_code)
);
CREATE TABLE merged_evidence (
    bundle_id   INTEGER NOT NULL REFERENCES bundle_log(id) ON DELETE CASCADE,
    task_code   TEXT NOT NULL,
    blob_id     INTEGER NOT NULL REFERENCES blob(id),
    file_name   TEXT NOT NULL,
    doc_type    TEXT NOT NULL,
    doc_number  TEXT NOT NULL,
    doc_date    TEXT
);
CREATE INDEX merged_evidence_blob ON merged_evidence(blob_id);
"#,
    },
    Migration {
        name: "consolidated-bundles",
        sql: r#"
-- A parent office's consolidated bundle carries its units' evidence too:
-- each merged document names the unit it belongs to.
ALTER TABLE merged_evidence ADD COLUMN unit_code TEXT NOT NULL DEFAULT '';
UPDATE merged_evidence SET unit_code = (SELECT unit_code FROM bundle_log WHERE bundle_log.id = merged_evidence.bundle_id);
"#,
    },
    Migration {
        name: "evidence-files",
        sql: r#"
-- Evidence bytes now live in files beside the database, named by their
-- SHA-256 (evidence/ab/abcdef...). in_db = 1 marks bytes still in blob_chunk
-- (written by an earlier version): they are moved out at start, one blob per
-- transaction, and blob_chunk is left empty.
ALTER TABLE blob ADD COLUMN in_db INTEGER NOT NULL DEFAULT 0;
UPDATE blob SET in_db = 1;
"#,
    },
    Migration {
        name: "organisation",
        sql: r#"
-- The organisation: units with their kind, parent (any depth), whether they
-- are retired (history kept, hidden from pickers) and which parent's units
-- they consolidate for. Seeded from the active plan's units on first use.
CREATE TABLE org_unit (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('government','department','public_service','commune')),
    parent           TEXT,
    retired          INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    consolidates_for TEXT,
    aliases          TEXT NOT NULL DEFAULT '[]',   -- JSON array of further names
    position         INTEGER NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit(parent);
"#,
    },
    Migration {
        name: "receipts",
        sql: r#"
-- At the parent office: one row per bundle received from a unit, with the
-- verdict. Append-only (the triggers refuse an edit or a removal).
CREATE TABLE receipt_log (
    id            INTEGER PRIMARY KEY,
    unit_code     TEXT NOT NULL,
    plan_id       TEXT NOT NULL,
    period        TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    manifest_sha  TEXT NOT NULL,
    received_at   TEXT NOT NULL,
    verdict       TEXT NOT NULL CHECK (verdict IN ('merged', 'replaced', 'older', 'rejected')),
    reason        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX receipt_log_unit ON receipt_log(unit_code, period);
CREATE TRIGGER receipt_log_no_update BEFORE UPDATE ON receipt_log BEGIN SELECT RAISE(ABORT, 'receipt_log is append-only'); END;
CREATE TRIGGER receipt_log_no_delete BEFORE DELETE ON receipt_log BEGIN SELECT RAISE(ABORT, 'receipt_log is append-only'); END;
-- At the parent office: the receipt files written, one sequence per unit.
CREATE TABLE receipt_sent (
    unit_code     TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    manifest_sha  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (unit_code, sequence)
);
-- At the unit: the receipts imported from the parent office (receipt.json kept whole).
CREATE TABLE receipt_in (
    parent_code   TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    manifest_sha  TEXT NOT NULL UNIQUE,
    key_id        TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (parent_code, unit_code, sequence)
);
"#,
    },
    Migration {
        name: "plan-edits",
        sql: r#"
-- Every edit of a plan made by hand (the window's plan editor): which plan,
-- when, who, the operation, the task or target code and the field changed.
CREATE TABLE plan_edit (
    id       INTEGER PRIMARY KEY,
    plan_id  TEXT NOT NULL REFERENCES plan(id),
    at       TEXT NOT NULL,
    by       TEXT NOT NULL,
    op       TEXT NOT NULL,
    code     TEXT NOT NULL,
    field    TEXT NOT NULL DEFAULT '',
    old      TEXT NOT NULL DEFAULT '',
    new      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX plan_edit_plan ON plan_edit(plan_id);
"#,
    },
    Migration {
        name: "feedback",
        sql: r#"
-- At the parent office: its review of a unit's task (evidence_sha '' = the
-- task as a whole) or of one evidence document. One current review per
-- (plan, unit, task, document); a change raises the revision. answered_*
-- come from the unit's next bundle.
CREATE TABLE review (
    plan_id        TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    task_code      TEXT NOT NULL,
    evidence_sha   TEXT NOT NULL DEFAULT '',
    evidence_name  TEXT NOT NULL DEFAULT '',
    verdict        TEXT NOT NULL CHECK (verdict IN ('ok', 'needs_more')),
    comment        TEXT NOT NULL DEFAULT '',
    revision       INTEGER NOT NULL,
    reviewed_at    TEXT NOT NULL,
    reviewed_by    TEXT NOT NULL,
    answered_rev   INTEGER,
    answered_at    TEXT,
    answered_note  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (plan_id, unit_code, task_code, evidence_sha)
);
-- At the parent office: the feedback packages written, one sequence per unit.
CREATE TABLE feedback_sent (
    unit_code     TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    manifest_sha  TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (unit_code, sequence)
);
-- At the unit: the feedback packages imported (feedback.json kept whole) ...
CREATE TABLE feedback_in (
    parent_code   TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    sequence      INTEGER NOT NULL,
    manifest_sha  TEXT NOT NULL UNIQUE,
    key_id        TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (parent_code, unit_code, sequence)
);
-- ... and the requests they carry, the newest revision of each. The marks are
-- the highest evidence and history ids of the task when the revision arrived:
-- anything above them is what the unit did since.
CREATE TABLE request_in (
    parent_code    TEXT NOT NULL,
    plan_id        TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    task_code      TEXT NOT NULL,
    evidence_sha   TEXT NOT NULL DEFAULT '',
    evidence_name  TEXT NOT NULL DEFAULT '',
    verdict        TEXT NOT NULL CHECK (verdict IN ('ok', 'needs_more')),
    comment        TEXT NOT NULL DEFAULT '',
    revision       INTEGER NOT NULL,
    reviewed_at    TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    evidence_mark  INTEGER NOT NULL,
    history_mark   INTEGER NOT NULL,
    PRIMARY KEY (parent_code, plan_id, unit_code, task_code, evidence_sha)
);
-- The drop folder: packages found there that a person accepted or declined,
-- by the SHA-256 of the file, so they are not offered again.
CREATE TABLE drop_seen (
    file_sha   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('accepted', 'declined')),
    decided_at TEXT NOT NULL
);
"#,
    },
    Migration {
        name: "export-manifests",
        sql: r#"
-- At the unit: the manifest of each bundle exported (JSON), so that a receipt
-- naming the bundle tells which evidence the parent office holds (incremental
-- bundles). Exports made before this step have none: they count as unknown.
ALTER TABLE export_log ADD COLUMN manifest TEXT;
"#,
    },
];
