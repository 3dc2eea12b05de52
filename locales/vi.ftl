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
      plan import TỆP.csv|TỆP.xlsx [--dry-run] | plan import GÓI.zip   Nhập bảng hoặc gói kế hoạch
      plan export --out GÓI.zip                    Xuất gói kế hoạch có chữ ký
      unit list [--json] | unit set MÃ             Đơn vị của máy này
      unit import TỆP.csv|TỆP.xlsx [--dry-run]     Lập / cập nhật tổ chức từ bảng đơn vị (Mã, Tên đơn vị, Loại, Đơn vị cấp trên, Tổng hợp cho)
      unit add MÃ --name … --kind … [--parent MÃ] [--consolidates-for MÃ] | unit rename MÃ --name … | unit move MÃ --parent MÃ
      unit retire MÃ | unit unretire MÃ | unit consolidate MÃ --for MÃ|--none | unit alias MÃ "cụm từ"
      tasks [--unit MÃ] [--quarter 2023Q1] [--overdue] [--json]
      task set MÃ [--status …] [--progress N] [--note "…"] [--milestone-done NGÀY [--on NGÀY]]
      task show MÃ [--json] | task history MÃ
      kpi set MÃ_CHỈ_TIÊU --quarter 2023Q1 --num N --den D   (hoặc --value V)
      kpi show [--quarter …] [--json]
      evidence add MÃ_NV TỆP [--type …] [--number …] [--date …]
      evidence list [MÃ_NV] [--json] | evidence get ID --out TỆP | evidence remove ID
      evidence edit ID [--type …] [--number …] [--date …]   Sửa thông tin tài liệu đã đính kèm
      checklist --quarter 2023Q1 [--unit MÃ] --out TỆP.pdf   In danh mục nhiệm vụ của kỳ
      report --quarter 2023Q1 [--unit MÃ] --out TỆP.pdf      Báo cáo tiến độ của kỳ (PDF)
      calendar [--unit MÃ] --out TỆP.ics                     Xuất lịch các mốc thời hạn
      backup [--out TỆP | --to THƯ_MỤC] | backup list | restore TỆP
      keys show | keys export-card --out TỆP | keys trust TỆP [--unit MÃ] | keys accept VÂN_TAY | keys list
      keys rotate --out TỆP.json                   Đổi khóa ký (khóa cũ ký xác nhận khóa mới)
      keys import-p12 TỆP.p12 [--password-file TỆP]   Nhập chứng thư số (.p12/.pfx) để ký báo cáo PDF
      (mật khẩu tệp .p12: --password-file TỆP hoặc biến TIENDO_P12_PASSWORD)
      keys protect [--new-passphrase-file TỆP] | keys unprotect   Đặt hoặc bỏ mật khẩu cho khóa ký
      (khóa có mật khẩu: --passphrase-file TỆP hoặc biến TIENDO_KEY_PASSPHRASE khi xuất gói)
      export --period 2023Q1 --out GÓI.zip [--full] [--max-part-size 20MB]   Xuất gói báo cáo có chữ ký (chỉ tài liệu mới; chia phần để gửi thư)
      verify GÓI.zip [--pubkey KHÓA]               Kiểm tra gói
      merge GÓI.zip…|THƯ-MỤC [--dry-run]           Cơ quan cấp trên hợp nhất các gói (cả các phần, theo thứ tự bất kỳ)
      matrix [--period 2023Q1] [--json] [--out TỆP.xlsx|TỆP.csv] [--pdf TỆP.pdf]   Tình hình nộp, ma trận (Excel hoặc CSV), báo cáo tổng hợp
      feedback review --unit MÃ --task MÃ --verdict đạt|bổ-sung [--comment "…"] [--evidence TỆP|SHA]   Cấp trên: nhận xét nhiệm vụ của đơn vị
      feedback reviews [--unit MÃ] [--json] | feedback export --unit MÃ --out TỆP | --all --out THƯ_MỤC   Các nhận xét; gói yêu cầu đã ký
      feedback import TỆP.zip | feedback requests [--task MÃ] [--json]   Đơn vị: nhập gói yêu cầu của cấp trên; xem yêu cầu

err-missing-value = thiếu giá trị cho { $option }
err-unknown-option = không có tùy chọn { $option }
err-usage-command = không có lệnh «{ $command }»
err-usage-missing = thiếu { $what }
err-usage-nothing = không có gì để thay đổi: hãy cho --status, --progress, --note hoặc --milestone-done
err-usage-nothing-evidence = không có gì để sửa: hãy cho --type, --number, --date, --description hoặc --milestone
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
err-import-duplicate = dòng { $row }: mã nhiệm vụ { $code } bị trùng
err-import-empty = bảng không có nhiệm vụ nào
err-import-format = tệp { $format } chưa đọc được; hãy mở tệp bằng Word (hoặc LibreOffice) và «Lưu thành» .docx, rồi nhập lại tệp .docx đó
err-import-pdf = tệp PDF không giữ bảng kế hoạch ở dạng đọc được; hãy dùng tệp Word (.docx) hoặc Excel (.xlsx) gốc của văn bản, hoặc xin cơ quan ban hành gửi tệp đó
err-import-xlsx-bad = tệp .xlsx không đọc được: { $detail }
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
import-targets = { $read ->
    [yes] Chỉ tiêu: { $count } chỉ tiêu đọc từ phần «Chỉ tiêu» của văn bản (xem, sửa trong Cài đặt → Kế hoạch… → Chỉ tiêu).
    [none] Chỉ tiêu: văn bản không có phần «Chỉ tiêu» và kế hoạch đang dùng chưa có chỉ tiêu nào (thêm trong Cài đặt → Kế hoạch… → Chỉ tiêu).
   *[no] Chỉ tiêu: văn bản không có phần «Chỉ tiêu»; giữ { $count } chỉ tiêu của kế hoạch đang dùng (sửa trong Cài đặt → Kế hoạch… → Chỉ tiêu).
}
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
evidence-edited = Đã sửa thông tin tài liệu kiểm chứng #{ $id } ({ $name }).

## Sao lưu
err-already-running = Tiến Độ đang mở trên thư mục dữ liệu này ({ $path }); hãy dùng cửa sổ đang mở.
err-backup-invalid = tệp { $path } không phải bản sao lưu Tiến Độ hợp lệ (hỏng hoặc sai định dạng); dữ liệu hiện tại không bị thay đổi
backup-done = Đã sao lưu vào { $path } ({ $size }).
restore-done = Đã khôi phục từ { $path } (lược đồ { $version }); dữ liệu trước đó được giữ trong thư mục sao lưu.

## Reports
report-page = Trang { $page }/{ $pages }
report-place-date = { $place }, ngày { $day } tháng { $month } năm { $year }
report-motto-country = CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
report-motto = Độc lập - Tự do - Hạnh phúc
report-period-quarter = quý { $roman } năm { $year }
report-period-year = năm { $year }
report-checklist-title = Danh mục nhiệm vụ cải cách hành chính { $period }
report-progress-title = Báo cáo tiến độ thực hiện kế hoạch CCHC { $period }
report-plan-ref = { $kind ->
    [decision] (Thực hiện { $plan }, ban hành kèm theo Quyết định số { $number } ngày { $date })
    [plan] (Thực hiện { $plan }, số { $number } ngày { $date })
   *[none] (Thực hiện { $plan })
}
report-plan-untitled = Kế hoạch cải cách hành chính năm { $year }
report-unit-line = Đơn vị báo cáo: { $unit }
report-col-code = Mã
report-col-task = Nhiệm vụ
report-col-products = Sản phẩm
report-col-deadline = Thời hạn
report-col-role = Vai trò
report-col-lead = Cơ quan chủ trì
report-col-done = Đã xong
report-col-note = Ghi chú
report-col-item = Nội dung
report-col-count = Số lượng
report-col-status = Trạng thái, tiến độ
report-col-milestones = Mốc thời hạn
report-col-note-evidence = Ghi chú; tài liệu kiểm chứng (số, ngày; tệp; SHA-256)
report-col-target = Chỉ tiêu
report-col-goal = Mục tiêu
report-col-figure = Tử số/Mẫu số
report-col-rate = Tỷ lệ, giá trị
report-col-result = Đánh giá
report-no-tasks = Không có nhiệm vụ nào trong kỳ này.
report-no-targets = Không có chỉ tiêu nào áp dụng cho đơn vị.
report-no-evidence = Chưa có tài liệu kiểm chứng
report-signer-left = NGƯỜI LẬP BIỂU
report-signer-right = THỦ TRƯỞNG ĐƠN VỊ
report-sign-hint = (Ký, ghi rõ họ tên)
report-section-summary = I. TỔNG HỢP
report-section-tasks = II. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ
report-section-kpi = III. KẾT QUẢ THỰC HIỆN CHỈ TIÊU
report-summary-total = Tổng số nhiệm vụ trong kỳ
report-summary-total-units = Tổng số lượt giao nhiệm vụ trong kỳ (nhiệm vụ × đơn vị)
report-summary-overdue = Quá hạn
report-summary-due-soon = Đến hạn trong { $days } ngày tới
report-summary-no-evidence = Hoàn thành nhưng chưa có tài liệu kiểm chứng
report-milestone-open = chưa xong
report-milestone-units-done = { $date }: { $done } đơn vị xong
report-mean-progress = Tiến độ bình quân: { $value }%
report-evidence-count = Tài liệu kiểm chứng: { $count } tệp
report-doc-number-date = Số { $number } ngày { $date }
report-written = Đã ghi { $path } ({ $pages } trang).
calendar-written = Đã ghi { $count } sự kiện vào { $path }.
calendar-name = Kế hoạch CCHC { $year } — { $unit }
calendar-category = CCHC
calendar-role = Vai trò: { $role }
calendar-products = Sản phẩm: { $products }
calendar-deadline = Thời hạn: { $text }
calendar-status = Trạng thái: { $status }

