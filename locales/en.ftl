# Tiến Độ — English

app-name = Tiến Độ
app-subtitle = Administrative reform plan tracker

## Command line
cli-error = Error: { $message }
cli-see-help = Type "tiendo --help" for usage.
cli-usage =
    { "" }Tiến Độ — administrative reform (CCHC) plan tracker

    Usage: tiendo [--data-dir DIR] [--lang vi|en] [COMMAND]
      (no command: open the window; --demo: open it on sample data)

    Commands:
      deadline "<phrase>" --year 2024 [--json]     Parse a deadline written in Vietnamese
      plan show [--json]                           Show the active plan
      plan import FILE.csv|FILE.xlsx [--dry-run] | plan import PKG.zip   Import a plan table or package
      plan export --out PKG.zip                    Export a signed plan package
      unit list [--json] | unit set CODE           This installation's unit
      unit import FILE.csv|FILE.xlsx [--dry-run]   Create / update the organisation from a units table (Mã, Tên đơn vị, Loại, Đơn vị cấp trên, Tổng hợp cho)
      unit add CODE --name … --kind … [--parent CODE] [--consolidates-for CODE] | unit rename CODE --name … | unit move CODE --parent CODE
      unit retire CODE | unit unretire CODE | unit consolidate CODE --for CODE|--none | unit alias CODE "phrase"
      tasks [--unit CODE] [--quarter 2023Q1] [--overdue] [--json]
      task set CODE [--status …] [--progress N] [--note "…"] [--milestone-done DATE [--on DATE]]
      task show CODE [--json] | task history CODE
      kpi set TARGET_CODE --quarter 2023Q1 --num N --den D   (or --value V)
      kpi show [--quarter …] [--json]
      evidence add TASK_CODE FILE [--type …] [--number …] [--date …]
      evidence list [TASK_CODE] [--json] | evidence get ID --out FILE | evidence remove ID
      evidence edit ID [--type …] [--number …] [--date …]   Correct what is said of an attached document
      checklist --quarter 2023Q1 [--unit CODE] --out FILE.pdf   Print the period's task checklist
      report --quarter 2023Q1 [--unit CODE] --out FILE.pdf      The period's progress report (PDF)
      calendar [--unit CODE] --out FILE.ics                     Export the deadlines as a calendar
      backup [--out FILE | --to FOLDER] | backup list | restore FILE
      keys show | keys export-card --out FILE | keys trust FILE [--unit CODE] | keys accept FINGERPRINT | keys list
      keys rotate --out FILE.json                  Replace the signing key (the old key signs the new one)
      keys import-p12 FILE.p12 [--password-file FILE]   Import a certificate (.p12/.pfx) for signing report PDFs
      (the .p12 password: --password-file FILE or the TIENDO_P12_PASSWORD variable)
      keys protect [--new-passphrase-file FILE] | keys unprotect   Set or remove the signing key's passphrase
      (a protected key: --passphrase-file FILE or TIENDO_KEY_PASSPHRASE when exporting)
      export --period 2023Q1 --out PKG.zip [--full] [--max-part-size 20MB]   Export the signed progress bundle (new documents only; parts for e-mail)
      verify PKG.zip [--pubkey KEY]                Check a bundle
      merge PKG.zip…|FOLDER [--dry-run]            The parent office merges bundles (and parts, in any order)
      matrix [--period 2023Q1] [--json] [--out FILE.xlsx|FILE.csv] [--pdf FILE.pdf]  Reports received, matrix (Excel or CSV), consolidated report
      feedback review --unit CODE --task CODE --verdict ok|more [--comment "…"] [--evidence FILE|SHA]   Parent office: review a unit's task
      feedback reviews [--unit CODE] [--json] | feedback export --unit CODE --out FILE | --all --out DIR   Reviews; signed feedback packages
      feedback import FILE.zip | feedback requests [--task CODE] [--json]   Unit: import the parent's feedback; see the requests

err-missing-value = missing value for { $option }
err-unknown-option = no such option { $option }
err-usage-command = no such command "{ $command }"
err-usage-missing = missing { $what }
err-usage-nothing = nothing to change: give --status, --progress, --note or --milestone-done
err-usage-nothing-evidence = nothing to correct: give --type, --number, --date, --description or --milestone
gui-not-built = This build has no window.

## Errors
err-database = database error: { $detail }
err-io = read/write error: { $detail }
err-open-file = cannot open { $path }: { $detail }
err-write-file = cannot write { $path }: { $detail }
err-no-data-dir = no per-user data folder found; use --data-dir
err-db-newer = this database was made by a newer version (schema { $found }, this one knows { $known }); update Tiến Độ. The file was not changed.
err-db-migration-edited = schema migration { $version } was edited; refusing to open, to protect the data
err-no-plan = no plan installed
err-no-unit = this installation has no unit yet; run "tiendo unit set CODE" (see "tiendo unit list")
err-unknown-unit = no unit with code "{ $code }" in the plan
err-unknown-task = no task "{ $code }" in the plan
err-unknown-target = no target "{ $code }" in the plan
err-not-assigned = unit { $unit } is not assigned task { $task }
err-no-milestone = task { $task } has no milestone due on { $date }
err-bad-date = invalid date: "{ $value }" (use dd/mm/yyyy or yyyy-mm-dd)
err-bad-year = invalid year: "{ $value }"
err-bad-period = invalid period: "{ $value }" (e.g. 2023Q1 or 2023)
err-bad-status = invalid status: "{ $value }" (not_started, in_progress, done, done_late, not_applicable)
err-bad-role = invalid role: "{ $value }" (lead or coordinating)
err-bad-progress = progress must be 0 to 100: "{ $value }"
err-bad-number = invalid number: "{ $value }"
err-bad-doc-type = invalid document type: "{ $value }" (plan, report, decision, official_letter, notice, photo, other)
err-kpi-quarter = KPI figures are entered per quarter, not for "{ $value }"
err-kpi-negative = figures cannot be negative
err-kpi-num-gt-den = numerator ({ $num }) is larger than denominator ({ $den })
err-kpi-yes-no = this target takes 1 (achieved) or 0 (not achieved)
err-plan-file = cannot read the plan file: { $detail }
err-plan-field = plan file: field { $field } has an invalid value "{ $value }"
err-plan-duplicate = plan file: { $what } "{ $code }" appears twice
err-plan-unknown-ref = plan file: { $what } "{ $code }" does not exist
err-unknown-agency = task { $task }: unknown agency "{ $phrase }"
err-import-encoding = the file is neither UTF-8 nor readable as Windows-1258; save it as "CSV UTF-8"
err-import-quote = unclosed quote (line { $line })
err-import-no-header = no header row starting with "STT"
err-import-missing-column = missing column "{ $column }"
err-import-cell = row { $row }, column "{ $column }": invalid value "{ $value }"
err-import-agency = row { $row }, column "{ $column }": unknown agency "{ $value }"
err-import-duplicate = row { $row }: task code { $code } appears twice
err-import-empty = the table has no tasks
err-import-format = { $format } files cannot be read; open the file in Word (or LibreOffice), "Save as" .docx, and import that .docx
err-import-pdf = a PDF does not keep the plan table in a readable form; use the original Word (.docx) or Excel (.xlsx) file of the document, or ask the issuing office for it
err-import-xlsx-bad = cannot read the .xlsx file: { $detail }
err-cancelled = cancelled
err-no-blob = file data { $sha } not found
err-blob-corrupt = file data { $sha } is damaged (hash mismatch)
err-no-evidence = no evidence document #{ $id }

## Common words
role-lead = Lead
role-coordinating = Coordinating
status-not-started = Not started
status-in-progress = In progress
status-done = Done
status-done-late = Done late
status-not-applicable = Did not arise
overdue = Overdue
flag-on-demand = when it arises
flag-continuous = ongoing
flag-external = per the higher level's plan
flag-unparsed = deadline not understood
col-products = Products
col-deadline = Deadline
col-status = Status
col-progress = Progress
col-note = Note
doc-plan = Plan
doc-report = Report
doc-decision = Decision
doc-official-letter = Official letter
doc-notice = Notice
doc-photo = Photo
doc-other = Other
kpi-title = Targets
kpi-met = Met
kpi-not-met = Not met
kpi-no-data = No figures yet

