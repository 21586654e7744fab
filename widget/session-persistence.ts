import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadSession, removeSession, saveSession, type Saved } from './session.js';

/**
 * The conversation kept across page loads (sessionStorage, session.ts): restored once, before the other
 * controllers connect (the agent session resumes its relay stream from it), saved after each change, forgotten
 * on logout. The element says what to save and how to take a saved one back.
 */
export class SessionPersistence implements ReactiveController {
  private restored = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly key: () => string,
    private readonly snapshot: () => Saved,
    private readonly apply: (saved: Saved) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Takes the saved conversation back, the first time only. */
  restore(): void {
    if (this.restored) return;
    this.restored = true;
    const saved = loadSession(this.key());
    if (saved) this.apply(saved);
  }

  save(): void {
    saveSession(this.key(), this.snapshot());
  }

  /** Removes what this page saved (logout). */
  forget(): void {
    removeSession(this.key());
  }
}