## Window
ui-nav-dashboard = Tổng quan
ui-nav-tasks = Nhiệm vụ
ui-nav-calendar = Lịch
ui-nav-kpis = Chỉ tiêu
ui-nav-settings = Cài đặt
ui-plan-line = Kế hoạch { $number } · năm { $year }
ui-plan-unnumbered = (chưa có số)
ui-today = Hôm nay: { $date }
ui-quarter = Quý { $q }/{ $year }
ui-task = Nhiệm vụ
ui-back = Danh sách
ui-save = Lưu
ui-cancel = Hủy
ui-no-match = Không tìm thấy đơn vị nào.
ui-due-soon = Sắp đến hạn
ui-window-failed = Không mở được cửa sổ: { $detail }
ui-window-retry = Không mở được cửa sổ bằng card đồ họa ({ $detail }); thử lại bằng chế độ vẽ phần mềm.
ui-no-db-file = Dữ liệu đang ở trong bộ nhớ, không có tệp để làm việc này.
ui-first-run-lang = Ngôn ngữ
ui-first-run-unit = Máy này dùng cho đơn vị nào?
ui-first-run-search = Tìm đơn vị (ví dụ: an nhon tay, noi vu)
ui-first-run-none = Chưa chọn đơn vị
ui-first-run-start = Bắt đầu
ui-unit-kind-commune = Xã, thị trấn
ui-unit-kind-department = Phòng, ban chuyên môn
ui-unit-kind-public-service = Đơn vị sự nghiệp
ui-unit-kind-government = UBND huyện
ui-dash-quarter = { $quarter }
ui-dash-year = Cả năm { $year }
ui-dash-total = Tổng số
ui-dash-attention = Cần chú ý
ui-dash-due-soon = Đến hạn trong { $days } ngày
ui-dash-no-evidence = Xong nhưng chưa có tài liệu
ui-dash-overdue-list = Nhiệm vụ quá hạn
ui-dash-nothing-overdue = Không có nhiệm vụ quá hạn.
ui-dash-nothing-due = Không có mốc nào sắp đến hạn.
ui-dash-more = … và { $count } nhiệm vụ khác
ui-tasks-search = Tìm nhiệm vụ (Ctrl+F) — gõ không dấu cũng được
ui-tasks-count = { $count } nhiệm vụ
ui-tasks-empty = Không có nhiệm vụ nào khớp với bộ lọc.
ui-filter-all-areas = Mọi lĩnh vực
ui-filter-all-statuses = Mọi trạng thái
ui-filter-all-quarters = Cả năm
ui-filter-all-roles = Chủ trì và phối hợp
ui-filter-due-soon = Sắp đến hạn
ui-filter-no-evidence = Xong, chưa có tài liệu
ui-filter-clear = Bỏ lọc
ui-sort = Sắp xếp:
ui-sort-code = Theo mã
ui-sort-due = Theo hạn
ui-col-code = Mã
ui-col-task = Nhiệm vụ
ui-col-role = Vai trò
ui-col-next-due = Hạn tới
ui-col-evidence = Tài liệu
ui-detail-about = Nội dung nhiệm vụ
ui-detail-progress = Tiến độ thực hiện
ui-detail-milestones = Các mốc thời hạn
ui-detail-no-milestones = Nhiệm vụ không có mốc ngày cố định.
ui-detail-deadline-written = Thời hạn (theo kế hoạch)
ui-detail-deadline-parsed = Các mốc hiểu được
ui-detail-note-placeholder = Ghi chú tình hình thực hiện
ui-detail-updated = Cập nhật lần cuối: { $at }
ui-detail-evidence = Tài liệu kiểm chứng ({ $count })
ui-ms-open = Chưa đến hạn
ui-ms-done-late = xong trễ, ngày { $date }
ui-ms-mark = Đánh dấu xong
ui-ms-unmark = Bỏ đánh dấu
ui-history-none = Chưa có thay đổi nào.
ui-history-marked = Mốc { $due }: xong ngày { $date }
ui-history-unmarked = Mốc { $due }: bỏ đánh dấu xong
ui-ev-number = Số văn bản (vd 15/KH-UBND)
ui-ev-date = Ngày văn bản
ui-ev-add = Đính kèm tệp… (Ctrl+N)
ui-ev-drop-hint = hoặc kéo thả tệp vào cửa sổ
ui-ev-none = Chưa có tài liệu nào.
ui-ev-added = thêm lúc
ui-ev-open = Mở
ui-ev-remove = Gỡ bỏ
ui-ev-remove-title = Gỡ tài liệu kiểm chứng?
ui-ev-remove-question = Gỡ «{ $name }» khỏi nhiệm vụ này? Không hoàn tác được.
ui-ev-removed = Đã gỡ tài liệu.
ui-ev-added-notice = Đã đính kèm «{ $name }».
ui-ev-edit = Sửa
ui-ev-edit-save = Lưu thay đổi
ui-ev-edit-cancel = Hủy
ui-ev-edited = Đã sửa thông tin của «{ $name }».
ui-ev-drop-open-task = Hãy mở một nhiệm vụ trước khi thả tệp vào để đính kèm.
ui-saved-task = Đã lưu nhiệm vụ { $code }.
ui-job-adding = Đang đính kèm { $name }…
ui-job-adding-more = Đang đính kèm { $name }… (còn { $count } tệp chờ)
ui-ev-queued = Đã xếp hàng: { $count } tệp đang chờ đính kèm.
ui-ev-added-many = Đã đính kèm { $count } tệp.
ui-ev-failed-item = «{ $name }»: { $reason }
ui-ev-batch-failed = Đã đính kèm { $added } tệp; { $failed } tệp không đính kèm được: { $list }
ui-job-opening = Đang mở tài liệu…
ui-job-backup = Đang sao lưu…
ui-job-restore = Đang khôi phục…
ui-job-busy = Đang có việc chạy, hãy đợi xong.
ui-cal-month-view = Tháng
ui-cal-quarter-view = Quý
ui-cal-agenda = Lịch công việc
ui-cal-agenda-title = Các việc sắp tới
ui-cal-today = Hôm nay
ui-cal-month-title = { $month } năm { $year }
ui-cal-next-weeks = Từ { $from } đến { $to }
ui-cal-nothing = Không có mốc nào.
ui-cal-floating = Khi có phát sinh, thường xuyên
ui-wd-1 = Thứ Hai
ui-wd-2 = Thứ Ba
ui-wd-3 = Thứ Tư
ui-wd-4 = Thứ Năm
ui-wd-5 = Thứ Sáu
ui-wd-6 = Thứ Bảy
ui-wd-7 = Chủ Nhật
ui-month-1 = Tháng 1
ui-month-2 = Tháng 2
ui-month-3 = Tháng 3
ui-month-4 = Tháng 4
ui-month-5 = Tháng 5
ui-month-6 = Tháng 6
ui-month-7 = Tháng 7
ui-month-8 = Tháng 8
ui-month-9 = Tháng 9
ui-month-10 = Tháng 10
ui-month-11 = Tháng 11
ui-month-12 = Tháng 12
ui-kpi-target = Chỉ tiêu
ui-kpi-goal = Mục tiêu
ui-kpi-figures = Số liệu của đơn vị trong quý
ui-kpi-year = Năm { $year }
ui-kpi-num = Tử số
ui-kpi-den = Mẫu số
ui-kpi-value = Giá trị
ui-kpi-none = Kế hoạch không có chỉ tiêu nào áp dụng cho đơn vị này.
ui-kpi-saved = Đã lưu số liệu chỉ tiêu { $code }.
ui-settings-unit-title = Đơn vị
ui-settings-unit = Máy này là đơn vị
ui-settings-change-unit = Đổi đơn vị
ui-settings-use-unit = Dùng đơn vị này
ui-settings-unit-changed = Đã chuyển sang đơn vị { $name }.
ui-settings-display = Hiển thị
ui-settings-lang = Ngôn ngữ
ui-settings-theme = Giao diện
ui-settings-light = Sáng
ui-settings-dark = Tối
ui-settings-software = Vẽ bằng phần mềm
ui-settings-software-hint = Bật nếu cửa sổ hiển thị lỗi trên máy có card đồ họa cũ. Có hiệu lực từ lần mở sau.
ui-settings-software-restart = Đã lưu. Thay đổi có hiệu lực khi mở lại ứng dụng.
ui-settings-data = Dữ liệu
ui-settings-data-dir = Thư mục dữ liệu
ui-settings-open-folder = Mở thư mục
ui-settings-last-backup = Sao lưu gần nhất
ui-settings-never = Chưa sao lưu
ui-settings-backup = Sao lưu ngay
ui-settings-restore = Khôi phục…
ui-settings-backup-hint = Bản sao lưu là một tệp dữ liệu, kèm thư mục blobs chứa tài liệu kiểm chứng (mỗi tài liệu chỉ chép một lần cho mọi bản). Khi khôi phục, dữ liệu hiện tại được tự động sao lưu trước.
ui-backup-done = Đã sao lưu vào { $path }.
ui-auto-backup-failed = Không sao lưu tự động được: { $message }. Dữ liệu vẫn nguyên vẹn; hãy bấm «Sao lưu ngay» trong Cài đặt.
ui-restore-title = Khôi phục dữ liệu?
ui-restore-question = Thay toàn bộ dữ liệu hiện tại bằng bản sao lưu { $path }? Dữ liệu hiện tại sẽ được sao lưu trước vào thư mục backups.
ui-restore-done = Đã khôi phục dữ liệu từ bản sao lưu.