## Command results
import-summary = Plan for { $year }: { $areas ->
    [one] 1 area
   *[other] { $areas } areas
}, { $tasks ->
    [one] 1 task
   *[other] { $tasks } tasks
}, { $assignments ->
    [one] 1 assignment
   *[other] { $assignments } assignments
}.
import-targets = { $read ->
    [yes] Targets: { $count } read from the document's targets section (see and edit them in Settings → Plan… → Targets).
    [none] Targets: the document has no targets section and the plan in use has none (add them in Settings → Plan… → Targets).
   *[no] Targets: the document has no targets section; the { $count } targets of the plan in use are kept (edit them in Settings → Plan… → Targets).
}
import-unparsed = row { $row }, task { $code }: deadline not understood "{ $text }" (dates can be set by hand)
import-dry-run = Dry run: nothing changed.
import-done = Imported and activated plan { $id }.
unit-set = This installation is unit { $code } — { $name }.
unit-task-count = { $count } tasks
tasks-header = { $unit }: { $count } tasks
task-updated = Updated task { $code }: { $status }, { $progress }%.
milestone-done-on = done on { $date }
history-title = Change history
kpi-header = Targets of { $unit }, period { $period }
kpi-saved = Saved target { $code } for { $period }: { $value }{ $unit }.
kpi-cleared = Cleared the figures of target { $code } for { $period }.
evidence-added = Attached #{ $id }: { $name } ({ $size }, SHA-256 { $sha }…).
evidence-saved = Saved { $name } to { $path }.
evidence-removed = Removed evidence document #{ $id }.
evidence-edited = Corrected evidence document #{ $id } ({ $name }).

## Backups
err-already-running = Tiến Độ is already open on this data folder ({ $path }); use the open window.
err-backup-invalid = { $path } is not a valid Tiến Độ backup (damaged or wrong format); the current data was not changed
backup-done = Backed up to { $path } ({ $size }).
restore-done = Restored from { $path } (schema { $version }); the previous data is kept in the backup folder.

## Reports
report-page = Page { $page }/{ $pages }
report-place-date = { $place }, { $day }/{ $month }/{ $year }
report-motto-country = SOCIALIST REPUBLIC OF VIETNAM
report-motto = Independence - Freedom - Happiness
report-period-quarter = Q{ $q } { $year }
report-period-year = year { $year }
report-checklist-title = Administrative reform task checklist, { $period }
report-progress-title = Administrative reform plan progress report, { $period }
report-plan-ref = { $kind ->
    [decision] (Carrying out { $plan }, issued with Decision { $number } of { $date })
    [plan] (Carrying out { $plan }, no. { $number } of { $date })
   *[none] (Carrying out { $plan })
}
report-plan-untitled = Administrative reform plan for { $year }
report-unit-line = Reporting unit: { $unit }
report-col-code = Code
report-col-task = Task
report-col-products = Products
report-col-deadline = Deadline
report-col-role = Role
report-col-lead = Lead agency
report-col-done = Done
report-col-note = Notes
report-col-item = Item
report-col-count = Count
report-col-status = Status, progress
report-col-milestones = Milestones
report-col-note-evidence = Notes; evidence (number, date; file; SHA-256)
report-col-target = Target
report-col-goal = Goal
report-col-figure = Numerator/denominator
report-col-rate = Rate, value
report-col-result = Result
report-no-tasks = No task in this period.
report-no-targets = No target applies to this unit.
report-no-evidence = No evidence yet
report-signer-left = PREPARED BY
report-signer-right = HEAD OF UNIT
report-sign-hint = (Signature, full name)
report-section-summary = I. SUMMARY
report-section-tasks = II. PROGRESS OF TASKS
report-section-kpi = III. TARGETS
report-summary-total = Tasks in the period
report-summary-total-units = Task assignments in the period (tasks × units)
report-summary-overdue = Overdue
report-summary-due-soon = Due within { $days } days
report-summary-no-evidence = Done without evidence
report-milestone-open = open
report-milestone-units-done = { $date }: { $done } units done
report-mean-progress = Mean progress: { $value }%
report-evidence-count = Evidence: { $count } files
report-doc-number-date = No. { $number } of { $date }
report-written = Wrote { $path } ({ $pages } pages).
calendar-written = Wrote { $count } events to { $path }.
calendar-name = CCHC plan { $year } — { $unit }
calendar-category = CCHC
calendar-role = Role: { $role }
calendar-products = Products: { $products }
calendar-deadline = Deadline: { $text }
calendar-status = Status: { $status }

## Window
ui-nav-dashboard = Dashboard
ui-nav-tasks = Tasks
ui-nav-calendar = Calendar
ui-nav-kpis = KPIs
ui-nav-settings = Settings
ui-plan-line = Plan { $number } · { $year }
ui-plan-unnumbered = (no number yet)
ui-today = Today: { $date }
ui-quarter = Q{ $n } { $year }
ui-task = Task
ui-back = Task list
ui-save = Save
ui-cancel = Cancel
ui-no-match = No unit matches.
ui-due-soon = Due soon
ui-window-failed = The window could not open: { $detail }
ui-window-retry = The window could not open with the graphics card ({ $detail }); retrying with software rendering.
ui-no-db-file = The data is held in memory; there is no file to do this with.
ui-first-run-lang = Language
ui-first-run-unit = Which unit is this computer for?
ui-first-run-search = Search units (e.g. an nhon tay, noi vu)
ui-first-run-none = No unit chosen
ui-first-run-start = Start
ui-unit-kind-commune = Communes and township
ui-unit-kind-department = Departments
ui-unit-kind-public-service = Public service units
ui-unit-kind-government = District People's Committee
ui-dash-quarter = { $quarter }
ui-dash-year = Whole year { $year }
ui-dash-total = Total
ui-dash-attention = Needs attention
ui-dash-due-soon = Due in the next { $days } days
ui-dash-no-evidence = Done without evidence
ui-dash-overdue-list = Overdue tasks
ui-dash-nothing-overdue = Nothing is overdue.
ui-dash-nothing-due = No milestone is due soon.
ui-dash-more = … and { $count } more
ui-tasks-search = Search tasks (Ctrl+F) — diacritics optional
ui-tasks-count = { $count } tasks
ui-tasks-empty = No task matches the filters.
ui-filter-all-areas = All areas
ui-filter-all-statuses = All statuses
ui-filter-all-quarters = Whole year
ui-filter-all-roles = Lead and coordinating
ui-filter-due-soon = Due soon
ui-filter-no-evidence = Done, no evidence
ui-filter-clear = Clear filters
ui-sort = Sort:
ui-sort-code = By code
ui-sort-due = By due date
ui-col-code = Code
ui-col-task = Task
ui-col-role = Role
ui-col-next-due = Next due
ui-col-evidence = Evidence
ui-detail-about = The task
ui-detail-progress = Progress
ui-detail-milestones = Milestones
ui-detail-no-milestones = This task has no fixed dates.
ui-detail-deadline-written = Deadline (as written)
ui-detail-deadline-parsed = Deadline (as understood)
ui-detail-note-placeholder = Notes on progress
ui-detail-updated = Last updated: { $at }
ui-detail-evidence = Evidence ({ $count })
ui-ms-open = Not yet due
ui-ms-done-late = done late, on { $date }
ui-ms-mark = Mark done
ui-ms-unmark = Unmark
ui-history-none = No changes yet.
ui-history-marked = Milestone { $due }: done on { $date }
ui-history-unmarked = Milestone { $due }: marked not done
ui-ev-number = Document number (e.g. 15/KH-UBND)
ui-ev-date = Document date
ui-ev-add = Attach a file… (Ctrl+N)
ui-ev-drop-hint = or drop files onto the window
ui-ev-none = No evidence yet.
ui-ev-added = added
ui-ev-open = Open
ui-ev-remove = Remove
ui-ev-remove-title = Remove evidence?
ui-ev-remove-question = Remove "{ $name }" from this task? This cannot be undone.
ui-ev-removed = Evidence removed.
ui-ev-added-notice = Attached "{ $name }".
ui-ev-edit = Edit
ui-ev-edit-save = Save changes
ui-ev-edit-cancel = Cancel
ui-ev-edited = The details of "{ $name }" are corrected.
ui-ev-drop-open-task = Open a task first, then drop files onto it to attach them.
ui-saved-task = Task { $code } saved.
ui-job-adding = Attaching { $name }…
ui-job-adding-more = Attaching { $name }… ({ $count } more waiting)
ui-ev-queued = Queued: { $count ->
        [one] one file waiting
       *[other] { $count } files waiting
    } to be attached.
