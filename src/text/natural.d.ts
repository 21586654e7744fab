declare module 'natural/lib/natural/stemmers/*.js' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/*.js' {
  export const words: string[];
}