## Gói báo cáo
err-random = không lấy được số ngẫu nhiên của hệ điều hành: { $detail }
err-key-file = tệp khóa { $path } bị hỏng
err-key-locked = khóa ký đang được bảo vệ bằng mật khẩu: hãy nhập mật khẩu (trong cửa sổ: màn hình «Báo cáo & gửi»; dòng lệnh: --passphrase-file TỆP hoặc biến TIENDO_KEY_PASSPHRASE)
err-key-passphrase = mật khẩu khóa ký không đúng
err-passphrase-short = mật khẩu quá ngắn: cần ít nhất { $min } ký tự
err-passphrase-mismatch = hai lần nhập mật khẩu không giống nhau
err-passphrase-file = không đọc được tệp mật khẩu { $path }: { $detail }
err-key-seal = không mã hóa được khóa ký
err-bad-pubkey = khóa công khai không hợp lệ (cần dòng base64 của minisign)
err-bad-signature = chữ ký không hợp lệ: tệp manifest.json đã bị sửa hoặc chữ ký giả
err-signature-other-key = chữ ký của khóa { $found }, không phải khóa { $expected }
err-unknown-key = không có khóa { $fingerprint } trong danh sách
err-bundle-corrupt = tệp gói không đọc được (hỏng, bị cắt cụt hoặc không phải tệp .zip)
err-bundle-too-many = gói có quá nhiều tệp ({ $count })
err-bundle-duplicate = gói có tệp trùng tên: { $name }
err-bundle-bad-name = tên tệp không an toàn trong gói: «{ $name }» ({ $why ->
        [empty] tên trống
        [length] tên quá dài
        [backslash] chứa dấu \
        [absolute] bắt đầu bằng dấu /
        [drive] chứa dấu : (ổ đĩa)
        [control] chứa ký tự điều khiển
        [traversal] chứa phần «.» hoặc «..» hoặc dấu / thừa
        [normalization] chữ có dấu không ở dạng chuẩn NFC
        [separator] tên tệp chứa dấu /
        [utf-8] không phải văn bản UTF-8
       *[other] { $why }
    })
err-bundle-oversize = tệp { $name } trong gói quá lớn
err-bundle-bomb = tệp { $name } nén bất thường (có thể là bom nén)
err-bundle-missing = gói thiếu tệp { $name }
err-bundle-extra = gói có tệp lạ không khai trong manifest: { $name }
err-bundle-file-changed = tệp { $name } không khớp kích thước/mã băm đã ký: gói đã bị sửa
err-bundle-file-damaged = tệp { $name } trong gói bị hỏng (nội dung không đọc được)
err-bundle-version = gói có định dạng phiên bản { $version }, bản này không đọc được
err-bundle-unknown-key = gói của { $unit } được ký bằng khóa chưa đăng ký { $fingerprint }
err-bundle-key-unit = khóa { $fingerprint } thuộc đơn vị { $unit }, không thể ký thay { $claimed }
err-bundle-wrong-plan = gói lập theo kế hoạch «{ $plan }» mà máy này không có
err-bundle-sequence-conflict = đơn vị { $unit } có hai gói khác nhau cùng số thứ tự { $sequence }
err-merge-some-failed = { $count } gói bị từ chối
keys-fingerprint = Dấu vân tay: { $fingerprint }
keys-state-protected = Khóa ký được bảo vệ bằng mật khẩu.
keys-state-clear = Khóa ký không có mật khẩu.
keys-protected = Đã đặt mật khẩu cho khóa ký. Hãy ghi nhớ: quên mật khẩu thì phải tạo khóa mới và gửi lại thẻ khóa cho cơ quan cấp trên.
keys-unprotected = Đã bỏ mật khẩu của khóa ký.
keys-new-passphrase = Mật khẩu mới cho khóa ký (không hiện khi gõ):
keys-repeat-passphrase = Nhập lại mật khẩu:
keys-card-saved = Đã lưu thẻ khóa công khai vào { $path } (dấu vân tay { $fingerprint }).
keys-trusted = Đã tin cậy khóa { $fingerprint } của đơn vị { $unit }.
export-done = Đã xuất gói { $path }: { $unit }, kỳ { $period }, lần { $sequence }, { $files } tệp.
verify-ok = HỢP LỆ: gói của { $unit }, kỳ { $period }, lần { $sequence }, { $files } tệp, khóa { $fingerprint }.
merge-merged = { $file }: đã hợp nhất ({ $unit }, { $period }, lần { $sequence }).
merge-already = { $file }: đã hợp nhất trước đó, không thay đổi.
merge-replay = { $file }: gói cũ hơn gói hiện có ({ $unit }, { $period }, lần { $sequence }) — lưu vào lịch sử, đánh dấu phát lại.
merge-quarantined = { $file }: khóa lạ { $fingerprint } của { $unit } — đã cách ly; đối chiếu dấu vân tay rồi chạy «tiendo keys accept { $fingerprint }».
merge-rejected = { $file }: TỪ CHỐI — { $message }
matrix-header = Tình hình nộp báo cáo năm { $period }
matrix-task = Nhiệm vụ
matrix-saved = Đã lưu ma trận vào { $path }.
err-matrix-format = { $path }: chỉ xuất được ma trận ra tệp .csv hoặc .xlsx (Excel); hãy đổi đuôi tên tệp
err-xlsx-too-large = bảng tính vượt giới hạn của Excel (16.384 cột, 1.048.576 dòng): { $columns } cột, { $rows } dòng
err-xlsx-write = không ghi được bảng tính Excel: { $detail }
xlsx-title = Ma trận trạng thái nhiệm vụ { $period }
xlsx-sheet-status = Ma trận trạng thái
xlsx-sheet-completeness = Tình hình nộp báo cáo
xlsx-sheet-kpis = Chỉ tiêu toàn địa bàn
xlsx-col-numerator = Tổng tử số
xlsx-col-denominator = Tổng mẫu số
err-pdf-sign = không ký được tệp PDF: { $detail }
pdf-sign-reason = Báo cáo tiến độ CCHC kỳ { $period }

## Chứng thư số ký PDF (nhập từ tệp .p12 / .pfx)
err-p12-password = Mật khẩu tệp .p12 không đúng
err-p12-corrupt = tệp .p12 bị hỏng hoặc không phải tệp PKCS#12 ({ $detail })
err-p12-unsupported = tệp .p12 dùng thuật toán { $algorithm } mà Tiến Độ chưa đọc được; hãy xuất lại tệp .p12 với mã hóa AES
err-p12-no-key = tệp .p12 không chứa khóa bí mật; hãy xuất lại chứng thư số kèm khóa bí mật
err-p12-no-cert = tệp .p12 không có chứng thư số nào khớp với khóa bí mật
err-p12-no-password = thiếu mật khẩu tệp .p12: đặt biến môi trường TIENDO_P12_PASSWORD hoặc dùng --password-file TỆP
err-pdf-cert-bad-key = khóa bí mật không đọc được: { $detail }
err-pdf-cert-key-type = khóa của chứng thư số là { $algorithm }; chữ ký PDF chỉ dùng được khóa RSA hoặc ECDSA P-256
err-pdf-cert-mismatch = khóa bí mật không khớp với chứng thư số
err-pdf-cert-expired = chứng thư số đã hết hạn ngày { $date }; hãy gia hạn với tổ chức cung cấp dịch vụ chứng thực rồi nhập tệp mới
err-pdf-cert-not-yet-valid = chứng thư số chỉ có hiệu lực từ ngày { $date }
pdfcert-imported = Đã nhập chứng thư số ký PDF từ { $path }.
pdfcert-previous = Chứng thư số cũ được giữ lại tại { $path }.
pdfcert-title = Chứng thư số ký PDF:
pdfcert-none = Chưa có chứng thư số ký PDF (Tiến Độ tự tạo khi xuất gói báo cáo lần đầu).
pdfcert-subject = Chủ thể: { $subject }
pdfcert-issuer = Cấp bởi: { $issuer }
pdfcert-validity = Hiệu lực: { $from } – { $to }
pdfcert-fingerprint = SHA-256: { $fingerprint }
pdfcert-kind = Loại: { $origin }, { $signed }, { $algorithm }
pdfcert-origin-generated = do Tiến Độ tạo
pdfcert-origin-imported = nhập từ tệp .p12
pdfcert-self-signed = tự ký
pdfcert-ca-issued = do tổ chức chứng thực cấp
ui-settings-cert-title = Chứng thư số ký PDF
ui-settings-cert-subject = Chủ thể
ui-settings-cert-issuer = Cấp bởi
ui-settings-cert-valid-to = Hiệu lực đến
ui-settings-cert-kind = Loại
ui-settings-cert-fingerprint = SHA-256
ui-settings-cert-none = Chưa có. Tiến Độ tự tạo chứng thư số tự ký khi xuất gói báo cáo lần đầu; cũng có thể nhập chứng thư số do tổ chức chứng thực cấp (tệp .p12 hoặc .pfx).
ui-settings-cert-hint = Báo cáo trong gói gửi cấp trên được ký bằng chứng thư số này. Khi nhập tệp mới, chứng thư số cũ được giữ lại trong thư mục keys.
ui-settings-cert-import = Nhập tệp .p12…
ui-p12-title = Nhập chứng thư số ký PDF
ui-p12-question = Nhập mật khẩu của tệp { $path }:
ui-p12-password = Mật khẩu tệp .p12
ui-p12-import = Nhập
ui-p12-imported = Đã nhập chứng thư số của { $name }, hiệu lực đến { $date }.