ui-ev-added-many = { $count } files attached.
ui-ev-failed-item = "{ $name }": { $reason }
ui-ev-batch-failed = { $added } files attached; { $failed } could not be: { $list }
ui-job-opening = Opening the document…
ui-job-backup = Backing up…
ui-job-restore = Restoring…
ui-job-busy = Something is still running; please wait for it to finish.
ui-cal-month-view = Month
ui-cal-quarter-view = Quarter
ui-cal-agenda = Agenda
ui-cal-agenda-title = Coming up
ui-cal-today = Today
ui-cal-month-title = { $month } { $year }
ui-cal-next-weeks = From { $from } to { $to }
ui-cal-nothing = No milestones.
ui-cal-floating = On demand, continuous
ui-wd-1 = Monday
ui-wd-2 = Tuesday
ui-wd-3 = Wednesday
ui-wd-4 = Thursday
ui-wd-5 = Friday
ui-wd-6 = Saturday
ui-wd-7 = Sunday
ui-month-1 = January
ui-month-2 = February
ui-month-3 = March
ui-month-4 = April
ui-month-5 = May
ui-month-6 = June
ui-month-7 = July
ui-month-8 = August
ui-month-9 = September
ui-month-10 = October
ui-month-11 = November
ui-month-12 = December
ui-kpi-target = Target
ui-kpi-goal = Goal
ui-kpi-figures = The unit's figures for the quarter
ui-kpi-year = Year { $year }
ui-kpi-num = Num.
ui-kpi-den = Denom.
ui-kpi-value = Value
ui-kpi-none = The plan sets no target for this unit.
ui-kpi-saved = Figures for target { $code } saved.
ui-settings-unit-title = Unit
ui-settings-unit = This computer is for
ui-settings-change-unit = Change unit
ui-settings-use-unit = Use this unit
ui-settings-unit-changed = Switched to { $name }.
ui-settings-display = Display
ui-settings-lang = Language
ui-settings-theme = Theme
ui-settings-light = Light
ui-settings-dark = Dark
ui-settings-software = Software rendering
ui-settings-software-hint = Turn on if the window draws badly on an old graphics card. Takes effect the next time the app opens.
ui-settings-software-restart = Saved. The change takes effect when the app is opened again.
ui-settings-data = Data
ui-settings-data-dir = Data folder
ui-settings-open-folder = Open folder
ui-settings-last-backup = Last backup
ui-settings-never = Never
ui-settings-backup = Back up now
ui-settings-restore = Restore…
ui-settings-backup-hint = A backup is one data file, with a blobs folder beside it holding the evidence documents (each copied once for all backups). Before a restore the current data is backed up automatically.
ui-backup-done = Backed up to { $path }.
ui-auto-backup-failed = The daily backup could not be made: { $message }. Your data is intact; use "Back up now" in Settings.
ui-restore-title = Restore data?
ui-restore-question = Replace all current data with the backup { $path }? The current data is first saved in the backups folder.
ui-restore-done = Data restored from the backup.

## Bundles
err-random = could not get random numbers from the operating system: { $detail }
err-key-file = the key file { $path } is damaged
err-key-locked = the signing key is protected by a passphrase: enter it (in the window: the "Reports & sending" screen; on the command line: --passphrase-file FILE or TIENDO_KEY_PASSPHRASE)
err-key-passphrase = wrong passphrase for the signing key
err-passphrase-short = the passphrase is too short: at least { $min } characters
err-passphrase-mismatch = the two passphrases differ
err-passphrase-file = cannot read the passphrase file { $path }: { $detail }
err-key-seal = could not encrypt the signing key
err-bad-pubkey = invalid public key (a minisign base64 line is expected)
err-bad-signature = invalid signature: manifest.json was changed or the signature is forged
err-signature-other-key = signed by key { $found }, not by key { $expected }
err-unknown-key = no key { $fingerprint } in the registry
err-bundle-corrupt = the bundle cannot be read (damaged, truncated or not a .zip)
err-bundle-too-many = the bundle has too many files ({ $count })
err-bundle-duplicate = the bundle has duplicate file names: { $name }
err-bundle-bad-name = unsafe file name in the bundle: "{ $name }" ({ $why ->
        [empty] empty name
        [length] name too long
        [backslash] contains \
        [absolute] starts with /
        [drive] contains : (a drive)
        [control] contains a control character
        [traversal] contains "." or ".." or an extra /
        [normalization] accented letters not in NFC form
        [separator] file name contains /
        [utf-8] not UTF-8 text
       *[other] { $why }
    })
err-bundle-oversize = file { $name } in the bundle is too large
err-bundle-bomb = file { $name } is abnormally compressed (a compression bomb)
err-bundle-missing = the bundle lacks file { $name }
err-bundle-extra = the bundle holds a file its manifest does not list: { $name }
err-bundle-file-changed = file { $name } does not match its signed size/hash: the bundle was altered
err-bundle-file-damaged = file { $name } in the bundle is damaged (its content cannot be read)
err-bundle-version = bundle format version { $version } is not readable by this version
err-bundle-unknown-key = the bundle of { $unit } is signed with an unregistered key { $fingerprint }
err-bundle-key-unit = key { $fingerprint } belongs to unit { $unit } and cannot sign for { $claimed }
err-bundle-wrong-plan = the bundle was made against plan "{ $plan }", which this installation does not have
err-bundle-sequence-conflict = unit { $unit } has two different bundles with sequence { $sequence }
err-merge-some-failed = { $count } bundle(s) rejected
keys-fingerprint = Fingerprint: { $fingerprint }
keys-state-protected = The signing key is protected by a passphrase.
keys-state-clear = The signing key has no passphrase.
keys-protected = The signing key now has a passphrase. Keep it: a forgotten passphrase means a new key and a new key card for the parent office.
keys-unprotected = The signing key's passphrase is removed.
keys-new-passphrase = New passphrase for the signing key (not shown as you type):
keys-repeat-passphrase = Repeat the passphrase:
keys-card-saved = Saved the public key card to { $path } (fingerprint { $fingerprint }).
keys-trusted = Trusted key { $fingerprint } of unit { $unit }.
export-done = Exported { $path }: { $unit }, period { $period }, sequence { $sequence }, { $files } files.
verify-ok = VALID: bundle of { $unit }, period { $period }, sequence { $sequence }, { $files } files, key { $fingerprint }.
merge-merged = { $file }: merged ({ $unit }, { $period }, sequence { $sequence }).
merge-already = { $file }: already merged, nothing changed.
merge-replay = { $file }: older than the current bundle ({ $unit }, { $period }, sequence { $sequence }) — kept as history, marked as a replay.
merge-quarantined = { $file }: unknown key { $fingerprint } of { $unit } — quarantined; compare the fingerprint, then run "tiendo keys accept { $fingerprint }".
merge-rejected = { $file }: REJECTED — { $message }
matrix-header = Reports received, { $period }
matrix-task = Task
matrix-saved = Saved the matrix to { $path }.
err-matrix-format = { $path }: the matrix can be saved only as .csv or .xlsx (Excel); change the file name's extension
err-xlsx-too-large = the sheet exceeds Excel's limits (16,384 columns, 1,048,576 rows): { $columns } columns, { $rows } rows
err-xlsx-write = could not write the Excel workbook: { $detail }
xlsx-title = Task status matrix, { $period }
xlsx-sheet-status = Status matrix
xlsx-sheet-completeness = Reports received
xlsx-sheet-kpis = Targets, all units
xlsx-col-numerator = Sum of numerators
xlsx-col-denominator = Sum of denominators
err-pdf-sign = could not sign the PDF: { $detail }
pdf-sign-reason = CCHC progress report for { $period }

