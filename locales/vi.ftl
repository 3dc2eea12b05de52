# Tiến Độ — tiếng Việt (ngôn ngữ chính)

app-name = Tiến Độ
app-subtitle = Theo dõi kế hoạch cải cách hành chính

## Dòng lệnh
cli-error = Lỗi: { $message }
cli-see-help = Gõ «tiendo --help» để xem cách dùng.
cli-usage =
    { "" }Tiến Độ — theo dõi kế hoạch cải cách hành chính (CCHC)

    Cách dùng: tiendo [--data-dir THƯ_MỤC] [--lang vi|en] [LỆNH]
      (không có lệnh: mở cửa sổ ứng dụng; --demo: mở với dữ liệu mẫu)

    Lệnh:
      deadline "<cụm từ>" --year 2024 [--json]   Phân tích thời hạn viết bằng lời
      plan show [--json]                           Xem kế hoạch đang dùng
      plan import TỆP.csv [--dry-run]              Nhập bảng kế hoạch
      unit list [--json] | unit set MÃ             Đơn vị của máy này
      tasks [--unit MÃ] [--quarter 2023Q1] [--overdue] [--json]
      task set MÃ [--status …] [--progress N] [--note "…"] [--milestone-done NGÀY [--on NGÀY]]
      task show MÃ [--json] | task history MÃ
      kpi set MÃ_CHỈ_TIÊU --quarter 2023Q1 --num N --den D   (hoặc --value V)
      kpi show [--quarter …] [--json]
      evidence add MÃ_NV TỆP [--type …] [--number …] [--date …]
      evidence list [MÃ_NV] [--json] | evidence get ID --out TỆP | evidence remove ID
      backup [--out TỆP] | backup list | restore TỆP

err-missing-value = thiếu giá trị cho { $option }
err-unknown-option = không có tùy chọn { $option }
err-usage-command = không có lệnh «{ $command }»
err-usage-missing = thiếu { $what }
err-usage-nothing = không có gì để thay đổi: hãy cho --status, --progress, --note hoặc --milestone-done
gui-not-built = Bản này không có giao diện cửa sổ.

## Lỗi
err-database = lỗi cơ sở dữ liệu: { $detail }
err-io = lỗi đọc/ghi: { $detail }
err-open-file = không mở được tệp { $path }: { $detail }
err-write-file = không ghi được tệp { $path }: { $detail }
err-no-data-dir = không tìm được thư mục dữ liệu của người dùng; hãy dùng --data-dir
err-db-newer = cơ sở dữ liệu này do phiên bản mới hơn tạo ra (lược đồ { $found }, bản này biết đến { $known }); hãy cập nhật Tiến Độ. Tệp không bị thay đổi.
err-db-migration-edited = bước nâng cấp lược đồ số { $version } đã bị sửa; từ chối mở để bảo vệ dữ liệu
err-no-plan = chưa có kế hoạch nào
err-no-unit = máy này chưa chọn đơn vị; hãy chạy «tiendo unit set MÃ» (xem «tiendo unit list»)
err-unknown-unit = không có đơn vị mã «{ $code }» trong kế hoạch
err-unknown-task = không có nhiệm vụ «{ $code }» trong kế hoạch
err-unknown-target = không có chỉ tiêu «{ $code }» trong kế hoạch
err-not-assigned = đơn vị { $unit } không được giao nhiệm vụ { $task }
err-no-milestone = nhiệm vụ { $task } không có mốc hạn ngày { $date }
err-bad-date = ngày không hợp lệ: «{ $value }» (dùng dd/mm/yyyy hoặc yyyy-mm-dd)
err-bad-year = năm không hợp lệ: «{ $value }»
err-bad-period = kỳ không hợp lệ: «{ $value }» (ví dụ 2023Q1 hoặc 2023)
err-bad-status = trạng thái không hợp lệ: «{ $value }» (chưa thực hiện, đang thực hiện, hoàn thành, hoàn thành trễ hạn, không phát sinh)
err-bad-role = vai trò không hợp lệ: «{ $value }» (chủ trì hoặc phối hợp)
err-bad-progress = tiến độ phải từ 0 đến 100: «{ $value }»
err-bad-number = số không hợp lệ: «{ $value }»
err-bad-doc-type = loại tài liệu không hợp lệ: «{ $value }» (kế hoạch, báo cáo, quyết định, công văn, thông báo, ảnh, khác)
err-kpi-quarter = số liệu chỉ tiêu nhập theo quý, không theo «{ $value }»
err-kpi-negative = số liệu không được âm
err-kpi-num-gt-den = tử số ({ $num }) lớn hơn mẫu số ({ $den })
err-kpi-yes-no = chỉ tiêu này nhập 1 (đạt) hoặc 0 (không đạt)
err-plan-file = tệp kế hoạch không đọc được: { $detail }
err-plan-field = tệp kế hoạch: trường { $field } có giá trị không hợp lệ «{ $value }»
err-plan-duplicate = tệp kế hoạch: { $what } «{ $code }» bị trùng
err-plan-unknown-ref = tệp kế hoạch: { $what } «{ $code }» không tồn tại
err-unknown-agency = nhiệm vụ { $task }: không nhận ra cơ quan «{ $phrase }»
err-import-encoding = tệp không phải UTF-8 và cũng không đọc được theo Windows-1258; hãy lưu lại dưới dạng «CSV UTF-8»
err-import-quote = dấu ngoặc kép chưa đóng (dòng { $line })
err-import-no-header = không tìm thấy dòng tiêu đề bắt đầu bằng «STT»
err-import-missing-column = thiếu cột «{ $column }»
err-import-cell = dòng { $row }, cột «{ $column }»: giá trị không hợp lệ «{ $value }»
err-import-agency = dòng { $row }, cột «{ $column }»: không nhận ra cơ quan «{ $value }»
err-import-no-area = dòng { $row }: nhiệm vụ { $code } không thuộc lĩnh vực nào đã khai báo ở trên
err-import-duplicate = dòng { $row }: mã nhiệm vụ { $code } bị trùng
err-import-empty = bảng không có nhiệm vụ nào
err-import-xlsx = chưa đọc được tệp Excel trực tiếp; trong Excel chọn «Lưu thành» → «CSV UTF-8» rồi nhập tệp .csv
err-cancelled = đã hủy
err-no-blob = không tìm thấy dữ liệu tệp { $sha }
err-blob-corrupt = dữ liệu tệp { $sha } bị hỏng (mã băm không khớp)
err-no-evidence = không có tài liệu kiểm chứng số { $id }