## Độ bền: ổ đĩa đầy hoặc chỉ đọc, cơ sở dữ liệu đang bận, sao lưu tự động
err-target-full = không đủ chỗ trống để ghi { $path }; không có gì được ghi ở đó và dữ liệu của bạn không thay đổi. Hãy giải phóng dung lượng hoặc chọn ổ khác.
err-target-read-only = không ghi được { $path }: ổ đĩa hoặc thư mục chỉ cho phép đọc (USB đang khóa ghi?). Không có gì được ghi và dữ liệu của bạn không thay đổi.
err-db-disk-full = ổ đĩa chứa thư mục dữ liệu đã đầy; thay đổi chưa được lưu và dữ liệu không thay đổi. Hãy giải phóng dung lượng rồi thử lại.
err-db-read-only = thư mục dữ liệu chỉ cho phép đọc nên không lưu được gì (USB đang khóa ghi hoặc thư mục không có quyền ghi?). Dữ liệu không thay đổi.
err-db-busy = dữ liệu đang được một cửa sổ hoặc lệnh Tiến Độ khác thay đổi; hãy thử lại sau giây lát
warn-auto-backup = cảnh báo: sao lưu tự động không thành công ({ $message }); lệnh của bạn vẫn chạy bình thường
warn-pdf-cert-expired = Lưu ý: chứng thư số ký PDF đã hết hạn ngày { $date }; chữ ký trên báo cáo PDF sẽ bị báo là hết hạn. Hãy nhập tệp .p12 đã gia hạn (Cài đặt › Chứng thư số ký PDF, hoặc «tiendo keys import-p12»).
warn-pdf-cert-expiring = Lưu ý: chứng thư số ký PDF hết hạn ngày { $date } (còn { $days } ngày). Hãy xin gia hạn và nhập tệp .p12 mới trước ngày đó.
ui-settings-cert-expired = đã hết hạn
ui-settings-cert-days-left = còn { $days } ngày
plan-exported = Đã xuất gói kế hoạch { $id } (có chữ ký) vào { $path }.
err-bundle-foreign-unit = gói của { $sender } chứa số liệu của { $unit }, không phải đơn vị trực thuộc
err-rotation-invalid = tệp đổi khóa không hợp lệ
err-rotation-untrusted = khóa cũ { $fingerprint } của { $unit } chưa được tin cậy ở máy này; không thể nhận khóa mới qua tệp đổi khóa
keys-rotated = Đã đổi khóa: { $old } → { $new }. Gửi tệp { $path } cho cơ quan cấp trên.
keys-rotation-accepted = Đã nhận khóa mới { $fingerprint } của { $unit } (khóa cũ chuyển sang ngừng dùng).

## Window: reports and bundles
ui-nav-reports = Báo cáo & gửi
ui-nav-district = Tổng hợp
ui-rep-documents = In và xuất
ui-rep-checklist-title = Danh mục nhiệm vụ
ui-rep-checklist-hint = Các nhiệm vụ của đơn vị trong { $period }, có cột đánh dấu, để in và dán lên bảng.
ui-rep-checklist = In danh mục nhiệm vụ
ui-rep-report-title = Báo cáo tiến độ
ui-rep-report-hint = Báo cáo kết quả thực hiện { $period } theo mẫu văn bản hành chính, để trình ký.
ui-rep-report = Báo cáo tiến độ
ui-rep-calendar-title = Lịch các mốc thời hạn
ui-rep-calendar-hint = Tệp .ics mở được bằng Outlook, Lịch Google hoặc điện thoại.
ui-rep-calendar = Xuất lịch (.ics)
ui-rep-send = Gửi báo cáo lên cấp trên
ui-rep-bundle-hint = Gói báo cáo { $period } là một tệp .zip có chữ ký số: tiến độ, chỉ tiêu, báo cáo PDF và tài liệu kiểm chứng. Gửi tệp này cho cơ quan cấp trên — với xã, thị trấn là Phòng Nội vụ (USB, thư điện tử).
ui-rep-bundle = Xuất gói báo cáo
ui-rep-bundle-file-name = { $unit }-{ $period }-lan-{ $sequence }.zip
ui-rep-bundle-done = Đã xuất gói báo cáo
ui-rep-bundle-file = Tệp
ui-rep-bundle-period = Kỳ báo cáo
ui-rep-bundle-sequence = Lần gửi
ui-rep-bundle-files = Số tệp trong gói
ui-rep-open-folder = Mở thư mục chứa gói
ui-rep-bundle-notice = Đã xuất gói báo cáo lần { $sequence } vào { $path }.
ui-rep-key = Khóa ký của đơn vị
ui-rep-key-fingerprint = Dấu vân tay khóa
ui-rep-key-card = Xuất thẻ khóa công khai
ui-rep-key-hint = Gửi thẻ khóa công khai cho cơ quan cấp trên một lần. Khi cấp trên gọi điện hỏi, đọc dấu vân tay này để đối chiếu.
ui-rep-pass-none = Khóa ký chưa có mật khẩu: ai dùng được máy này đều ký được gói.
ui-rep-pass-set = Đặt mật khẩu…
ui-rep-pass-change = Đổi mật khẩu…
ui-rep-pass-remove = Bỏ mật khẩu
ui-rep-pass-lock = Khóa lại
ui-rep-pass-unlocked = Khóa ký có mật khẩu và đã mở cho phiên làm việc này.
ui-rep-pass-enter = Mật khẩu khóa ký
ui-rep-pass-unlock = Mở khóa
ui-rep-pass-locked-hint = Khóa ký được bảo vệ bằng mật khẩu. Nhập mật khẩu để ký gói báo cáo; ứng dụng nhớ mật khẩu đến khi đóng cửa sổ.
ui-rep-pass-new = Mật khẩu mới (ít nhất 8 ký tự)
ui-rep-pass-repeat = Nhập lại mật khẩu
ui-rep-pass-save = Lưu mật khẩu
ui-rep-pass-cancel = Hủy
ui-rep-pass-warning = Ghi nhớ mật khẩu: quên mật khẩu thì phải tạo khóa mới và gửi lại thẻ khóa cho cơ quan cấp trên.
ui-rep-bundle-locked = Mở khóa ký (phần «Khóa ký của đơn vị» bên dưới) trước khi xuất gói.
ui-rep-pass-done-unlocked = Đã mở khóa ký.
ui-rep-pass-done-set = Đã đặt mật khẩu cho khóa ký.
ui-rep-pass-done-removed = Đã bỏ mật khẩu của khóa ký.
ui-job-key = Đang xử lý khóa ký…
ui-rep-history = Các lần đã xuất gói
ui-rep-history-none = Chưa xuất gói báo cáo nào.
ui-rep-history-sequence = lần { $sequence }
ui-rep-pdf-opened = Đã tạo { $path } ({ $pages } trang) và mở để xem, in.
ui-job-checklist = Đang tạo danh mục nhiệm vụ…
ui-job-report = Đang tạo báo cáo tiến độ…
ui-job-calendar = Đang xuất lịch…
ui-job-exporting = Đang xuất gói báo cáo { $period }…
ui-job-merging = Đang nhập gói { $index }/{ $count }: { $name }
ui-dist-import = Nhập gói báo cáo
ui-dist-import-key = Nhập khóa đơn vị
ui-dist-drop-hint = Có thể kéo thả các tệp gói (.zip) hoặc thẻ khóa (.pub) vào cửa sổ này.
ui-dist-drop-wrong = Chỉ nhận tệp gói báo cáo (.zip) hoặc thẻ khóa công khai (.pub).
ui-dist-results = Kết quả nhập gói
ui-dist-clear = Xóa danh sách
ui-dist-line-merged = đã hợp nhất: { $unit }, { $period }, lần { $sequence }
ui-dist-line-already = đã hợp nhất trước đó, không thay đổi ({ $unit }, lần { $sequence })
ui-dist-line-replay = cũ hơn gói đang dùng ({ $unit }, { $period }, lần { $sequence }): lưu vào lịch sử, đánh dấu gửi lại
ui-dist-line-quarantined = khóa lạ { $fingerprint } của { $unit }: đã cách ly, chờ đối chiếu
ui-dist-line-rejected = TỪ CHỐI: { $reason }
ui-dist-accept-key = Chấp nhận khóa
ui-dist-accept-title = Chấp nhận khóa của đơn vị?
ui-dist-accept-question = Gói báo cáo của { $unit } được ký bằng khóa có dấu vân tay:
ui-dist-accept-hint = Gọi điện cho đơn vị và đối chiếu từng ký tự với dấu vân tay trên màn hình «Báo cáo & gửi» của họ. Chỉ chấp nhận khi trùng khớp; gói đang chờ sẽ được hợp nhất ngay.
ui-dist-card-title = Thẻ khóa này của đơn vị nào?
ui-dist-card-question = Thẻ khóa (dấu vân tay { $fingerprint }) không ghi tên đơn vị. Chọn đơn vị sở hữu khóa:
ui-dist-card-trust = Tin cậy khóa
ui-dist-tab-completeness = Tình hình nộp
ui-dist-tab-status = Ma trận trạng thái
ui-dist-tab-kpis = Chỉ tiêu tổng hợp
ui-dist-tab-missing = Hoàn thành thiếu minh chứng
ui-dist-tab-keys = Khóa các đơn vị
ui-dist-export-csv = Xuất ma trận (CSV)
ui-dist-export-xlsx = Xuất Excel (.xlsx)
ui-dist-unit = Đơn vị
ui-dist-period = Kỳ:
ui-dist-no-units = Không có đơn vị trực thuộc.
ui-dist-received = Đã nhận · lần { $sequence }
ui-dist-received-count = đã nhận { $count }/{ $total }
ui-dist-late = Nộp muộn · lần { $sequence }
ui-dist-missing = Chưa nhận
ui-dist-not-due = Chưa đến hạn
ui-dist-status-none = Chưa nhận gói báo cáo nào cho { $period }.
ui-dist-kpi-sum = Tổng tử số / mẫu số
ui-dist-kpi-rate = Tỷ lệ
ui-dist-kpi-state = Đánh giá
ui-dist-missing-none = Không có nhiệm vụ nào báo hoàn thành mà thiếu minh chứng trong { $period }.
ui-dist-missing-hint = Các nhiệm vụ đơn vị báo đã hoàn thành nhưng không gửi kèm tài liệu kiểm chứng:
ui-dist-keys-none = Chưa có khóa đơn vị nào. Nhập thẻ khóa công khai các đơn vị gửi lên.
ui-dist-key-trusted = Tin cậy
ui-dist-key-quarantined = Đang cách ly
ui-dist-key-status = Trạng thái
ui-dist-key-added = Ngày nhận khóa

## Thẻ khóa công khai
keycard-title = Thẻ khóa công khai ký gói báo cáo
keycard-unit = Đơn vị
keycard-fingerprint = Dấu vân tay của khóa
keycard-public-key = Khóa công khai (minisign)
keycard-date = Ngày lập
keycard-how = Cơ quan cấp trên đăng ký khóa này một lần («tiendo keys trust» hoặc nút «Nhập khóa đơn vị»), sau khi đối chiếu dấu vân tay { $fingerprint } với đơn vị qua điện thoại. Mọi gói báo cáo của đơn vị sẽ được kiểm tra bằng khóa này.