## PDF-signing certificate (imported from a .p12 / .pfx file)
err-p12-password = Wrong password for the .p12 file
err-p12-corrupt = the .p12 file is damaged or not a PKCS#12 file ({ $detail })
err-p12-unsupported = the .p12 file uses { $algorithm }, which Tiến Độ cannot read yet; export the .p12 file again with AES encryption
err-p12-no-key = the .p12 file holds no private key; export the certificate again together with its private key
err-p12-no-cert = the .p12 file holds no certificate matching its private key
err-p12-no-password = the .p12 password is missing: set the TIENDO_P12_PASSWORD environment variable or use --password-file FILE
err-pdf-cert-bad-key = the private key cannot be read: { $detail }
err-pdf-cert-key-type = the certificate's key is { $algorithm }; PDF signatures can only use RSA or ECDSA P-256 keys
err-pdf-cert-mismatch = the private key does not match the certificate
err-pdf-cert-expired = the certificate expired on { $date }; renew it with the certification authority and import the new file
err-pdf-cert-not-yet-valid = the certificate is only valid from { $date }
pdfcert-imported = Imported the PDF-signing certificate from { $path }.
pdfcert-previous = The previous certificate is kept in { $path }.
pdfcert-title = PDF-signing certificate:
pdfcert-none = No PDF-signing certificate yet (Tiến Độ makes one with the first bundle export).
pdfcert-subject = Subject: { $subject }
pdfcert-issuer = Issued by: { $issuer }
pdfcert-validity = Valid: { $from } – { $to }
pdfcert-fingerprint = SHA-256: { $fingerprint }
pdfcert-kind = Kind: { $origin }, { $signed }, { $algorithm }
pdfcert-origin-generated = made by Tiến Độ
pdfcert-origin-imported = imported from a .p12 file
pdfcert-self-signed = self-signed
pdfcert-ca-issued = issued by a certification authority
ui-settings-cert-title = PDF-signing certificate
ui-settings-cert-subject = Subject
ui-settings-cert-issuer = Issued by
ui-settings-cert-valid-to = Valid until
ui-settings-cert-kind = Kind
ui-settings-cert-fingerprint = SHA-256
ui-settings-cert-none = None yet. Tiến Độ makes a self-signed certificate with the first bundle export; you can also import a certificate issued by a certification authority (a .p12 or .pfx file).
ui-settings-cert-hint = The report inside the bundles sent to the parent office is signed with this certificate. Importing a new file keeps the previous certificate in the keys folder.
ui-settings-cert-import = Import .p12 file…
ui-p12-title = Import PDF-signing certificate
ui-p12-question = Enter the password of { $path }:
ui-p12-password = .p12 password
ui-p12-import = Import
ui-p12-imported = Imported the certificate of { $name }, valid until { $date }.

## Robustness: full or read-only disks, busy database, automatic backups
err-target-full = not enough free space to write { $path }; nothing was written there and your data is unchanged. Free some space or choose another drive.
err-target-read-only = { $path } cannot be written: the drive or folder is read-only (a locked USB stick?). Nothing was written and your data is unchanged.
err-db-disk-full = the disk holding the data folder is full; the change was not saved and the data is unchanged. Free some space and try again.
err-db-read-only = the data folder is read-only, so nothing can be saved (a locked USB stick or a folder without write permission?). The data is unchanged.
err-db-busy = the data is being changed by another Tiến Độ window or command; try again in a moment
warn-auto-backup = warning: the automatic backup failed ({ $message }); your command ran normally
warn-pdf-cert-expired = Note: the PDF-signing certificate expired on { $date }; the report's PDF signature will be reported expired. Import a renewed .p12 (Settings › PDF-signing certificate, or "tiendo keys import-p12").
warn-pdf-cert-expiring = Note: the PDF-signing certificate expires on { $date } ({ $days } days left). Ask for a renewal and import the new .p12 before then.
ui-settings-cert-expired = expired
ui-settings-cert-days-left = { $days } days left
plan-exported = Exported the signed plan package { $id } to { $path }.
err-bundle-foreign-unit = the bundle of { $sender } carries data of { $unit }, which is not one of its units
err-rotation-invalid = invalid key rotation file
err-rotation-untrusted = the old key { $fingerprint } of { $unit } is not trusted here; a new key cannot be accepted through a rotation file
keys-rotated = Rotated the key: { $old } → { $new }. Send { $path } to the parent office.
keys-rotation-accepted = Accepted the new key { $fingerprint } of { $unit } (the old key is retired).

## Window: reports and bundles
ui-nav-reports = Reports & sending
ui-nav-district = Consolidation
ui-rep-documents = Print and export
ui-rep-checklist-title = Task checklist
ui-rep-checklist-hint = The unit's tasks in { $period } with tick boxes, to print and pin up.
ui-rep-checklist = Print task checklist
ui-rep-report-title = Progress report
ui-rep-report-hint = The report on { $period } laid out as an administrative document, ready to sign.
ui-rep-report = Progress report
ui-rep-calendar-title = Deadline calendar
ui-rep-calendar-hint = An .ics file for Outlook, Google Calendar or a phone.
ui-rep-calendar = Export calendar (.ics)
ui-rep-send = Send the report to the parent office
ui-rep-bundle-hint = The { $period } bundle is one signed .zip file: progress, KPI figures, the PDF report and the evidence. Send it to the parent office — for a commune, the Home Affairs office (USB stick, e-mail).
ui-rep-bundle = Export report bundle
ui-rep-bundle-file-name = { $unit }-{ $period }-no-{ $sequence }.zip
ui-rep-bundle-done = Report bundle exported
ui-rep-bundle-file = File
ui-rep-bundle-period = Period
ui-rep-bundle-sequence = Sequence
ui-rep-bundle-files = Files in the bundle
ui-rep-open-folder = Open the containing folder
ui-rep-bundle-notice = Report bundle no. { $sequence } exported to { $path }.
ui-rep-key = The unit's signing key
ui-rep-key-fingerprint = Key fingerprint
ui-rep-key-card = Export public key card
ui-rep-key-hint = Send the public key card to the parent office once. When they call, read out this fingerprint so they can compare it.
ui-rep-pass-none = The signing key has no passphrase: anyone using this computer can sign bundles.
ui-rep-pass-set = Set a passphrase…
ui-rep-pass-change = Change passphrase…
ui-rep-pass-remove = Remove passphrase
ui-rep-pass-lock = Lock
ui-rep-pass-unlocked = The signing key has a passphrase and is unlocked for this session.
ui-rep-pass-enter = Signing key passphrase
ui-rep-pass-unlock = Unlock
ui-rep-pass-locked-hint = The signing key is protected by a passphrase. Enter it to sign bundles; the app keeps it until the window closes.
ui-rep-pass-new = New passphrase (at least 8 characters)
ui-rep-pass-repeat = Repeat the passphrase
ui-rep-pass-save = Save passphrase
ui-rep-pass-cancel = Cancel
ui-rep-pass-warning = Keep the passphrase: a forgotten passphrase means a new key and a new key card for the parent office.
ui-rep-bundle-locked = Unlock the signing key (the "The unit's signing key" section below) before exporting.
ui-rep-pass-done-unlocked = The signing key is unlocked.
ui-rep-pass-done-set = The signing key now has a passphrase.
ui-rep-pass-done-removed = The signing key's passphrase is removed.
ui-job-key = Working on the signing key…
ui-rep-history = Bundles exported before
ui-rep-history-none = No report bundle exported yet.
ui-rep-history-sequence = no. { $sequence }
ui-rep-pdf-opened = Wrote { $path } ({ $pages } pages) and opened it for viewing and printing.
ui-job-checklist = Making the task checklist…
ui-job-report = Making the progress report…
ui-job-calendar = Exporting the calendar…
ui-job-exporting = Exporting the { $period } report bundle…
ui-job-merging = Importing bundle { $index }/{ $count }: { $name }
ui-dist-import = Import report bundles
ui-dist-import-key = Import unit key
ui-dist-drop-hint = You can also drop bundle files (.zip) or key cards (.pub) onto this window.
ui-dist-drop-wrong = Only report bundles (.zip) and public key cards (.pub) can be dropped here.
ui-dist-results = Import results
ui-dist-clear = Clear list
ui-dist-line-merged = merged: { $unit }, { $period }, no. { $sequence }
ui-dist-line-already = already merged, nothing changed ({ $unit }, no. { $sequence })
ui-dist-line-replay = older than the current bundle ({ $unit }, { $period }, no. { $sequence }): kept as history, flagged as a replay
ui-dist-line-quarantined = unknown key { $fingerprint } of { $unit }: quarantined until compared
ui-dist-line-rejected = REJECTED: { $reason }
ui-dist-accept-key = Accept key
ui-dist-accept-title = Accept the unit's key?
ui-dist-accept-question = The report bundle of { $unit } is signed with the key whose fingerprint is:
ui-dist-accept-hint = Call the unit and compare every character with the fingerprint on their "Reports & sending" screen. Accept only if they match; the waiting bundle is merged at once.
ui-dist-card-title = Which unit does this key card belong to?
ui-dist-card-question = The key card (fingerprint { $fingerprint }) names no unit. Choose the unit that holds the key:
ui-dist-card-trust = Trust key
ui-dist-tab-completeness = Submissions
ui-dist-tab-status = Status matrix
ui-dist-tab-kpis = Summed KPIs
ui-dist-tab-missing = Done without evidence
ui-dist-tab-keys = Unit keys
ui-dist-export-csv = Export matrix (CSV)
ui-dist-export-xlsx = Export Excel (.xlsx)
ui-dist-unit = Unit
ui-dist-period = Period:
ui-dist-no-units = No units below this one.
ui-dist-received = Received · no. { $sequence }
ui-dist-received-count = { $count } of { $total } received
ui-dist-late = Late · no. { $sequence }
ui-dist-missing = Missing
ui-dist-not-due = Not due yet
ui-dist-status-none = No report bundle received for { $period } yet.
ui-dist-kpi-sum = Sum numerator / denominator
ui-dist-kpi-rate = Rate
ui-dist-kpi-state = Assessment
ui-dist-missing-none = No task reported done without evidence in { $period }.
ui-dist-missing-hint = Tasks the units reported done but sent no evidence for:
ui-dist-keys-none = No unit key yet. Import the public key cards the units send.
ui-dist-key-trusted = Trusted
ui-dist-key-quarantined = Quarantined
ui-dist-key-status = Status
ui-dist-key-added = Received on

