/** Empties the loader's launcher from elements not yet upgraded: Lit renders into an existing shadow root and keeps what is there. */
for (const el of document.querySelectorAll('helpline-chat')) el.shadowRoot?.replaceChildren();
