/**
 * What the relay keeps, behind an interface small enough for another database (PostgreSQL, PGlite, SQLite)
 * to implement: conversations made from handoffs, their events, survey answers, and the queue of what still
 * has to be forwarded to the helpdesk. Every method that changes something resolves only once the change is
 * durable; texts arrive already redacted.
 */
import type { CleanHandoff } from './handoff-shape.js';

export type LiveState = 'queued' | 'connected' | 'closed';

/** One event of a conversation's stream (DESIGN.md, Relay). `id` counts up from 1 within a conversation. */
export interface RelayEvent {
  id: number;
  type: 'message' | 'status';
  from?: 'agent' | 'user' | 'system';
  name?: string;
  text?: string;
  state?: LiveState;
  at: string;
}

export interface Csat {
  score: number;
  comment?: string;
  at: string;
}

export interface Conversation {
  id: string;
  /** the visitor's bearer token for this conversation */
  token: string;
  /** the Idempotency-Key it was created with */
  key: string;
  handoff: CleanHandoff;
  events: RelayEvent[];
  state: LiveState;
  csat?: Csat;
  createdAt: string;
}

/** Something to forward to the helpdesk, in order. */
export interface Job {
  seq: number;
  kind: 'handoff' | 'event' | 'csat';
  conversation: string;
  body: Record<string, unknown>;
}

export interface RelayStore {
  /** `file` (the built-in log) or the database's name */
  readonly kind: string;
  byKey(key: string): Conversation | undefined;
  get(id: string): Conversation | undefined;
  /** Every conversation, oldest first. */
  list(): Conversation[];
  /** A new conversation for a handoff; queued for forwarding in the same durable write. */
  create(key: string, handoff: CleanHandoff): Promise<Conversation>;
  /** Adds an event (status events also set the state). A repeated `key` returns the first event. */
  addEvent(conversation: string, event: Omit<RelayEvent, 'id' | 'at'>, key?: string): Promise<RelayEvent>;
  /** The survey answer; a second answer replaces the first. */
  setCsat(conversation: string, csat: Omit<Csat, 'at'>): Promise<Csat>;
  /** Jobs not yet forwarded, oldest first. */
  pending(): Job[];
  /** Marks jobs as forwarded. */
  done(seqs: number[]): Promise<void>;
  /** True while the store can take writes. */
  healthy(): boolean;
  close(): Promise<void>;
}