## Public key card
keycard-title = Public key card for signed progress bundles
keycard-unit = Unit
keycard-fingerprint = Key fingerprint
keycard-public-key = Public key (minisign)
keycard-date = Issued on
keycard-how = The parent office registers this key once ("tiendo keys trust" or the "Import unit key" button) after checking the fingerprint { $fingerprint } with the unit over the phone. Every progress bundle of the unit is then checked with it.

## Consolidated report
report-consolidated-title = Consolidated progress report on the CCHC plan, { $period }
report-cons-received = I. REPORTS RECEIVED FROM THE UNITS
report-cons-units = II. TASK PROGRESS OF THE UNITS
report-cons-kpi = III. TARGETS FOR THE WHOLE AREA (NUMERATORS AND DENOMINATORS SUMMED)
report-cons-missing = IV. TASKS DONE WITHOUT EVIDENCE
report-col-unit = Unit
report-received = Received (no. { $sequence })
report-received-late = Late (no. { $sequence })
report-missing = Missing
report-not-due = Not yet due
report-no-bundles = No bundle received for this period yet.
report-none = None.
consolidated-saved = Wrote the consolidated report { $path } ({ $pages } pages).
ui-dist-consolidated = Consolidated report (PDF)
ui-gpu-crashed = Last time the graphics-card renderer stopped the program abruptly; software rendering is used from now on (Settings can switch back).

## Hardening: I/O reasons, bundle claims, periods, figures, keys
io-not-found = no such file or folder
io-permission = permission denied
io-read-only = the drive or folder is read-only
io-full = the drive is full
io-exists = the file already exists
io-is-dir = this is a folder, not a file
io-not-dir = part of the path is not a folder
io-broken-pipe = the receiving program closed the pipe
io-damaged = the data is damaged or truncated
io-busy = the file is busy; try again
io-other = an operating-system error
err-period-outside-plan = the period { $period } is outside the plan's year { $year }
err-bundle-not-governed = the bundle of { $unit } is not from a unit under { $receiver }, so it is not merged here
err-bundle-sequence = invalid bundle sequence number { $sequence } (it must be 1 to { $max })
err-bundle-claim = the bundle of { $unit } has an invalid value at { $field } ("{ $value }"): { $why ->
        [unit] the plan has no such unit, or it is not the sender
        [unknown-task] the plan has no such task
        [not-assigned] this task is not assigned to the unit
        [progress] progress must be 0 to 100
        [unknown-target] the plan has no such target
        [quarter] not a quarter (like 2023Q1)
        [other-period] a figure for a quarter outside the bundle's period { $period }
        [negative] figures cannot be negative
        [number] not a valid number (too large or not finite)
        [denominator] a rate's denominator must be above 0
        [num-gt-den] the numerator is larger than the denominator
        [yes-no] only 1 (achieved) or 0 (not achieved)
        [date] not a real date (YYYY-MM-DD)
        [doc-type] unknown document type
       *[other] invalid value
    }