## Báo cáo tổng hợp
report-consolidated-title = Báo cáo tổng hợp tiến độ thực hiện kế hoạch CCHC { $period }
report-cons-received = I. TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC ĐƠN VỊ
report-cons-units = II. TIẾN ĐỘ NHIỆM VỤ CỦA CÁC ĐƠN VỊ
report-cons-kpi = III. CHỈ TIÊU TOÀN ĐỊA BÀN (CỘNG TỬ SỐ, MẪU SỐ)
report-cons-missing = IV. NHIỆM VỤ HOÀN THÀNH NHƯNG CHƯA CÓ TÀI LIỆU KIỂM CHỨNG
report-col-unit = Đơn vị
report-received = Đã nhận (lần { $sequence })
report-received-late = Nộp muộn (lần { $sequence })
report-missing = Chưa nộp
report-not-due = Chưa đến hạn
report-no-bundles = Chưa nhận gói báo cáo nào cho kỳ này.
report-none = Không có.
consolidated-saved = Đã ghi báo cáo tổng hợp { $path } ({ $pages } trang).
ui-dist-consolidated = Báo cáo tổng hợp (PDF)
ui-gpu-crashed = Lần mở trước, trình vẽ bằng card đồ họa làm chương trình dừng đột ngột; từ nay dùng chế độ vẽ bằng phần mềm (có thể đổi lại trong Cài đặt).

## Hardening: I/O reasons, bundle claims, periods, figures, keys
io-not-found = không tìm thấy tệp hoặc thư mục
io-permission = không có quyền truy cập
io-read-only = ổ đĩa hoặc thư mục chỉ đọc
io-full = ổ đĩa đã đầy
io-exists = tệp đã có
io-is-dir = đây là một thư mục, không phải tệp
io-not-dir = một phần của đường dẫn không phải thư mục
io-broken-pipe = chương trình nhận dữ liệu đã đóng
io-damaged = dữ liệu hỏng hoặc bị cắt cụt
io-busy = tệp đang bận, hãy thử lại
io-other = lỗi của hệ điều hành
err-period-outside-plan = kỳ { $period } nằm ngoài năm { $year } của kế hoạch
err-bundle-not-governed = gói của { $unit } không do đơn vị { $receiver } quản lý nên không được hợp nhất ở đây
err-bundle-sequence = số thứ tự gói { $sequence } không hợp lệ (phải từ 1 đến { $max })
err-bundle-claim = gói của { $unit } có giá trị không hợp lệ ở { $field } («{ $value }»): { $why ->
        [unit] không có đơn vị này trong kế hoạch hoặc không phải đơn vị gửi
        [unknown-task] kế hoạch không có nhiệm vụ này
        [not-assigned] nhiệm vụ này không giao cho đơn vị
        [progress] tiến độ phải từ 0 đến 100
        [unknown-target] kế hoạch không có chỉ tiêu này
        [quarter] không phải một quý (dạng 2023Q1)
        [other-period] số liệu của quý ngoài kỳ { $period } của gói
        [negative] số liệu không được âm
        [number] không phải số hợp lệ (quá lớn hoặc không hữu hạn)
        [denominator] mẫu số của tỷ lệ phải lớn hơn 0
        [num-gt-den] tử số lớn hơn mẫu số
        [yes-no] chỉ nhận 1 (đạt) hoặc 0 (không đạt)
        [date] không phải ngày có thật (dạng NNNN-TT-NN)
        [doc-type] loại văn bản không rõ
       *[other] giá trị không hợp lệ
    }
