import { useState } from 'react'
import { isFinalCallState } from '../../../shared/call-progress'
import type { AppStatus, PendingLink, SettingsView } from '../../../shared/ipc-contract'
import type { Contact } from '../../../shared/contact'
import type { RegistrationStatus } from '../../../shared/registration-status'
import { CallCards } from '../calls/call-cards'
import { CallsView } from '../calls/calls-view'
import { useCalls } from '../calls/use-calls'
import { ConfirmDialog } from '../common/confirm-dialog'
import { forgetKept } from '../common/event-replay'
import { useDeskDialEvent } from '../common/use-deskdial-event'
import { CallLadderDialog } from '../diagnostics/call-ladder-dialog'
import { ContactEditor } from '../contacts/contact-editor'
import { useDemoSwitch } from '../demo/use-demo'
import { ContactsView } from '../contacts/contacts-view'
import { useContacts } from '../contacts/use-contacts'
import { HistoryView } from '../history/history-view'
import { useHistory } from '../history/use-history'
import { LinkConfirmation } from '../links/link-confirmation'
import { SettingsView as SettingsPage } from '../settings/settings-view'
import { Navigation } from './navigation'
import { NoticeBanner } from './notice-banner'
import { RegistrationLine } from './registration-line'
import { useShortcuts } from './use-shortcuts'
import { VIEWS, type ViewName } from './views'

const MAX_SHOWN_LINKS = 3

interface WorkspaceProps {
  /** The state when the window opened; live changes arrive as events. */
  status: AppStatus
  registration: RegistrationStatus
  settings: SettingsView
  onSettingsSaved(view: SettingsView): void
}

/** Which dialog is open over the workspace, if any. */
type Dialog =
  | { kind: 'edit-contact'; contact?: Contact }
  | { kind: 'delete-contact'; contact: Contact }
  | { kind: 'clear-history' }
  | { kind: 'call-messages'; callId: string; title: string }

