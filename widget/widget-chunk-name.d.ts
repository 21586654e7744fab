/** The widget code's hashed file name, supplied by rollup.config.mjs when it builds the loader. */
declare module 'helpline:widget-chunk' {
  export const WIDGET_CHUNK: string;
}
