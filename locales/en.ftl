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
      plan import FILE.csv [--dry-run]             Import a plan table
      unit list [--json] | unit set CODE           This installation's unit
      tasks [--unit CODE] [--quarter 2023Q1] [--overdue] [--json]
      task set CODE [--status …] [--progress N] [--note "…"] [--milestone-done DATE [--on DATE]]
      task show CODE [--json] | task history CODE
      kpi set TARGET_CODE --quarter 2023Q1 --num N --den D   (or --value V)
      kpi show [--quarter …] [--json]
      evidence add TASK_CODE FILE [--type …] [--number …] [--date …]
      evidence list [TASK_CODE] [--json] | evidence get ID --out FILE | evidence remove ID
      backup [--out FILE] | backup list | restore FILE

err-missing-value = missing value for { $option }
err-unknown-option = no such option { $option }
err-usage-command = no such command "{ $command }"
err-usage-missing = missing { $what }
err-usage-nothing = nothing to change: give --status, --progress, --note or --milestone-done
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
err-import-no-area = row { $row }: task { $code } belongs to no area declared above it
err-import-duplicate = row { $row }: task code { $code } appears twice
err-import-empty = the table has no tasks
err-import-xlsx = Excel files are not read directly yet; in Excel choose "Save as" → "CSV UTF-8" and import the .csv
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
import-summary = Plan for { $year }: { $areas } areas, { $tasks } tasks, { $assignments } assignments.
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

## Backups
err-already-running = Tiến Độ is already open on this data folder ({ $path }); use the open window.
err-backup-invalid = { $path } is not a valid Tiến Độ backup (damaged or wrong format); the current data was not changed
backup-done = Backed up to { $path } ({ $size }).
restore-done = Restored from { $path } (schema { $version }); the previous data is kept in the backup folder.