err-kpi-number = số liệu phải là số từ 0 đến { $max }
err-kpi-zero-den = mẫu số của tỷ lệ phải lớn hơn 0
err-merge-quarantined = { $count } gói chờ đối chiếu khóa, chưa được hợp nhất
merge-quarantined-other-key = CẢNH BÁO: { $unit } đã có khóa tin cậy khác ({ $trusted }); gói này ký bằng khóa { $fingerprint }. Đừng chấp nhận khóa mới trước khi gọi điện cho đơn vị để xác minh.
err-import-too-many-rows = bảng kế hoạch có { $count } dòng, quá giới hạn { $max } dòng: có lẽ đã chọn nhầm tệp
err-import-stray-bytes = tệp là văn bản UTF-8 nhưng có byte lỗi (lần đầu ở dòng { $line }); hãy mở tệp, sửa dòng đó rồi lưu lại dưới dạng «CSV UTF-8»
err-done-progress = nhiệm vụ { $task } đã hoàn thành nên tiến độ là 100 %, không ghi { $value } % được; muốn ghi tiến độ khác, hãy đổi trạng thái trước
## Storage: evidence files beside the database, backup generations, second backup place
err-backup-evidence-missing = bản sao lưu { $path } thiếu hoặc hỏng tệp tài liệu kiểm chứng { $file } (hãy chép cả thư mục blobs bên cạnh bản sao lưu); dữ liệu hiện tại không bị thay đổi
err-backup-out-and-to = chỉ dùng một trong hai: --out TỆP (một bản sao lưu) hoặc --to THƯ_MỤC (nơi sao lưu thứ hai, giữ nhiều bản)
ui-settings-place-title = Nơi sao lưu thứ hai
ui-settings-place = Thư mục
ui-settings-place-none = Chưa chọn
ui-settings-place-choose = Chọn thư mục…
ui-settings-place-forget = Bỏ chọn
ui-settings-place-write = Sao lưu vào đó ngay
ui-settings-place-last = Ghi lần cuối
ui-settings-place-hint = Một ổ USB hoặc thư mục mạng: bản sao lưu ở đó còn nguyên khi ổ đĩa máy này hỏng. Mỗi ngày, khi thư mục này truy cập được, chương trình tự sao lưu vào đó; tài liệu kiểm chứng chỉ được chép một lần.
ui-settings-place-reminder = Đã hơn { $days } ngày chưa sao lưu vào nơi thứ hai. Hãy cắm ổ USB (hoặc nối mạng) rồi bấm «Sao lưu vào đó ngay».
ui-place-backup-done = Đã sao lưu vào nơi thứ hai: { $path }.
## Window: jobs, saving, keyboard, clerk (h-ui)
ui-job-crashed = Công việc vừa chạy gặp lỗi bên trong chương trình và đã dừng; dữ liệu đã lưu trước đó không bị ảnh hưởng. Hãy thử lại; nếu lỗi lặp lại, hãy báo cho bộ phận hỗ trợ.
ui-saving = Đang lưu…
ui-job-key-card = Đang ghi thẻ khóa công khai…
ui-job-matrix = Đang ghi ma trận trạng thái…
ui-clerk-ask = Tên người thao tác
ui-clerk-placeholder = Họ và tên (ví dụ: Nguyễn Thị Lan)
ui-clerk-use = Dùng tên này
ui-clerk-current = Người thao tác: { $name }
ui-clerk-saved = Từ nay lịch sử ghi tên { $name }.
err-operator-empty = Hãy nhập tên người thao tác (tên này được ghi vào lịch sử thay đổi).
err-operator-too-long = Tên người thao tác dài { $count } ký tự; tối đa 60.
## Tổ chức (đơn vị, cấp trên, đơn vị tổng hợp)
org-kind-government = UBND
org-kind-department = Phòng, ban, sở
org-kind-public-service = Đơn vị sự nghiệp
org-kind-commune = Xã, phường, đặc khu
unit-parent = thuộc { $code }
unit-consolidates = tổng hợp cho { $code }
unit-retired-mark = (đã giải thể)
unit-added = Đã thêm đơn vị { $code } — { $name }.
unit-renamed = Đã đổi tên { $code }: «{ $old }» → «{ $new }».
unit-moved = Đã chuyển { $code } sang đơn vị cấp trên { $parent }.
unit-retired = Đã cho { $code } ngừng hoạt động; lịch sử của đơn vị vẫn được giữ.
unit-unretired = Đã cho { $code } hoạt động trở lại.
unit-consolidation-set = { $code } tổng hợp báo cáo cho: { $parent }.
units-created = Đã lập tổ chức mới gồm { $count } đơn vị.
units-added-line = thêm { $code } — { $name }
units-renamed-line = đổi tên { $code }: «{ $old }» → «{ $new }»
units-moved-line = chuyển { $code }: cấp trên { $old } → { $new }
units-kind-line = đổi loại { $code }: { $old } → { $new }
units-consolidation-line = { $code } tổng hợp cho: { $old } → { $new }
units-restored-line = { $code } hoạt động trở lại
units-summary = Thêm { $added } đơn vị, thay đổi { $changed }, giữ nguyên { $unchanged }.
err-units-no-header = không tìm thấy dòng tiêu đề có các cột «Tên đơn vị», «Loại», «Đơn vị cấp trên» (và «Mã» nếu có)
err-units-none = bảng không có đơn vị nào
err-units-empty = dòng { $row }, cột «{ $column }»: ô trống
err-units-code = dòng { $row }, cột «{ $column }»: mã «{ $value }» không hợp lệ (không được có khoảng trắng, tối đa 32 ký tự)
err-units-duplicate = dòng { $row }, cột «{ $column }»: mã «{ $value }» bị trùng
err-units-kind = dòng { $row }, cột «{ $column }»: không nhận ra loại đơn vị «{ $value }» (UBND, Sở, Phòng, Ban, Đơn vị sự nghiệp, Xã, Phường, Đặc khu, Thị trấn)
err-units-parent = dòng { $row }, cột «{ $column }»: không tìm thấy đơn vị «{ $value }» (ghi mã hoặc đúng tên đơn vị)
err-units-cycle = dòng { $row }, cột «{ $column }»: «{ $value }» làm đơn vị thành cấp trên của chính nó
err-org-code = mã đơn vị «{ $code }» không hợp lệ (không được trống, không có khoảng trắng, tối đa 32 ký tự)
err-org-name-empty = đơn vị { $code } chưa có tên
err-org-duplicate = mã đơn vị { $code } đã có
err-org-unknown = đơn vị { $unit }: không có đơn vị mã { $code }
err-org-cycle = đơn vị { $code } không thể nằm dưới chính nó
err-org-kind = không nhận ra loại đơn vị «{ $value }» (UBND, Sở, Phòng, Ban, Đơn vị sự nghiệp, Xã, Phường, Đặc khu, Thị trấn)
err-unit-retired = đơn vị { $code } đã ngừng hoạt động; hãy chọn đơn vị khác
ui-settings-org = Tổ chức…
ui-org-title = Tổ chức
ui-org-back = ← Cài đặt
ui-org-summary = { $count } đơn vị. Chọn một đơn vị trong cây rồi chọn việc cần làm; đơn vị đã giải thể vẫn giữ lịch sử.
ui-org-add = Thêm đơn vị
ui-org-rename = Đổi tên
ui-org-move = Chuyển cấp trên
ui-org-retire = Giải thể
ui-org-unretire = Khôi phục
ui-org-retired = Đã giải thể
ui-org-consolidates = Tổng hợp cho { $unit }
ui-org-add-under = Thêm đơn vị trực thuộc: { $parent }
ui-org-rename-title = Đổi tên đơn vị { $code }
ui-org-move-title = Chuyển { $unit } sang đơn vị cấp trên khác
ui-org-move-hint = Bấm vào đơn vị cấp trên mới trong cây bên dưới.
ui-org-new-parent = Cấp trên mới
ui-org-no-parent = (không có cấp trên)
ui-org-name = Tên đơn vị
ui-org-name-hint = Ví dụ: Phòng Kinh tế
ui-org-code = Mã
ui-org-kind = Loại
ui-org-save = Lưu
ui-first-run-how = Bắt đầu thế nào?
ui-first-run-start-example = Đơn vị của tôi có trong kế hoạch mẫu
ui-first-run-start-package = Mở gói kế hoạch cấp trên gửi
ui-first-run-start-new-org = Thiết lập tổ chức mới
ui-first-run-package-hint = Cơ quan cấp trên gửi gói kế hoạch (.zip, có chữ ký). Mở gói đó: kế hoạch và các đơn vị của nó được cài vào máy này, sau đó chọn đơn vị của bạn.
ui-first-run-open-package = Mở gói kế hoạch (.zip)…
ui-first-run-units-hint = Nhập bảng danh sách đơn vị (.csv hoặc .xlsx) với các cột Tên đơn vị, Loại, Đơn vị cấp trên (và Mã, Tổng hợp cho nếu có), hoặc tự thêm đơn vị đầu tiên rồi bổ sung sau trong Cài đặt → Tổ chức.
ui-first-run-open-units = Nhập danh sách đơn vị (.csv, .xlsx)…
ui-first-run-first-unit = Hoặc thêm đơn vị đầu tiên
ui-first-run-first-unit-hint = Tên đơn vị, ví dụ: Ủy ban nhân dân xã Tân Phú
ui-first-run-create = Tạo tổ chức
ui-first-run-offices = Thêm sẵn các cơ quan chuyên môn và Trung tâm Phục vụ hành chính công (mô hình chính quyền địa phương hai cấp, từ 01/7/2025):
ui-org-consolidate = Tổng hợp cho cấp trên
ui-org-consolidate-off = Thôi tổng hợp
## Work period and due dates
period-due = hạn trong kỳ: { $dates }
period-no-due = đang thực hiện, không có hạn trong kỳ
## Kế hoạch từ tệp Word/Excel, kế hoạch nhiều năm, phiên bản mới (h-planfiles)
err-import-docx-bad = tệp Word (.docx) không đọc được: { $detail }
err-import-unmatched = { $count } cơ quan không khớp đơn vị nào nên chưa nhập: { $list }. Hãy thêm đơn vị hoặc sửa tên trong bảng; muốn nhập mà bỏ qua các cơ quan này thì thêm --allow-unmatched
import-unmatched = { $count } cơ quan không khớp đơn vị nào (sẽ bị bỏ ra khỏi nhiệm vụ, có ghi lại):
import-unmatched-item = dòng { $row }, cột «{ $column }»: «{ $value }»
err-unknown-plan = không có kế hoạch mã «{ $id }» (xem «tiendo plan list»)
err-plan-exists = đã có kế hoạch mã «{ $id }»; chọn mã khác bằng --new-id
err-rollover-same-year = kế hoạch này đã là của năm { $year }
plan-task-count = { $count } nhiệm vụ
plan-using = Đang dùng kế hoạch { $id } (năm { $year }).
plan-rolled-over = Đã tạo kế hoạch { $id } năm { $year } ({ $tasks } nhiệm vụ) từ { $from }; kế hoạch cũ vẫn giữ nguyên và xem được bằng «tiendo plan use { $from }».
plan-unfinished = Nhiệm vụ chưa hoàn thành của kế hoạch cũ: { $count }
plan-unfinished-units = { $count } đơn vị chưa xong: { $units }
plan-diff-title = Kế hoạch { $id } đã có; phiên bản mới thay đổi:
plan-diff-none = Kế hoạch { $id } đã có; phiên bản mới không thay đổi nhiệm vụ nào.
plan-diff-added = nhiệm vụ mới
plan-diff-removed = nhiệm vụ bị bỏ (tiến độ đã ghi vẫn được lưu)
plan-diff-reworded = sửa nội dung
plan-diff-moved = đổi thời hạn
plan-diff-reassigned = đổi cơ quan chủ trì / phối hợp
repairs-title = Đã sửa từ bản gốc
repair-line = { $field }: bản gốc «{ $original }» → «{ $fixed }»
repair-field-description = Nội dung nhiệm vụ
ui-settings-plan = Kế hoạch đang dùng
ui-settings-import-plan = Nhập kế hoạch từ tệp…
ui-import-title = Xem trước kế hoạch từ tệp { $file }
ui-import-done = Đã nhập và đang dùng { $plan }: { $tasks } nhiệm vụ, { $targets } chỉ tiêu.
ui-import-targets-title = Chỉ tiêu đọc từ văn bản ({ $count })
ui-import-col-code = Mã
ui-import-col-task = Nhiệm vụ
ui-import-accept = Nhập
## Receipts from the parent office (h-loop)
receipts-written = Đã ghi biên nhận: { $path }
receipt-imported = Đã nhập biên nhận lần { $sequence } của { $parent } ({ $count } gói).
receipt-already = Biên nhận lần { $sequence } của { $parent } đã được nhập trước đây; không có gì thay đổi.
receipt-none = Chưa có biên nhận nào của cấp trên.
receipt-status-received = Cấp trên đã nhận lần { $sequence } lúc { $time } ngày { $date }
receipt-status-older = Cấp trên đã nhận lần { $sequence } lúc { $time } ngày { $date } nhưng đã có gói mới hơn
receipt-status-rejected = Cấp trên đã từ chối gói lần { $sequence } lúc { $time } ngày { $date }: { $reason }
err-receipt-none = Chưa nhận gói nào của đơn vị cấp dưới (trong kỳ đã chọn) nên không có biên nhận để ghi.
err-receipt-unknown-key = biên nhận được ký bằng khóa { $fingerprint } (tự nhận là của { $unit }) mà đơn vị này chưa tin cậy là khóa của cấp trên; hãy nhập thẻ khóa của cấp trên bằng «tiendo keys trust TỆP.pub --unit MÃ»
err-receipt-not-parent = biên nhận do { $signer } ký, không phải đơn vị cấp trên của { $unit }
err-receipt-other-unit = biên nhận này dành cho đơn vị { $for }, không phải { $unit }
err-receipt-older = biên nhận lần { $sequence } cũ hơn biên nhận lần { $newest } đã nhập; không nhập
ui-receipts-send = Gửi biên nhận
ui-receipts-job = Đang ghi biên nhận…
ui-receipts-done = Đã ghi { $count } biên nhận vào { $path }.
ui-receipt-import = Nhập biên nhận của cấp trên
ui-receipt-none-period = Chưa có biên nhận của cấp trên cho quý này.
## Plan editor, rollover and plan switcher (h-editor)
err-edit-code-empty = Chưa nhập mã.
err-edit-code-bad = Mã «{ $code }» không hợp lệ: không được có khoảng trắng, tối đa { $max } ký tự.
err-edit-code-taken = Mã «{ $code }» đã có trong kế hoạch; hãy chọn mã khác.
err-edit-code-has-progress = Mã «{ $code }» còn tiến độ của một nhiệm vụ đã xóa trước đây; hãy chọn mã khác hoặc thêm lại nhiệm vụ đó.
err-edit-name-empty = Chưa nhập nội dung.
err-edit-too-long = Nội dung quá dài (tối đa { $max } ký tự).
err-edit-unknown-area = Không có lĩnh vực «{ $code }» trong kế hoạch.
err-edit-lead-empty = Cần ít nhất một cơ quan chủ trì.
err-edit-deadline-empty = Chưa nhập thời hạn (hoặc ngày nhập tay).
err-edit-date-far = Ngày { $date } quá xa năm kế hoạch { $year }.
err-edit-value = Giá trị «{ $value }» không hợp lệ: cần một số không âm.
err-edit-rate-over = Tỷ lệ { $value } vượt quá 100 %.
err-edit-yes-no = Chỉ tiêu đạt/không đạt chỉ nhận giá trị 1 (đạt) hoặc 0.
err-edit-unit-empty = Chưa nhập đơn vị tính.
err-rollover-exists = Đã có kế hoạch năm { $year } trong danh sách; hãy chọn «Dùng kế hoạch này» ở đó.
ui-settings-edit-plan = Kế hoạch…
ui-plan-title = Kế hoạch
ui-plan-tab-tasks = Nhiệm vụ
ui-plan-tab-targets = Chỉ tiêu
ui-plan-tab-plans = Các kế hoạch
ui-plan-counts = { $areas } lĩnh vực, { $tasks } nhiệm vụ
ui-plan-add-task = + Thêm nhiệm vụ
ui-plan-pick-hint = Chọn một nhiệm vụ bên trái để sửa, hoặc bấm «+ Thêm nhiệm vụ». Nút ▲ ▼ đổi thứ tự (ở đầu hoặc cuối lĩnh vực thì chuyển sang lĩnh vực liền kề). Mã nhiệm vụ được giữ nguyên khi chuyển chỗ, nên tiến độ đã ghi vẫn còn.
ui-plan-edit-task = Sửa nhiệm vụ { $code }
ui-plan-new-task = Nhiệm vụ mới
ui-plan-code = Mã
ui-plan-area = Lĩnh vực
ui-plan-name = Nội dung
ui-plan-name-hint = Nội dung nhiệm vụ như kế hoạch ghi
ui-plan-products = Sản phẩm
ui-plan-products-hint = Mỗi sản phẩm cách nhau bằng dấu ;
ui-plan-add-agency = + Thêm
ui-plan-group-chip = { $phrase } ({ $count } đơn vị)
ui-plan-group-units = { $count } đơn vị
ui-plan-picker-hint = Tìm đơn vị hoặc nhóm (gõ không dấu cũng được)
ui-plan-picker-typed = Dùng «{ $phrase }»
ui-plan-picker-none = Không có đơn vị hay nhóm nào khớp.
ui-plan-deadline = Thời hạn
ui-plan-deadline-hint = Thời hạn như kế hoạch ghi, ví dụ «Trước ngày 15/12/2026»
ui-plan-deadline-empty = Nhập thời hạn để xem các ngày tương ứng.
ui-plan-unparsed = không đọc được thời hạn này; hãy nhập ngày bằng tay bên dưới
ui-plan-preview-read = các ngày đọc được từ thời hạn, cho năm { $year }
ui-plan-preview-manual = các ngày nhập tay (dùng thay cho cách đọc thời hạn)
ui-plan-manual = Ngày nhập tay
ui-plan-date-hint = dd/mm/yyyy
ui-plan-add-date = Thêm ngày
ui-plan-manual-hint = Chỉ cần khi thời hạn không đọc được hoặc đọc sai; khi có, các ngày này được dùng thay cho cách đọc.
ui-plan-save = Lưu
ui-plan-delete = Xóa
ui-plan-delete-task-q = Xóa nhiệm vụ { $code } khỏi kế hoạch? Tiến độ đã ghi được giữ lại; thêm lại mã này sẽ thấy lại.
ui-plan-delete-target-q = Xóa chỉ tiêu { $code } khỏi kế hoạch?
ui-plan-saved = Đã lưu kế hoạch ({ $count } thay đổi).
ui-plan-target-count = { $count } chỉ tiêu
ui-plan-add-target = + Thêm chỉ tiêu
ui-plan-pick-target-hint = Chọn một chỉ tiêu bên trái để sửa, hoặc bấm «+ Thêm chỉ tiêu».
ui-plan-edit-target = Sửa chỉ tiêu { $code }
ui-plan-new-target = Chỉ tiêu mới
ui-plan-target-hint = Chỉ tiêu như kế hoạch ghi
ui-plan-kind = Loại
ui-plan-kind-rate = Tỷ lệ (%)
ui-plan-kind-value = Số lượng
ui-plan-kind-yes-no = Đạt / không đạt
ui-plan-comparator = So sánh
ui-plan-value = Giá trị
ui-plan-unit = Đơn vị tính
ui-plan-numerator = Tử số
ui-plan-numerator-hint = Ví dụ: hồ sơ giải quyết đúng hạn
ui-plan-denominator = Mẫu số
ui-plan-denominator-hint = Ví dụ: hồ sơ đã giải quyết
ui-plan-reporters = Đơn vị báo cáo
ui-plan-reporters-hint = Không chọn loại nào: mọi đơn vị đều báo cáo.
ui-plan-installed = Các kế hoạch đã cài
ui-plan-col-number = Số kế hoạch
ui-plan-col-year = Năm
ui-plan-col-issuer = Cơ quan ban hành
ui-plan-col-tasks = Nhiệm vụ
ui-plan-active = Đang dùng
ui-plan-use = Dùng kế hoạch này
ui-plan-switched = Đang dùng { $plan }.
ui-plan-rollover-title = Chuyển sang năm mới
ui-plan-rollover-hint = Tạo bản sao của kế hoạch năm { $year } cho năm mới: cùng nhiệm vụ, chỉ tiêu và đơn vị; thời hạn được đọc lại cho năm mới. Kế hoạch cũ và tiến độ của nó vẫn xem được.
ui-plan-rollover-year = Năm mới
ui-plan-rollover = Tạo kế hoạch năm { $year }
ui-plan-rolled = Kế hoạch năm { $year } đã tạo và đang dùng; { $count } nhiệm vụ chưa hoàn thành được chuyển sang
ui-plan-rolled-none = Mọi nhiệm vụ của năm trước đã hoàn thành.
ui-plan-rolled-units-mine = { $unit } và { $count } đơn vị khác
ui-plan-rolled-units = { $count } đơn vị
err-edit-title-empty = Chưa nhập tên kế hoạch.
ui-plan-current = Kế hoạch đang dùng
ui-plan-date = Ngày ban hành
ui-plan-plan-title = Tên kế hoạch
## Review requests and the drop folder (h-feedback)
review-verdict-ok = Đạt
review-verdict-more = Yêu cầu bổ sung
review-revision = { " " }(lần sửa { $revision })
review-saved = Đã ghi nhận xét cho { $unit }, nhiệm vụ { $task }: { $verdict } (lần sửa { $revision }).
review-unchanged = Nhận xét cho { $unit }, nhiệm vụ { $task } không đổi: { $verdict }.
review-none = Chưa có nhận xét nào cho đơn vị cấp dưới.
feedback-written = Đã ghi gói yêu cầu: { $path }
feedback-written-unit = Đã ghi gói yêu cầu cho { $unit } ({ $count } nhận xét): { $path }
feedback-imported = Đã nhập gói yêu cầu lần { $sequence } của { $parent } ({ $count } nhận xét; còn { $open } yêu cầu bổ sung chưa trả lời).
feedback-already = Gói yêu cầu lần { $sequence } của { $parent } đã được nhập trước đây; không có gì thay đổi.
request-none = Cấp trên chưa gửi yêu cầu nào.
request-done-evidence = thêm tài liệu { $files }
request-done-fields = sửa { $fields }
request-field-milestone = Mốc thời hạn
request-field-other = Nội dung khác
request-state-open = Chưa trả lời
request-state-answered = Đã trả lời: { $what }
err-review-not-assigned = nhiệm vụ { $task } không giao cho { $unit }
err-review-comment-needed = yêu cầu bổ sung cần ghi rõ nội dung cần bổ sung (nhận xét đang trống)
err-review-comment-long = nhận xét dài quá { $max } ký tự
err-review-no-evidence = { $unit } không có tài liệu «{ $evidence }» ở nhiệm vụ { $task } trong các gói đã nhận
err-review-bad-verdict = kết quả «{ $value }» không hợp lệ; dùng «đạt» hoặc «bổ sung»
err-feedback-none = chưa có nhận xét nào cho { $unit } nên không có gói yêu cầu để ghi
err-feedback-none-all = Chưa có nhận xét nào cho đơn vị cấp dưới nên không có gói yêu cầu để gửi.
err-feedback-unknown-key = gói yêu cầu được ký bằng khóa { $fingerprint } (tự nhận là của { $unit }) mà đơn vị này chưa tin cậy là khóa của cấp trên; hãy nhập thẻ khóa của cấp trên bằng «tiendo keys trust TỆP.pub --unit MÃ»
err-feedback-not-parent = gói yêu cầu do { $signer } ký, không phải đơn vị cấp trên của { $unit }
err-feedback-other-unit = gói yêu cầu này dành cho đơn vị { $for }, không phải { $unit }
err-feedback-older = gói yêu cầu lần { $sequence } cũ hơn (hoặc trùng số với) gói lần { $newest } đã nhập; không nhập
err-feedback-wrong-plan = gói yêu cầu thuộc kế hoạch «{ $plan }», không phải kế hoạch đang dùng
report-section-requests = Yêu cầu của cấp trên và kết quả thực hiện
report-col-request = Yêu cầu
report-col-request-done = Đã thực hiện
report-request-document = Tài liệu: { $name }
report-request-from = { $parent }, nhận ngày { $date }
report-request-status-now = Trạng thái hiện nay: { $status }
drop-kind-bundle = Gói báo cáo
drop-kind-receipt = Biên nhận
drop-kind-feedback = Gói yêu cầu
drop-unknown-key = khóa ký của { $unit } chưa được tin cậy: nhận gói này sẽ cách ly khóa để đối chiếu dấu vân tay
drop-changed = tệp { $name } đã thay đổi kể từ khi được kiểm tra; hãy đợi lần quét sau
ui-review-title = Nhận xét: { $unit } — nhiệm vụ { $task }
ui-review-about = Nhận xét về
ui-review-whole-task = Cả nhiệm vụ
ui-review-comment-hint = Nội dung cần bổ sung hoặc ghi chú
ui-review-held = Đã nhận xét
ui-review-save = Lưu nhận xét
ui-review-saved = Đã lưu nhận xét cho { $unit }, nhiệm vụ { $task }. Bấm «Gửi yêu cầu» để gửi cho đơn vị.
ui-review-unchanged = Nhận xét cho { $unit }, nhiệm vụ { $task } không thay đổi.
ui-requests-count = Cấp trên yêu cầu bổ sung: { $count }
ui-requests-show = Xem danh sách
ui-requests-hide = Thu gọn
ui-requests-title = Yêu cầu của cấp trên
ui-requests-from = { $parent }, nhận lúc { $date }
ui-feedback-send = Gửi yêu cầu
ui-feedback-job = Đang ghi gói yêu cầu…
ui-feedback-done = Đã ghi { $count } gói yêu cầu vào { $path }.
ui-feedback-import = Nhập yêu cầu của cấp trên
ui-feedback-importing = Đang nhập gói của cấp trên…
ui-drop-found = Tìm thấy { $count } gói mới trong thư mục nhận
ui-drop-review = Xem và nhận
ui-drop-title = Gói mới trong thư mục nhận
ui-drop-line = { $kind } của { $sender }, { $period }, lần { $sequence }
ui-drop-accept = Nhận
ui-drop-decline = Bỏ qua
ui-drop-none = Không còn gói mới nào.
ui-drop-close = Đóng
ui-drop-accepting = Đang nhận { $name }…
ui-drop-declined = Đã bỏ qua { $name }; gói này sẽ không được đề nghị lại.
ui-drop-settings-title = Thư mục nhận gói
ui-drop-settings-none = Chưa chọn
ui-drop-settings-choose = Chọn thư mục…
ui-drop-settings-forget = Thôi theo dõi
ui-drop-settings-hint = Ổ mạng dùng chung, thư mục đồng bộ hoặc USB. Vài giây một lần chương trình xem thư mục này: gói báo cáo, biên nhận và gói yêu cầu mới được kiểm tra rồi liệt kê để người dùng nhận hoặc bỏ qua; không gói nào được hợp nhất khi chưa được nhận.
## Incremental bundles and parts for e-mail (h-increment)
export-referenced = Tài liệu cấp trên đã có: { $count } tài liệu ({ $size }) chỉ ghi mã băm, không gửi lại.
export-parts = Gói được chia thành { $count } phần, mỗi phần tối đa { $size }:
export-sent = Dung lượng cần gửi: { $size }.
verify-part-ok = HỢP LỆ: phần { $part }/{ $count } của gói { $bundle } ({ $unit }, kỳ { $period }, lần { $sequence }), khóa { $fingerprint }.
merge-parts-name = { $bundle } ({ $count } phần)
err-part-size-small = cỡ phần { $size } byte quá nhỏ; tối thiểu { $min } byte (ví dụ «--max-part-size 20MB»)
err-part-size-bad = không hiểu cỡ phần «{ $value }»; hãy viết như 20MB, 2,5MB, 500KB hoặc số byte
err-part-too-many = gói phải chia thành { $count } phần, nhiều hơn mức { $max } phần; hãy chọn cỡ phần lớn hơn
err-part-foreign = tệp { $file } là phần của một gói khác, không thuộc bộ phần của gói { $bundle }; chưa hợp nhất gì
err-part-duplicate = phần { $part }/{ $count } có hai tệp: { $files }; hãy bỏ một tệp rồi hợp nhất lại; chưa hợp nhất gì
err-part-missing = gói { $bundle } còn thiếu phần { $missing } (gói có { $count } phần); chưa hợp nhất gì, hãy chờ đủ các phần
err-part-whole-changed = các phần ghép lại không khớp mã băm của gói { $bundle }: có phần đã bị sửa
err-bundle-references-missing = gói chỉ dẫn chiếu { $count } tài liệu mà máy này không có: { $names }; chưa hợp nhất gì — đề nghị đơn vị gửi lại gói đầy đủ («tiendo export … --full» hoặc đánh dấu «Gửi đầy đủ tài liệu»)
ui-rep-full = Gửi đầy đủ tài liệu (kể cả tài liệu cấp trên đã xác nhận có)
ui-rep-full-hint = Mặc định chỉ gửi tài liệu mới; tài liệu cấp trên đã xác nhận trong biên nhận được ghi bằng mã băm.
ui-rep-split = Chia nhỏ để gửi thư điện tử
ui-rep-split-none = Không chia
ui-rep-split-mb = { $size } MB
ui-rep-split-custom = Tự chọn
ui-rep-split-custom-mb = Cỡ mỗi phần (MB)
ui-rep-split-bad = Cỡ phần phải là một số MB, ví dụ 15 hoặc 7,5.
ui-rep-bundle-parts = Số phần
ui-rep-bundle-referenced = Tài liệu không gửi lại
ui-rep-bundle-bytes = Dung lượng gửi
ui-rep-bundle-parts-notice = Đã xuất gói báo cáo lần { $sequence } thành { $count } phần vào { $path }.

