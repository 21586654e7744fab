/** Kinds of secret that never leave the user's browser. */
export type SecretKind = 'mnemonic' | 'private-key' | 'extended-key' | 'wif' | 'card' | 'password' | 'code';

export interface Span {
  from: number;
  to: number;
  kind: SecretKind;
}

/** The spans that detectors found in one folded text. */
export class Found {
  readonly spans: Span[] = [];
  add(from: number, to: number, kind: SecretKind): void {
    if (to > from) this.spans.push({ from, to, kind });
  }
}
