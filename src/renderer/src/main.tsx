import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MainWindow } from './app/main-window'
import { keepEventsForReplay } from './common/event-replay'
import { QuickDial } from './quick-dial/quick-dial'
import './styles/theme.css'
import './styles/layout.css'
import './styles/controls.css'
import './styles/views.css'
import './styles/ladder.css'
import './styles/line-state.css'

// The quick-dial window loads this same page with #quick-dial.
const isQuickDial = window.location.hash === '#quick-dial'
document.documentElement.dataset.window = isQuickDial ? 'quick-dial' : 'main'
if (!isQuickDial) keepEventsForReplay()

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>{isQuickDial ? <QuickDial /> : <MainWindow />}</StrictMode>
)