## Khóa mới của đơn vị đã có khóa tin cậy (cửa sổ)
ui-dist-line-other-key = KHÓA MỚI { $fingerprint } của { $unit }, khác khóa đang tin cậy { $trusted }: đã cách ly — gọi điện cho đơn vị trước khi chấp nhận
ui-keychange-title = Cảnh báo: đơn vị đã có khóa tin cậy khác
ui-keychange-body = { $unit } đã có một khóa được tin cậy ở máy này. Khóa mới này khác khóa đó:
ui-keychange-old = Khóa đang tin cậy
ui-keychange-new = Khóa mới
ui-keychange-hint = Đơn vị có thể đã cài lại máy hoặc tạo khóa mới, nhưng cũng có thể có người giả danh đơn vị. Hãy gọi điện cho đơn vị theo số điện thoại anh/chị vẫn dùng (không dùng số ghi trong gói hay thẻ khóa) và đối chiếu từng ký tự của khóa mới trước khi chấp nhận.
ui-keychange-called = Tôi đã gọi điện và đơn vị xác nhận khóa mới này
ui-keychange-accept = Chấp nhận khóa mới
err-edit-area-not-empty = Lĩnh vực «{ $code }» còn { $count } nhiệm vụ; hãy chuyển hoặc xóa các nhiệm vụ đó trước.
ui-plan-add-area = + Thêm lĩnh vực
ui-plan-edit-area = Sửa lĩnh vực { $code }
ui-plan-new-area = Lĩnh vực mới
ui-plan-area-title = Tên lĩnh vực
ui-plan-area-hint = Ví dụ: Cải cách thủ tục hành chính
ui-plan-delete-area-q = Xóa lĩnh vực { $code }? (Chỉ xóa được khi không còn nhiệm vụ nào.)
ui-plan-no-area-hint = Kế hoạch chưa có lĩnh vực nào. Bấm «+ Thêm lĩnh vực» ở bên trái, rồi thêm nhiệm vụ vào đó (hoặc nhập cả kế hoạch từ tệp Word, Excel ở Cài đặt).
ui-plan-edits = Những lần sửa kế hoạch gần đây
ui-plan-op-add-task = Thêm nhiệm vụ
ui-plan-op-update-task = Sửa nhiệm vụ
ui-plan-op-delete-task = Xóa nhiệm vụ
ui-plan-op-move-task = Chuyển nhiệm vụ
ui-plan-op-add-target = Thêm chỉ tiêu
ui-plan-op-update-target = Sửa chỉ tiêu
ui-plan-op-delete-target = Xóa chỉ tiêu
ui-plan-op-add-area = Thêm lĩnh vực
ui-plan-op-rename-area = Đổi tên lĩnh vực
ui-plan-op-delete-area = Xóa lĩnh vực
ui-plan-op-header = Sửa thông tin kế hoạch
ui-review-mark-open = chờ bổ sung
ui-review-mark-done = đã xử lý