/** Navigation, the current view, live calls, the registration line, and the dialogs over them. */
export function Workspace({ status, registration, settings, onSettingsSaved }: WorkspaceProps) {
  const [view, setView] = useState<ViewName>('contacts')
  const [dialog, setDialog] = useState<Dialog>()
  const [links, setLinks] = useState<PendingLink[]>(status.pendingLinks)
  const [hotkeyProblem, setHotkeyProblem] = useState(status.hotkeyProblem)
  // Counts Ctrl+F / Ctrl+D presses: the view on screen focuses its search or number field on each change.
  const [focusField, setFocusField] = useState(0)
  const contacts = useContacts()
  const history = useHistory()
  const calls = useCalls(status.calls, () => void history.reload())
  const demo = useDemoSwitch()
  // After leaving the demo, Settings opens on the account form.
  const [openAccount, setOpenAccount] = useState(false)

  const leaveDemo = () =>
    void demo.run('leaveDemo', (next) => {
      onSettingsSaved(next)
      setOpenAccount(true)
      setView('settings')
    })

  // The main process keeps one link waiting at a time; the window keeps a few at most, whatever arrives.
  useDeskDialEvent('pendingLink', (link) =>
    setLinks((current) => [...current.filter((pending) => pending.id !== link.id), link].slice(-MAX_SHOWN_LINKS))
  )
  useDeskDialEvent('hotkeyProblem', (change) => setHotkeyProblem(change.problem))
  useDeskDialEvent('navigate', (target) => {
    if (target !== 'quick-dial') setView(target)
  })

  useShortcuts({
    ...Object.fromEntries(VIEWS.map((entry) => [entry.shortcut, () => setView(entry.name)])),
    f: () => {
      if (view !== 'history') setView('contacts')
      setFocusField((count) => count + 1)
    },
    n: () => {
      setView('contacts')
      setDialog({ kind: 'edit-contact' })
    },
    d: () => {
      setView('calls')
      setFocusField((count) => count + 1)
    }
  })

  const showMessages = (callId: string, title: string) => setDialog({ kind: 'call-messages', callId, title })
  const liveCalls = calls.calls.filter((call) => !isFinalCallState(call.state)).length
  const pendingLink = links[0]

  return (
    <div className="workspace">
      <Navigation current={view} onChange={setView} liveCalls={liveCalls} />
      <main className="content">
        <NoticeBanner notice={settings.notice} />
        {demo.error && (
          <p className="form-error" role="alert">
            {demo.error}
          </p>
        )}
        {view !== 'calls' && <CallCards calls={calls} compact showMessages={showMessages} />}
        {view === 'calls' && <CallsView calls={calls} focusNumber={focusField} showMessages={showMessages} />}
        {view === 'contacts' && (
          <ContactsView
            contacts={contacts}
            dial={(target, contactId) => void calls.dial(target, contactId)}
            onNew={() => setDialog({ kind: 'edit-contact' })}
            onEdit={(contact) => setDialog({ kind: 'edit-contact', contact })}
            onDelete={(contact) => setDialog({ kind: 'delete-contact', contact })}
            focusSearch={focusField}
          />
        )}
        {view === 'history' && (
          <HistoryView
            history={history}
            redial={(record) => void calls.dial(record.target)}
            showMessages={(record) => showMessages(record.id, record.contactName ?? record.target)}
            onClear={() => setDialog({ kind: 'clear-history' })}
            focusSearch={focusField}
          />
        )}
        {view === 'settings' && (
          // A new form when the demo starts or ends: the account it edits is another.
          <SettingsPage
            key={settings.demo ? 'demo' : 'own'}
            view={settings}
            onSaved={onSettingsSaved}
            onLeaveDemo={leaveDemo}
            leavingDemo={demo.busy}
            focusAccount={openAccount}
          />
        )}
      </main>
      <RegistrationLine
        status={registration}
        user={settings.settings.account.user}
        deskPhone={settings.settings.account.line || undefined}
        hotkeyProblem={hotkeyProblem}
        demo={settings.demo !== undefined}
        onLeaveDemo={leaveDemo}
        leavingDemo={demo.busy}
      />
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="call-announcer">
        {calls.announcement}
      </div>
      {dialog?.kind === 'call-messages' && (
        <CallLadderDialog callId={dialog.callId} title={dialog.title} onClose={() => setDialog(undefined)} />
      )}
      {dialog?.kind === 'edit-contact' && (
        <ContactEditor
          contact={dialog.contact}
          onCancel={() => setDialog(undefined)}
          onSaved={() => {
            setDialog(undefined)
            void contacts.reload()
          }}
        />
      )}
      {dialog?.kind === 'delete-contact' && (
        <ConfirmDialog
          title={`Delete ${dialog.contact.name}?`}
          confirmLabel="Delete contact"
          onCancel={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined)
            void window.deskdial.deleteContact(dialog.contact.id).then(contacts.reload)
          }}
        >
          <p>
            {dialog.contact.name} and{' '}
            {dialog.contact.numbers.length === 1 ? 'their number' : `their ${dialog.contact.numbers.length} numbers`}{' '}
            will be removed from DeskDial. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'clear-history' && (
        <ConfirmDialog
          title="Clear the call history?"
          confirmLabel="Clear history"
          onCancel={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined)
            void history.clear()
          }}
        >
          <p>All {history.records?.length ?? 0} calls will be removed from the history. This cannot be undone.</p>
        </ConfirmDialog>
      )}
      {pendingLink && !dialog && (
        <LinkConfirmation
          key={pendingLink.id}
          link={pendingLink}
          onSettled={(link, result) => {
            forgetKept('pendingLink', (pending) => pending.id === link.id)
            setLinks((current) => current.filter((pending) => pending.id !== link.id))
            if (result?.ok) calls.label(result.callId, link.preview)
          }}
        />
      )}
    </div>
  )
}