## Từ ngữ chung
role-lead = Chủ trì
role-coordinating = Phối hợp
status-not-started = Chưa thực hiện
status-in-progress = Đang thực hiện
status-done = Hoàn thành
status-done-late = Hoàn thành trễ hạn
status-not-applicable = Không phát sinh
overdue = Quá hạn
flag-on-demand = khi có phát sinh
flag-continuous = thường xuyên
flag-external = theo kế hoạch cấp trên
flag-unparsed = chưa hiểu được thời hạn
col-products = Sản phẩm
col-deadline = Thời hạn
col-status = Trạng thái
col-progress = Tiến độ
col-note = Ghi chú
doc-plan = Kế hoạch
doc-report = Báo cáo
doc-decision = Quyết định
doc-official-letter = Công văn
doc-notice = Thông báo
doc-photo = Ảnh
doc-other = Khác
kpi-title = Chỉ tiêu
kpi-met = Đạt
kpi-not-met = Chưa đạt
kpi-no-data = Chưa có số liệu

## Kết quả lệnh
import-summary = Kế hoạch năm { $year }: { $areas } lĩnh vực, { $tasks } nhiệm vụ, { $assignments } lượt giao việc.
import-unparsed = dòng { $row }, nhiệm vụ { $code }: chưa hiểu thời hạn «{ $text }» (có thể nhập ngày bằng tay)
import-dry-run = Chạy thử: chưa thay đổi gì.
import-done = Đã nhập và kích hoạt kế hoạch { $id }.
unit-set = Máy này là đơn vị { $code } — { $name }.
unit-task-count = { $count } nhiệm vụ
tasks-header = { $unit }: { $count } nhiệm vụ
task-updated = Đã cập nhật nhiệm vụ { $code }: { $status }, { $progress }%.
milestone-done-on = xong ngày { $date }
history-title = Lịch sử thay đổi
kpi-header = Chỉ tiêu của { $unit }, kỳ { $period }
kpi-saved = Đã lưu chỉ tiêu { $code } kỳ { $period }: { $value }{ $unit }.
kpi-cleared = Đã xóa số liệu chỉ tiêu { $code } kỳ { $period }.
evidence-added = Đã đính kèm #{ $id }: { $name } ({ $size }, SHA-256 { $sha }…).
evidence-saved = Đã lưu { $name } vào { $path }.
evidence-removed = Đã gỡ tài liệu kiểm chứng #{ $id }.

## Sao lưu
err-already-running = Tiến Độ đang mở trên thư mục dữ liệu này ({ $path }); hãy dùng cửa sổ đang mở.
err-backup-invalid = tệp { $path } không phải bản sao lưu Tiến Độ hợp lệ (hỏng hoặc sai định dạng); dữ liệu hiện tại không bị thay đổi
backup-done = Đã sao lưu vào { $path } ({ $size }).
restore-done = Đã khôi phục từ { $path } (lược đồ { $version }); dữ liệu trước đó được giữ trong thư mục sao lưu.