## District screens at scale (h-scale): unit classes, filters, the matrix pages across
class-government = UBND
class-department = Sở, ban, phòng
class-public-service = Đơn vị sự nghiệp
class-commune = Xã
class-ward = Phường
class-special-zone = Đặc khu
class-township = Thị trấn
ui-dist-search = Tìm đơn vị (tên hoặc mã)…
ui-dist-class-all = Tất cả ({ $count })
ui-dist-parent-all = Mọi đơn vị cấp trên
ui-dist-filter-clear = Bỏ lọc
ui-dist-filter-none = Không có đơn vị nào khớp bộ lọc.
ui-dist-shown = Đang hiện { $shown }/{ $total } đơn vị
ui-dist-kpi-all = tất cả đơn vị
ui-dist-kpi-units = { $count } đơn vị
report-cons-matrix = Ma trận trạng thái nhiệm vụ theo đơn vị
report-matrix-part = Nhiệm vụ { $from } – { $to } (phần { $part }/{ $parts })
report-matrix-legend = HT: hoàn thành; HT-T: hoàn thành trễ hạn; 60%: đang thực hiện, tiến độ 60%; CTH: chưa thực hiện; KPS: không phát sinh; –: không báo cáo.
matrix-abbr-done = HT
matrix-abbr-done-late = HT-T
matrix-abbr-in-progress = { $progress }%
matrix-abbr-not-started = CTH
matrix-abbr-not-applicable = KPS
scale-demo-building = Đang tạo tỉnh mẫu 200 đơn vị: { $done }/{ $total } đơn vị đã gửi báo cáo…

## Unmatched agencies in the import preview (session 4)
err-org-alias-empty = tên khác của đơn vị { $code } không được để trống
unit-alias-added = Đã ghi «{ $phrase }» là tên khác của { $code } — { $name }; kế hoạch gọi như vậy sẽ giao cho đơn vị này.
ui-import-unmatched-help = Với mỗi cơ quan chưa khớp: chọn đơn vị mà kế hoạch muốn nói, hoặc thêm thành đơn vị mới. Kế hoạch được đọc lại ngay; cơ quan nào vẫn chưa khớp sẽ bị bỏ ra khỏi nhiệm vụ (có ghi lại).
ui-import-map = Là đơn vị…
ui-import-new-unit = Thêm thành đơn vị mới
ui-import-mapped = Đã ghi «{ $phrase }» là { $name }; kế hoạch đã được đọc lại.
import-unmatched-hint = Để giao đúng: «tiendo unit alias MÃ "cụm từ"» nếu cụm từ chỉ một đơn vị đã có, hoặc «tiendo unit add MÃ --name … --kind … --parent MÃ» để thêm đơn vị; rồi nhập lại.
ui-first-run-package-signer = Gói kế hoạch do { $name } ({ $code }) ký, khóa có dấu vân tay:
ui-first-run-package-compare = Hãy so dấu vân tay này với dấu vân tay trên thẻ khóa của cấp trên (hoặc đọc qua điện thoại với người gửi). Chỉ nhận khi trùng khớp: từ đó, biên nhận và yêu cầu bổ sung ký bằng khóa này được tin là của cấp trên.
ui-first-run-package-trust = Trùng khớp — nhận kế hoạch
ui-import-reading = Đang đọc tệp kế hoạch…