err-kpi-number = a figure must be a number from 0 to { $max }
err-kpi-zero-den = a rate's denominator must be above 0
err-merge-quarantined = { $count } bundle(s) await a key check and were not merged
merge-quarantined-other-key = WARNING: { $unit } already has another trusted key ({ $trusted }); this bundle is signed with key { $fingerprint }. Do not accept the new key before phoning the unit to confirm.
err-import-too-many-rows = the plan table has { $count } rows, over the limit of { $max }: probably the wrong file
err-import-stray-bytes = the file is UTF-8 text with a few broken bytes (first on line { $line }); open it, fix that line and save it again as "CSV UTF-8"
err-done-progress = task { $task } is done, so its progress is 100 %, not { $value } %; to record another figure, change its status first
## Storage: evidence files beside the database, backup generations, second backup place
err-backup-evidence-missing = the backup { $path } lacks or has a damaged evidence file { $file } (copy the blobs folder beside the backup too); the current data was not changed
err-backup-out-and-to = use one of --out FILE (one backup) or --to FOLDER (the second backup place, several kept)
ui-settings-place-title = Second backup place
ui-settings-place = Folder
ui-settings-place-none = Not chosen
ui-settings-place-choose = Choose folder…
ui-settings-place-forget = Forget
ui-settings-place-write = Back up there now
ui-settings-place-last = Last written
ui-settings-place-hint = A USB drive or a network folder: backups there survive the failure of this computer's disk. Every day, when the folder can be reached, a backup is written there too; evidence documents are copied only once.
ui-settings-place-reminder = No backup has been written to the second place for more than { $days } days. Plug in the USB drive (or connect to the network) and press "Back up there now".
ui-place-backup-done = Backed up to the second place: { $path }.
## Window: jobs, saving, keyboard, clerk (h-ui)
ui-job-crashed = The job that was running hit an internal error and stopped; what was saved before is unaffected. Try again; if it happens again, tell support.
ui-saving = Saving…
ui-job-key-card = Writing the public key card…
ui-job-matrix = Writing the status matrix…
ui-clerk-ask = Your name
ui-clerk-placeholder = Full name (e.g. Nguyễn Thị Lan)
ui-clerk-use = Use this name
ui-clerk-current = Working: { $name }
ui-clerk-saved = The history now records { $name }.
err-operator-empty = Enter the name of the person working (it is recorded in the change history).
err-operator-too-long = The name is { $count } characters long; at most 60.
## Tổ chức (đơn vị, cấp trên, đơn vị tổng hợp)
org-kind-government = People's Committee
org-kind-department = Department
org-kind-public-service = Public service unit
org-kind-commune = Commune, ward, special zone
unit-parent = under { $code }
unit-consolidates = consolidates for { $code }
unit-retired-mark = (retired)
unit-added = Added unit { $code } — { $name }.
unit-renamed = Renamed { $code }: “{ $old }” → “{ $new }”.
unit-moved = Moved { $code } under { $parent }.
unit-retired = Retired { $code }; its history is kept.
unit-unretired = { $code } is active again.
unit-consolidation-set = { $code } consolidates reports for: { $parent }.
units-created = Created a new organisation of { $count } units.
units-added-line = added { $code } — { $name }
units-renamed-line = renamed { $code }: “{ $old }” → “{ $new }”
units-moved-line = moved { $code }: parent { $old } → { $new }
units-kind-line = kind of { $code }: { $old } → { $new }
units-consolidation-line = { $code } consolidates for: { $old } → { $new }
units-restored-line = { $code } is active again
units-summary = { $added } units added, { $changed } changed, { $unchanged } unchanged.
err-units-no-header = no header row with the columns “Tên đơn vị”, “Loại”, “Đơn vị cấp trên” (and “Mã” if there is one) was found
err-units-none = the table has no units
err-units-empty = row { $row }, column “{ $column }”: empty cell
err-units-code = row { $row }, column “{ $column }”: code “{ $value }” is not valid (no spaces, at most 32 characters)
err-units-duplicate = row { $row }, column “{ $column }”: code “{ $value }” appears twice
err-units-kind = row { $row }, column “{ $column }”: unknown unit kind “{ $value }” (UBND, Sở, Phòng, Ban, Đơn vị sự nghiệp, Xã, Phường, Đặc khu, Thị trấn)
err-units-parent = row { $row }, column “{ $column }”: no unit “{ $value }” (give its code or its exact name)
err-units-cycle = row { $row }, column “{ $column }”: “{ $value }” would put the unit under itself
err-org-code = unit code “{ $code }” is not valid (not empty, no spaces, at most 32 characters)
err-org-name-empty = unit { $code } has no name
err-org-duplicate = unit code { $code } already exists
err-org-unknown = unit { $unit }: there is no unit with code { $code }
err-org-cycle = unit { $code } cannot sit under itself
err-org-kind = unknown unit kind “{ $value }” (UBND, Sở, Phòng, Ban, Đơn vị sự nghiệp, Xã, Phường, Đặc khu, Thị trấn)
err-unit-retired = unit { $code } is retired; choose another unit
ui-settings-org = Organisation…
ui-org-title = Organisation
ui-org-back = ← Settings
ui-org-summary = { $count } units. Pick a unit in the tree, then what to do; retired units keep their history.
ui-org-add = Add unit
ui-org-rename = Rename
ui-org-move = Move
ui-org-retire = Retire
ui-org-unretire = Bring back
ui-org-retired = Retired
ui-org-consolidates = Consolidates for { $unit }
ui-org-add-under = New unit under: { $parent }
ui-org-rename-title = Rename unit { $code }
ui-org-move-title = Move { $unit } under another parent
ui-org-move-hint = Click the new parent unit in the tree below.
ui-org-new-parent = New parent
ui-org-no-parent = (no parent)
ui-org-name = Unit name
ui-org-name-hint = E.g. Phòng Kinh tế
ui-org-code = Code
ui-org-kind = Kind
ui-org-save = Save
ui-first-run-how = How do you start?
ui-first-run-start-example = My unit is in the built-in example
ui-first-run-start-package = Open the plan package my parent office sent
ui-first-run-start-new-org = Set up a new organisation
ui-first-run-package-hint = The parent office sends a signed plan package (.zip). Open it: its plan and units are installed on this computer, then choose your unit.
ui-first-run-open-package = Open plan package (.zip)…
ui-first-run-units-hint = Import a units table (.csv or .xlsx) with the columns Tên đơn vị, Loại, Đơn vị cấp trên (and Mã, Tổng hợp cho if any), or add the first unit by hand and the rest later in Settings → Organisation.
ui-first-run-open-units = Import units table (.csv, .xlsx)…
ui-first-run-first-unit = Or add the first unit
ui-first-run-first-unit-hint = Unit name, e.g. Ủy ban nhân dân xã Tân Phú
ui-first-run-create = Create organisation
ui-first-run-offices = Add the specialised offices and the public administrative service centre (two-tier local government, from 1 July 2025):
ui-org-consolidate = Consolidates for its parent
ui-org-consolidate-off = Stop consolidating
## Work period and due dates
period-due = due in this period: { $dates }
period-no-due = in progress, nothing due in this period
## Plans from Word/Excel files, plans across years, new versions (h-planfiles)
err-import-docx-bad = the Word file (.docx) cannot be read: { $detail }
err-import-unmatched = { $count } agencies match no unit, so nothing was imported: { $list }. Add the units or correct the names in the table; to import without these agencies add --allow-unmatched
import-unmatched = { $count ->
    [one] 1 agency matches no unit (it will be left out of its task, and this is recorded):
   *[other] { $count } agencies match no unit (they will be left out of their tasks, and this is recorded):
}
import-unmatched-item = row { $row }, column "{ $column }": "{ $value }"
err-unknown-plan = no plan with id "{ $id }" (see "tiendo plan list")
err-plan-exists = a plan with id "{ $id }" already exists; choose another with --new-id
err-rollover-same-year = this plan is already the plan for { $year }
plan-task-count = { $count } tasks
plan-using = Now using plan { $id } ({ $year }).
plan-rolled-over = Created plan { $id } for { $year } ({ $tasks } tasks) from { $from }; the old plan is kept as it was and can be opened with "tiendo plan use { $from }".
plan-unfinished = Unfinished tasks of the old plan: { $count }
plan-unfinished-units = { $count } units not done: { $units }
plan-diff-title = Plan { $id } is already installed; the new version changes:
plan-diff-none = Plan { $id } is already installed; the new version changes no task.
plan-diff-added = new task
plan-diff-removed = task removed (progress already recorded is kept)
plan-diff-reworded = reworded
plan-diff-moved = deadline moved
plan-diff-reassigned = lead / coordinating agencies changed
repairs-title = Repaired from the original
repair-line = { $field }: original "{ $original }" → "{ $fixed }"
repair-field-description = Task
ui-settings-plan = Plan in use
ui-settings-import-plan = Import a plan from a file…
ui-import-title = Preview of the plan in { $file }
ui-import-done = Imported; now in use: { $plan }, { $tasks ->
    [one] 1 task
   *[other] { $tasks } tasks
}, { $targets ->
    [one] 1 target
   *[other] { $targets } targets
}.
ui-import-targets-title = Targets read from the document ({ $count })
ui-import-col-code = Code
ui-import-col-task = Task
ui-import-accept = Import
## Receipts from the parent office (h-loop)
receipts-written = Receipt written: { $path }
receipt-imported = Imported receipt no. { $sequence } from { $parent } ({ $count } bundles).
receipt-already = Receipt no. { $sequence } from { $parent } was imported before; nothing changed.
receipt-none = No receipt from the parent office yet.
receipt-status-received = The parent office received submission { $sequence } at { $time } on { $date }
receipt-status-older = The parent office received submission { $sequence } at { $time } on { $date }, but already held a newer one
receipt-status-rejected = The parent office refused submission { $sequence } at { $time } on { $date }: { $reason }
err-receipt-none = No bundle from a unit below has been received (for the chosen period), so there is no receipt to write.
err-receipt-unknown-key = the receipt is signed with key { $fingerprint } (claiming to be { $unit }), which this unit does not trust as its parent office's; import the parent's key card with "tiendo keys trust FILE.pub --unit CODE"
err-receipt-not-parent = the receipt is signed by { $signer }, which is not an office above { $unit }
err-receipt-other-unit = this receipt is for unit { $for }, not { $unit }
err-receipt-older = receipt no. { $sequence } is older than receipt no. { $newest } already imported; not imported
ui-receipts-send = Send receipts
ui-receipts-job = Writing receipts…
ui-receipts-done = Wrote { $count } receipts to { $path }.
ui-receipt-import = Import a receipt from the parent office
ui-receipt-none-period = No receipt from the parent office for this quarter yet.
## Plan editor, rollover and plan switcher (h-editor)
err-edit-code-empty = No code entered.
err-edit-code-bad = Code “{ $code }” is not valid: no spaces, at most { $max } characters.
err-edit-code-taken = Code “{ $code }” is already in the plan; choose another.
err-edit-code-has-progress = Code “{ $code }” still holds the progress of a task deleted earlier; choose another code or add that task back.
err-edit-name-empty = No text entered.
err-edit-too-long = The text is too long (at most { $max } characters).
err-edit-unknown-area = The plan has no area “{ $code }”.
err-edit-lead-empty = At least one lead agency is needed.
err-edit-deadline-empty = No deadline entered (nor dates by hand).
err-edit-date-far = The date { $date } is too far from the plan year { $year }.
err-edit-value = Value “{ $value }” is not valid: a non-negative number is needed.
err-edit-rate-over = A rate of { $value } is over 100 %.
err-edit-yes-no = A yes/no target takes only 1 (achieved) or 0.
err-edit-unit-empty = No unit of measure entered.
err-rollover-exists = A plan for { $year } is already in the list; choose “Use this plan” there.
ui-settings-edit-plan = Plan…
ui-plan-title = Plan
ui-plan-tab-tasks = Tasks
ui-plan-tab-targets = Targets
ui-plan-tab-plans = Plans
ui-plan-counts = { $areas } areas, { $tasks } tasks
ui-plan-add-task = + Add task
ui-plan-pick-hint = Choose a task on the left to edit it, or press “+ Add task”. ▲ ▼ change the order (at the top or bottom of an area they move the task to the next area). A task keeps its code when it moves, so its recorded progress stays.
ui-plan-edit-task = Edit task { $code }
ui-plan-new-task = New task
ui-plan-code = Code
ui-plan-area = Area
ui-plan-name = Text
ui-plan-name-hint = The task as the plan writes it
ui-plan-products = Products
ui-plan-products-hint = Separate products with ;
ui-plan-add-agency = + Add
ui-plan-group-chip = { $phrase } ({ $count } units)
ui-plan-group-units = { $count ->
    [one] 1 unit
   *[other] { $count } units
}
ui-plan-picker-hint = Search a unit or group (diacritics optional)
ui-plan-picker-typed = Use “{ $phrase }”
ui-plan-picker-none = No unit or group matches.
ui-plan-deadline = Deadline
ui-plan-deadline-hint = The deadline as the plan writes it, e.g. “Trước ngày 15/12/2026”
ui-plan-deadline-empty = Enter a deadline to see the dates it means.
ui-plan-unparsed = this deadline cannot be read; enter the dates by hand below
ui-plan-preview-read = the dates read from the deadline, for { $year }
ui-plan-preview-manual = dates entered by hand (used instead of the reading)
ui-plan-manual = Dates by hand
ui-plan-date-hint = dd/mm/yyyy
ui-plan-add-date = Add date
ui-plan-manual-hint = Only needed when the deadline cannot be read or is read wrongly; when given, these dates are used instead.
ui-plan-save = Save
ui-plan-delete = Delete
ui-plan-delete-task-q = Delete task { $code } from the plan? Its recorded progress is kept; adding this code again brings it back.
ui-plan-delete-target-q = Delete target { $code } from the plan?
ui-plan-saved = Plan saved ({ $count ->
    [one] 1 change
   *[other] { $count } changes
}).
ui-plan-target-count = { $count ->
    [one] 1 target
   *[other] { $count } targets
}
ui-plan-add-target = + Add target
ui-plan-pick-target-hint = Choose a target on the left to edit it, or press “+ Add target”.
ui-plan-edit-target = Edit target { $code }
ui-plan-new-target = New target
ui-plan-target-hint = The target as the plan writes it
ui-plan-kind = Kind
ui-plan-kind-rate = Rate (%)
ui-plan-kind-value = Quantity
ui-plan-kind-yes-no = Achieved / not
ui-plan-comparator = Comparison
ui-plan-value = Value
ui-plan-unit = Unit of measure
ui-plan-numerator = Numerator
ui-plan-numerator-hint = e.g. files settled on time
ui-plan-denominator = Denominator
ui-plan-denominator-hint = e.g. files settled
ui-plan-reporters = Reported by
ui-plan-reporters-hint = No kind chosen: every unit reports it.
ui-plan-installed = Installed plans
ui-plan-col-number = Plan number
ui-plan-col-year = Year
ui-plan-col-issuer = Issued by
ui-plan-col-tasks = Tasks
ui-plan-active = In use
ui-plan-use = Use this plan
ui-plan-switched = Now using { $plan }.
ui-plan-rollover-title = Roll over to a new year
ui-plan-rollover-hint = Makes a copy of the { $year } plan for the new year: the same tasks, targets and units; deadlines are read again for the new year. The old plan and its progress stay readable.
ui-plan-rollover-year = New year
ui-plan-rollover = Make the { $year } plan
ui-plan-rolled = The { $year } plan is made and in use; { $count ->
    [one] 1 unfinished task carried over
   *[other] { $count } unfinished tasks carried over
}
ui-plan-rolled-none = Every task of the year before was finished.
ui-plan-rolled-units-mine = { $unit } and { $count ->
    [one] 1 other unit
   *[other] { $count } other units
}
ui-plan-rolled-units = { $count ->
    [one] 1 unit
   *[other] { $count } units
}
err-edit-title-empty = No plan title entered.
ui-plan-current = Plan in use
ui-plan-date = Date issued
ui-plan-plan-title = Plan title
## Review requests and the drop folder (h-feedback)
review-verdict-ok = Accepted
review-verdict-more = More needed
review-revision = { " " }(revision { $revision })
review-saved = Review saved for { $unit }, task { $task }: { $verdict } (revision { $revision }).
review-unchanged = Review for { $unit }, task { $task } unchanged: { $verdict }.
review-none = No review of a unit below yet.
feedback-written = Feedback package written: { $path }
feedback-written-unit = Feedback package for { $unit } written ({ $count } reviews): { $path }
feedback-imported = Imported feedback package no. { $sequence } from { $parent } ({ $count } reviews; { $open } requests for more not yet answered).
feedback-already = Feedback package no. { $sequence } from { $parent } was imported before; nothing changed.
request-none = The parent office has sent no request.
request-done-evidence = added { $files }
request-done-fields = changed { $fields }
request-field-milestone = Milestone
request-field-other = Other details
request-state-open = Not answered yet
request-state-answered = Answered: { $what }
err-review-not-assigned = task { $task } is not assigned to { $unit }
err-review-comment-needed = a request for more must say what is needed (the comment is empty)
err-review-comment-long = the comment is longer than { $max } characters
err-review-no-evidence = { $unit } has no document "{ $evidence }" under task { $task } in the bundles received
err-review-bad-verdict = "{ $value }" is not a verdict; use "ok" or "more"
err-feedback-none = no review of { $unit } yet, so there is no feedback package to write
err-feedback-none-all = No review of a unit below yet, so there is no feedback package to send.
err-feedback-unknown-key = the feedback package is signed with key { $fingerprint } (claiming to be { $unit }), which this unit does not trust as its parent office's; import the parent's key card with "tiendo keys trust FILE.pub --unit CODE"
err-feedback-not-parent = the feedback package is signed by { $signer }, which is not an office above { $unit }
err-feedback-other-unit = this feedback package is for unit { $for }, not { $unit }
err-feedback-older = feedback package no. { $sequence } is older than (or numbered as) package no. { $newest } already imported; not imported
err-feedback-wrong-plan = the feedback package belongs to plan "{ $plan }", not the plan in use
report-section-requests = Requests of the parent office and what was done
report-col-request = Request
report-col-request-done = Done
report-request-document = Document: { $name }
report-request-from = { $parent }, received { $date }
report-request-status-now = Status now: { $status }
drop-kind-bundle = Progress bundle
drop-kind-receipt = Receipt
drop-kind-feedback = Feedback package
drop-unknown-key = the signing key of { $unit } is not trusted yet: accepting this bundle quarantines the key for its fingerprint to be compared
drop-changed = the file { $name } changed since it was checked; wait for the next look
ui-review-title = Review: { $unit } — task { $task }
ui-review-about = Review of
ui-review-whole-task = The whole task
ui-review-comment-hint = What is needed, or a note
ui-review-held = Reviews made
ui-review-save = Save review
ui-review-saved = Review saved for { $unit }, task { $task }. Click "Send requests" to send it to the unit.
ui-review-unchanged = The review of { $unit }, task { $task } did not change.
ui-requests-count = Requests for more from the parent office: { $count }
ui-requests-show = Show the list
ui-requests-hide = Fold
ui-requests-title = Requests of the parent office
ui-requests-from = { $parent }, received { $date }
ui-feedback-send = Send requests
ui-feedback-job = Writing feedback packages…
ui-feedback-done = Wrote { $count } feedback packages to { $path }.
ui-feedback-import = Import requests from the parent office
ui-feedback-importing = Importing the parent office's package…
ui-drop-found = Found { $count } new { $count ->
    [one] package
   *[other] packages
  } in the drop folder
