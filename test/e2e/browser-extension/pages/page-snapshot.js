/* global document, window */
// What the page was before the extension could touch it: the marking tests compare against it.
document.addEventListener('DOMContentLoaded', () => {
  window.before = {
    html: document.body.innerHTML,
    text: document.body.innerText,
    height: document.body.scrollHeight
  }
})
