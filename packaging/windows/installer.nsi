; Installer of Tiến Độ CCHC for Windows 10 and 11 (64-bit).
;
; Built by packaging/windows/build.sh, which writes product.nsh (VERSION,
; VERSION4, VERSION_MAJOR, VERSION_MINOR, PRODUCT, PUBLISHER, EXE, ICON,
; OUTFILE) and runs: makensis -INPUTCHARSET UTF8 -DPRODUCT_NSH=… installer.nsi
;
; Per user: installs into %LOCALAPPDATA%\Programs\TienDo, writes only to
; HKEY_CURRENT_USER, needs no administrator rights. Silent: setup.exe /S
; (optionally /D=C:\other\folder as the last argument). The data folder
; (%APPDATA%\TienDo) is never touched by installing or uninstalling.

Unicode true
Target amd64-unicode
!include "${PRODUCT_NSH}"

RequestExecutionLevel user
ManifestDPIAware true
SetCompressor /SOLID lzma

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include FileFunc.nsh

!define APP_KEY "TienDo"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define SETTINGS_KEY "Software\${APP_KEY}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\TienDo"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

; --- pages -------------------------------------------------------------------

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_SMALLDESC

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\tiendo.exe"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

; --- version information of setup.exe itself --------------------------------

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${PRODUCT}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "© ${PUBLISHER}"

; --- checks --------------------------------------------------------------------

Function .onInit
    SetShellVarContext current
    ${IfNot} ${AtLeastWin10}
        MessageBox MB_OK|MB_ICONSTOP "${PRODUCT} cần Windows 10 hoặc Windows 11 (64-bit)." /SD IDOK
        Abort
    ${EndIf}
FunctionEnd

Function un.onInit
    SetShellVarContext current
FunctionEnd

; --- install -------------------------------------------------------------------

Section "${PRODUCT}" SecMain
    SectionIn RO
    SetOutPath "$INSTDIR"
    File "/oname=tiendo.exe" "${EXE}"
    WriteUninstaller "$INSTDIR\uninstall.exe"

    ; The working folder of the shortcut is $INSTDIR (the last SetOutPath).
    CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\tiendo.exe" "" "$INSTDIR\tiendo.exe" 0 \
        SW_SHOWNORMAL "" "${PRODUCT}"

    WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"

    ; Programs and Features (Settings > Apps).
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${PRODUCT}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
    WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\tiendo.exe,0"
    WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINST_KEY}" "VersionMajor" ${VERSION_MAJOR}
    WriteRegDWORD HKCU "${UNINST_KEY}" "VersionMinor" ${VERSION_MINOR}
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "Lối tắt trên màn hình nền" SecDesktop
    SetOutPath "$INSTDIR"
    CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\tiendo.exe" "" "$INSTDIR\tiendo.exe" 0 \
        SW_SHOWNORMAL "" "${PRODUCT}"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
    !insertmacro MUI_DESCRIPTION_TEXT ${SecMain} "Chương trình ${PRODUCT} và lối tắt trong menu Start."
    !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "Thêm biểu tượng ${PRODUCT} ra màn hình nền (Desktop)."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

; --- uninstall -----------------------------------------------------------------

Section "Uninstall"
    Delete "$SMPROGRAMS\${PRODUCT}.lnk"
    Delete "$DESKTOP\${PRODUCT}.lnk"
    Delete "$INSTDIR\tiendo.exe"
    Delete "$INSTDIR\uninstall.exe"
    ; Only if empty: a tiendo-data folder someone put here is kept.
    RMDir "$INSTDIR"
    DeleteRegKey HKCU "${UNINST_KEY}"
    DeleteRegKey HKCU "${SETTINGS_KEY}"
    DetailPrint "Dữ liệu (thư mục %APPDATA%\TienDo) được giữ nguyên."
SectionEnd
