export type ViewName = 'calls' | 'contacts' | 'history' | 'settings'

export const VIEWS: { name: ViewName; label: string; shortcut: string }[] = [
  { name: 'calls', label: 'Calls', shortcut: '1' },
  { name: 'contacts', label: 'Contacts', shortcut: '2' },
  { name: 'history', label: 'History', shortcut: '3' },
  { name: 'settings', label: 'Settings', shortcut: '4' }
]