ui-drop-review = Review and accept
ui-drop-title = New packages in the drop folder
ui-drop-line = { $kind } from { $sender }, { $period }, no. { $sequence }
ui-drop-accept = Accept
ui-drop-decline = Decline
ui-drop-none = No new package left.
ui-drop-close = Close
ui-drop-accepting = Accepting { $name }…
ui-drop-declined = Declined { $name }; it will not be offered again.
ui-drop-settings-title = Drop folder
ui-drop-settings-none = None chosen
ui-drop-settings-choose = Choose a folder…
ui-drop-settings-forget = Stop watching
ui-drop-settings-hint = A shared drive, a synced folder or a USB stick. Every few seconds the program looks at this folder: new bundles, receipts and feedback packages are verified and listed for you to accept or decline; nothing is merged before it is accepted.
## Incremental bundles and parts for e-mail (h-increment)
export-referenced = Documents the parent office already holds: { $count } ({ $size }), named by hash, not sent again.
export-parts = The bundle is split into { $count } parts of at most { $size } each:
export-sent = To send: { $size }.
verify-part-ok = VALID: part { $part }/{ $count } of bundle { $bundle } ({ $unit }, period { $period }, sequence { $sequence }), key { $fingerprint }.
merge-parts-name = { $bundle } ({ $count } parts)
err-part-size-small = a part size of { $size } bytes is too small; at least { $min } bytes (e.g. "--max-part-size 20MB")
err-part-size-bad = cannot read the part size "{ $value }"; write it like 20MB, 2.5MB, 500KB or a number of bytes
err-part-too-many = the bundle would need { $count } parts, more than { $max }; choose a larger part size
err-part-foreign = file { $file } is a part of another bundle, not of the set of { $bundle }; nothing merged
err-part-duplicate = part { $part }/{ $count } is there twice: { $files }; remove one file and merge again; nothing merged
err-part-missing = bundle { $bundle } lacks part { $missing } (of { $count }); nothing merged, wait until every part is there
err-part-whole-changed = the parts joined do not match the hash of bundle { $bundle }: a part was altered
err-bundle-references-missing = the bundle references { $count } documents this installation does not hold: { $names }; nothing merged — ask the unit for a full bundle ("tiendo export … --full" or "Send every document")
ui-rep-full = Send every document (even those the parent office confirmed it holds)
ui-rep-full-hint = By default only new documents are sent; those the parent office confirmed in a receipt are named by their hash.
ui-rep-split = Split for e-mail
ui-rep-split-none = No split
ui-rep-split-mb = { $size } MB
ui-rep-split-custom = Custom
ui-rep-split-custom-mb = Size of each part (MB)
ui-rep-split-bad = The part size must be a number of MB, e.g. 15 or 7.5.
ui-rep-bundle-parts = Parts
ui-rep-bundle-referenced = Documents not sent again
ui-rep-bundle-bytes = Size to send
ui-rep-bundle-parts-notice = Report bundle no. { $sequence } exported in { $count } parts to { $path }.

