/** The widget code's hashed file names, supplied by rollup.config.mjs when it builds the loader. */
declare module 'helpline:widget-chunk' {
  export const WIDGET_CHUNK: string;
  /** The UI strings' chunk per UI language, lower-case (zh-tw), English excepted (it is in the widget code). */
  export const LOCALE_CHUNKS: Record<string, string>;
}
