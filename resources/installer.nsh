; DeskDial's Windows URL associations (included by electron-builder's NSIS installer).
; setAsDefaultProtocolClient('tel') alone does not make DeskDial a handler on Windows: it must be
; registered as an application with URL capabilities (so it is offered in Settings > Default apps)
; and the per-user scheme keys must start it with the link as its argument.

!define DESKDIAL_PROGID "DeskDial.Url"
!define DESKDIAL_CAPABILITIES "Software\DeskDial\Capabilities"

!macro deskdialRegisterScheme SCHEME DESCRIPTION
  WriteRegStr HKCU "Software\Classes\${SCHEME}" "" "URL:${DESCRIPTION}"
  WriteRegStr HKCU "Software\Classes\${SCHEME}" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\${SCHEME}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr HKCU "Software\Classes\${SCHEME}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr HKCU "${DESKDIAL_CAPABILITIES}\URLAssociations" "${SCHEME}" "${DESKDIAL_PROGID}"
!macroend

; Removes a scheme's keys only while they still start DeskDial (another application may own them now).
!macro deskdialUnregisterScheme SCHEME
  ReadRegStr $0 HKCU "Software\Classes\${SCHEME}\shell\open\command" ""
  StrCmp $0 '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"' 0 +2
    DeleteRegKey HKCU "Software\Classes\${SCHEME}"
!macroend

!macro customInstall
  WriteRegStr HKCU "Software\Classes\${DESKDIAL_PROGID}" "" "DeskDial phone link"
  WriteRegStr HKCU "Software\Classes\${DESKDIAL_PROGID}" "URL Protocol" ""
  WriteRegStr HKCU "Software\Classes\${DESKDIAL_PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr HKCU "Software\Classes\${DESKDIAL_PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
  WriteRegStr HKCU "${DESKDIAL_CAPABILITIES}" "ApplicationName" "DeskDial"
  WriteRegStr HKCU "${DESKDIAL_CAPABILITIES}" "ApplicationDescription" "Click-to-dial: your desk phone rings, then calls the number."
  !insertmacro deskdialRegisterScheme "tel" "Telephone number"
  !insertmacro deskdialRegisterScheme "sip" "SIP address"
  !insertmacro deskdialRegisterScheme "callto" "Callto link"
  WriteRegStr HKCU "Software\RegisteredApplications" "DeskDial" "${DESKDIAL_CAPABILITIES}"
  ; Tell Explorer that associations changed (SHCNE_ASSOCCHANGED).
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro customUnInstall
  !insertmacro deskdialUnregisterScheme "tel"
  !insertmacro deskdialUnregisterScheme "sip"
  !insertmacro deskdialUnregisterScheme "callto"
  DeleteRegKey HKCU "Software\Classes\${DESKDIAL_PROGID}"
  DeleteRegKey HKCU "Software\DeskDial"
  DeleteRegValue HKCU "Software\RegisteredApplications" "DeskDial"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
