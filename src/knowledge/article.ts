/** How urgently a topic needs a human: `urgent` articles also hand off when answered. */
export type Priority = 'urgent' | 'high' | 'normal';

/** One article in one language, as the bot serves it. */
export interface Article {
  id: string;
  lang: string;
  title: string;
  category: string;
  tags: string[];
  priority?: Priority;
  /** The article's page on the exchange's own help center (http or https). */
  url?: string;
  /** A popular topic, offered before the first question (featured in any language: featured in all). */
  featured?: boolean;
  /** Its rank among the most-asked articles in the report the pack was built with (1: asked most; `build --topics`). */
  popular?: number;
  /** The answer, in Markdown. */
  body: string;
}

/** An article as written by an editor: what the bot serves, plus the example questions that train it. */
export interface SourceArticle extends Article {
  questions: string[];
  /** Where it came from, for messages. */
  file: string;
}

/** A problem in a knowledge file, with its place. */
export interface Problem {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

/** Conversational intent definitions from `intents.yml`: examples train the classifier, replies answer. */
export type IntentsData = Record<string, { examples?: Record<string, string[]>; replies?: Record<string, string> }>;

export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal'];
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LANG_PATTERN = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;