## A new key for a unit that already has a trusted key (window)
ui-dist-line-other-key = NEW KEY { $fingerprint } of { $unit }, not the trusted key { $trusted }: quarantined — phone the unit before accepting
ui-keychange-title = Warning: the unit already has another trusted key
ui-keychange-body = { $unit } already has a trusted key on this computer. This new key is a different one:
ui-keychange-old = Trusted key
ui-keychange-new = New key
ui-keychange-hint = The unit may have reinstalled its computer or made a new key, but someone may also be posing as the unit. Phone the unit on the number you always use (not one written in the bundle or key card) and compare every character of the new key before accepting.
ui-keychange-called = I phoned and the unit confirmed this new key
ui-keychange-accept = Accept the new key
err-edit-area-not-empty = Area “{ $code }” still has { $count ->
    [one] 1 task
   *[other] { $count } tasks
}; move or delete them first.
ui-plan-add-area = + Add area
ui-plan-edit-area = Edit area { $code }
ui-plan-new-area = New area
ui-plan-area-title = Area title
ui-plan-area-hint = e.g. Reform of administrative procedures
ui-plan-delete-area-q = Delete area { $code }? (Only an area without tasks can be deleted.)
ui-plan-no-area-hint = The plan has no area yet. Press “+ Add area” on the left, then add tasks to it (or import the whole plan from a Word or Excel file in Settings).
ui-plan-edits = Latest edits of the plan
ui-plan-op-add-task = Task added
ui-plan-op-update-task = Task edited
ui-plan-op-delete-task = Task deleted
ui-plan-op-move-task = Task moved
ui-plan-op-add-target = Target added
ui-plan-op-update-target = Target edited
ui-plan-op-delete-target = Target deleted
ui-plan-op-add-area = Area added
ui-plan-op-rename-area = Area renamed
ui-plan-op-delete-area = Area deleted
ui-plan-op-header = Plan details edited
ui-review-mark-open = awaiting
ui-review-mark-done = settled

## District screens at scale (h-scale): unit classes, filters, the matrix pages across
class-government = People's committee
class-department = Departments
class-public-service = Public service units
class-commune = Communes
class-ward = Wards
class-special-zone = Special zones
class-township = Townships
ui-dist-search = Find a unit (name or code)…
ui-dist-class-all = All ({ $count })
ui-dist-parent-all = Any parent unit
ui-dist-filter-clear = Clear filter
ui-dist-filter-none = No unit matches the filter.
ui-dist-shown = Showing { $shown } of { $total } units
ui-dist-kpi-all = all units
ui-dist-kpi-units = { $count } units
report-cons-matrix = Task status matrix by unit
report-matrix-part = Tasks { $from } – { $to } (part { $part } of { $parts })
report-matrix-legend = D: done; DL: done late; 60%: in progress, 60% done; NS: not started; NA: not applicable; –: not reported.
matrix-abbr-done = D
matrix-abbr-done-late = DL
matrix-abbr-in-progress = { $progress }%
matrix-abbr-not-started = NS
matrix-abbr-not-applicable = NA
scale-demo-building = Building the 200-unit sample province: { $done } of { $total } units have sent their reports…

## Unmatched agencies in the import preview (session 4)
err-org-alias-empty = another name for unit { $code } cannot be empty
unit-alias-added = Recorded “{ $phrase }” as another name of { $code } — { $name }; a plan that says so assigns this unit.
ui-import-unmatched-help = For each agency that matches no unit: pick the unit the plan means, or add it as a new unit. The plan is read again at once; an agency still unmatched is left out of its tasks (and recorded).
ui-import-map = Is unit…
ui-import-new-unit = Add as a new unit
ui-import-mapped = Recorded “{ $phrase }” as { $name }; the plan was read again.
import-unmatched-hint = To assign them: “tiendo unit alias CODE "phrase"” when the phrase means a unit you have, or “tiendo unit add CODE --name … --kind … --parent CODE” to add the unit; then import again.
ui-first-run-package-signer = The plan package is signed by { $name } ({ $code }); its key's fingerprint:
ui-first-run-package-compare = Compare this fingerprint with the one on the parent office's key card (or read it out on the phone with the sender). Take it only if they match: from then on, receipts and review requests signed with this key are trusted as the parent office's.
ui-first-run-package-trust = They match — take the plan
ui-import-reading = Reading the plan file…
